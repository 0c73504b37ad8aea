using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Reports;

/// <summary>The rules of the figures, held on each store (in memory here; SQLite and PostgreSQL in the persistence tests).</summary>
public abstract class ComplianceAndTimeInStateBehaviour(IReportStoreMaker maker) : ReportStores(maker)
{
    [Fact]
    public async Task EachDeadlineCountsOnceAsOnTimeLateBreachedOpenOrCancelled()
    {
        // report-contact is due 2 days after release (cjit); offer-appointment 3 days after referral (treatment).
        var p = await NewAsync("2026-05-04 09:00");
        var onTime = await p.PersonAsync("released");
        var late = await p.PersonAsync("released");
        var breached = await p.PersonAsync("released");
        var cancelled = await p.PersonAsync("released", "referral-received");
        await CompleteAsync(p, onTime, "report-contact", "cjit", "2026-05-04 10:00");
        await p.Harness.RunUntilAsync("2026-05-05 09:00");
        await p.RaiseAsync(cancelled, "appointment-offered");
        await CompleteAsync(p, late, "report-contact", "cjit", "2026-05-07 09:00");
        await p.Harness.RunUntilAsync("2026-05-29 10:00");
        var open = await p.PersonAsync("released");

        var report = await p.Service().ComplianceAsync(p.Request("2026-05-01", "2026-06-01"));

        Assert.Equal(
            [
                "cjit (all actions) due 5: 1 on time, 1 late, 1 breached, 1 open, 1 cancelled; median 1.00 h, p90 72.00 h",
                "cjit report-contact due 5: 1 on time, 1 late, 1 breached, 1 open, 1 cancelled; median 1.00 h, p90 72.00 h",
                "treatment (all actions) due 1: 0 on time, 0 late, 0 breached, 0 open, 1 cancelled; median - h, p90 - h",
                "treatment offer-appointment due 1: 0 on time, 0 late, 0 breached, 0 open, 1 cancelled; median - h, p90 - h",
            ],
            report.Rows.Select(r => $"{r.Agency} {r.Action ?? "(all actions)"} due {r.Due}: {r.OnTime} on time, {r.Late} late, {r.Breached} breached, " +
                $"{r.StillOpen} open, {r.Cancelled} cancelled; median {ReportCsv.Hours(r.MedianHours) ?? "-"} h, p90 {ReportCsv.Hours(r.P90Hours) ?? "-"} h"));
        Assert.NotNull((await p.Harness.ActionAsync(breached, "report-contact")).BreachedAt);
        Assert.Equal(ActionStatus.Open, (await p.Harness.ActionAsync(open, "report-contact")).Status);
    }

    [Fact]
    public async Task TimeInStateCountsStaysThatBeganInThePeriodWithTheirSpread()
    {
        var p = await NewAsync("2026-05-04 09:00");
        var quick = await p.PersonAsync("released");
        var slow = await p.PersonAsync("released");
        await p.PersonAsync("released");
        await p.Harness.RunUntilAsync("2026-05-04 21:00");
        await p.RaiseAsync(quick, "referral-received");
        await p.Harness.RunUntilAsync("2026-05-12 09:00");
        await p.RaiseAsync(slow, "referral-received");
        await p.Harness.RunUntilAsync("2026-05-20 09:00");

        var report = await p.Service().TimeInStateAsync(p.Request("2026-05-01", "2026-06-01"));
        var released = report.Rows.Single(r => r.State == "released-to-community");

        Assert.Equal(["custody", "released-to-community", "referral", "appointment-booked", "attended-first-appointment"], report.Rows.Select(r => r.State));
        Assert.Equal("3 stays, 2 left, 1 still there; 1/0/1/0; median 12.00 h, p90 192.00 h, max 192.00 h",
            $"{released.Stays} stays, {released.Left} left, {released.StillThere} still there; {released.UnderOneDay}/{released.OneToSevenDays}/" +
            $"{released.SevenToTwentyOneDays}/{released.TwentyOneDaysOrMore}; median {ReportCsv.Hours(released.MedianHours)} h, " +
            $"p90 {ReportCsv.Hours(released.P90Hours)} h, max {ReportCsv.Hours(released.MaxHours)} h");
    }

    private static async Task CompleteAsync(ReportPathway p, PathwayInstance instance, string actionId, string agency, string at)
    {
        await p.Harness.RunUntilAsync(at);
        var action = await p.Harness.ActionAsync(instance, actionId);
        await p.Harness.Runtime.Cases.CompleteActionAsync(instance.Id, action.Id, Harness.Caseworker(agency));
    }
}
