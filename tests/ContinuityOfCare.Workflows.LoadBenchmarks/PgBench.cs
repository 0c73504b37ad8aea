using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>PostgreSQL's own benchmark (the TPC-B-like script) on the same cluster, as the baseline.</summary>
public static partial class PgBench
{
    /// <summary>Creates and fills pgbench's tables in a new database; returns the database's name.</summary>
    public static async Task<string> InitializeAsync(PostgresCluster cluster, int clients)
    {
        var name = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync("pgbench")).Database!;

        // Scale as large as the client count, so that clients do not queue on the same branch row.
        await cluster.RunToolAsync("pgbench", [.. Connection(cluster), "-i", "-q", "-s", clients.ToString(CultureInfo.InvariantCulture), name]);
        return name;
    }

    /// <summary>Runs pgbench; returns its transactions per second and the server's CPU seconds per transaction.</summary>
    public static async Task<(double Tps, double ServerCpuPerTransaction)> RunAsync(PostgresCluster cluster, string database, int clients, TimeSpan duration)
    {
        var cpuBefore = ProcessCpu.PostgresSeconds();
        var output = await cluster.RunToolAsync("pgbench", [.. Connection(cluster),
            "-b", "tpcb-like", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), database]);
        var serverCpu = ProcessCpu.PostgresSeconds() - cpuBefore;
        var tps = Tps().Match(output);
        var count = Processed().Match(output);
        if (!tps.Success || !count.Success)
        {
            throw new InvalidOperationException("pgbench printed no tps figure:\n" + output);
        }

        return (double.Parse(tps.Groups[1].Value, CultureInfo.InvariantCulture), serverCpu / long.Parse(count.Groups[1].Value, CultureInfo.InvariantCulture));
    }

    private static string[] Connection(PostgresCluster cluster) =>
        ["-h", "127.0.0.1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres"];

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();

    [GeneratedRegex(@"number of transactions actually processed: ([0-9]+)")]
    private static partial Regex Processed();
}
