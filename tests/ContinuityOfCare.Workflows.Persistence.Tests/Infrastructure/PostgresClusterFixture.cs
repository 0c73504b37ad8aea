namespace ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;

/// <summary>
/// One throw-away PostgreSQL cluster shared by every test class in the PostgreSQL collection; each
/// test takes a fresh database on it. A cluster that cannot start fails those tests; none is skipped.
/// </summary>
public sealed class PostgresClusterFixture : IAsyncLifetime
{
    public const string Collection = "PostgreSQL";

    private PostgresCluster? _cluster;

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The cluster has not started.");

    /// <summary>A new, empty database on the shared cluster.</summary>
    public Task<string> NewDatabaseAsync() => Cluster.CreateDatabaseAsync();

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    async Task IAsyncLifetime.DisposeAsync()
    {
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}

[CollectionDefinition(PostgresClusterFixture.Collection)]
public sealed class PostgresClusterCollection : ICollectionFixture<PostgresClusterFixture>;
