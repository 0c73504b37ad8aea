using ContinuityOfCare.Workflows.Language.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>
/// The real server in process, publishing the shipped pathways: on its embedded default (SQLite,
/// Hangfire in memory) in a data folder of its own, or on a PostgreSQL database when one is given.
/// </summary>
public sealed class ServerFactory(string dataFolder, string? postgreSql = null) : WebApplicationFactory<Program>
{
    public string DataFolder { get; } = dataFolder;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("ContinuityOfCare:DataFolder", DataFolder);
        if (postgreSql is not null)
        {
            builder.UseSetting("ContinuityOfCare:PostgreSql", postgreSql);
        }

        builder.UseSetting("ContinuityOfCare:PublishPathwaysFrom", RepositoryPaths.Pathways);
        builder.UseSetting("ContinuityOfCare:DemoData", "true");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        if (TestServices is { } services)
        {
            builder.ConfigureTestServices(services);
        }

        if (Logs is { } logs)
        {
            builder.UseSetting("Logging:LogLevel:ContinuityOfCare", "Information");
            builder.ConfigureLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Information));
        }
    }

    /// <summary>More configuration for the server (e.g. OpenID Connect).</summary>
    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Services replaced or configured for a test (e.g. the OpenID Connect back channel).</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? TestServices { get; init; }

    /// <summary>Where the server's logs are collected, when a test reads them.</summary>
    public CollectedLogs? Logs { get; init; }

    /// <summary>The fictional demonstration accounts' password, generated at the server's first start.</summary>
    public string DemoPassword => File.ReadAllText(System.IO.Path.Combine(DataFolder, "demo-password.txt")).Trim();

    public string AdministratorPassword => File.ReadAllText(System.IO.Path.Combine(DataFolder, "administrator-password.txt")).Trim();

    /// <summary>A client signed in as the named account with a bearer token (demo accounts, or "administrator").</summary>
    public async Task<HttpClient> SignedInAsync(string userName)
    {
        var client = CreateClient();
        var password = userName == "administrator" ? AdministratorPassword : DemoPassword;
        var response = await client.PostAsJsonAsync("/api/account/token", new { userName, password });
        response.EnsureSuccessStatusCode();
        var token = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
    }
}

/// <summary>A data folder that is removed after the test.</summary>
public sealed class TempDataFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "coc-server-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(Path))
        {
            Directory.Delete(Path, recursive: true);
        }
    }
}

/// <summary>Every log line the server writes, with its values, for tests that check what is logged.</summary>
public sealed class CollectedLogs : ILoggerProvider
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger(CollectedLogs logs, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var values = state is IEnumerable<KeyValuePair<string, object?>> pairs ? string.Join(" ", pairs.Select(p => $"{p.Key}={p.Value}")) : "";
            logs._lines.Enqueue($"{category}: {formatter(state, exception)} | {values} {exception}");
        }
    }
}

/// <summary>What readiness may say on the real clock: healthy, or warning only that the built-in bank holidays run out soon (which a date in the second half of their last year brings, whatever else is well).</summary>
public static class Readiness
{
    public static void AssertReady(string answer) =>
        Assert.True(
            answer == "Healthy" || (answer.StartsWith("Degraded\nbank-holidays: Degraded:", StringComparison.Ordinal) && answer.Split('\n').Length == 2),
            $"Readiness said: {answer}");
}
