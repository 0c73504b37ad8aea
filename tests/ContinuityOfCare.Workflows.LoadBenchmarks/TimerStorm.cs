using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using System.Diagnostics;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using NodaTime;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>What a timer storm measured.</summary>
public sealed record StormResult(
    int Deadlines,
    TimeSpan AllFiredAfterFirstDue,
    TimeSpan AllFiredAfterLastDue,
    long Breaches,
    long DistinctCasesBreached,
    long Escalations,
    long StillPending,
    TimeSpan MedianLag,
    TimeSpan P99Lag)
{
    public double PerSecond => Deadlines / AllFiredAfterFirstDue.TotalSeconds;
}

/// <summary>
/// Many deadlines falling due in the same minute on PostgreSQL: the cases, their open actions and
/// their timer rows are written straight into the tables (as if 100,000 cases had each reached the
/// same step), then a real host, with Hangfire on the same database, has to breach and escalate
/// each one exactly once.
/// </summary>
public static class TimerStorm
{
    /// <param name="spreadSeconds">Over how many seconds the due instants are spread: 60 for a busy minute, 1 for all at once.</param>
    public static async Task<StormResult> RunAsync(PostgresCluster cluster, int count, int spreadSeconds, Action<string> log)
    {
        var connectionString = await cluster.CreateDatabaseAsync(spreadSeconds > 1 ? "storm" : "burst");
        await using var database = new RuntimeDatabase(DatabaseOptions.PostgreSql(connectionString));
        await database.MigrateAsync();
        var definition = LoadPathway.Compile();

        // The minute starts far enough ahead for the rows to be written and the host to start.
        var firstDue = Now() + NodaTime.Duration.FromSeconds(30);
        var lastDue = firstDue + NodaTime.Duration.FromSeconds(spreadSeconds - 1);
        await SeedAsync(connectionString, definition.Id, ContinuityOfCare.Workflows.Definitions.DefinitionJson.ContentHash(definition), count, firstDue, spreadSeconds);
        log($"  {count:N0} deadlines written, due from {firstDue} to {lastDue}");

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var catalog = new InMemoryDefinitionCatalog();
        catalog.Add(definition);
        builder.Services.AddSingleton<IDefinitionCatalog>(catalog);
        builder.Services.AddRuntimeDatabase(database.Options);
        builder.Services.AddPathwayRuntime();
        builder.Services.AddHangfireTimers(new TimerOptions
        {
            Storage = HangfireStorageKind.PostgreSql,
            PostgreSqlConnectionString = connectionString,
            WorkerCount = 4,
            SweepParallelism = TimerOptions.DefaultSweepParallelism(parallelWriters: true),
        });
        using var host = builder.Build();
        await host.StartAsync();

        var pending = long.MaxValue;
        while (pending > 0)
        {
            await Task.Delay(250);
            pending = await ScalarAsync(connectionString, """SELECT count(*) FROM timers WHERE "Status" = 'Pending'""");
            if (Now() > lastDue + NodaTime.Duration.FromMinutes(5))
            {
                break;
            }
        }

        var lastFired = Instant.FromUnixTimeTicks(await ScalarAsync(connectionString, """SELECT max("At") FROM history WHERE "Kind" = 'deadlineBreached'"""));
        await host.StopAsync(TimeSpan.FromSeconds(30));

        var lags = await LagsAsync(connectionString);
        return new StormResult(
            count,
            (lastFired - firstDue).ToTimeSpan(),
            (lastFired - lastDue).ToTimeSpan(),
            await ScalarAsync(connectionString, """SELECT count(*) FROM history WHERE "Kind" = 'deadlineBreached'"""),
            await ScalarAsync(connectionString, """SELECT count(DISTINCT "InstanceId") FROM history WHERE "Kind" = 'deadlineBreached'"""),
            await ScalarAsync(connectionString, "SELECT count(*) FROM outbox"),
            pending,
            lags.Median,
            lags.P99);
    }

    private static async Task SeedAsync(string connectionString, string pathwayId, string contentHash, int count, Instant firstDue, int spreadSeconds)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var opened = (firstDue - NodaTime.Duration.FromHours(1)).ToUnixTimeTicks();
        var sql = $$"""
            CREATE TEMP TABLE storm AS
              SELECT n, gen_random_uuid() AS instance_id, gen_random_uuid() AS action_id, gen_random_uuid() AS timer_id,
                     @first + (n % @spread) * 10000000::bigint AS due
              FROM generate_series(1, @count) AS n;
            INSERT INTO instances ("Id", "PathwayId", "ContentHash", "Partnership", "PrisonNumber", "PersonName", "DateOfBirth",
                                   "ConsentRecorded", "FieldsJson", "State", "StateEnteredAt", "Status", "StartedAt", "LastEventsJson", "Version", "HistoryCount")
              SELECT instance_id, @pathway, @hash, @partnership, 'S' || lpad(n::text, 6, '0'), 'Storm Example ' || n, '1990-01-01',
                     true, '{}', '{{LoadPathway.WaitingState}}', @opened, 'Active', @opened, '{}', 1, 0 FROM storm;
            INSERT INTO actions ("Id", "InstanceId", "Partnership", "State", "ActionId", "Description", "Agency", "OpenedAt", "DueAt", "Status")
              SELECT action_id, instance_id, @partnership, '{{LoadPathway.WaitingState}}', 'check', 'Check the record', '{{LoadPathway.Agency}}', @opened, due, 'Open' FROM storm;
            INSERT INTO timers ("Id", "InstanceId", "State", "Kind", "Target", "DueAt", "Status")
              SELECT timer_id, instance_id, '{{LoadPathway.WaitingState}}', 'ActionDeadline', action_id::text, due, 'Pending' FROM storm;
            ANALYZE;
            """;
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("first", firstDue.ToUnixTimeTicks());
        command.Parameters.AddWithValue("count", count);
        command.Parameters.AddWithValue("spread", spreadSeconds);
        command.Parameters.AddWithValue("opened", opened);
        command.Parameters.AddWithValue("pathway", pathwayId);
        command.Parameters.AddWithValue("hash", contentHash);
        command.Parameters.AddWithValue("partnership", LoadPathway.Partnership);
        command.CommandTimeout = 600;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<(TimeSpan Median, TimeSpan P99)> LagsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY h."At" - a."DueAt"),
                   percentile_cont(0.99) WITHIN GROUP (ORDER BY h."At" - a."DueAt")
            FROM history h JOIN actions a ON a."InstanceId" = h."InstanceId"
            WHERE h."Kind" = 'deadlineBreached'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        return (TimeSpan.FromTicks((long)reader.GetDouble(0)), TimeSpan.FromTicks((long)reader.GetDouble(1)));
    }

    private static Instant Now() => Instant.FromDateTimeOffset(TimeProvider.System.GetUtcNow());

    internal static async Task<long> ScalarAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
    }
}
