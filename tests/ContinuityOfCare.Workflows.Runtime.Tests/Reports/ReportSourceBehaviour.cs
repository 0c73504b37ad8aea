using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Reports;

/// <summary>What every report source must give the reports, run on each store (in memory here, SQLite and PostgreSQL in the persistence tests).</summary>
public abstract class ReportSourceBehaviour
{
    protected abstract Task<(IRuntimeStore Store, IReportSource Source)> NewAsync();

    [Fact]
    public async Task TheReportsReadTheSameExactFiguresFromTheStore()
    {
        var (store, source) = await NewAsync();
        var p = new ReportPathway("2026-03-02 09:00", store: store);
        await p.PersonAsync("released", "referral-received", "appointment-offered", "attended", "treatment-started");
        await p.PersonAsync("released", "referral-received", "appointment-offered", "attended");
        await p.PersonAsync("released", "referral-received", "appointment-offered");
        await p.PersonAsync("released", "referral-received");
        await p.PersonAsync("released", "died");
        await p.PersonAsync("released");
        await p.Harness.RunUntilAsync("2026-04-30 09:00");
        await p.PersonAsync("released");

        var all = await p.Service(source).AllAsync(p.Request("2026-03-01", "2026-04-01"));

        Assert.Equal(["Released 6/2", "Referral 4/1", "Appointment 3/1", "Attended 2/1", "Engaged 1/0"], all.Funnel.Stages.Select(s => $"{s.Stage} {s.Reached}/{s.Lost}"));
        Assert.Equal(new IndicatorFigures(6, 1, 0, 5, 1, 20.0m), all.Indicator.Total);
        Assert.Equal(["cjit report-contact due 6: 0 on time, 0 late, 1 breached, 0 open, 5 cancelled"],
            all.Compliance.Rows.Where(r => r.Action == "report-contact").Select(r => $"{r.Agency} {r.Action} due {r.Due}: {r.OnTime} on time, {r.Late} late, {r.Breached} breached, {r.StillOpen} open, {r.Cancelled} cancelled"));
        Assert.Equal(6, all.TimeInState.Rows.Single(r => r.State == "released-to-community").Stays);
    }

    [Fact]
    public async Task OnlyCasesOfThePathwayAndPartnershipStartedBeforeTheEndAreRead()
    {
        var (store, source) = await NewAsync();
        var p = new ReportPathway("2026-03-02 09:00", store: store);
        await p.PersonAsync("released");
        await p.Harness.RunUntilAsync("2026-03-05 09:00");
        await p.PersonAsync("released");

        var cases = await source.GetCasesAsync(p.Harness.Definition.Partnership, p.Harness.Definition.Id, Engine.Harness.At("2026-03-04 00:00"));
        var other = await source.GetCasesAsync("Elsewhere (fictional)", p.Harness.Definition.Id, Engine.Harness.At("2026-04-01 00:00"));

        Assert.Equal(["A0001AA"], cases.Select(c => c.Instance.Case.Person.PrisonNumber));
        Assert.Equal(["InstanceStarted", "EventRecorded"], cases[0].History.Select(h => h.Change.GetType().Name).Where(n => n is "InstanceStarted" or "EventRecorded"));
        Assert.Empty(other);
    }
}
