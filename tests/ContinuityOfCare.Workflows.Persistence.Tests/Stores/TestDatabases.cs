using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Stores;

/// <summary>Makes fresh, migrated databases for tests, and removes the SQLite files afterwards.</summary>
public sealed class TestDatabases : IDisposable
{
    private readonly List<string> _folders = [];

    /// <summary>A new SQLite file in its own temporary folder, migrated.</summary>
    public async Task<RuntimeDatabase> SqliteAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "coc-sqlite-" + Guid.NewGuid().ToString("N"));
        _folders.Add(folder);
        var database = new RuntimeDatabase(DatabaseOptions.SqliteFile(Path.Combine(folder, "data", "continuity.db")));
        await database.MigrateAsync();
        return database;
    }

    /// <summary>A new database on the test cluster, migrated.</summary>
    public static async Task<RuntimeDatabase> PostgreSqlAsync(PostgresClusterFixture fixture)
    {
        var database = new RuntimeDatabase(DatabaseOptions.PostgreSql(await fixture.NewDatabaseAsync()));
        await database.MigrateAsync();
        return database;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var folder in _folders.Where(Directory.Exists))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
