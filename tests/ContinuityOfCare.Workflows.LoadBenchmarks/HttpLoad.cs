using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>What one run against the server's HTTP API measured.</summary>
public sealed record HttpLoadResult(
    string Database,
    int Clients,
    int Requests,
    TimeSpan Elapsed,
    IReadOnlyDictionary<int, int> Statuses,
    int TransportErrors,
    TimeSpan P50,
    TimeSpan P95,
    TimeSpan P99,
    double ServerCpuSeconds,
    double ClientCpuSeconds,
    double ServerPeakRssMiB)
{
    /// <summary>Requests that changed a case (2xx).</summary>
    public int Succeeded => Statuses.Where(s => s.Key is >= 200 and < 300).Sum(s => s.Value);

    public double PerSecond => Succeeded / Elapsed.TotalSeconds;

    public TimeSpan ServerCpuPerRequest => TimeSpan.FromSeconds(ServerCpuSeconds / Math.Max(1, Requests));

    public TimeSpan ClientCpuPerRequest => TimeSpan.FromSeconds(ClientCpuSeconds / Math.Max(1, Requests));

    public string StatusText => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value:N0}"))
        + (TransportErrors > 0 ? $", transport errors: {TransportErrors:N0}" : "");
}

/// <summary>
/// Caseworkers recording events over HTTP as fast as they can: the real server, started as its own
/// process on a loopback port with request logging at Warning, publishes the load pathway; each
/// client signs in once, owns its own cases and records the next event on each in turn
/// (<c>POST /api/cases/{id}/events</c>), reading the state from each answer. The same work as
/// <see cref="TransitionLoad"/>, through sign-in, the API and its JSON, so the two compare.
/// </summary>
public static class HttpLoad
{
    public static async Task<HttpLoadResult> RunAsync(string database, string? postgreSql, int clients, TimeSpan duration, Action<string> log, int casesPerClient = 16)
    {
        var folder = Path.Combine(Path.GetTempPath(), "coc-http-" + Guid.NewGuid().ToString("N")[..8]);
        var pathways = Directory.CreateDirectory(Path.Combine(folder, "pathways")).FullName;
        await File.WriteAllTextAsync(Path.Combine(pathways, "load.pathway"), LoadPathway.Text);
        var port = FreeLoopbackPort();
        using var server = StartServer(Path.Combine(folder, "data"), pathways, postgreSql, port);
        try
        {
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = clients * 2, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            {
                BaseAddress = new Uri($"http://127.0.0.1:{port}"),
                Timeout = TimeSpan.FromSeconds(30),
            };
            await WaitUntilReadyAsync(http, server, TimeSpan.FromSeconds(90));
            var password = (await File.ReadAllTextAsync(Path.Combine(folder, "data", "demo-password.txt"))).Trim();
            var token = await TokenAsync(http, $"{LoadPathway.Agency}.loadshire", password);
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var cases = new List<Guid>[clients];
            for (var c = 0; c < clients; c++)
            {
                cases[c] = [];
                for (var i = 0; i < casesPerClient; i++)
                {
                    cases[c].Add(await StartCaseAsync(http, $"L{c % 100:D2}{i % 100:D2}{(char)('A' + (c / 100 % 26))}{(char)('A' + (i / 100 % 26))}"));
                }
            }

            log($"  {clients * casesPerClient} cases started; warming up...");
            var states = cases.Select(_ => new Dictionary<Guid, string>()).ToArray();
            await DriveAsync(http, cases, states, TimeSpan.FromSeconds(10));
            var serverBefore = CpuSeconds(server.Id);
            var clientBefore = ProcessCpu.OwnSeconds();
            var stopwatch = Stopwatch.StartNew();
            var run = await DriveAsync(http, cases, states, duration);
            stopwatch.Stop();
            var serverCpu = CpuSeconds(server.Id) - serverBefore;
            var clientCpu = ProcessCpu.OwnSeconds() - clientBefore;
            var latencies = run.Latencies;
            latencies.Sort();
            return new HttpLoadResult(
                database, clients, latencies.Count, stopwatch.Elapsed, run.Statuses, run.TransportErrors,
                Percentile(latencies, 0.50), Percentile(latencies, 0.95), Percentile(latencies, 0.99),
                serverCpu, clientCpu, PeakRssMiB(server.Id));
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file the killed server still held; the temporary folder is cleaned up by the system.
            }
        }
    }

    private sealed record Run(List<TimeSpan> Latencies, Dictionary<int, int> Statuses, int TransportErrors);

    /// <param name="states">Each client's knowledge of its cases' states, kept from one drive to the next.</param>
    private static async Task<Run> DriveAsync(HttpClient http, List<Guid>[] cases, Dictionary<Guid, string>[] states, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var runs = await Task.WhenAll(cases.Select((mine, client) => Task.Run(async () =>
        {
            var latencies = new List<TimeSpan>(32_768);
            var statuses = new Dictionary<int, int>();
            var transportErrors = 0;
            var known = states[client];
            for (var turn = 0; Stopwatch.GetTimestamp() < until; turn++)
            {
                var id = mine[turn % mine.Count];
                var next = known.GetValueOrDefault(id, "ping") == "ping" ? "pong" : "ping";
                var body = JsonContent.Create(new { @event = next, values = new Dictionary<string, string> { ["note"] = $"turn {turn}" } });
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync($"/api/cases/{id}/events", body);
                    var text = await response.Content.ReadAsStringAsync();
                    latencies.Add(Stopwatch.GetElapsedTime(started));
                    var code = (int)response.StatusCode;
                    statuses[code] = statuses.GetValueOrDefault(code) + 1;
                    if (response.IsSuccessStatusCode)
                    {
                        known[id] = JsonNode.Parse(text)!["state"]!["id"]!.GetValue<string>();
                    }
                    else
                    {
                        // Read the case again before its next turn.
                        known[id] = await StateAsync(http, id);
                    }
                }
                catch (HttpRequestException)
                {
                    transportErrors++;
                }
            }

            return new Run(latencies, statuses, transportErrors);
        })));
        var statuses = new Dictionary<int, int>();
        foreach (var (code, count) in runs.SelectMany(r => r.Statuses))
        {
            statuses[code] = statuses.GetValueOrDefault(code) + count;
        }

        return new Run([.. runs.SelectMany(r => r.Latencies)], statuses, runs.Sum(r => r.TransportErrors));
    }

    internal static Process StartServer(string dataFolder, string pathways, string? postgreSql, int port)
    {
        var root = RepositoryRoot();
        var dll = Path.Combine(root, "engine", "ContinuityOfCare.Workflows.Server", "bin", "Release", "net10.0", "ContinuityOfCare.Workflows.Server.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The server is not built in Release ({dll}); build the solution with -c Release first.");
        }

        var start = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["ContinuityOfCare__DataFolder"] = dataFolder;
        start.Environment["ContinuityOfCare__PublishPathwaysFrom"] = pathways;
        start.Environment["ContinuityOfCare__DemoData"] = "true";
        if (postgreSql is not null)
        {
            start.Environment["ContinuityOfCare__PostgreSql"] = postgreSql;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("The server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } line)
            {
                Console.Error.WriteLine("  server: " + line);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    internal static async Task WaitUntilReadyAsync(HttpClient http, Process server, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < within)
        {
            if (server.HasExited)
            {
                throw new InvalidOperationException($"The server exited with code {server.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync("/health/ready");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"The server was not ready within {within.TotalSeconds:F0} s.");
    }

    internal static async Task<string> TokenAsync(HttpClient http, string userName, string password)
    {
        // Demonstration data (accounts) is written by a hosted service after readiness may answer.
        for (var attempt = 0; ; attempt++)
        {
            using var response = await http.PostAsJsonAsync("/api/account/token", new { userName, password });
            if (response.IsSuccessStatusCode)
            {
                using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                return json.RootElement.GetProperty("accessToken").GetString()!;
            }

            if (attempt >= 40)
            {
                throw new InvalidOperationException($"Signing in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            await Task.Delay(250);
        }
    }

    private static async Task<Guid> StartCaseAsync(HttpClient http, string prisonNumber)
    {
        using var response = await http.PostAsJsonAsync("/api/cases", new
        {
            pathwayId = "load",
            consentRecorded = true,
            person = new { prisonNumber, name = $"Load Example {prisonNumber} (fictional)", dateOfBirth = "1990-01-01" },
        });
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"Starting a case failed: {(int)response.StatusCode} {text}");
        }

        return Guid.Parse(JsonNode.Parse(text)!["id"]!.GetValue<string>());
    }

    private static async Task<string> StateAsync(HttpClient http, Guid id)
    {
        using var response = await http.GetAsync($"/api/cases/{id}");
        return response.IsSuccessStatusCode
            ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["state"]!["id"]!.GetValue<string>()
            : "ping";
    }

    private static TimeSpan Percentile(List<TimeSpan> sorted, double p) =>
        sorted.Count == 0 ? TimeSpan.Zero : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    /// <summary>User and system CPU seconds of a process, from /proc/PID/stat.</summary>
    private static double CpuSeconds(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) / 100.0;
    }

    /// <summary>The process's peak resident set (VmHWM), in MiB.</summary>
    internal static double PeakRssMiB(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) / 1024.0;
    }

    internal static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "ContinuityOfCare.Workflows.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("Run the harness from inside the repository.");
    }
}
