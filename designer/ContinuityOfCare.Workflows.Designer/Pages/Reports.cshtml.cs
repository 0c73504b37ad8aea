using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using Microsoft.AspNetCore.Mvc;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Designer.Pages;

/// <summary>The outcome figures of one pathway for a period: the continuity indicator, the funnel and deadline compliance.</summary>
public sealed class ReportsModel(ReportService reports, PathwayPublisher publisher, CaseClock clock) : DesignerPage
{
    [FromQuery]
    public string? Pathway { get; set; }

    [FromQuery]
    public string? From { get; set; }

    [FromQuery]
    public string? To { get; set; }

    public List<string> Pathways { get; } = [];

    public OutcomeReports? Reports { get; private set; }

    /// <summary>How many of the cases left out of the indicator the page lists; the CSV download has them all.</summary>
    public const int ExcludedShown = 100;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var listed = await publisher.ListVersionsAsync(partnership: Me.Partnership, cancellationToken: cancellationToken);
        Pathways.AddRange(listed.Select(l => l.Version.PathwayId).Distinct().Order(StringComparer.Ordinal));
        Pathway ??= Pathways.FirstOrDefault();
        var today = clock.Now.InZone(CaseClock.Zone(null)).Date;
        var to = LocalDatePattern.Iso.Parse(To ?? "") is { Success: true } t ? t.Value : today.PlusDays(1);
        var from = LocalDatePattern.Iso.Parse(From ?? "") is { Success: true } f ? f.Value : to.PlusYears(-1);
        (From, To) = (LocalDatePattern.Iso.Format(from), LocalDatePattern.Iso.Format(to));
        var partnership = listed.FirstOrDefault(l => l.Version.PathwayId == Pathway)?.Version.Partnership;
        if (Pathway is null || partnership is null)
        {
            return;
        }

        try
        {
            Reports = await reports.AllAsync(new ReportRequest(partnership, Pathway, from, to), new CasePage(IndicatorResult.Excluded, 0, ExcludedShown), cancellationToken);
        }
        catch (ReportRequestException wrong)
        {
            Errors["from"] = wrong.Message;
        }
    }
}
