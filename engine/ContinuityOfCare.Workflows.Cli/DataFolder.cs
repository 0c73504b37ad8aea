using System.CommandLine;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Runtime.Calendar;
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
        DefaultValueFactory = _ => Default,
    };

    /// <summary>The folder every command reads when it is not told another (the server's default too).</summary>
    public const string Default = "data";

    /// <summary>Opens the folder's database, creating and migrating it on first use, and the publisher over it.</summary>
    /// <exception cref="CalendarDataException">The folder's imported bank holiday file is not valid.</exception>
    public static async Task<PublishingSession> OpenAsync(string folder, string workingDirectory, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(folder, workingDirectory);
        var environment = CompileEnvironment(full);
        var database = new RuntimeDatabase(DatabaseOptions.InDataFolder(full));
        await database.MigrateAsync(cancellationToken);
        var publisher = new PathwayPublisher(new EfPathwayVersionStore(database), new EfRuntimeStore(database), TimeProvider.System, environment);
        return new PublishingSession(database, publisher);
    }

    /// <summary>The calendars the runtime counts with here: the built-in ones, overlaid by the folder's imported bank holidays.</summary>
    /// <exception cref="CalendarDataException">The folder's imported bank holiday file is not valid.</exception>
    public static CalendarSource Calendars(string folder) =>
        CalendarSource.WithImportedFile(Path.Combine(folder, CalendarSource.ImportedFileName));

    /// <summary>
    /// What pathway files compile against on this machine: the calendars the runtime would count
    /// with (so a pathway that checks here runs here), and template files read from beside each file.
    /// </summary>
    /// <exception cref="CalendarDataException">The folder's imported bank holiday file is not valid.</exception>
    public static CompileEnvironment CompileEnvironment(string folder) =>
        AuthoringEnvironment.For(Calendars(folder), DiskTemplateFileReader.Instance);

    /// <summary>
    /// Runs a command's work off the caller's synchronisation context, so a synchronous host cannot
    /// deadlock on it. Bank holiday data in the folder that cannot be read is the operator's to fix:
    /// it is reported in words (exit 2), with nothing written.
    /// </summary>
    public static int Run(Func<Task<int>> work, TextWriter stderr)
    {
        try
        {
            return Task.Run(work).GetAwaiter().GetResult();
        }
        catch (CalendarDataException problem)
        {
            stderr.WriteLine($"coc: {problem.Message}");
            return ExitCodes.Usage;
        }
    }
}

/// <summary>An open database and the publisher over it; disposing closes the file, so nothing is left half-written beside it.</summary>
internal sealed class PublishingSession(RuntimeDatabase database, PathwayPublisher publisher) : IAsyncDisposable
{
    public PathwayPublisher Publisher { get; } = publisher;

    public ValueTask DisposeAsync() => database.DisposeAsync();
}
