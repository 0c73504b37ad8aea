using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Queries;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages;

/// <summary>
/// An agency's outstanding actions (overdue, due today, due this week, later, waiting for a date), a
/// page at a time, earliest due first, and a search by prison number:
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

    /// <summary>Which page of the caseload to show, from 1.</summary>
    [FromQuery(Name = "page")]
    public int PageNumber { get; set; } = 1;

    /// <summary>How many actions one page lists.</summary>
    public const int PageSize = 50;

    public Caseload? Caseload { get; private set; }

    /// <summary>How many pages the caseload fills.</summary>
    public int Pages => Caseload is null ? 0 : Math.Max(1, (Caseload.Counts.Total + PageSize - 1) / PageSize);

    /// <summary>Whether the actions of a group (by its id on the page) that this page does not list come before it, in the order of due times.</summary>
    public bool IsOnAnEarlierPage(string group)
    {
        if (Caseload is not { } caseload)
        {
            return false;
        }

        string[] order = ["overdue", "due-today", "due-this-week", "later", "waiting"];
        var listed = new[] { caseload.Overdue, caseload.DueToday, caseload.DueSoon, caseload.Later, caseload.Waiting };
        var first = Array.FindIndex(listed, items => items.Count > 0);
        return first >= 0 && Array.IndexOf(order, group) < first;
    }

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
            // Any page number in the address reads as a page that exists: none before the first, the last for one after it.
            PageNumber = Math.Clamp(PageNumber, 1, int.MaxValue / PageSize);
            Caseload = await runtime.Queries.GetCaseloadAsync(partnership, Agency, 7, (PageNumber - 1) * PageSize, PageSize, cancellationToken);
            if (Caseload.Count == 0 && PageNumber > Pages)
            {
                PageNumber = Pages;
                Caseload = await runtime.Queries.GetCaseloadAsync(partnership, Agency, 7, (PageNumber - 1) * PageSize, PageSize, cancellationToken);
            }
        }
    }
}
