using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime.Engine;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages;

/// <summary>A caseworker's agency's outstanding actions (overdue, due today, due this week) and a search by prison number.</summary>
public sealed class CaseloadModel(PathwayRuntime runtime, IRuntimeStore store, CaseClock clock) : DesignerPage
{
    [FromQuery]
    public string? PrisonNumber { get; set; }

    public Caseload? Caseload { get; private set; }

    public CaseList? Found { get; private set; }

    public CaseClock Clock => clock;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Found = await CaseSearch.FindAsync(store, PrisonNumber, cancellationToken);
        if (Me is { Partnership: { } partnership, Agency: { } agency })
        {
            Caseload = await runtime.GetCaseloadAsync(partnership, agency, 7, cancellationToken);
        }
    }
}
