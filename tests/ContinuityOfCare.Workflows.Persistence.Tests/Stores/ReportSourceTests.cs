using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Tests.Reports;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Stores;

/// <summary>The outcome reports read from a SQLite file.</summary>
public sealed class SqliteReportSourceTests : ReportSourceBehaviour, IDisposable
{
    private readonly TestDatabases _databases = new();

    protected override async Task<(IRuntimeStore Store, IReportSource Source)> NewAsync()
    {
        var database = await _databases.SqliteAsync();
        return (new EfRuntimeStore(database), new EfReportSource(database));
    }

    public void Dispose() => _databases.Dispose();
}

/// <summary>The outcome reports read from PostgreSQL.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlReportSourceTests(PostgresClusterFixture cluster) : ReportSourceBehaviour
{
    protected override async Task<(IRuntimeStore Store, IReportSource Source)> NewAsync()
    {
        var database = await TestDatabases.PostgreSqlAsync(cluster);
        return (new EfRuntimeStore(database), new EfReportSource(database));
    }
}
