using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Outcomes.Simulation;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;
using static ContinuityOfCare.Workflows.Runtime.Tests.Simulation.SimulationPathway;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Simulation;

public class SimulatorTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(42)]
    public async Task TheLondonCohortGivesTheReviewsFunnelExactlyWhateverTheSeed(int seed)
    {
        var (_, reports) = await RunAsync(National, Read(CohortFile("london-review.json"), National), seed);

        Assert.Equal(
            ["Released 264 lost 82", "Referral 182 lost 29", "Appointment 153 lost 75", "Attended 78 lost 8", "Engaged 70 lost 0"],
            reports.Funnel.Stages.Select(s => $"{s.Stage} {s.Reached} lost {s.Lost}"));
        Assert.Equal(["released-to-community -> not-engaged: 80", "released-to-community -> died: 2"], reports.Funnel.Stages[0].LostFrom.Select(l => $"{l.State} -> {l.Outcome}: {l.Cases}"));
        Assert.Equal((264, 2, 262, 70, 26.7m), (reports.Indicator.Total.Released, reports.Indicator.Total.Excluded, reports.Indicator.Total.Denominator, reports.Indicator.Total.Numerator, reports.Indicator.Total.Percentage));
    }

    [Fact]
    public async Task TheSameSeedGivesByteIdenticalReportsAndAnotherSeedDifferentOnes()
    {
        var cohort = Read(CohortFile("typical.json"), National);

        var first = await TextAsync(cohort, seed: 7);
        var again = await TextAsync(cohort, seed: 7);
        var other = await TextAsync(cohort, seed: 8);

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public async Task APersonReleasedTwiceCountsTwice()
    {
        var cohort = Read("""
            {
              "start": "2026-03-02T09:00", "people": 1, "until": "2026-04-01T09:00",
              "states": {
                "custody": { "next": [ { "event": "released", "probability": 1, "values": { "release-date": { "fromNow": "0 days" } }, "after": "1 day" } ] },
                "released-to-community": { "next": [ { "event": "returned-to-custody", "probability": 1, "after": "5 days" } ] },
                "back-in-custody": { "newStay": { "probability": 1, "after": "10 days" } }
              }
            }
            """);

        var (_, reports) = await RunAsync(Definition, cohort, seed: 3);

        Assert.Equal(
            ["SIM00001 2026-03-03 00000000-0000-0000-0001-000000000000 Excluded", "SIM00001 2026-03-19 00000000-0000-0000-0002-000000000000 Excluded"],
            reports.Indicator.Cases.Select(c => $"{c.PrisonNumber} {c.ReleaseDate:uuuu-MM-dd} {c.InstanceId} {c.Result}"));
        Assert.Equal(2, reports.Funnel.Stages[0].Reached);
    }

    [Theory]
    [InlineData("21 days", "2026-03-31 10:00 continuity-achieved", 1)]
    [InlineData("30241 minutes", "2026-03-31 10:00 not-engaged", 0)]
    public async Task TreatmentStartedExactlyTwentyOneDaysAfterReleaseAcrossTheClockChangeCounts(string delay, string ended, int numerator)
    {
        // Released at 10:00 GMT on 10 March; the window closes at 10:00 BST on 31 March, 503 hours later.
        var cohort = Read($$"""
            {
              "start": "2026-03-09T10:00", "people": 1,
              "states": {
                "custody": { "next": [ { "event": "released", "probability": 1, "values": { "release-date": { "fromNow": "0 days" } }, "after": "1 day" } ] },
                "released-to-community": { "next": [ { "event": "treatment-started", "probability": 1, "after": "{{delay}}" } ] }
              }
            }
            """);

        var (_, reports) = await RunAsync(Definition, cohort, seed: 1);

        var person = Assert.Single(reports.Indicator.Cases);
        Assert.Equal("2026-03-10 10:00", Harness.Local(person.ReleasedAt));
        Assert.Equal(ended, $"{Harness.Local(person.EndedAt)} {person.Outcome}");
        Assert.Equal(numerator, reports.Indicator.Total.Numerator);
    }

    [Fact]
    public async Task ArrivalsSpreadEvenlyAndActionsAreDoneAsTheCohortSays()
    {
        var cohort = Read("""
            {
              "start": "2026-06-01T09:00", "people": 4, "arrivals": { "evenlyOver": "4 days" },
              "report": { "from": "2026-06-01", "to": "2026-07-01" },
              "states": { "custody": { "actions": { "plan": { "probability": 1, "after": "1 day" } } } }
            }
            """);

        var (run, reports) = await RunAsync(Definition, cohort, seed: 5);

        Assert.Equal(4, run.ActionsDone);
        Assert.Equal("2026-06-05 09:00", Harness.Local(run.Ended));
        Assert.Equal((new NodaTime.LocalDate(2026, 6, 1), new NodaTime.LocalDate(2026, 7, 1)), run.DefaultPeriod);
        Assert.Equal("carats plan 4 on time 4 median 24.00", string.Join(";", reports.Compliance.Rows.Where(r => r.Action is not null)
            .Select(r => $"{r.Agency} {r.Action} {r.Due} on time {r.OnTime} median {ReportCsv.Hours(r.MedianHours)}")));
    }

    [Fact]
    public async Task AnEventThePathwayRefusesStopsTheSimulationSayingWhoWhereAndWhy()
    {
        var cohort = Read("""
            { "start": "2026-06-01T09:00", "people": 1, "states": { "custody": { "next": [ { "event": "released", "probability": 1 } ] } } }
            """);

        var refused = await Assert.ThrowsAsync<SimulationException>(() => Simulator.RunAsync(Definition, cohort, new SimulationOptions()));

        Assert.Equal("SIM00001 (simulated), recording 'released' at 'custody' at 2026-06-01 09:00: the pathway refused it. release-date: 'released' needs a value for this field", refused.Message);
    }

    private static async Task<string> TextAsync(Cohort cohort, int seed)
    {
        var (run, reports) = await RunAsync(National, cohort, seed, people: 150);
        return SimulationText.Reports(run, reports) + ReportCsv.Exclusions(reports.Indicator) + SimulationText.MeasuresCsv(reports);
    }
}
