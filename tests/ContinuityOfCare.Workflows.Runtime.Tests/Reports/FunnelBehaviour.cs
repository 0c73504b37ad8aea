using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Reports;

/// <summary>The rules of the figures, held on each store (in memory here; SQLite and PostgreSQL in the persistence tests).</summary>
public abstract class FunnelBehaviour(IReportStoreMaker maker) : ReportStores(maker)
{
    [Fact]
    public async Task ACohortFollowingTheLondonReviewGivesItsFunnelExactly()
    {
        // 264 released; 182 referred; 153 offered an appointment; 78 attended; 70 engaged.
        var p = await NewAsync("2026-03-02 09:00");
        await AddAsync(p, 70, "released", "referral-received", "appointment-offered", "attended", "treatment-started");
        await AddAsync(p, 8, "released", "referral-received", "appointment-offered", "attended");
        await AddAsync(p, 75, "released", "referral-received", "appointment-offered");
        await AddAsync(p, 29, "released", "referral-received");
        await AddAsync(p, 80, "released");
        await AddAsync(p, 2, "released", "died");
        await p.Harness.RunUntilAsync("2026-04-30 09:00");

        var funnel = await p.Service().FunnelAsync(p.Request("2026-03-01", "2026-04-01"));

        Assert.Equal(
            ["Released 264 lost 82", "Referral 182 lost 29", "Appointment 153 lost 75", "Attended 78 lost 8", "Engaged 70 lost 0"],
            funnel.Stages.Select(s => $"{s.Stage} {s.Reached} lost {s.Lost}"));
        Assert.Equal(
            ["released-to-community -> not-engaged: 80", "released-to-community -> died: 2"],
            funnel.Stages[0].LostFrom.Select(l => $"{l.State} -> {l.Outcome}: {l.Cases}"));
        Assert.Equal(["appointment-booked -> not-engaged: 75"], funnel.Stages[2].LostFrom.Select(l => $"{l.State} -> {l.Outcome}: {l.Cases}"));
        Assert.All(funnel.Stages, s => Assert.Equal(0, s.InProgress));
    }

    [Fact]
    public async Task ACaseStillRunningIsInProgressNotLost()
    {
        var p = await NewAsync("2026-03-02 09:00");
        await p.PersonAsync("released", "referral-received");

        var funnel = await p.Service().FunnelAsync(p.Request("2026-03-01", "2026-04-01"));

        Assert.Equal(["Released 1/0/0", "Referral 1/1/0", "Appointment 0/0/0", "Attended 0/0/0", "Engaged 0/0/0"],
            funnel.Stages.Select(s => $"{s.Stage} {s.Reached}/{s.InProgress}/{s.Lost}"));
    }

    private static async Task AddAsync(ReportPathway p, int count, params string[] events)
    {
        for (var i = 0; i < count; i++)
        {
            await p.PersonAsync(events);
        }
    }
}
