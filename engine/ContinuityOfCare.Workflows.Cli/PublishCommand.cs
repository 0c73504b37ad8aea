using System.CommandLine;
using ContinuityOfCare.Workflows.Language.Text;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary><c>coc publish</c>: publish a pathway file as the next version of its pathway in its partnership.</summary>
internal static class PublishCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var file = new Argument<string>("file") { Description = "The pathway file to publish." };
        var author = new Option<string>("--author") { Description = "Who is publishing (recorded with the version).", Required = true };
        var note = new Option<string>("--note") { Description = "The change note: what changed and why.", Required = true };
        var data = DataFolder.Option();
        var command = new Command(
            "publish",
            $"Publish a pathway as the next version of its pathway in its partnership, in the data folder's {DataFolder.DatabaseFileName}. "
            + "A pathway with errors publishes nothing (exit 1); the same content as the latest version is not published again (exit 0).")
        {
            file, author, note, data,
        };
        command.SetAction(result => DataFolder.Run(async () =>
        {
            var argument = result.GetValue(file)!;
            var full = Path.GetFullPath(argument, workingDirectory);
            if (!File.Exists(full))
            {
                stderr.WriteLine($"coc: '{argument}' is not a file.");
                return ExitCodes.Usage;
            }

            var display = PathwayFiles.Display(full, workingDirectory);
            var source = new SourceText(await File.ReadAllTextAsync(full), full);
            await using var session = await DataFolder.OpenAsync(result.GetValue(data)!, workingDirectory, CancellationToken.None);
            PublishResult published;
            try
            {
                published = await session.Publisher.PublishAsync(source, result.GetValue(author)!, result.GetValue(note)!);
            }
            catch (RuntimeException refused)
            {
                stderr.WriteLine($"coc: {refused.Message}");
                return ExitCodes.Usage;
            }
            catch (VersionNumberTakenException conflict)
            {
                stderr.WriteLine($"coc: {conflict.Message}");
                return ExitCodes.Problems;
            }

            foreach (var diagnostic in published.Diagnostics)
            {
                DiagnosticWriter.Write(stderr, diagnostic, source, display, withSource: true);
            }

            if (published.Outcome == PublishOutcome.HasErrors)
            {
                stderr.WriteLine($"{display}: {published.Message}");
                return ExitCodes.Problems;
            }

            stdout.WriteLine(published.Message);
            return ExitCodes.Success;
        }, stderr));
        return command;
    }
}
