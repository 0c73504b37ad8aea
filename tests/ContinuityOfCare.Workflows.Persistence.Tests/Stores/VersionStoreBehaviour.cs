using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Tests.Authoring;
using NodaTime;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Stores;

/// <summary>What the EF Core version store promises: versions read back exactly, a number is taken once, a retraction is written once.</summary>
public abstract class VersionStoreBehaviour
{
    private const string Partnership = "Testshire (fictional) — Ünïcode";

    private static readonly Instant At = Instant.FromUtc(2026, 6, 1, 8, 0) + Duration.FromTicks(1234567);

    protected abstract Task<RuntimeDatabase> NewDatabaseAsync();

    private static PathwayVersion Version(int number, string hash = "sha256:aaaa") =>
        new("referral", Partnership, number, hash, "Pat Lead", At, "First \"protocol\"\nwith two lines");

    private static PathwayVersionContent Content(string text = "pathway referral\n") => new(text, """{"id":"referral"}""");

    [Fact]
    public async Task AVersionAndItsContentReadBackExactly()
    {
        var store = new EfPathwayVersionStore(await NewDatabaseAsync());
        await store.AddVersionAsync(Version(1), Content());

        Assert.Equal(Version(1), await store.FindVersionAsync("referral", Partnership, 1));
        Assert.Equal(Content(), await store.GetContentAsync("referral", Partnership, 1));
        Assert.Equal("""{"id":"referral"}""", await store.FindDefinitionJsonAsync(new DefinitionVersion("referral", "sha256:aaaa")));
        Assert.Null(await store.FindDefinitionJsonAsync(new DefinitionVersion("referral", "sha256:bbbb")));
    }

    [Fact]
    public async Task ASecondVersionWithATakenNumberIsAConflictAndWritesNothing()
    {
        var store = new EfPathwayVersionStore(await NewDatabaseAsync());
        await store.AddVersionAsync(Version(1), Content());

        var conflict = await Assert.ThrowsAsync<VersionNumberTakenException>(() => store.AddVersionAsync(Version(1, "sha256:bbbb"), Content("pathway other\n")));

        Assert.Equal(
            $"Version 1 of pathway 'referral' in '{Partnership}' was published by someone else at the same moment, so nothing was written. List the versions and publish again if this one is still wanted.",
            conflict.Message);
        Assert.Equal([Version(1)], await store.ListVersionsAsync("referral", Partnership));
        Assert.Equal(Content(), await store.GetContentAsync("referral", Partnership, 1));
    }

    [Fact]
    public async Task ARetractionIsWrittenOnceAndNeverOverwritten()
    {
        var store = new EfPathwayVersionStore(await NewDatabaseAsync());
        await store.AddVersionAsync(Version(1), Content());
        await store.AddVersionAsync(Version(2, "sha256:bbbb"), Content());
        var first = new Retraction("Pat Lead", At + Duration.FromDays(1), "Wrong owner");

        var retracted = await store.RetractAsync("referral", Partnership, 2, first);
        var again = await store.RetractAsync("referral", Partnership, 2, new Retraction("Kim Lead", At + Duration.FromDays(2), "Again"));
        var missing = await store.RetractAsync("referral", Partnership, 3, first);

        Assert.Equal((true, false, false), (retracted, again, missing));
        Assert.Equal(Version(2, "sha256:bbbb") with { Retraction = first }, await store.FindVersionAsync("referral", Partnership, 2));
        Assert.Equal(2, (await store.FindLatestAsync("referral", Partnership))!.Number);
        Assert.Equal(1, (await store.FindCurrentAsync("referral", Partnership))!.Number);
    }

    [Fact]
    public async Task VersionsAreListedByPathwayPartnershipAndNumber()
    {
        var store = new EfPathwayVersionStore(await NewDatabaseAsync());
        await store.AddVersionAsync(Version(2) with { Partnership = "b" }, Content());
        await store.AddVersionAsync(Version(1) with { PathwayId = "other", Partnership = "a" }, Content());
        await store.AddVersionAsync(Version(1) with { Partnership = "b" }, Content());
        await store.AddVersionAsync(Version(1) with { Partnership = "B" }, Content());

        var all = await store.ListVersionsAsync(null, null);
        var inB = await store.ListVersionsAsync(null, "b");

        Assert.Equal([("other", "a", 1), ("referral", "B", 1), ("referral", "b", 1), ("referral", "b", 2)], all.Select(v => (v.PathwayId, v.Partnership, v.Number)));
        Assert.Equal([1, 2], inB.Select(v => v.Number));
    }

    [Fact]
    public async Task SavingADraftAgainReplacesIt()
    {
        var store = new EfPathwayVersionStore(await NewDatabaseAsync());
        await store.SaveDraftAsync(new PathwayDraft("referral", Partnership, "first", "Pat Lead", At));
        var second = new PathwayDraft("referral", Partnership, "second, with \"quotes\"", "Kim Lead", At + Duration.FromMinutes(3));

        await store.SaveDraftAsync(second);

        Assert.Equal(second, await store.FindDraftAsync("referral", Partnership));
        Assert.Null(await store.FindDraftAsync("referral", "Exampleton (fictional)"));
    }
}

public sealed class SqliteVersionStoreBehaviour : VersionStoreBehaviour, IDisposable
{
    private readonly TestDatabases _databases = new();

    protected override Task<RuntimeDatabase> NewDatabaseAsync() => _databases.SqliteAsync();

    public void Dispose() => _databases.Dispose();
}

[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlVersionStoreBehaviour(PostgresClusterFixture cluster) : VersionStoreBehaviour
{
    protected override Task<RuntimeDatabase> NewDatabaseAsync() => TestDatabases.PostgreSqlAsync(cluster);
}

/// <summary>The publishing rules on SQLite.</summary>
public sealed class SqlitePublisherRules : PublisherRules, IDisposable
{
    private readonly TestDatabases _databases = new();

    protected override async Task<(IPathwayVersionStore Versions, IRuntimeStore Instances)> NewStoresAsync()
    {
        var database = await _databases.SqliteAsync();
        return (new EfPathwayVersionStore(database), new EfRuntimeStore(database));
    }

    public void Dispose() => _databases.Dispose();
}

/// <summary>The publishing rules on PostgreSQL.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlPublisherRules(PostgresClusterFixture cluster) : PublisherRules
{
    protected override async Task<(IPathwayVersionStore Versions, IRuntimeStore Instances)> NewStoresAsync()
    {
        var database = await TestDatabases.PostgreSqlAsync(cluster);
        return (new EfPathwayVersionStore(database), new EfRuntimeStore(database));
    }
}
