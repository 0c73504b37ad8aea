using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Designer.Pages;

/// <summary>The start page: what the signed-in user's role is for, and for a caseworker, how their caseload stands.</summary>
public sealed class IndexModel(PathwayRuntime runtime) : DesignerPage
{
    public CaseloadCounts? Caseload { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadPermissionsAsync();
        if (MayCasework && Me is { Partnership: { } partnership, Agency: { } agency })
        {
            Caseload = await runtime.Queries.CountCaseloadAsync(partnership, agency, 7, cancellationToken);
        }
    }
}
