using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diagrams;
using ContinuityOfCare.Workflows.Definitions.Diff;
using ContinuityOfCare.Workflows.Definitions.Export;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Text;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using ContinuityOfCare.Workflows.Server.Security;

namespace ContinuityOfCare.Workflows.Server.Pathways;

/// <summary>A pathway text sent to be checked.</summary>
public sealed record CheckRequest(string? Text, string? FileName);

/// <summary>A suggested fix: replace the text between two positions (1-based; the end is exclusive) with the replacement.</summary>
public sealed record FixResponse(string Title, int Line, int Column, int EndLine, int EndColumn, string Replacement);

/// <summary>One diagnostic, with its code, position (1-based line and column; the end is exclusive), message and suggested fix.</summary>
public sealed record DiagnosticResponse(string Code, string Severity, string Message, int Line, int Column, int EndLine, int EndColumn, FixResponse? Fix);

/// <summary>What checking a pathway found: every diagnostic, and the content hash when it compiles.</summary>
public sealed record CheckResponse(bool Compiles, string? PathwayId, string? ContentHash, IReadOnlyList<DiagnosticResponse> Diagnostics);

/// <summary>A published version as listed.</summary>
public sealed record VersionResponse(
    string PathwayId, string Partnership, int Number, string ContentHash, string Author, DateTimeOffset PublishedAt, string Note,
    bool Current, bool Retracted, int RunningCases);

/// <summary>
/// Reading pathways: published versions, one version with its definition, exports, and comparing two
/// versions. Anyone signed in reads their own partnership's pathways (an administrator, every
/// partnership's); the data layer hides the rest, so another partnership's pathway is not found.
/// </summary>
public static class PathwayEndpoints
{
    /// <summary>The largest request body accepted (a pathway of a few thousand states fits comfortably).</summary>
    public const long MaxRequestBytes = 2 * 1024 * 1024;

    public static void MapPathwayEndpoints(this IEndpointRouteBuilder app)
    {
        var pathways = app.MapGroup("/api/pathways").WithTags("Pathways").RequireAuthorization(Policies.Read);
        pathways.MapGet("/", ListAsync).WithSummary("The published versions of every pathway in your partnership, with the cases running on each.");
        pathways.MapGet("/{pathwayId}/versions/{number:int}", GetVersionAsync).WithSummary("One published version: its details, its source text and its compiled definition.");
        pathways.MapGet("/{pathwayId}/versions/{number:int}/export", ExportAsync)
            .WithSummary("One published version exported: format=mermaid (a state diagram), elsa (an Elsa 3 workflow definition), fhir (a FHIR R4 PlanDefinition) or json (the compiled definition).");
        pathways.MapGet("/{pathwayId}/diff", DiffAsync).WithSummary("Compare two published versions: every change in behaviour, as json, markdown, html or text.");
        app.MapAuthoringEndpoints();
    }

    private static async Task<Ok<List<VersionResponse>>> ListAsync(PathwayPublisher publisher, string? pathwayId, string? partnership, CancellationToken cancellationToken)
    {
        var listed = await publisher.ListVersionsAsync(pathwayId, partnership, cancellationToken);
        return TypedResults.Ok(listed.Select(l => new VersionResponse(
            l.Version.PathwayId, l.Version.Partnership, l.Version.Number, l.Version.ContentHash, l.Version.Author,
            l.Version.PublishedAt.ToDateTimeOffset(), l.Version.Note, l.IsCurrent, l.Version.IsRetracted, l.RunningInstances)).ToList());
    }

    internal static async Task<IResult> GetVersionAsync(IPathwayVersionStore versions, string pathwayId, int number, string? partnership, CancellationToken cancellationToken)
    {
        var version = await FindAsync(versions, pathwayId, partnership, number, cancellationToken);
        var content = await versions.GetContentAsync(version.PathwayId, version.Partnership, version.Number, cancellationToken);
        return Results.Json(new
        {
            version.PathwayId,
            version.Partnership,
            version.Number,
            version.ContentHash,
            version.Author,
            PublishedAt = version.PublishedAt.ToDateTimeOffset(),
            version.Note,
            Retracted = version.IsRetracted,
            content!.SourceText,
            Definition = System.Text.Json.JsonDocument.Parse(content.DefinitionJson).RootElement,
        });
    }

    private static async Task<IResult> ExportAsync(
        IPathwayVersionStore versions, IConfiguration configuration, string pathwayId, int number, string? partnership, string? format, CancellationToken cancellationToken)
    {
        if (format is not ("mermaid" or "elsa" or "fhir" or "json"))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["format"] = ["The format is mermaid, elsa, fhir or json."] });
        }

        var version = await FindAsync(versions, pathwayId, partnership, number, cancellationToken);
        var definition = await DefinitionAsync(versions, version, cancellationToken);
        return format switch
        {
            "mermaid" => Results.Text(MermaidDiagram.Write(definition), "text/plain; charset=utf-8"),
            "elsa" => Results.Text(ElsaExporter.Export(definition, version.ContentHash, new ElsaExportOptions(Version: version.Number)), "application/json; charset=utf-8"),
            "fhir" => Interop.FhirEndpoints.PlanDefinition(definition, version, configuration),
            _ => Results.Text(DefinitionJson.ToIndentedJson(definition), "application/json; charset=utf-8"),
        };
    }

    private static async Task<IResult> DiffAsync(
        IPathwayVersionStore versions, string pathwayId, string? partnership, int? from, int? to, string? format, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (from is null or < 1)
        {
            errors["from"] = ["Say which version to compare from (a version number)."];
        }

        if (to is null or < 1)
        {
            errors["to"] = ["Say which version to compare with (a version number)."];
        }

        if (format is not (null or "json" or "markdown" or "html" or "text"))
        {
            errors["format"] = ["The format is json (the default), markdown, html or text."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var older = await FindAsync(versions, pathwayId, partnership, from!.Value, cancellationToken);
        var newer = await FindAsync(versions, pathwayId, older.Partnership, to!.Value, cancellationToken);
        var diff = PathwayDiffer.Compare(
            await DefinitionAsync(versions, older, cancellationToken),
            await DefinitionAsync(versions, newer, cancellationToken),
            $"{pathwayId} version {older.Number}",
            $"{pathwayId} version {newer.Number}");
        return format switch
        {
            "markdown" => Results.Text(DiffReport.Markdown(diff), "text/markdown; charset=utf-8"),
            "html" => Results.Text(DiffReport.Html(diff), "text/html; charset=utf-8"),
            "text" => Results.Text(DiffReport.Text(diff), "text/plain; charset=utf-8"),
            _ => Results.Text(DiffReport.Json(diff), "application/json; charset=utf-8"),
        };
    }

    private static async Task<PathwayDefinition> DefinitionAsync(IPathwayVersionStore versions, Runtime.Model.PathwayVersion version, CancellationToken cancellationToken) =>
        DefinitionJson.FromJson((await versions.GetContentAsync(version.PathwayId, version.Partnership, version.Number, cancellationToken))!.DefinitionJson);

    /// <summary>A published version; the partnership may be left out when the pathway id is published in only one.</summary>
    internal static async Task<Runtime.Model.PathwayVersion> FindAsync(
        IPathwayVersionStore versions, string pathwayId, string? partnership, int number, CancellationToken cancellationToken)
    {
        var listed = await versions.ListVersionsAsync(pathwayId, partnership, cancellationToken);
        var partnerships = listed.Select(v => v.Partnership).Distinct(StringComparer.Ordinal).ToList();
        if (partnerships.Count > 1)
        {
            throw new FieldValidationException(new Dictionary<string, string>
            {
                ["partnership"] = $"Pathway '{pathwayId}' is published in {partnerships.Count} partnerships; say which.",
            });
        }

        return listed.FirstOrDefault(v => v.Number == number)
            ?? throw new NotFoundException($"There is no version {number} of pathway '{pathwayId}'" + (partnership is null ? "." : $" in '{partnership}'."));
    }

    /// <summary>A diagnostic with its fix's span as lines and columns of the text it was found in.</summary>
    internal static DiagnosticResponse ToResponse(Diagnostic d, SourceText source)
    {
        FixResponse? fix = null;
        if (d.Fix is { } suggested)
        {
            var (start, end) = (source.GetPosition(suggested.Span.Start), source.GetPosition(suggested.Span.End));
            fix = new FixResponse(suggested.Title, start.Line, start.Column, end.Line, end.Column, suggested.Replacement);
        }

        return new(d.Code, d.Severity.ToString().ToLowerInvariant(), d.Message, d.Start.Line, d.Start.Column, d.End.Line, d.End.Column, fix);
    }
}
