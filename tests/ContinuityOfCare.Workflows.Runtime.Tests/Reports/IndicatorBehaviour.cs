using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Reports;

/// <summary>The rules of the figures, held on each store (in memory here; SQLite and PostgreSQL in the persistence tests).</summary>
public abstract class IndicatorBehaviour(IReportStoreMaker maker) : ReportStores(maker)
{
    [Theory]
    [InlineData("2026-06-22 10:00", "Achieved")]
    [InlineData("2026-06-22 10:01", "NotAchieved")]
    [InlineData("2026-06-21 23:59", "Achieved")]
    public async Task TreatmentStartedExactlyTwentyOneDaysAfterReleaseCountsAndAMinuteLaterDoesNot(string startedAt, string expected)
    {
        var p = await NewAsync("2026-06-01 10:00", timers: false);
        var instance = await p.PersonAsync("released", "referral-received", "appointment-offered", "attended");
        await p.Harness.RunUntilAsync(startedAt);
        await p.RaiseAsync(instance, "treatment-started");

        var report = await p.Service().IndicatorAsync(p.Request("2026-06-01", "2026-07-01"));

        Assert.Equal(expected, report.Cases.Single().Result.ToString());
        Assert.Equal("2026-06-22 10:00", Harness.Local(report.Cases.Single().WindowEndsAt));
    }

    [Theory]
    [InlineData("2026-03-31 10:00", "Achieved")]
    [InlineData("2026-03-31 10:30", "NotAchieved")]
    public async Task TheWindowKeepsTheTimeOnTheClockAcrossTheSpringClockChange(string startedAt, string expected)
    {
        // Released at 10:00 GMT; 21 days later is 10:00 BST, one hour less than 504 elapsed hours.
        var p = await NewAsync("2026-03-10 10:00", timers: false);
        var instance = await p.PersonAsync("released", "referral-received", "appointment-offered", "attended");
        await p.Harness.RunUntilAsync(startedAt);
        await p.RaiseAsync(instance, "treatment-started");

        var report = await p.Service().IndicatorAsync(p.Request("2026-03-01", "2026-04-01"));

        Assert.Equal(expected, report.Cases.Single().Result.ToString());
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 3, 31, 9, 0), report.Cases.Single().WindowEndsAt);
    }

    [Fact]
    public async Task TheAutumnClockChangeLengthensTheWindowByAnHour()
    {
        var p = await NewAsync("2026-10-20 10:00", timers: false);
        var instance = await p.PersonAsync("released", "referral-received", "appointment-offered", "attended");
        await p.Harness.RunUntilAsync("2026-11-10 10:00");
        await p.RaiseAsync(instance, "treatment-started");

        var report = await p.Service().IndicatorAsync(p.Request("2026-10-01", "2026-11-01"));

        Assert.Equal(IndicatorResult.Achieved, report.Cases.Single().Result);
        Assert.Equal(NodaTime.Instant.FromUtc(2026, 11, 10, 10, 0), report.Cases.Single().WindowEndsAt);
    }

    [Fact]
    public async Task APersonReleasedTwiceCountsOncePerStayInTheMonthOfEachRelease()
    {
        var p = await NewAsync("2026-01-05 09:00");
        await p.StayAsync("A1234BC", "released");
        await p.Harness.RunUntilAsync("2026-02-10 09:00");
        await p.StayAsync("A1234BC", "released", "referral-received", "appointment-offered", "attended", "treatment-started");
        await p.Harness.RunUntilAsync("2026-03-10 09:00");

        var report = await p.Service().IndicatorAsync(p.Request("2026-01-01", "2026-03-01"));

        Assert.Equal(["2026-01 0/1", "2026-02 1/1"], report.Months.Select(m => $"{m.Month} {m.Figures.Numerator}/{m.Figures.Denominator}"));
        Assert.Equal(new IndicatorFigures(2, 0, 0, 2, 1, 50.0m), report.Total);
    }

    [Fact]
    public async Task DeathsRemovalsAndCancellationsAreListedWithTheirReasonAndLeftOut()
    {
        var p = await NewAsync("2026-05-04 09:00");
        await p.PersonAsync("released", "died");
        await p.PersonAsync("released", "removed-from-uk");
        var opened = await p.PersonAsync("released");
        await p.Harness.Runtime.Cases.CancelAsync(opened.Id, "Opened in error", Harness.Caseworker("cjit"));
        await p.PersonAsync("released", "referral-received", "appointment-offered", "attended", "treatment-started");
        await p.PersonAsync("released");
        await p.Harness.RunUntilAsync("2026-06-30 09:00");

        var report = await p.Service().IndicatorAsync(p.Request("2026-05-01", "2026-06-01"));

        Assert.Equal(
            ["A0001AA Died", "A0002AA Left the pathway (for example deported or removed from the UK)", "A0003AA Cancelled: Opened in error"],
            report.Excluded.Select(c => $"{c.PrisonNumber} {c.Reason}"));
        Assert.Equal(new IndicatorFigures(5, 3, 0, 2, 1, 50.0m), report.Total);
    }

    [Fact]
    public async Task ACaseWhoseWindowIsStillOpenIsPendingUntilItIsKnown()
    {
        var p = await NewAsync("2026-05-04 09:00");
        await p.PersonAsync("released", "referral-received");
        await p.PersonAsync("released", "referral-received", "appointment-offered", "attended", "treatment-started");
        await p.Harness.RunUntilAsync("2026-05-10 09:00");

        var report = await p.Service().IndicatorAsync(p.Request("2026-05-01", "2026-06-01"));

        Assert.Equal(new IndicatorFigures(2, 0, 1, 1, 1, 100.0m), report.Total);
    }

    [Fact]
    public async Task AReleaseCountsInTheLocalMonthItFallsIn()
    {
        // 00:30 on 1 April in London is 23:30 on 31 March UTC.
        var p = await NewAsync("2026-04-01 00:30");
        await p.PersonAsync("released");
        await p.Harness.RunUntilAsync("2026-05-01 09:00");

        var march = await p.Service().IndicatorAsync(p.Request("2026-03-01", "2026-04-01"));
        var april = await p.Service().IndicatorAsync(p.Request("2026-04-01", "2026-05-01"));

        Assert.Equal(0, march.Total.Released);
        Assert.Equal(["2026-04 released 1"], april.Months.Select(m => $"{m.Month} released {m.Figures.Released}"));
    }

    [Fact]
    public async Task TheIndicatorCsvHasAHeaderAMonthPerRowAndATotal()
    {
        var p = await NewAsync("2026-05-04 09:00");
        await p.PersonAsync("released", "died");
        await p.PersonAsync("released", "referral-received", "appointment-offered", "attended", "treatment-started");
        await p.PersonAsync("released");
        await p.PersonAsync("released");
        await p.Harness.RunUntilAsync("2026-07-30 09:00");

        var report = await p.Service().IndicatorAsync(p.Request("2026-05-01", "2026-07-01"));

        Assert.Equal(
            "month,released,excluded,pending,denominator,numerator,percentage\r\n" +
            "2026-05,4,1,0,3,1,33.3\r\n" +
            "2026-06,0,0,0,0,0,\r\n" +
            "total,4,1,0,3,1,33.3\r\n",
            ReportCsv.Indicator(report));
        Assert.Equal(
            "instance_id,prison_number,released_at,release_date,outcome,ended_at,reason\r\n" +
            $"{report.Excluded.Single().InstanceId},A0001AA,2026-05-04T08:00:00Z,2026-05-04,died,2026-05-04T08:00:00Z,Died\r\n",
            ReportCsv.Exclusions(report));
    }
}
