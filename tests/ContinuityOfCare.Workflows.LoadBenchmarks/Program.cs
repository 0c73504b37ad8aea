using System.Globalization;
using ContinuityOfCare.Workflows.LoadBenchmarks;
using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using ContinuityOfCare.Workflows.Persistence;

// The durability load harness: transitions per second on PostgreSQL (beside pgbench on the same
// cluster and client count) and on SQLite, and a storm of deadlines falling due together (beside
// Hangfire's own delayed jobs on the same database). See docs/benchmarks.md.
//
//   dotnet run -c Release --project tests/ContinuityOfCare.Workflows.LoadBenchmarks -- [phases] [options]
//
// phases: sqlite, postgresql, storm (default: all three), and http (the server's API, on SQLite
//         and on PostgreSQL, beside the in-process transitions on the same database)
// options: --seconds N (each timed run; default 30), --clients N (default 16),
//          --deadlines N (default 100000), --hangfire-jobs N (default 3000),
//          --rounds N (turns of pgbench and the runtime on PostgreSQL; default 3)
//   scale (not in the default set): a million cases on a throw-away PostgreSQL cluster and the calls
//         people make on it through the server; --cases N (default 1000000), --samples N (default 200)

var phases = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal) && !int.TryParse(a, out _)).ToHashSet(StringComparer.OrdinalIgnoreCase);
if (phases.Count == 0)
{
    phases = ["sqlite", "postgresql", "storm"];
}

var unknown = phases.Except(["sqlite", "postgresql", "storm", "http", "scale"], StringComparer.OrdinalIgnoreCase).ToList();
if (unknown.Count > 0)
{
    Console.Error.WriteLine($"Unknown phase(s): {string.Join(", ", unknown)}. Phases are sqlite, postgresql, storm, http and scale.");
    return 2;
}

int Option(string name, int fallback)
{
    var at = Array.IndexOf(args, "--" + name);
    return at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) ? value : fallback;
}

var seconds = TimeSpan.FromSeconds(Option("seconds", 30));
var clients = Option("clients", 16);
var deadlines = Option("deadlines", 100_000);
var hangfireJobs = Option("hangfire-jobs", 3_000);
var rounds = Math.Max(1, Option("rounds", 3));

void Log(string line) => Console.WriteLine(line);

var report = new List<string>
{
    $"Machine: {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1024 * 1024 * 1024.0):F0} GiB, .NET {Environment.Version}",
    "",
    "| Measurement | Result | Target | Peak working set |",
    "|---|---:|---|---:|",
};

if (phases.Contains("sqlite"))
{
    Log("SQLite, one client...");
    var folder = Path.Combine(Path.GetTempPath(), "coc-load-" + Guid.NewGuid().ToString("N")[..8]);
    try
    {
        await using var database = new RuntimeDatabase(DatabaseOptions.SqliteFile(Path.Combine(folder, "load.db")));
        await database.MigrateAsync();
        await using var memory = new MemorySampler();
        var result = await TransitionLoad.RunAsync(database, clients: 1, seconds);
        Log($"  {result.Transitions:N0} transitions in {result.Elapsed.TotalSeconds:F1} s = {result.PerSecond:F0}/s; {result.Conflicts} conflicts");
        report.Add($"| SQLite, 1 client: transitions/s | {result.PerSecond:N0} | ≥ 300 | {memory.PeakMiB:N0} MiB |");
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

if (phases.Contains("scale"))
{
    await ScalePhase.RunAsync(TimeProvider.System, Math.Max(10_000, Option("cases", 1_000_000)), Math.Max(20, Option("samples", 200)), report, Log);
}

if (phases.Contains("http"))
{
    await HttpPhase.RunAsync(clients, seconds, rounds, report, Log);
}

if (phases.Contains("postgresql") || phases.Contains("storm"))
{
    Log("Starting a PostgreSQL cluster (crash-safe settings: fsync and synchronous commit on)...");
    await using var cluster = await PostgresCluster.StartAsync(durable: true, maxConnections: 300);

    if (phases.Contains("postgresql"))
    {
        // pgbench and the runtime take turns, so that both see the machine in the same state; the
        // ratio reported is the median of the rounds.
        var pgbench = await PgBench.InitializeAsync(cluster, clients);
        var ratios = new List<double>();
        for (var round = 1; round <= rounds; round++)
        {
            Log($"Round {round} of {rounds}: pgbench -b tpcb-like, {clients} clients...");
            var (tps, pgbenchServerCpu) = await PgBench.RunAsync(cluster, pgbench, clients, seconds);
            Log($"  {tps:F0} tps; server CPU {pgbenchServerCpu * 1e6:F0} µs per transaction");

            Log($"Round {round} of {rounds}: PostgreSQL, {clients} clients...");
            await using var database = new RuntimeDatabase(DatabaseOptions.PostgreSql(await cluster.CreateDatabaseAsync("transitions")));
            await database.MigrateAsync();
            await using var memory = new MemorySampler();
            var result = await TransitionLoad.RunAsync(database, clients, seconds);
            Log($"  {result.Transitions:N0} transitions in {result.Elapsed.TotalSeconds:F1} s = {result.PerSecond:F0}/s; {result.Conflicts} conflicts; "
                + $"CPU per transition: server {result.ServerCpuPerTransition.TotalMicroseconds:F0} µs, client {result.ClientCpuPerTransition.TotalMicroseconds:F0} µs");
            ratios.Add(result.PerSecond / tps);
            report.Add($"| Round {round}: pgbench -b tpcb-like, {clients} clients: tps | {tps:N0} | baseline | |");
            report.Add($"| Round {round}: PostgreSQL, {clients} clients: transitions/s | {result.PerSecond:N0} ({result.PerSecond / tps:P0} of pgbench) | ≥ 1,000 and ≥ 50 % | {memory.PeakMiB:N0} MiB |");
            report.Add($"| Round {round}: server CPU per pgbench transaction / per transition; client CPU per transition | {pgbenchServerCpu * 1e6:N0} µs / {result.ServerCpuPerTransition.TotalMicroseconds:N0} µs; {result.ClientCpuPerTransition.TotalMicroseconds:N0} µs | | |");
        }

        report.Add($"| PostgreSQL transitions/s as a share of pgbench tps, median of {rounds} rounds | {HttpPhase.Median(ratios):P0} | ≥ 50 % | |");
    }

    if (phases.Contains("storm"))
    {
        Log($"Hangfire delayed jobs, {hangfireJobs:N0} due together...");
        var hangfire = await HangfireDelayedJobs.RunAsync(await cluster.CreateDatabaseAsync("hangfire"), hangfireJobs, workers: 20);
        Log($"  scheduled in {hangfire.Scheduling.TotalSeconds:F1} s; all ran {hangfire.AllRunAfterDue.TotalSeconds:F1} s after falling due = {hangfire.PerSecond:F0}/s");

        report.Add($"| Hangfire.PostgreSql delayed jobs, {hangfire.Jobs:N0} due at once, {hangfire.Workers} workers: jobs/s | {hangfire.PerSecond:N0} | baseline | |");
        foreach (var (name, spread) in new[] { ("busy minute: due spread over 60 s", 60), ("burst: all due at the same second", 1) })
        {
            Log($"Timer storm, {deadlines:N0} deadlines, {name}...");
            await using var memory = new MemorySampler();
            var storm = await TimerStorm.RunAsync(cluster, deadlines, spread, Log);
            Log($"  all fired {storm.AllFiredAfterFirstDue.TotalSeconds:F1} s after the first fell due ({storm.AllFiredAfterLastDue.TotalSeconds:F1} s after the last); "
                + $"{storm.Breaches:N0} breaches on {storm.DistinctCasesBreached:N0} cases, {storm.Escalations:N0} escalations, {storm.StillPending} still pending; "
                + $"lag median {storm.MedianLag.TotalSeconds:F1} s, 99th percentile {storm.P99Lag.TotalSeconds:F1} s");
            var rate = spread > 1
                ? $"{storm.PerSecond:N0}/s, as they fell due"
                : $"{storm.PerSecond:N0}/s, {storm.PerSecond / hangfire.PerSecond:N1} × Hangfire";
            report.Add($"| Timer storm, {storm.Deadlines:N0} deadlines, {name}: all escalated after the first fell due | {storm.AllFiredAfterFirstDue.TotalSeconds:N1} s ({rate}) | ≤ 120 s | {memory.PeakMiB:N0} MiB |");
            report.Add($"| … breaches / distinct cases / escalations / still pending | {storm.Breaches:N0} / {storm.DistinctCasesBreached:N0} / {storm.Escalations:N0} / {storm.StillPending} | each exactly once | |");
            report.Add($"| … lag behind the due time, median / 99th percentile | {storm.MedianLag.TotalSeconds:N1} s / {storm.P99Lag.TotalSeconds:N1} s | | |");
        }
    }
}

Console.WriteLine();
Console.WriteLine(string.Join(Environment.NewLine, report));
return 0;
