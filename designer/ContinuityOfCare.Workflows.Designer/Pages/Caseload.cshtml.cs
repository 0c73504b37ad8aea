using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Queries;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages;

/// <summary>
/// An agency's outstanding actions (overdue, due today, due this week) and a search by prison number:
/// a caseworker's own agency, or, for a lead or an auditor, the agency they choose.
/// </summary>
public sealed class CaseloadModel(PathwayRuntime runtime, IRuntimeStore store, CaseClock clock, PathwayPublisher publisher) : DesignerPage
{
    [FromQuery]
    public string? PrisonNumber { get; set; }

    /// <summary>The agency whose caseload to show (a caseworker always sees their own).</summary>
    [FromQuery]
    public string? Agency { get; set; }

    /// <summary>The partnership's agencies, for a lead or an auditor to choose from.</summary>
    public List<string> Agencies { get; } = [];

    public Caseload? Caseload { get; private set; }

    public CaseList? Found { get; private set; }

    public CaseClock Clock => clock;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Found = await CaseSearch.FindAsync(store, PrisonNumber, cancellationToken);
        if (Me.Partnership is not { } partnership)
        {
            return;
        }

        if (Me.Agency is { } own)
        {
            Agency = own;
        }
        else
        {
            Agencies.AddRange(await publisher.AgenciesAsync(partnership, cancellationToken));
            Agency = Agencies.Contains(Agency ?? "") ? Agency : null;
        }

        if (Agency is not null)
        {
            Caseload = await runtime.Queries.GetCaseloadAsync(partnership, Agency, 7, cancellationToken);
        }
    }
}
