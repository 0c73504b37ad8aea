using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Text;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages.Pathways;

/// <summary>
/// Writing a pathway: the text in the editor (a plain form without scripts), checked live and drawn
/// beside it; saving a draft; publishing with a change note.
/// </summary>
public sealed class EditModel(PathwayPublisher publisher, IPathwayVersionStore versions) : DesignerPage
{
    [FromRoute]
    public string Id { get; set; } = "";

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    /// <summary>The diagnostics of the text as the server last compiled it, for readers without scripts.</summary>
    public List<string> Diagnostics { get; } = [];

    public PathwayDefinition? Definition { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var partnership = Me.Partnership!;
        var draft = await publisher.GetDraftAsync(Id, partnership, cancellationToken);
        if (draft is not null)
        {
            Text = draft.Text;
        }
        else if (await versions.FindLatestAsync(Id, partnership, cancellationToken) is { } latest)
        {
            Text = (await versions.GetContentAsync(Id, partnership, latest.Number, cancellationToken))?.SourceText;
        }
        else
        {
            return NotFound();
        }

        await CompileAsync(listErrors: false, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(CancellationToken cancellationToken)
    {
        var source = Source();
        if (await CompileAsync(listErrors: false, cancellationToken) is { } definition && (definition.Id != Id || definition.Partnership != Me.Partnership))
        {
            Errors["pathway-text"] = $"The text is pathway '{definition.Id}' of '{definition.Partnership}'; a draft of '{Id}' in '{Me.Partnership}' must say so.";
            return Page();
        }

        var saved = await publisher.SaveDraftAsync(source, Me.UserName, cancellationToken);
        var errors = saved.Diagnostics.Count(d => d.Severity == DiagnosticSeverity.Error);
        return Reload(errors == 0 ? "Draft saved. It has no errors." : $"Draft saved. It has {Plural(errors, "error")} to fix before it can be published.", $"/pathways/{Id}/edit");
    }

    public async Task<IActionResult> OnPostPublishAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Note))
        {
            Errors["note"] = "Enter a change note saying what changed in this version";
        }

        var definition = await CompileAsync(listErrors: true, cancellationToken);
        if (definition is not null && PathwayPublisher.PartnershipMismatch(definition, Me.Partnership!) is { } mismatch)
        {
            Errors["pathway-text"] = mismatch;
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var result = await publisher.PublishAsync(Source(), Me.UserName, Note!.Trim(), Me.Partnership, cancellationToken);
        return result.Outcome switch
        {
            PublishOutcome.Published => Reload($"Version {result.Version!.Number} of {result.Version.PathwayId} published.", $"/pathways/{result.Version.PathwayId}"),
            PublishOutcome.AlreadyPublished => Reload(result.Message, $"/pathways/{result.Version!.PathwayId}"),
            _ => Page(),
        };
    }

    private SourceText Source() => new(Text ?? "", $"{Id}.pathway");

    /// <summary>Compiles the text; lists its diagnostics, and with <paramref name="listErrors"/> puts its errors in the error summary.</summary>
    private async Task<PathwayDefinition?> CompileAsync(bool listErrors, CancellationToken cancellationToken)
    {
        var compiled = await publisher.CompileAsync(Source(), Me.Partnership, cancellationToken);
        foreach (var d in compiled.Diagnostics)
        {
            var line = $"Line {d.Start.Line}, column {d.Start.Column}: {d.Code} {d.Message}";
            Diagnostics.Add(line);
            if (listErrors && d.Severity == DiagnosticSeverity.Error && !Errors.ContainsKey("pathway-text"))
            {
                Errors["pathway-text"] = $"The pathway has errors. {line}";
            }
        }

        Definition = compiled.Succeeded ? compiled.Definition : null;
        return compiled.Definition;
    }

    private static string Plural(int n, string word) => n == 1 ? $"1 {word}" : $"{n} {word}s";
}
