using Microsoft.Data.Sqlite;

namespace ContinuityOfCare.Workflows.Cli.Tests;

public sealed class DatabaseCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder.Path, recursive: true);
    }

    [Fact]
    public void MigrateCreatesTheEmbeddedDatabaseAndThenHasNothingToApply()
    {
        var first = CocRunner.Run(_folder.Path, "database", "migrate", "--data-folder", "store");

        Assert.Equal(ExitCodes.Success, first.ExitCode);
        Assert.Contains("Applied ", first.Output);
        Assert.Contains("_Initial.\n", first.Output);
        Assert.Contains("_PathwayVersions.\n", first.Output);
        Assert.True(File.Exists(Path.Combine(_folder.Path, "store", "continuity.db")));

        var second = CocRunner.Run(_folder.Path, "database", "migrate", "--data-folder", "store");

        Assert.Equal(ExitCodes.Success, second.ExitCode);
        Assert.EndsWith("is up to date; nothing to apply.\n", second.Output);
        Assert.DoesNotContain("Applied", second.Output);
    }

    [Fact]
    public void AnUnreachableDatabaseIsReportedAndExitsOne()
    {
        var run = CocRunner.Run(_folder.Path, "database", "migrate", "--postgresql", "Host=127.0.0.1;Port=1;Database=none;Username=none;Timeout=2");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.StartsWith("coc: the database could not be brought up to date:", run.Error);
    }
}
