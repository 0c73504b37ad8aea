using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages.Audit;

/// <summary>Any case in the partnership, found by prison number, or the newest ones.</summary>
public sealed class AuditCasesModel(IRuntimeStore store) : DesignerPage
{
    [FromQuery]
    public string? PrisonNumber { get; set; }

    public CaseList Cases { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Cases = await CaseSearch.FindAsync(store, PrisonNumber, cancellationToken)
            ?? new CaseList("The newest cases", "There are no cases yet.", await store.ListInstancesAsync(new InstanceQuery(Take: 50), cancellationToken));
}
