using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;

/// <summary>
/// A throw-away PostgreSQL cluster started from the installed binaries: initdb into a temporary
/// folder owned by a non-root user, listening only on loopback at a free port, stopped and removed
/// on dispose. No pre-existing server and no containers.
/// </summary>
/// <remarks>
/// The binaries come from <c>COC_POSTGRES_BIN</c> when set, otherwise from the newest
/// <c>/usr/lib/postgresql/N/bin</c>. PostgreSQL refuses to run as root, so when the tests run as
/// root the cluster's commands run as the <c>postgres</c> system user (<c>runuser</c>).
/// </remarks>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string Superuser = "postgres";
    private readonly string _folder;
    private readonly string _bin;
    private readonly bool _asPostgresUser;
    private int _databases;

    private PostgresCluster(string folder, string bin, bool asPostgresUser, int port)
    {
        _folder = folder;
        _bin = bin;
        _asPostgresUser = asPostgresUser;
        Port = port;
    }

    /// <summary>The loopback port the cluster listens on.</summary>
    public int Port { get; }

    /// <summary>The folder holding the cluster's data, socket and log.</summary>
    public string Folder => _folder;

    private string DataFolder => Path.Combine(_folder, "data");

    private string LogFile => Path.Combine(_folder, "postgres.log");

    /// <summary>Creates and starts a cluster.</summary>
    /// <param name="durable">
    /// False (the tests' setting) turns off fsync and synchronous commit for speed; true keeps
    /// PostgreSQL's crash-safe defaults, as a benchmark should.
    /// </param>
    /// <param name="maxConnections">The server's connection limit.</param>
    public static async Task<PostgresCluster> StartAsync(bool durable = false, int maxConnections = 200)
    {
        var bin = FindBinaries();
        var asPostgresUser = Environment.UserName == "root";
        var folder = Path.Combine(Path.GetTempPath(), "coc-pg-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        try
        {
            if (asPostgresUser)
            {
                await RunCheckedAsync("chown", ["-R", Superuser + ":", folder], asPostgresUser: false, folder);
            }

            var probe = new PostgresCluster(folder, bin, asPostgresUser, 0);
            await probe.RunToolCheckedAsync("initdb",
                ["-D", probe.DataFolder, "-U", Superuser, "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);

            // A free port can be taken between choosing it and binding it; try a few.
            Exception? last = null;
            for (var attempt = 0; attempt < 5; attempt++)
            {
                var cluster = new PostgresCluster(folder, bin, asPostgresUser, FreeLoopbackPort());
                try
                {
                    await cluster.StartServerAsync(durable, maxConnections);
                    return cluster;
                }
                catch (InvalidOperationException e)
                {
                    last = e;
                }
            }

            throw new InvalidOperationException("PostgreSQL would not start on any free port.", last);
        }
        catch
        {
            TryDelete(folder);
            throw;
        }
    }

    /// <summary>A connection string for a database on this cluster.</summary>
    public string ConnectionString(string database = "postgres") => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        Pooling = true,
        MaxPoolSize = 100,
        IncludeErrorDetail = true,
    }.ConnectionString;

    /// <summary>Creates an empty database with a fresh name and returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "coc_test")
    {
        var name = $"{prefix}_{Interlocked.Increment(ref _databases)}";
        await using var connection = new NpgsqlConnection(ConnectionString());
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
        await command.ExecuteNonQueryAsync();
        return ConnectionString(name);
    }

    /// <summary>
    /// Runs one of the cluster's client tools (e.g. pgbench) against it, as the cluster's user,
    /// and returns its standard output; fails with its error output if it exits non-zero.
    /// </summary>
    public Task<string> RunToolAsync(string tool, params IReadOnlyList<string> arguments) =>
        RunToolCheckedAsync(tool, [.. arguments]);

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunToolCheckedAsync("pg_ctl", ["stop", "-D", DataFolder, "-m", "immediate", "-w"]);
        }
        catch (InvalidOperationException)
        {
            // Already stopped: nothing more to do before removing the folder.
        }

        TryDelete(_folder);
    }

    private async Task StartServerAsync(bool durable, int maxConnections)
    {
        var settings = new StringBuilder()
            .Append($"-p {Port} -h 127.0.0.1 -k {_folder} -c max_connections={maxConnections}")
            .Append(" -c shared_buffers=256MB -c max_wal_size=2GB");
        if (!durable)
        {
            settings.Append(" -c fsync=off -c synchronous_commit=off -c full_page_writes=off");
        }

        try
        {
            await RunToolCheckedAsync("pg_ctl",
                ["start", "-D", DataFolder, "-l", LogFile, "-w", "-t", "60", "-o", settings.ToString()]);
        }
        catch (InvalidOperationException e)
        {
            var log = File.Exists(LogFile) ? await File.ReadAllTextAsync(LogFile) : "(no log)";
            throw new InvalidOperationException($"{e.Message}\nServer log:\n{log}", e);
        }
    }

    private Task<string> RunToolCheckedAsync(string tool, string[] arguments) =>
        RunCheckedAsync(Path.Combine(_bin, tool), arguments, _asPostgresUser, _folder);

    private static async Task<string> RunCheckedAsync(string program, string[] arguments, bool asPostgresUser, string workingFolder)
    {
        var start = new ProcessStartInfo
        {
            FileName = asPostgresUser ? "runuser" : program,
            WorkingDirectory = workingFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asPostgresUser)
        {
            foreach (var a in (string[])["-u", Superuser, "--", program])
            {
                start.ArgumentList.Add(a);
            }
        }

        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {program}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await error}\n{await output}");
        }

        return await output;
    }

    private static string FindBinaries()
    {
        var configured = Environment.GetEnvironmentVariable("COC_POSTGRES_BIN");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return File.Exists(Path.Combine(configured, "initdb"))
                ? configured
                : throw new InvalidOperationException($"COC_POSTGRES_BIN is '{configured}', but it holds no initdb.");
        }

        const string root = "/usr/lib/postgresql";
        var found = Directory.Exists(root)
            ? Directory.GetDirectories(root)
                .Select(d => (Folder: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(c => File.Exists(Path.Combine(c.Folder, "initdb")))
                .OrderByDescending(c => c.Version)
                .Select(c => c.Folder)
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            "PostgreSQL's server binaries were not found under /usr/lib/postgresql/*/bin. Install Debian's " +
            "postgresql package, or set COC_POSTGRES_BIN to the folder holding initdb and pg_ctl.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void TryDelete(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            // A file still held by a server that is stopping: the folder is left in the system's
            // temporary folder rather than failing the run. The cluster tests check that a stopped
            // cluster's folder is gone.
        }
    }
}
