using System.CommandLine;
using ContinuityOfCare.Workflows.Definitions.Diff;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary><c>coc diff</c>: what behaves differently between two versions of a pathway.</summary>
public static class DiffCommand
{
    private static readonly string[] Formats = ["text", "markdown", "json", "html"];

    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var older = new Argument<string>("from") { Description = "The older pathway file." };
        var newer = new Argument<string>("to") { Description = "The newer pathway file." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (coloured on a terminal), markdown (for a governance paper), json (for tools; see docs/diff.md) or html (for the designer).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of the standard output." };
        var command = new Command(
            "diff",
            "Compare two versions of a pathway and report every change in behaviour, in words. "
            + "Comments, layout and whitespace are ignored. Exit codes: 0 no change in behaviour, 1 changes, 2 wrong usage or a file that does not compile.")
        {
            older, newer, format, output,
        };
        command.SetAction(result =>
        {
            if (!CocCommand.TryCompile(result.GetValue(older)!, workingDirectory, stderr, out var before, out var beforeName)
                || !CocCommand.TryCompile(result.GetValue(newer)!, workingDirectory, stderr, out var after, out var afterName))
            {
                return ExitCodes.Usage;
            }

            var diff = PathwayDiffer.Compare(before!.Definition!, after!.Definition!, beforeName, afterName);
            var outputPath = result.GetValue(output);
            var report = result.GetValue(format) switch
            {
                "markdown" => DiffReport.Markdown(diff),
                "json" => DiffReport.Json(diff),
                "html" => DiffReport.Html(diff),
                _ => DiffReport.Text(diff, colour: outputPath is null && IsColourTerminal(stdout)),
            };
            CocCommand.Emit(outputPath, report, stdout, workingDirectory);
            return diff.BehaviourChanged ? ExitCodes.Problems : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Colour only on a real terminal, and never when NO_COLOR is set (https://no-color.org).</summary>
    private static bool IsColourTerminal(TextWriter stdout) =>
        ReferenceEquals(stdout, Console.Out)
        && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
}
