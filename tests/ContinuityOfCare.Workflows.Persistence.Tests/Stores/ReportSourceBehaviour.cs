using System.Text.Json;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Outcomes.Simulation;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;
using ContinuityOfCare.Workflows.Runtime.Tests.Reports;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NodaTime;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Stores;

/// <summary>
/// The database's own answers (<see cref="EfReportSource"/>, worked out in SQL over the facts the
/// store keeps) held to the reference answers counted in memory from every case's whole journal,
/// on the same cases: identical reports, to the last case listed.
/// </summary>
public abstract class ReportSourceBehaviour
{
    private static readonly JsonSerializerOptions Json = new(RuntimeJson.Options) { WriteIndented = true };

    protected abstract Task<RuntimeDatabase> NewDatabaseAsync();

    [Fact]
    public async Task TheDatabaseGivesTheExactFiguresOfAMixedMonth()
    {
        var database = await NewDatabaseAsync();
        var p = new ReportPathway("2026-03-02 09:00", store: new EfRuntimeStore(database), source: _ => new EfReportSource(database));
        await p.PersonAsync("released", "referral-received", "appointment-offered", "attended", "treatment-started");
        await p.PersonAsync("released", "referral-received", "appointment-offered", "attended");
        await p.PersonAsync("released", "referral-received", "appointment-offered");
        await p.PersonAsync("released", "referral-received");
        await p.PersonAsync("released", "died");
        await p.PersonAsync("released");
        await p.Harness.RunUntilAsync("2026-04-30 09:00");
        await p.PersonAsync("released");

        var all = await p.Service().AllAsync(p.Request("2026-03-01", "2026-04-01"));

        Assert.Equal(["Released 6/2", "Referral 4/1", "Appointment 3/1", "Attended 2/1", "Engaged 1/0"], all.Funnel.Stages.Select(s => $"{s.Stage} {s.Reached}/{s.Lost}"));
        Assert.Equal(new IndicatorFigures(6, 1, 0, 5, 1, 20.0m), all.Indicator.Total);
        Assert.Equal(["cjit report-contact due 6: 0 on time, 0 late, 1 breached, 0 open, 5 cancelled"],
            all.Compliance.Rows.Where(r => r.Action == "report-contact").Select(r => $"{r.Agency} {r.Action} due {r.Due}: {r.OnTime} on time, {r.Late} late, {r.Breached} breached, {r.StillOpen} open, {r.Cancelled} cancelled"));
        Assert.Equal(6, all.TimeInState.Rows.Single(r => r.State == "released-to-community").Stays);
        await AssertSameAsReferenceAsync(p, "2026-03-01", "2026-04-01");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task RandomCaseloadsGiveTheSameReportsAsTheReference(int seed)
    {
        var database = await NewDatabaseAsync();
        var p = new ReportPathway("2026-01-05 09:00", store: new EfRuntimeStore(database), source: _ => new EfReportSource(database));
        await RandomCaseload.WalkAsync(p, new Random(seed), people: 40, until: "2026-06-30 09:00");

        foreach (var (from, to) in new[] { ("2026-01-01", "2026-02-01"), ("2026-01-01", "2026-07-01"), ("2026-02-15", "2026-03-15"), ("2026-05-01", "2026-06-01") })
        {
            await AssertSameAsReferenceAsync(p, from, to);
        }
    }

    [Fact]
    public async Task EachPageOfCasesIsTheReferencesPageInTheOrderOfRelease()
    {
        var database = await NewDatabaseAsync();
        var p = new ReportPathway("2026-01-05 09:00", store: new EfRuntimeStore(database), source: _ => new EfReportSource(database));
        await RandomCaseload.WalkAsync(p, new Random(11), people: 30, until: "2026-03-31 09:00");
        var reference = p.Service(new CalculatedReportSource(p.Harness.Store));
        var request = p.Request("2026-01-01", "2026-04-01");

        var seen = new List<string>();
        foreach (var page in new[] { new CasePage(null, 0, 7), new CasePage(null, 7, 7), new CasePage(null, 14, 100), new CasePage(IndicatorResult.Excluded, 0, 3), new CasePage(IndicatorResult.Achieved, 1, 2) })
        {
            var expected = await reference.IndicatorAsync(request, page);
            var actual = await p.Service().IndicatorAsync(request, page);
            Assert.Equal(JsonSerializer.Serialize(expected, Json), JsonSerializer.Serialize(actual, Json));
            Assert.True(actual.Cases.Count <= page.Take);
            Assert.All(actual.Cases, c => Assert.True(page.Only is null || c.Result == page.Only));
            if (page.Only is null)
            {
                seen.AddRange(actual.Cases.Select(c => c.InstanceId.ToString()));
            }
        }

        var everyCase = await p.Service().IndicatorAsync(request, CasePage.Everything);
        Assert.Equal(everyCase.CaseCount, everyCase.Cases.Count);
        Assert.Equal(everyCase.Cases.Select(c => c.InstanceId.ToString()), seen);
        Assert.Equal(everyCase.Cases.OrderBy(c => c.ReleasedAt).Select(c => c.ReleasedAt), everyCase.Cases.Select(c => c.ReleasedAt));
    }

    [Fact]
    public async Task CasesOfAnotherPartnershipOrPathwayAndCasesStartedAfterThePeriodAreNotCounted()
    {
        var database = await NewDatabaseAsync();
        var store = new EfRuntimeStore(database);
        var p = new ReportPathway("2026-03-02 09:00", store: store, source: _ => new EfReportSource(database));
        var elsewhere = new ReportPathway("2026-03-02 09:00", store: store, source: _ => new EfReportSource(database), text: ReportPathway.Text.Replace("Testshire (fictional)", "Elsewhere (fictional)", StringComparison.Ordinal));
        var another = new ReportPathway("2026-03-02 09:00", store: store, source: _ => new EfReportSource(database), text: ReportPathway.Text.Replace("pathway release-to-treatment", "pathway another-pathway", StringComparison.Ordinal));
        await p.PersonAsync("released", "referral-received");
        await elsewhere.PersonAsync("released", "referral-received", "appointment-offered", "attended", "treatment-started");
        await another.PersonAsync("released", "died");
        await p.Harness.RunUntilAsync("2026-04-02 09:00");
        await p.PersonAsync("released");

        var all = await p.Service().AllAsync(p.Request("2026-03-01", "2026-04-01"));

        Assert.Equal(["A0001AA"], all.Indicator.Cases.Select(c => c.PrisonNumber));
        Assert.Equal(["Released 1/0", "Referral 1/1", "Appointment 0/0", "Attended 0/0", "Engaged 0/0"], all.Funnel.Stages.Select(s => $"{s.Stage} {s.Reached}/{s.Lost}"));
        Assert.Equal(["custody 1", "released-to-community 1", "referral 1", "appointment-booked 0", "attended-first-appointment 0"], all.TimeInState.Rows.Select(r => $"{r.State} {r.Stays}"));
        await AssertSameAsReferenceAsync(p, "2026-03-01", "2026-04-01");
        await AssertSameAsReferenceAsync(elsewhere, "2026-03-01", "2026-04-01");
    }

    [Fact]
    public async Task TheLondonReviewCohortSimulatedIntoTheDatabaseGivesTheReviewsFunnel()
    {
        var database = await NewDatabaseAsync();
        var national = Runtime.Tests.Simulation.SimulationPathway.National;
        var cohort = Runtime.Tests.Simulation.SimulationPathway.Read(Runtime.Tests.Simulation.SimulationPathway.CohortFile("london-review.json"), national);

        var run = await Simulator.RunAsync(national, cohort, new SimulationOptions(Seed: 1, Store: new EfRuntimeStore(database)));
        var (from, to) = run.DefaultPeriod;
        var reference = await run.ReportsAsync(from, to);
        var fromDatabase = await run.ReportsAsync(from, to, new EfReportSource(database));

        Assert.Equal(
            ["Released 264 lost 82", "Referral 182 lost 29", "Appointment 153 lost 75", "Attended 78 lost 8", "Engaged 70 lost 0"],
            fromDatabase.Funnel.Stages.Select(s => $"{s.Stage} {s.Reached} lost {s.Lost}"));
        Assert.Equal(JsonSerializer.Serialize(reference, Json), JsonSerializer.Serialize(fromDatabase, Json));
    }

    [Fact]
    public async Task CasesWrittenBeforeTheFactsWereKeptAreGivenThemWhenTheDatabaseIsMigrated()
    {
        var database = await NewDatabaseAsync();
        var p = new ReportPathway("2026-01-05 09:00", store: new EfRuntimeStore(database), source: _ => new EfReportSource(database));
        await RandomCaseload.WalkAsync(p, new Random(5), people: 25, until: "2026-03-31 09:00");
        var before = JsonSerializer.Serialize(await p.Service().AllAsync(p.Request("2026-01-01", "2026-04-01"), CasePage.Everything), Json);

        // Take the database back to the schema before the facts, as an older release left it, then migrate as a new one starts.
        await using (var context = database.CreateContext())
        {
            await context.GetService<Microsoft.EntityFrameworkCore.Migrations.IMigrator>().MigrateAsync("IdempotentETags");
        }

        await database.MigrateAsync();

        await using (var context = database.CreateContext())
        {
            Assert.True(await context.Stays.CountAsync() > 25);
            Assert.True(await context.Instances.CountAsync(i => i.ReleasedAt != null) > 0);
        }

        var after = JsonSerializer.Serialize(await p.Service().AllAsync(p.Request("2026-01-01", "2026-04-01"), CasePage.Everything), Json);
        Assert.Equal(before, after);
        await AssertSameAsReferenceAsync(p, "2026-01-01", "2026-04-01");
    }

    private static async Task AssertSameAsReferenceAsync(ReportPathway p, string from, string to)
    {
        var request = p.Request(from, to);
        var expected = await p.Service(new CalculatedReportSource(p.Harness.Store)).AllAsync(request, CasePage.Everything);
        var actual = await p.Service().AllAsync(request, CasePage.Everything);

        Assert.Equal(JsonSerializer.Serialize(expected.Indicator, Json), JsonSerializer.Serialize(actual.Indicator, Json));
        Assert.Equal(JsonSerializer.Serialize(expected.Funnel, Json), JsonSerializer.Serialize(actual.Funnel, Json));
        Assert.Equal(JsonSerializer.Serialize(expected.Compliance, Json), JsonSerializer.Serialize(actual.Compliance, Json));
        Assert.Equal(JsonSerializer.Serialize(expected.TimeInState, Json), JsonSerializer.Serialize(actual.TimeInState, Json));
    }
}

/// <summary>Many people walked along the report pathway at random times: some all the way, some lost on the way, some cancelled, some released again after a return to custody.</summary>
internal static class RandomCaseload
{
    private static readonly string[] HappyPath = ["released", "referral-received", "appointment-offered", "attended", "treatment-started"];

    public static async Task WalkAsync(ReportPathway p, Random random, int people, string until)
    {
        var end = Harness.At(until);
        var start = p.Harness.Clock.Now;
        var steps = new List<(Instant At, int Person, string Step)>();
        for (var person = 0; person < people; person++)
        {
            var at = start + Duration.FromMinutes(random.Next(0, (int)(end - start).TotalMinutes / 2));
            steps.Add((at, person, "start"));
            var length = random.Next(0, HappyPath.Length + 1);
            for (var i = 0; i < length; i++)
            {
                at += Duration.FromMinutes(random.Next(1, 60 * 24 * (i == 0 ? 20 : 9)));
                steps.Add((at, person, HappyPath[i]));
                if (i == 0 && random.Next(4) == 0)
                {
                    steps.Add((at + Duration.FromHours(random.Next(1, 60)), person, "report-contact"));
                }

                if (i == 1 && random.Next(3) == 0)
                {
                    steps.Add((at + Duration.FromHours(random.Next(1, 100)), person, "offer-appointment"));
                }
            }

            switch (random.Next(10))
            {
                case 0:
                    steps.Add((at + Duration.FromHours(random.Next(1, 200)), person, "died"));
                    break;
                case 1:
                    steps.Add((at + Duration.FromHours(random.Next(1, 200)), person, "removed-from-uk"));
                    break;
                case 2:
                    steps.Add((at + Duration.FromHours(random.Next(1, 200)), person, "cancel"));
                    break;
                case 3:
                    steps.Add((at + Duration.FromDays(random.Next(25, 60)), person, "again"));
                    steps.Add((at + Duration.FromDays(random.Next(61, 70)), person, "released"));
                    break;
            }
        }

        var cases = new Dictionary<int, PathwayInstance>();
        foreach (var (at, person, step) in steps.Where(s => s.At < end).OrderBy(s => s.At).ThenBy(s => s.Person))
        {
            await p.Harness.RunUntilAsync(Harness.Local(at));
            var number = $"B{person:0000}BB";
            if (step == "start" || step == "again")
            {
                if (step == "start" || !cases[person].IsActive)
                {
                    cases[person] = await p.StayAsync(number);
                }

                continue;
            }

            var instance = await p.Harness.ReloadAsync(cases[person]);
            if (!instance.IsActive)
            {
                continue;
            }

            try
            {
                cases[person] = step switch
                {
                    "cancel" => (await p.Harness.Runtime.Cases.CancelAsync(instance.Id, "Opened in error", Harness.Caseworker("cjit"))).Instance,
                    "report-contact" or "offer-appointment" => await CompleteAsync(p, instance, step),
                    _ => await p.RaiseAsync(instance, step),
                };
            }
            catch (RuntimeException)
            {
                // The step no longer fits the case (a timer closed it, or the action is gone): people do not take it either.
            }
        }

        await p.Harness.RunUntilAsync(until);
    }

    private static async Task<PathwayInstance> CompleteAsync(ReportPathway p, PathwayInstance instance, string actionId)
    {
        var action = await p.Harness.ActionAsync(instance, actionId);
        return (await p.Harness.Runtime.Cases.CompleteActionAsync(instance.Id, action.Id, Harness.Caseworker(action.Agency))).Instance;
    }
}
