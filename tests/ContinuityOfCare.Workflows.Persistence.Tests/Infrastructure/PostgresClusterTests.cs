using System.Net.Sockets;
using Npgsql;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;

/// <summary>The throw-away cluster is what the PostgreSQL tests claim it is, and leaves nothing behind.</summary>
public sealed class PostgresClusterTests
{
    [Fact]
    public async Task RunsPostgreSql15OnLoopbackAsANonRootUserAndIsRemovedAfterwards()
    {
        var cluster = await PostgresCluster.StartAsync();
        string folder = cluster.Folder;
        int port = cluster.Port;
        await using (cluster)
        {
            var database = await cluster.CreateDatabaseAsync("cluster_check");
            await using var connection = new NpgsqlConnection(database);
            await connection.OpenAsync();

            Assert.StartsWith("15.", await ScalarAsync(connection, "SHOW server_version"));
            Assert.Equal("127.0.0.1", await ScalarAsync(connection, "SHOW listen_addresses"));
            Assert.Equal(port.ToString(), await ScalarAsync(connection, "SHOW port"));
            Assert.StartsWith(folder, await ScalarAsync(connection, "SHOW data_directory"));
            Assert.Equal("cluster_check_1", await ScalarAsync(connection, "SELECT current_database()"));

            // The server process does not run as root.
            var pid = int.Parse(File.ReadLines(Path.Combine(folder, "data", "postmaster.pid")).First());
            var uid = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("Uid:"))
                .Split('\t', StringSplitOptions.RemoveEmptyEntries)[1];
            Assert.NotEqual("0", uid);
        }

        Assert.False(Directory.Exists(folder));
        using var client = new TcpClient();
        await Assert.ThrowsAsync<SocketException>(() => client.ConnectAsync("127.0.0.1", port));
    }

    [Fact]
    public async Task RunsPgbenchAgainstTheCluster()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var database = await cluster.CreateDatabaseAsync("bench");
        var name = new NpgsqlConnectionStringBuilder(database).Database!;

        await cluster.RunToolAsync("pgbench", "-i", "-q", "-s", "1", "-h", "127.0.0.1", "-p", cluster.Port.ToString(), "-U", "postgres", name);
        var output = await cluster.RunToolAsync("pgbench", "-b", "tpcb-like", "-c", "2", "-t", "20", "-h", "127.0.0.1", "-p", cluster.Port.ToString(), "-U", "postgres", name);

        Assert.Contains("number of transactions actually processed: 40/40", output);
    }

    private static async Task<string> ScalarAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToString(await command.ExecuteScalarAsync())!;
    }
}
