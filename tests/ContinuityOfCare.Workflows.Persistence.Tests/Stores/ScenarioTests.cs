using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;
using ContinuityOfCare.Workflows.Runtime.Tests.Migration;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Stores;

/// <summary>Every national route, on a SQLite file.</summary>
public sealed class SqliteNationalPathwayScenarioTests : NationalPathwayScenarios, IDisposable
{
    private readonly TestDatabases _databases = new();

    protected override async Task<IRuntimeStore> NewStoreAsync() => new EfRuntimeStore(await _databases.SqliteAsync());

    public void Dispose() => _databases.Dispose();
}

/// <summary>Every national route, on PostgreSQL.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlNationalPathwayScenarioTests(PostgresClusterFixture cluster) : NationalPathwayScenarios
{
    protected override async Task<IRuntimeStore> NewStoreAsync() => new EfRuntimeStore(await TestDatabases.PostgreSqlAsync(cluster));
}

/// <summary>Moving running cases onto a new version, on a SQLite file.</summary>
public sealed class SqliteMigrationScenarioTests : MigrationScenarios, IDisposable
{
    private readonly TestDatabases _databases = new();

    protected override async Task<IRuntimeStore> NewStoreAsync() => new EfRuntimeStore(await _databases.SqliteAsync());

    public void Dispose() => _databases.Dispose();
}

/// <summary>Moving running cases onto a new version, on PostgreSQL.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlMigrationScenarioTests(PostgresClusterFixture cluster) : MigrationScenarios
{
    protected override async Task<IRuntimeStore> NewStoreAsync() => new EfRuntimeStore(await TestDatabases.PostgreSqlAsync(cluster));
}
