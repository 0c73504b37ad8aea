using ContinuityOfCare.Workflows.Language.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;

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
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
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
