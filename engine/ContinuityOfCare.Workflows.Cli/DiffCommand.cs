using System.CommandLine;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diff;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.Data.Sqlite;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary><c>coc diff</c>: what behaves differently between two versions of a pathway.</summary>
public static class DiffCommand
{
    private static readonly string[] Formats = ["text", "markdown", "json", "html"];

    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var older = new Argument<string>("from") { Description = "The older version: a pathway file, or a published version as <pathway-id>@<number>." };
        var newer = new Argument<string>("to") { Description = "The newer version: a pathway file, or a published version as <pathway-id>@<number>." };
        var format = new Option<string>("--format", "-f")
        {
            Description = "text (coloured on a terminal), markdown (for a governance paper), json (for tools; see docs/diff.md) or html (for the designer).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string?>("--output", "-o") { Description = "Write the report to this file instead of the standard output." };
        var partnership = new Option<string?>("--partnership") { Description = "The partnership of published versions, when the pathway id is published in more than one." };
        var data = DataFolder.Option();
        var command = new Command(
            "diff",
            "Compare two versions of a pathway, from files or published versions, and report every change in behaviour, in words. "
            + "Comments, layout and whitespace are ignored. Exit codes: 0 no change in behaviour, 1 changes, 2 wrong usage or a version that cannot be read.")
        {
            older, newer, format, output, partnership, data,
        };
        command.SetAction(result => DataFolder.Run(async () =>
        {
            await using var versions = new PublishedVersions(result.GetValue(data)!, workingDirectory);
            var before = await ReadAsync(result.GetValue(older)!, versions, result.GetValue(partnership), workingDirectory, stderr);
            var after = before is null ? null : await ReadAsync(result.GetValue(newer)!, versions, result.GetValue(partnership), workingDirectory, stderr);
            if (before is null || after is null)
            {
                return ExitCodes.Usage;
            }

            var diff = PathwayDiffer.Compare(before.Value.Definition, after.Value.Definition, before.Value.Label, after.Value.Label);
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
        }, stderr));
        return command;
    }

    /// <summary>A side of the comparison: a file (compiled), or a published version read from the data folder's database.</summary>
    private static async Task<(PathwayDefinition Definition, string Label)?> ReadAsync(
        string argument, PublishedVersions versions, string? partnership, string workingDirectory, TextWriter stderr)
    {
        var at = argument.LastIndexOf('@');
        var isFile = File.Exists(Path.GetFullPath(argument, workingDirectory));
        if (isFile || at <= 0 || !int.TryParse(argument[(at + 1)..], out var number) || number < 1)
        {
            return CocCommand.TryCompile(argument, workingDirectory, stderr, out var compiled, out var display)
                ? (compiled!.Definition!, display)
                : null;
        }

        var pathwayId = argument[..at];
        if (!File.Exists(versions.Describe()))
        {
            stderr.WriteLine($"coc: '{argument}' is not a file, and there are no published versions to read it from ({versions.Describe()} does not exist).");
            return null;
        }

        var store = await versions.OpenAsync();
        var listed = await store.ListVersionsAsync(pathwayId, partnership);
        var partnerships = listed.Select(v => v.Partnership).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (partnerships.Count == 0)
        {
            stderr.WriteLine($"coc: no version of pathway '{pathwayId}' is published" + (partnership is null ? "" : $" in '{partnership}'") + $" in {versions.Describe()}.");
            return null;
        }

        if (partnerships.Count > 1)
        {
            stderr.WriteLine($"coc: pathway '{pathwayId}' is published in {partnerships.Count} partnerships ({string.Join("; ", partnerships)}); say which with --partnership.");
            return null;
        }

        var version = listed.FirstOrDefault(v => v.Number == number);
        if (version is null)
        {
            stderr.WriteLine($"coc: there is no version {number} of pathway '{pathwayId}' in '{partnerships[0]}'; the versions are {string.Join(", ", listed.Select(v => v.Number))}.");
            return null;
        }

        var content = await store.GetContentAsync(version.PathwayId, version.Partnership, version.Number);
        return (DefinitionJson.FromJson(content!.DefinitionJson), $"{pathwayId} version {number}");
    }

    /// <summary>Colour only on a real terminal, and never when NO_COLOR is set (https://no-color.org).</summary>
    private static bool IsColourTerminal(TextWriter stdout) =>
        ReferenceEquals(stdout, Console.Out)
        && !Console.IsOutputRedirected
        && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));

    /// <summary>The data folder's published versions, opened only when a side of the comparison asks for one.</summary>
    private sealed class PublishedVersions(string folder, string workingDirectory) : IAsyncDisposable
    {
        private RuntimeDatabase? _database;
        private IPathwayVersionStore? _store;

        public async Task<IPathwayVersionStore> OpenAsync()
        {
            if (_store is null)
            {
                _database = new RuntimeDatabase(DatabaseOptions.SqliteFile(Describe()));
                await _database.MigrateAsync();
                _store = new EfPathwayVersionStore(_database);
            }

            return _store;
        }

        public string Describe() => Path.Combine(Path.GetFullPath(folder, workingDirectory), DataFolder.DatabaseFileName);

        public ValueTask DisposeAsync() => _database?.DisposeAsync() ?? ValueTask.CompletedTask;
    }
}
