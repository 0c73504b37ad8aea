using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>
/// The http phase: state changes per second through the server's API, on SQLite and on PostgreSQL,
/// each beside its baselines measured in the same run on the same database kind — the in-process
/// transitions of <see cref="TransitionLoad"/> with the same client count, and on PostgreSQL
/// <c>pgbench -b tpcb-like</c>. Rounds take turns so every measurement sees the machine alike; the
/// figures reported are true medians of the rounds.
/// </summary>
public static class HttpPhase
{
    public static async Task RunAsync(int clients, TimeSpan seconds, int rounds, List<string> report, Action<string> log)
    {
        var sqliteHttp = new List<HttpLoadResult>();
        var sqliteInProcess = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            log($"Round {round} of {rounds}: SQLite in process, {clients} clients...");
            sqliteInProcess.Add(await InProcessOnSqliteAsync(clients, seconds));
            log($"  {sqliteInProcess[^1]:F0} transitions/s");
            log($"Round {round} of {rounds}: SQLite over HTTP, {clients} clients...");
            sqliteHttp.Add(await HttpLoad.RunAsync("SQLite", null, clients, seconds, log));
            log("  " + Describe(sqliteHttp[^1]));
        }

        AddRows(report, "SQLite", clients, sqliteHttp, sqliteInProcess, pgbench: null);

        log("Starting a PostgreSQL cluster (crash-safe settings: fsync and synchronous commit on)...");
        await using var cluster = await PostgresCluster.StartAsync(durable: true, maxConnections: 300);
        var pgbench = await PgBench.InitializeAsync(cluster, clients);
        var postgreSqlHttp = new List<HttpLoadResult>();
        var postgreSqlInProcess = new List<double>();
        var tps = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            log($"Round {round} of {rounds}: pgbench -b tpcb-like, {clients} clients...");
            tps.Add((await PgBench.RunAsync(cluster, pgbench, clients, seconds)).Tps);
            log($"  {tps[^1]:F0} tps");
            log($"Round {round} of {rounds}: PostgreSQL in process, {clients} clients...");
            await using (var database = new RuntimeDatabase(DatabaseOptions.PostgreSql(await cluster.CreateDatabaseAsync("transitions"))))
            {
                await database.MigrateAsync();
                postgreSqlInProcess.Add((await TransitionLoad.RunAsync(database, clients, seconds)).PerSecond);
            }

            log($"  {postgreSqlInProcess[^1]:F0} transitions/s");
            log($"Round {round} of {rounds}: PostgreSQL over HTTP, {clients} clients...");
            postgreSqlHttp.Add(await HttpLoad.RunAsync("PostgreSQL", await cluster.CreateDatabaseAsync("http"), clients, seconds, log));
            log("  " + Describe(postgreSqlHttp[^1]));
        }

        AddRows(report, "PostgreSQL", clients, postgreSqlHttp, postgreSqlInProcess, tps);
    }

    /// <summary>The middle value of an odd count, the mean of the two middle values of an even one.</summary>
    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count == 0 ? 0
            : sorted.Count % 2 == 1 ? sorted[sorted.Count / 2]
            : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static async Task<double> InProcessOnSqliteAsync(int clients, TimeSpan seconds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "coc-load-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            await using var database = new RuntimeDatabase(DatabaseOptions.SqliteFile(Path.Combine(folder, "load.db")));
            await database.MigrateAsync();
            return (await TransitionLoad.RunAsync(database, clients, seconds)).PerSecond;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static string Describe(HttpLoadResult r) =>
        $"{r.Succeeded:N0} state changes in {r.Elapsed.TotalSeconds:F1} s = {r.PerSecond:F0}/s; p50 {r.P50.TotalMilliseconds:F1} ms, p95 {r.P95.TotalMilliseconds:F1} ms, "
        + $"p99 {r.P99.TotalMilliseconds:F1} ms; statuses {r.StatusText}; server CPU {r.ServerCpuPerRequest.TotalMicroseconds:F0} µs/request, "
        + $"client {r.ClientCpuPerRequest.TotalMicroseconds:F0} µs/request; server peak RSS {r.ServerPeakRssMiB:F0} MiB";

    private static void AddRows(List<string> report, string database, int clients, List<HttpLoadResult> http, List<double> inProcess, List<double>? pgbench)
    {
        for (var i = 0; i < http.Count; i++)
        {
            var r = http[i];
            report.Add($"| Round {i + 1}: {database} over HTTP, {clients} clients: state changes/s | {r.PerSecond:N0} (in process {inProcess[i]:N0}{(pgbench is null ? "" : $"; pgbench {pgbench[i]:N0} tps")}) | | {r.ServerPeakRssMiB:N0} MiB (server) |");
            report.Add($"| … latency p50 / p95 / p99; statuses | {r.P50.TotalMilliseconds:N1} / {r.P95.TotalMilliseconds:N1} / {r.P99.TotalMilliseconds:N1} ms; {r.StatusText} | | |");
            report.Add($"| … CPU per request: server / client | {r.ServerCpuPerRequest.TotalMicroseconds:N0} µs / {r.ClientCpuPerRequest.TotalMicroseconds:N0} µs | | |");
        }

        var median = Median(http.Select(r => r.PerSecond));
        var ratio = Median(http.Select((r, i) => r.PerSecond / inProcess[i]));
        report.Add($"| {database} over HTTP, median of {http.Count} rounds: state changes/s; share of in-process transitions/s | {median:N0}; {ratio:P0} | | |");
        report.Add($"| … median server CPU per request; median p99 | {Median(http.Select(r => r.ServerCpuPerRequest.TotalMicroseconds)):N0} µs; {Median(http.Select(r => r.P99.TotalMilliseconds)):N1} ms | | |");
    }
}
