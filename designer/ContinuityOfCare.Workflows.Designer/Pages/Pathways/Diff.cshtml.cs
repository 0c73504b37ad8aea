using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diff;
using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages.Pathways;

/// <summary>Two published versions compared: every change in behaviour in words, then the text line by line.</summary>
public sealed class DiffModel(IPathwayVersionStore versions) : DesignerPage
{
    public sealed record Line(string Kind, string Mark, string Text);

    [FromRoute]
    public string Id { get; set; } = "";

    [FromQuery]
    public int From { get; set; }

    [FromQuery]
    public int To { get; set; }

    public string SemanticHtml { get; private set; } = "";

    public List<Line> TextLines { get; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var partnership = (await versions.ListVersionsAsync(Id, Me.Partnership, cancellationToken)).FirstOrDefault()?.Partnership;
        var older = partnership is null ? null : await versions.GetContentAsync(Id, partnership, From, cancellationToken);
        var newer = partnership is null ? null : await versions.GetContentAsync(Id, partnership, To, cancellationToken);
        if (older is null || newer is null)
        {
            return NotFound();
        }

        var diff = PathwayDiffer.Compare(DefinitionJson.FromJson(older.DefinitionJson), DefinitionJson.FromJson(newer.DefinitionJson), $"{Id} version {From}", $"{Id} version {To}");
        SemanticHtml = DiffReport.Html(diff);
        foreach (var line in TextDiff.WithContext(TextDiff.Compare(older.SourceText, newer.SourceText)))
        {
            TextLines.Add(line.Mark switch
            {
                '+' => new Line("added", "+", line.Text),
                '-' => new Line("removed", "−", line.Text),
                '…' => new Line("gap", "…", line.Text),
                _ => new Line("kept", " ", line.Text),
            });
        }

        return Page();
    }
}
