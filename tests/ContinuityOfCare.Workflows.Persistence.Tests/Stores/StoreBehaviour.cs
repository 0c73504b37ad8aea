using System.Collections.Concurrent;
using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Stores;

/// <summary>What the EF Core stores promise beyond the scenarios: atomic change sets, optimistic concurrency, faithful history.</summary>
public abstract class StoreBehaviour
{
    private const string Pathway = """
        pathway notes
          title "Notes"
          partnership "Testshire (fictional)"
        agency team "Team"
        field note: text "Note"
        start state open "Open"
          stage "Open"
          owner team
          action check "Check the record"
            by team within 2 hours
          on noted with note
          on closed -> done
        final state done "Done"
          stage "Done"
          owner team
          outcome finished
        """;

    protected abstract Task<RuntimeDatabase> NewDatabaseAsync();

    [Fact]
    public async Task ManyWritersOnOneCaseGetOneSuccessPerVersionAndTheRestConflicts()
    {
        var h = ForText(Pathway, "2026-06-01 09:00", new EfRuntimeStore(await NewDatabaseAsync()));
        var instance = await h.StartAsync("team");
        var start = new TaskCompletionSource();
        var successes = new ConcurrentBag<long>();
        var conflicts = new ConcurrentBag<ConcurrencyConflictException>();

        var writers = Enumerable.Range(1, 16).Select(i => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                var after = await h.RaiseAsync(instance, "noted", "team", ("note", $"writer {i}"));
                successes.Add(after.Version);
            }
            catch (ConcurrencyConflictException conflict)
            {
                conflicts.Add(conflict);
            }
        })).ToList();
        start.SetResult();
        await Task.WhenAll(writers);

        Assert.Equal(16, successes.Count + conflicts.Count);
        Assert.Equal(successes.Count, successes.Distinct().Count());
        var final = await h.ReloadAsync(instance);
        Assert.Equal(instance.Version + successes.Count, final.Version);
        Assert.Equal(Enumerable.Range(1, successes.Count).Select(n => instance.Version + n), successes.Order());
        Assert.All(conflicts, c => Assert.True(c.Current.Version > instance.Version));

        var history = await h.HistoryAsync(instance);
        Assert.Equal(Enumerable.Range(1, history.Count).Select(n => (long)n), history.Select(e => e.Sequence));
        Assert.Equal(successes.Count, history.Count(e => e.Change is EventRecorded { Event: "noted" }));
        Assert.Equal(successes.Count, history.Count(e => e.Change is FieldChanged { Field: "note" }));
    }

    [Fact]
    public async Task AChangeSetThatFailsPartWayWritesNothing()
    {
        var h = ForText(Pathway, "2026-06-01 09:00", new EfRuntimeStore(await NewDatabaseAsync()));
        var instance = await h.StartAsync("team");
        var stored = (await h.Store.GetActionsAsync(instance.Id)).Single();
        var history = await h.HistoryAsync(instance);
        var item = new ActionItem(Guid.NewGuid(), instance.Id, "open", "extra", "Extra", "team", h.Clock.Now, null, ActionStatus.Open, null, null, null);
        var line = history[0] with { Id = Guid.NewGuid(), Change = new EventRecorded("noted", null) };

        // A new action, a history line, and last an item claimed as new that reuses the id of one
        // already stored: the instance and the first writes succeed, the last one fails.
        var broken = new ChangeSet(
            instance with { Version = instance.Version + 1, State = "done" },
            instance.Version,
            [item, stored with { Description = "Changed" }],
            [],
            [],
            [line],
            new HashSet<Guid> { item.Id, stored.Id });

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => h.Store.SaveAsync(broken));

        Assert.Equal(Snapshot(instance), Snapshot(await h.ReloadAsync(instance)));
        Assert.Equal([stored], await h.Store.GetActionsAsync(instance.Id));
        Assert.Equal(history.Count, (await h.HistoryAsync(instance)).Count);
    }

    [Fact]
    public async Task EveryKindOfHistoryLineIsReadBackAsWritten()
    {
        var h = ForText(Pathway, "2026-06-01 09:00", new EfRuntimeStore(await NewDatabaseAsync()));
        var instance = await h.StartAsync("team");
        var at = Instant.FromUtc(2026, 6, 1, 8, 0, 0) + Duration.FromTicks(1234567);
        var item = Guid.NewGuid();
        HistoryChange[] changes =
        [
            new InstanceStarted("open"),
            new EventRecorded("noted", "with a \"quoted\" note"),
            new EventRecorded("closed", null),
            new StateEntered("open", "done", "'closed' recorded"),
            new FieldChanged("release-date", null, new DateValue(new LocalDate(2026, 6, 19))),
            new FieldChanged("seen-at", new DateTimeValue(at), new DateTimeValue(at + Duration.FromHours(1))),
            new FieldChanged("flag", new YesNoValue(true), new YesNoValue(false)),
            new FieldChanged("score", new NumberValue(12.5m), new NumberValue(3m)),
            new FieldChanged("route", new OptionValue("court"), new TextValue("text")),
            new ConsentChanged(true),
            new ActionOpened(item, "check", "team", at),
            new ActionOpened(item, "wait", "team", null),
            new ActionCompleted(item, "check", true),
            new ActionCancelled(item, "check"),
            new DeadlineSet(item, "check", at),
            new DeadlineMoved(item, "check", at, null, "release-date"),
            new DeadlineBreached(item, "check", "team", at),
            new TimerTaken("open", "done", "21 days of released"),
            new TimerRescheduled("open", "done", null, at, "released"),
            new NotificationQueued(item, "alert", "team"),
            new NotificationBlocked("alert", "team", "no consent"),
            new NotificationFailed("alert", "team", "loop limit"),
            new NotificationSent(item, "alert", "team"),
            new InstanceEnded(InstanceStatus.Completed, "finished", null),
            new InstanceEnded(InstanceStatus.Cancelled, null, "Opened in error"),
        ];
        var entries = changes.Select(c => new HistoryEntry(Guid.NewGuid(), instance.Id, 0, at, Actor.Caseworker("tester", "team"), instance.Definition, c)).ToList();
        await h.Store.SaveAsync(new ChangeSet(instance with { Version = instance.Version + 1 }, instance.Version, [], [], [], entries, new HashSet<Guid>()));

        var read = (await h.HistoryAsync(instance)).Skip((await h.HistoryAsync(instance)).Count - changes.Length).ToList();

        Assert.Equal(changes, read.Select(e => e.Change));
        Assert.All(read, e => Assert.Equal((at, Actor.Caseworker("tester", "team"), instance.Definition), (e.At, e.Actor, e.Definition)));
    }

    [Fact]
    public async Task MigratingAnUpToDateDatabaseChangesNothing()
    {
        var database = await NewDatabaseAsync();

        await database.MigrateAsync();

        await using var context = database.CreateContext();
        Assert.Empty(await context.Database.GetPendingMigrationsAsync());
        Assert.Equal(["Initial", "PathwayVersions", "IdempotencyKeys", "IdempotentETags", "ReportFacts", "ProvisionalDueTimes"], (await context.Database.GetAppliedMigrationsAsync()).Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
        await using var accounts = database.CreateAccountsContext();
        Assert.Empty(await accounts.Database.GetPendingMigrationsAsync());
        Assert.Equal(["Accounts", "RefreshTokens"], (await accounts.Database.GetAppliedMigrationsAsync()).Select(m => m[(m.IndexOf('_', StringComparison.Ordinal) + 1)..]));
    }

    /// <summary>An instance as a value that compares its dictionaries by content rather than by reference.</summary>
    private static (PathwayInstance Instance, string Fields, string LastEvents) Snapshot(PathwayInstance instance) => (
        instance with
        {
            Case = instance.Case with { Fields = ImmutableDictionary<string, FieldValue>.Empty },
            LastEvents = ImmutableDictionary<string, Instant>.Empty,
        },
        string.Join("; ", instance.Case.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}")),
        string.Join("; ", instance.LastEvents.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}={e.Value}")));

    [Fact]
    public async Task TheCaseIsReadBackExactly()
    {
        var h = ForText(Pathway, "2026-06-01 09:00", new EfRuntimeStore(await NewDatabaseAsync()));
        var instance = await h.StartAsync("team", consent: false, ("note", "Ünïcode — and \"quotes\""));
        instance = await h.RaiseAsync(instance, "noted", "team", ("note", "second"));

        var read = await h.ReloadAsync(instance);

        Assert.Equal(Snapshot(instance), Snapshot(read));
        Assert.Equal(ImmutableDictionary<string, FieldValue>.Empty.Add("note", new TextValue("second")), read.Case.Fields);
        Assert.Equal("check team Open due 2026-06-01 11:00", Describe(await h.ActionAsync(instance, "check")));
    }
}

public sealed class SqliteStoreBehaviour : StoreBehaviour, IDisposable
{
    private readonly TestDatabases _databases = new();

    protected override Task<RuntimeDatabase> NewDatabaseAsync() => _databases.SqliteAsync();

    public void Dispose() => _databases.Dispose();

    [Fact]
    public async Task TheSqliteFileAndItsFolderAreCreatedOnFirstUse()
    {
        var database = await _databases.SqliteAsync();
        var path = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.Options.ConnectionString).DataSource;

        Assert.True(File.Exists(path));
        await using var context = database.CreateContext();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }
}

[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlStoreBehaviour(PostgresClusterFixture cluster) : StoreBehaviour
{
    protected override Task<RuntimeDatabase> NewDatabaseAsync() => TestDatabases.PostgreSqlAsync(cluster);
}
