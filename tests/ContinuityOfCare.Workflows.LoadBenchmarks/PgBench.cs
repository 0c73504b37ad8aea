using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using System.Globalization;
using System.Text.RegularExpressions;
using Npgsql;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>PostgreSQL's own benchmark (the TPC-B-like script) on the same cluster, as the baseline.</summary>
public static partial class PgBench
{
    public static async Task<double> RunAsync(PostgresCluster cluster, int clients, TimeSpan duration)
    {
        var name = new NpgsqlConnectionStringBuilder(await cluster.CreateDatabaseAsync("pgbench")).Database!;
        string[] connection = ["-h", "127.0.0.1", "-p", cluster.Port.ToString(CultureInfo.InvariantCulture), "-U", "postgres"];

        // Scale as large as the client count, so that clients do not queue on the same branch row.
        await cluster.RunToolAsync("pgbench", [.. connection, "-i", "-q", "-s", clients.ToString(CultureInfo.InvariantCulture), name]);
        var output = await cluster.RunToolAsync("pgbench", [.. connection,
            "-b", "tpcb-like", "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", "2",
            "-T", ((int)duration.TotalSeconds).ToString(CultureInfo.InvariantCulture), name]);
        var match = Tps().Match(output);
        return match.Success
            ? double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)
            : throw new InvalidOperationException("pgbench printed no tps figure:\n" + output);
    }

    [GeneratedRegex(@"tps = ([0-9.]+) \(without initial connection time\)")]
    private static partial Regex Tps();
}
