using System.Collections.Immutable;
using System.Diagnostics;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using ContinuityOfCare.Workflows.Persistence.Tests.Stores;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Scheduling;
using NodaTime;
using Duration = NodaTime.Duration;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Durability;

/// <summary>
/// Deadlines on the real clock through Hangfire: on time, once, across a restart that loses
/// Hangfire's storage, and shared by two hosts on one PostgreSQL database.
/// </summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class DurableTimerTests(PostgresClusterFixture cluster) : IDisposable
{
    private static readonly PathwayDefinition Definition = Compile("""
        pathway timed
          title "Timed"
          partnership "Testshire (fictional)"
        agency team "Team"
        field check-by: date-time "Check by"
        start state open "Open"
          stage "Open"
          owner team
          action check "Check the record"
            by team by check-by
          on closed -> done
        final state done "Done"
          stage "Done"
          owner team
          outcome finished
        """);

    private readonly TestDatabases _databases = new();

    public void Dispose() => _databases.Dispose();

    /// <summary>
    /// Timers woken only by the deadline's own wake-up job: the recurring safety sweep is a year
    /// away, so a deadline that fires within seconds was fired by its wake-up, however busy the
    /// machine running the test is.
    /// </summary>
    private static readonly TimerOptions WakeUpOnly = new() { WorkerCount = 2, SafetySweepCron = "0 0 1 1 *" };

    /// <summary>A host whose Hangfire looks for due jobs once an hour and has no safety sweep: while it runs, nothing fires.</summary>
    private static readonly TimerOptions Asleep = new() { WorkerCount = 2, SafetySweepCron = "0 0 1 1 *", PollingInterval = TimeSpan.FromHours(1) };

    [Fact]
    public async Task ADeadlineFiresOnceByItsOwnWakeUpSecondsAfterItsDueTimeAndNeverBefore()
    {
        var database = await _databases.SqliteAsync();
        await using var host = await TestHost.StartAsync(database.Options, Definition, WakeUpOnly);
        var due = Now() + Duration.FromSeconds(3);

        var instance = await StartCaseAsync(host.Runtime, due);
        var breach = await WaitForBreachAsync(host.Store, instance.Id, TimeSpan.FromSeconds(60));

        Assert.InRange((breach.At - due).TotalSeconds, 0, 30);
        Assert.Equal(0, (await host.Runtime.Timers.FireDueAsync()).Fired);
        Assert.Single(await host.Store.GetHistoryAsync(instance.Id), e => e.Change is DeadlineBreached);
    }

    [Fact]
    public async Task DeadlinesDueWhileTheHostWasDownFireOnceAtRestartEvenWithHangfiresStorageLost()
    {
        var database = await _databases.SqliteAsync();
        Guid id;
        Instant due;
        await using (var first = await TestHost.StartAsync(database.Options, Definition, Asleep))
        {
            due = Now() + Duration.FromSeconds(1);
            id = (await StartCaseAsync(first.Runtime, due)).Id;
        }

        // Down past the deadline; the new host has fresh (in-memory) Hangfire storage.
        while (Now() <= due)
        {
            await Task.Delay(100);
        }

        Assert.DoesNotContain(await new EfRuntimeStore(database).GetHistoryAsync(id), e => e.Change is DeadlineBreached);
        await using var second = await TestHost.StartAsync(database.Options, Definition, WakeUpOnly);
        await WaitForBreachAsync(second.Store, id, TimeSpan.FromSeconds(60));

        Assert.Equal(0, (await second.Runtime.Timers.FireDueAsync()).Fired);
        Assert.Single(await second.Store.GetHistoryAsync(id), e => e.Change is DeadlineBreached);
        Assert.Empty(await second.Store.GetPendingTimersAsync(id));
    }

    [Fact]
    public async Task TwoHostsOnOnePostgreSqlDatabaseFireEveryTimerExactlyOnce()
    {
        var database = await TestDatabases.PostgreSqlAsync(cluster);
        await using var first = await TestHost.StartAsync(database.Options, Definition);
        await using var second = await TestHost.StartAsync(database.Options, Definition);
        var due = Now() + Duration.FromSeconds(4);
        var ids = new List<Guid>();
        for (var i = 0; i < 100; i++)
        {
            ids.Add((await StartCaseAsync(i % 2 == 0 ? first.Runtime : second.Runtime, due, $"A{i:0000}AA")).Id);
        }

        // Both hosts sweep as hard as they can once the deadlines fall due.
        while (Now() < due)
        {
            await Task.Delay(100);
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(i => (i % 2 == 0 ? first : second).Runtime.Timers.FireDueAsync()));
        foreach (var id in ids)
        {
            await WaitForBreachAsync(first.Store, id, TimeSpan.FromSeconds(60));
        }

        foreach (var id in ids)
        {
            Assert.Single(await first.Store.GetHistoryAsync(id), e => e.Change is DeadlineBreached);
        }
    }

    private static Instant Now() => SystemClock.Instance.GetCurrentInstant();

    private static async Task<PathwayInstance> StartCaseAsync(PathwayRuntime runtime, Instant due, string prisonNumber = "A0000AA") =>
        (await runtime.Cases.StartAsync(
            new StartCase("timed", "Testshire (fictional)", new Person(prisonNumber, "Alex Example", new LocalDate(1990, 1, 1)), true,
                ImmutableDictionary<string, FieldValue>.Empty.Add("check-by", new DateTimeValue(due))),
            Actor.Caseworker("team-worker", "team"))).Instance;

    private static async Task<HistoryEntry> WaitForBreachAsync(IRuntimeStore store, Guid id, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            var breach = (await store.GetHistoryAsync(id)).FirstOrDefault(e => e.Change is DeadlineBreached);
            if (breach is not null)
            {
                return breach;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No breach was recorded for case {id} within {timeout.TotalSeconds} s.");
    }

    private static PathwayDefinition Compile(string text)
    {
        var result = TestCompiler.Compile(text, "timed.pathway");
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join('\n', result.Diagnostics));
        }

        return result.Definition!;
    }
}
