using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Authoring;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages.Pathways;

/// <summary>Stopping new cases starting on a published version, with the reason; cases already running on it carry on.</summary>
public sealed class RetractModel(PathwayPublisher publisher) : DesignerPage
{
    [FromRoute]
    public string Id { get; set; } = "";

    [FromRoute]
    public int Number { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public VersionListing? Listing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await FindAsync(cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!await FindAsync(cancellationToken))
        {
            return NotFound();
        }

        if (string.IsNullOrWhiteSpace(Reason))
        {
            Errors["reason"] = "Say why no new case should start on this version";
            return Page();
        }

        try
        {
            await publisher.RetractAsync(Id, Me.Partnership!, Number, Me.UserName, Reason.Trim(), cancellationToken);
        }
        catch (RuntimeException refused)
        {
            Errors["reason"] = refused.Message;
            return Page();
        }

        return Reload($"Version {Number} of {Id} is retracted: new cases no longer start on it.", $"/pathways/{Id}");
    }

    private async Task<bool> FindAsync(CancellationToken cancellationToken)
    {
        Listing = (await publisher.ListVersionsAsync(Id, Me.Partnership, cancellationToken)).FirstOrDefault(v => v.Version.Number == Number);
        return Listing is not null;
    }
}
