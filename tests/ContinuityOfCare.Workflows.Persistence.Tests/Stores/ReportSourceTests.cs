using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;
using ContinuityOfCare.Workflows.Runtime.Tests.Reports;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Stores;

/// <summary>The outcome reports worked out by a SQLite file, held to the reference.</summary>
public sealed class SqliteReportSourceTests : ReportSourceBehaviour, IDisposable
{
    private readonly TestDatabases _databases = new();

    protected override Task<RuntimeDatabase> NewDatabaseAsync() => _databases.SqliteAsync();

    public void Dispose() => _databases.Dispose();
}

/// <summary>The outcome reports worked out by PostgreSQL, held to the reference.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlReportSourceTests(PostgresClusterFixture cluster) : ReportSourceBehaviour
{
    protected override Task<RuntimeDatabase> NewDatabaseAsync() => TestDatabases.PostgreSqlAsync(cluster);
}

/// <summary>New SQLite files, each with the database's own report source.</summary>
public sealed class SqliteReportStores : IReportStoreMaker, IDisposable
{
    private readonly TestDatabases _databases = new();

    public async Task<(IRuntimeStore Store, IReportSource Source)> NewAsync()
    {
        var database = await _databases.SqliteAsync();
        return (new EfRuntimeStore(database), new EfReportSource(database));
    }

    public void Dispose() => _databases.Dispose();
}

/// <summary>New databases on the test cluster, each with the database's own report source.</summary>
public sealed class PostgreSqlReportStores(PostgresClusterFixture cluster) : IReportStoreMaker
{
    public async Task<(IRuntimeStore Store, IReportSource Source)> NewAsync()
    {
        var database = await TestDatabases.PostgreSqlAsync(cluster);
        return (new EfRuntimeStore(database), new EfReportSource(database));
    }
}

/// <summary>The rules of the indicator, on a SQLite file.</summary>
public sealed class SqliteIndicatorTests() : IndicatorBehaviour(new SqliteReportStores());

/// <summary>The rules of the indicator, on PostgreSQL.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlIndicatorTests(PostgresClusterFixture cluster) : IndicatorBehaviour(new PostgreSqlReportStores(cluster));

/// <summary>The rules of the funnel, on a SQLite file.</summary>
public sealed class SqliteFunnelTests() : FunnelBehaviour(new SqliteReportStores());

/// <summary>The rules of the funnel, on PostgreSQL.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlFunnelTests(PostgresClusterFixture cluster) : FunnelBehaviour(new PostgreSqlReportStores(cluster));

/// <summary>The rules of deadline compliance and time in state, on a SQLite file.</summary>
public sealed class SqliteComplianceAndTimeInStateTests() : ComplianceAndTimeInStateBehaviour(new SqliteReportStores());

/// <summary>The rules of deadline compliance and time in state, on PostgreSQL.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlComplianceAndTimeInStateTests(PostgresClusterFixture cluster) : ComplianceAndTimeInStateBehaviour(new PostgreSqlReportStores(cluster));

/// <summary>Caseload counts and pages, on a SQLite file.</summary>
public sealed class SqliteCaseloadTests() : CaseloadBehaviour(new SqliteReportStores());

/// <summary>Caseload counts and pages, on PostgreSQL.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlCaseloadTests(PostgresClusterFixture cluster) : CaseloadBehaviour(new PostgreSqlReportStores(cluster));
