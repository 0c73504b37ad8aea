using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Authoring;
using Microsoft.AspNetCore.Mvc;
using NodaTime;

namespace ContinuityOfCare.Workflows.Designer.Pages.Pathways;

/// <summary>One pathway: its versions with their status and running cases, its draft, and a choice of two versions to compare.</summary>
public sealed class PathwayModel(PathwayPublisher publisher) : DesignerPage
{
    [FromRoute]
    public string Id { get; set; } = "";

    public IReadOnlyList<VersionListing> Versions { get; private set; } = [];

    public PathwayDraft? Draft { get; private set; }

    /// <summary>For a local protocol written as changes to a base, the base and its own changes (of the latest version).</summary>
    public LocalChanges? Local { get; private set; }

    public string LocalHtml => Local is null ? "" : Definitions.Diff.DiffReport.Html(Local.Changes);

    public string SavedAt => Draft is null ? "" : When(Draft.SavedAt);

    public string When(Instant at) => CaseClock.At(at, null);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadPermissionsAsync();
        Versions = [.. (await publisher.ListVersionsAsync(Id, Me.Partnership, cancellationToken)).OrderBy(v => v.Version.Number)];
        if (Versions.Count == 0)
        {
            return NotFound();
        }

        Draft = MayAuthor ? await publisher.GetDraftAsync(Id, Me.Partnership!, cancellationToken) : null;
        var latest = Versions[^1].Version;
        Local = await publisher.LocalChangesAsync(Id, latest.Partnership, latest.Number, cancellationToken);
        return Page();
    }
}
