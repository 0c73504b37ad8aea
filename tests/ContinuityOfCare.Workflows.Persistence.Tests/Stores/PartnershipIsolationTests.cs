using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Stores;

/// <summary>
/// The partnership filter in the data layer: a database opened for one partnership reads none of
/// another's cases, actions, timers, history, notifications or pathway versions, whichever query
/// asks, and cannot write them.
/// </summary>
public abstract class PartnershipIsolationBehaviour
{
    private const string Testshire = "Testshire (fictional)";
    private const string Pathway = """"
        pathway notes
          title "Notes"
          partnership "Testshire (fictional)"
        agency team "Team"
        template reminder "Reminder"
          """
          Please check the record.
          """
        start state open "Open"
          stage "Open"
          owner team
          action check "Check the record"
            by team within 2 hours
            if missed: notify team with reminder
          on closed -> done
          after 3 days -> done
        final state done "Done"
          stage "Done"
          owner team
          outcome finished
        """";

    protected abstract Task<RuntimeDatabase> NewDatabaseAsync();

    private sealed class FixedScope(PartnershipAccess access) : IPartnershipScope
    {
        public PartnershipAccess Current => access;
    }

    [Fact]
    public async Task AnotherPartnershipsCaseIsNotThereForAnyQuery()
    {
        var (engine, instance) = await CaseWithAMissedDeadlineAsync();
        await using var otherton = new RuntimeDatabase(engine.Options, new FixedScope(PartnershipAccess.Only("Otherton (fictional)")));
        var store = new EfRuntimeStore(otherton);

        Assert.Null(await store.FindInstanceAsync(instance.Id));
        Assert.Null(await store.LoadCaseAsync(instance.Id));
        Assert.Empty(await store.FindInstancesForPersonAsync(Testshire, instance.Case.Person.PrisonNumber));
        Assert.Empty(await store.ListInstancesAsync(new InstanceQuery()));
        Assert.Empty(await store.GetActionsAsync(instance.Id));
        Assert.Empty(await store.GetPendingTimersAsync(instance.Id));
        Assert.Empty(await store.GetHistoryAsync(instance.Id));
        Assert.Empty(await store.GetOutboxAsync(instance.Id));
        Assert.Empty(await store.ListOutboxAsync(null, null, 10));
        Assert.Empty(await store.ListCaseloadAsync(Testshire, "team", dated: true, 0, 10));
        Assert.Empty(await store.ListCaseloadAsync(Testshire, "team", dated: false, 0, 10));
        Assert.Empty(await store.CountCaseloadAsync(new CaseloadWindow(Testshire, "team", Instant.MinValue, Instant.MaxValue, Instant.MaxValue)));
        Assert.Empty(await store.CountActiveInstancesAsync(null));
        Assert.Empty(await new EfPathwayVersionStore(otherton).ListVersionsAsync(null, null));
    }

    [Fact]
    public async Task TheCasesOwnPartnershipSeesEverythingTheEngineDoes()
    {
        var (engine, instance) = await CaseWithAMissedDeadlineAsync();
        await using var testshire = new RuntimeDatabase(engine.Options, new FixedScope(PartnershipAccess.Only(Testshire)));
        var all = new EfRuntimeStore(engine);
        var own = new EfRuntimeStore(testshire);

        Assert.Equal(instance.Version, (await own.FindInstanceAsync(instance.Id))!.Version);
        Assert.Equal((await all.GetHistoryAsync(instance.Id)).Count, (await own.GetHistoryAsync(instance.Id)).Count);
        Assert.Equal((await all.GetActionsAsync(instance.Id)).Count, (await own.GetActionsAsync(instance.Id)).Count);
        Assert.Equal((await all.GetPendingTimersAsync(instance.Id)).Count, (await own.GetPendingTimersAsync(instance.Id)).Count);
        Assert.Single(await own.ListOutboxAsync(null, null, 10));
        Assert.Single(await own.ListInstancesAsync(new InstanceQuery()));
        Assert.Single(await new EfPathwayVersionStore(testshire).ListVersionsAsync(null, null));
    }

    [Fact]
    public async Task NobodySignedInSeesNothingAndCannotWrite()
    {
        var (engine, instance) = await CaseWithAMissedDeadlineAsync();
        await using var nobody = new RuntimeDatabase(engine.Options, new FixedScope(PartnershipAccess.None));
        var store = new EfRuntimeStore(nobody);
        var loaded = (await new EfRuntimeStore(engine).LoadCaseAsync(instance.Id))!;

        Assert.Null(await store.FindInstanceAsync(instance.Id));
        Assert.Empty(await store.GetHistoryAsync(instance.Id));
        var refused = await Assert.ThrowsAsync<NotFoundException>(() =>
            store.SaveAsync(new ChangeSet(loaded.Instance with { Version = loaded.Instance.Version + 1 }, loaded.Instance.Version, [], [], [], [], new HashSet<Guid>())));
        Assert.Equal($"There is no case {instance.Id}.", refused.Message);
        Assert.Equal(instance.Version, (await new EfRuntimeStore(engine).FindInstanceAsync(instance.Id))!.Version);
    }

    [Fact]
    public async Task APathwayCannotBePublishedIntoAnotherPartnership()
    {
        var (engine, _) = await CaseWithAMissedDeadlineAsync();
        await using var otherton = new RuntimeDatabase(engine.Options, new FixedScope(PartnershipAccess.Only("Otherton (fictional)")));
        var versions = new EfPathwayVersionStore(otherton);

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => versions.AddVersionAsync(
            new PathwayVersion("notes", Testshire, 2, "sha256:00", "Pat Lead", NodaTime.Instant.FromUtc(2026, 6, 1, 9, 0), "Second", null),
            new PathwayVersionContent(Pathway, "{}")));
        Assert.Equal("This pathway belongs to 'Testshire (fictional)'; you can write pathways only for 'Otherton (fictional)'.", refused.Message);
    }

    /// <summary>A Testshire case whose two-hour deadline has passed: an action breached, a notice queued, a timer pending.</summary>
    private async Task<(RuntimeDatabase Engine, PathwayInstance Instance)> CaseWithAMissedDeadlineAsync()
    {
        var engine = await NewDatabaseAsync();
        var h = ForText(Pathway, "2026-06-01 09:00", new EfRuntimeStore(engine));
        var instance = await h.StartAsync("team");
        await h.RunUntilAsync("2026-06-01 12:00");
        await new EfPathwayVersionStore(engine).AddVersionAsync(
            new PathwayVersion("notes", Testshire, 1, instance.Definition.ContentHash, "Pat Lead", NodaTime.Instant.FromUtc(2026, 6, 1, 8, 0), "First"),
            new PathwayVersionContent(Pathway, "{}"));
        return (engine, await h.ReloadAsync(instance));
    }
}

public sealed class SqlitePartnershipIsolationTests : PartnershipIsolationBehaviour, IDisposable
{
    private readonly TestDatabases _databases = new();

    protected override Task<RuntimeDatabase> NewDatabaseAsync() => _databases.SqliteAsync();

    public void Dispose() => _databases.Dispose();
}

[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlPartnershipIsolationTests(PostgresClusterFixture cluster) : PartnershipIsolationBehaviour
{
    protected override Task<RuntimeDatabase> NewDatabaseAsync() => TestDatabases.PostgreSqlAsync(cluster);
}
