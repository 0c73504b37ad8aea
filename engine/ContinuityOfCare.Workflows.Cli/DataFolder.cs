using System.CommandLine;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary>
/// The data folder the server and the command line share: imported bank holidays, and the embedded
/// SQLite database (<c>continuity.db</c>) with the published pathway versions and the cases.
/// </summary>
internal static class DataFolder
{
    public const string DatabaseFileName = DatabaseOptions.EmbeddedFileName;

    public static Option<string> Option() => new("--data-folder")
    {
        Description = "The data folder the server and command line share (default: ./data).",
        DefaultValueFactory = _ => "data",
    };

    /// <summary>Opens the folder's database, creating and migrating it on first use, and the publisher over it.</summary>
    public static async Task<PublishingSession> OpenAsync(string folder, string workingDirectory, CancellationToken cancellationToken)
    {
        var database = new RuntimeDatabase(DatabaseOptions.InDataFolder(Path.GetFullPath(folder, workingDirectory)));
        await database.MigrateAsync(cancellationToken);
        var publisher = new PathwayPublisher(new EfPathwayVersionStore(database), new EfRuntimeStore(database), TimeProvider.System);
        return new PublishingSession(database, publisher);
    }

    /// <summary>Runs a command's work off the caller's synchronisation context, so a synchronous host cannot deadlock on it.</summary>
    public static int Run(Func<Task<int>> work) => Task.Run(work).GetAwaiter().GetResult();
}

/// <summary>An open database and the publisher over it; disposing closes the file, so nothing is left half-written beside it.</summary>
internal sealed class PublishingSession(RuntimeDatabase database, PathwayPublisher publisher) : IAsyncDisposable
{
    public PathwayPublisher Publisher { get; } = publisher;

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
