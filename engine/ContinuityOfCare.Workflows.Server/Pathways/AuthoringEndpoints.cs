using ContinuityOfCare.Workflows.Runtime.Cases;
using System.Collections.Immutable;
using System.Security.Claims;
using ContinuityOfCare.Workflows.Definitions.Diagrams;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Text;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Migration;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;

namespace ContinuityOfCare.Workflows.Server.Pathways;

/// <summary>A pathway text sent to be published, with the change note readers of the version list will see.</summary>
public sealed record PublishRequest(string? Text, string? Note, string? FileName);

public sealed record RetractRequest(string? Reason);

public sealed record DraftRequest(string? Text);

/// <summary>A migration of running cases: the versions, the states the plan maps, and whether only to try it.</summary>
public sealed record MigrationRequest(int? From, int? To, Dictionary<string, string>? States, bool DryRun = true);

/// <summary>What a preview of a pathway text gives the editor: diagnostics and, when it compiles, its diagram.</summary>
public sealed record PreviewResponse(bool Compiles, string? PathwayId, string? Mermaid, IReadOnlyList<PreviewState> States, IReadOnlyList<DiagnosticResponse> Diagnostics);

/// <summary>A state of the previewed pathway, with the id of its node in the Mermaid diagram.</summary>
public sealed record PreviewState(string Id, string Title, string MermaidId);

/// <summary>
/// Authoring: checking and previewing a text as it is written (anyone signed in), and, for a
/// partnership lead, drafts, publishing, retracting, and moving running cases onto a new version.
/// A lead works only on their own partnership's pathways; a text that names another partnership is
/// refused.
/// </summary>
public static class AuthoringEndpoints
{
    public static void MapAuthoringEndpoints(this IEndpointRouteBuilder app)
    {
        var pathways = app.MapGroup("/api/pathways").WithTags("Authoring");
        pathways.MapPost("/check", Check).RequireAuthorization(Policies.Read)
            .WithSummary("Check a pathway text: every diagnostic with its code, line, column and suggested fix. 422 when it has errors.");
        pathways.MapPost("/preview", Preview).RequireAuthorization(Policies.Read)
            .WithSummary("Check a pathway text and, when it compiles, draw it: a Mermaid state diagram and its states. 422 when it has errors.");
        pathways.MapPost("/", PublishAsync).RequireAuthorization(Policies.Author)
            .WithSummary("Publish a pathway text as the next version in your partnership (201), or say it is already published (200). 422 when it has errors.");
        pathways.MapPost("/{pathwayId}/versions/{number:int}/retract", RetractAsync).RequireAuthorization(Policies.Author)
            .WithSummary("Stop new cases starting on a version; cases running on it carry on.");
        pathways.MapPut("/{pathwayId}/draft", SaveDraftAsync).RequireAuthorization(Policies.Author)
            .WithSummary("Keep a draft of the pathway (it may have errors); nothing runs on a draft.");
        pathways.MapGet("/{pathwayId}/draft", GetDraftAsync).RequireAuthorization(Policies.Author)
            .WithSummary("The pathway's draft, with its diagnostics.");
        pathways.MapPost("/{pathwayId}/migrations", MigrateAsync).RequireAuthorization(Policies.Author)
            .WithSummary("Move the running cases of one version onto another: try it (dryRun, the default) or apply it. The answer counts the cases by move and by refusal, and lists them a page at a time (skip, take: 1 to 1000, 100 by default).");
    }

    private static async Task<IResult> Check(CheckRequest request, ClaimsPrincipal user, PathwayPublisher publisher, CancellationToken cancellationToken)
    {
        if (await CompileAsync(request, user, publisher, cancellationToken) is not ({ } compiled, var diagnostics))
        {
            return NoText("check");
        }

        return compiled.Succeeded
            ? TypedResults.Ok(new CheckResponse(true, compiled.Definition?.Id, compiled.ContentHash, diagnostics))
            : Unprocessable(diagnostics);
    }

    private static async Task<IResult> Preview(CheckRequest request, ClaimsPrincipal user, PathwayPublisher publisher, CancellationToken cancellationToken)
    {
        if (await CompileAsync(request, user, publisher, cancellationToken) is not ({ } compiled, var diagnostics))
        {
            return NoText("preview");
        }

        if (!compiled.Succeeded || compiled.Definition is not { } definition)
        {
            return Unprocessable(diagnostics);
        }

        var nodes = MermaidDiagram.NodeIds(definition);
        return TypedResults.Ok(new PreviewResponse(
            true, definition.Id, MermaidDiagram.Write(definition), [.. definition.States.Select(s => new PreviewState(s.Id, s.Title, nodes[s.Id]))], diagnostics));
    }

    private static async Task<IResult> PublishAsync(PublishRequest request, ClaimsPrincipal user, PathwayPublisher publisher, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Text))
        {
            errors["text"] = ["Send the pathway text to publish."];
        }

        if (string.IsNullOrWhiteSpace(request.Note))
        {
            errors["note"] = ["Say what changed in this version; the note is shown beside it in the version list."];
        }
        else if (InputLimits.Problem(request.Note, InputLimits.Note, multiLine: true) is { } badNote)
        {
            errors["note"] = [badNote];
        }

        if (InputLimits.Problem(request.FileName, InputLimits.Identifier) is { } badFileName)
        {
            errors["fileName"] = [badFileName];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = Caller.From(user);
        var source = new SourceText(request.Text!, request.FileName ?? "pathway.pathway");
        var result = await publisher.PublishAsync(source, caller.UserName, request.Note!.Trim(), caller.Partnership, cancellationToken);
        return result.Outcome switch
        {
            PublishOutcome.Published => TypedResults.Created($"/api/pathways/{result.Version!.PathwayId}/versions/{result.Version.Number}", Published(result)),
            PublishOutcome.AlreadyPublished => TypedResults.Ok(Published(result)),
            _ => Unprocessable([.. result.Diagnostics.Select(d => PathwayEndpoints.ToResponse(d, source))]),
        };
    }

    private static async Task<IResult> RetractAsync(
        string pathwayId, int number, RetractRequest request, ClaimsPrincipal user, PathwayPublisher publisher, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = ["Say why no new case should start on this version."] });
        }

        if (InputLimits.Problem(request.Reason, InputLimits.Note, multiLine: true) is { } badReason)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["reason"] = [badReason] });
        }

        var caller = Caller.From(user);
        var retracted = await publisher.RetractAsync(pathwayId, caller.Partnership!, number, caller.UserName, request.Reason.Trim(), cancellationToken);
        return TypedResults.Ok(new
        {
            retracted.PathwayId,
            retracted.Partnership,
            retracted.Number,
            RetractedBy = retracted.Retraction?.By,
            RetractedAt = retracted.Retraction?.At.ToDateTimeOffset(),
            Reason = retracted.Retraction?.Reason,
        });
    }

    private static async Task<IResult> SaveDraftAsync(string pathwayId, DraftRequest request, ClaimsPrincipal user, PathwayPublisher publisher, CancellationToken cancellationToken)
    {
        if (request.Text is null)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = ["Send the draft's text."] });
        }

        var caller = Caller.From(user);
        var source = new SourceText(request.Text, $"{pathwayId}.pathway");
        var compiled = await publisher.CompileAsync(source, caller.Partnership, cancellationToken);
        if (compiled.Definition is { } definition && (definition.Id != pathwayId || definition.Partnership != caller.Partnership))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["text"] = [$"The text is pathway '{definition.Id}' of '{definition.Partnership}'; a draft of '{pathwayId}' in '{caller.Partnership}' must say so."],
            });
        }

        var saved = await publisher.SaveDraftAsync(source, caller.UserName, cancellationToken);
        return TypedResults.Ok(new
        {
            saved.Draft.PathwayId,
            saved.Draft.SavedBy,
            SavedAt = saved.Draft.SavedAt.ToDateTimeOffset(),
            Diagnostics = saved.Diagnostics.Select(d => PathwayEndpoints.ToResponse(d, source)).ToList(),
        });
    }

    private static async Task<IResult> GetDraftAsync(string pathwayId, ClaimsPrincipal user, PathwayPublisher publisher, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var draft = await publisher.GetDraftAsync(pathwayId, caller.Partnership!, cancellationToken)
            ?? throw new NotFoundException($"There is no draft of pathway '{pathwayId}'.");
        var source = new SourceText(draft.Text, $"{pathwayId}.pathway");
        return TypedResults.Ok(new
        {
            draft.PathwayId,
            draft.Text,
            draft.SavedBy,
            SavedAt = draft.SavedAt.ToDateTimeOffset(),
            Diagnostics = (await publisher.CompileAsync(source, caller.Partnership, cancellationToken)).Diagnostics.Select(d => PathwayEndpoints.ToResponse(d, source)).ToList(),
        });
    }

    private static async Task<IResult> MigrateAsync(
        string pathwayId, MigrationRequest request, int? skip, int? take, ClaimsPrincipal user, PathwayRuntime runtime, IDefinitionCatalog catalog, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (skip is < 0)
        {
            errors["skip"] = ["How many cases to pass over before the page: 0 or more."];
        }

        if (take is < 1 or > MaxCasesPage)
        {
            errors["take"] = [$"How many cases to list: 1 to {MaxCasesPage}."];
        }

        if (request.From is null or < 1)
        {
            errors["from"] = ["Say which version the cases run on now (a version number)."];
        }

        if (request.To is null or < 1)
        {
            errors["to"] = ["Say which version to move them to (a version number)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var caller = Caller.From(user);
        var file = new MigrationPlanFile(pathwayId, caller.Partnership!, request.From!.Value, request.To!.Value,
            (request.States ?? []).ToImmutableDictionary(StringComparer.Ordinal));
        var plan = await file.ToPlanAsync(catalog, cancellationToken);
        var resolved = await runtime.Migrations.ResolveAsync(plan, cancellationToken);
        var report = await runtime.Migrations.MigrateAllAsync(resolved, request.DryRun, caller.Manager, cancellationToken);
        return TypedResults.Ok(new
        {
            report.DryRun,
            report.Moved,
            report.Movable,
            report.Refused,
            report.Blocked,
            Mappings = resolved.Mappings,
            report.Moves,
            report.Refusals,
            CaseCount = report.Cases.Length,
            Skip = skip ?? 0,
            Take = take ?? DefaultCasesPage,
            Cases = report.Cases.Skip(skip ?? 0).Take(take ?? DefaultCasesPage),
        });
    }

    /// <summary>How many cases a migration's answer lists by default, and at most (its summary counts them all).</summary>
    private const int DefaultCasesPage = 100, MaxCasesPage = 1000;

    /// <summary>A text sent to be checked or previewed, compiled, with its diagnostics as responses; null when no text was sent.</summary>
    private static async Task<(CompilationResult Compiled, List<DiagnosticResponse> Diagnostics)?> CompileAsync(CheckRequest request, ClaimsPrincipal user, PathwayPublisher publisher, CancellationToken cancellationToken)
    {
        if (request.Text is null)
        {
            return null;
        }

        var source = new SourceText(request.Text, request.FileName ?? "pathway.pathway");
        var compiled = await publisher.CompileAsync(source, Caller.From(user).Partnership, cancellationToken);
        return (compiled, [.. compiled.Diagnostics.Select(d => PathwayEndpoints.ToResponse(d, source))]);
    }

    private static IResult NoText(string verb) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["text"] = [$"Send the pathway text to {verb}."] });

    private static object Published(PublishResult result) => new
    {
        Outcome = result.Outcome.ToString(),
        result.Message,
        result.Version!.PathwayId,
        result.Version.Partnership,
        result.Version.Number,
        result.Version.ContentHash,
    };

    private static ProblemHttpResult Unprocessable(IReadOnlyList<DiagnosticResponse> diagnostics)
    {
        var errors = diagnostics.Count(d => d.Severity == "error");
        return TypedResults.Problem(
            title: "The pathway has errors",
            detail: errors == 1 ? "The pathway has 1 error." : $"The pathway has {errors} errors.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["diagnostics"] = diagnostics });
    }
}
