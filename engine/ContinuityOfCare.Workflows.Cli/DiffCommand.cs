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
        var newer = new Argument<string?>("to") { Description = "The newer version: a pathway file, or a published version as <pathway-id>@<number>. Left out with --against-base.", Arity = ArgumentArity.ZeroOrOne };
        var againstBase = new Option<bool>("--against-base") { Description = "Compare a local protocol (the one file given) with the version of the pathway it is based on: its local changes, in words." };
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
            older, newer, againstBase, format, output, partnership, data,
        };
        command.SetAction(result => DataFolder.Run(async () =>
        {
            await using var versions = new PublishedVersions(result.GetValue(data)!, workingDirectory);
            (Definitions.PathwayDefinition Definition, string Label)? before, after;
            if (result.GetValue(againstBase))
            {
                if (result.GetValue(newer) is not null)
                {
                    stderr.WriteLine("coc: --against-base compares one local protocol with its base; give only the local protocol's file.");
                    return ExitCodes.Usage;
                }

                (before, after) = ReadAgainstBase(result.GetValue(older)!, workingDirectory, stderr);
            }
            else if (result.GetValue(newer) is not { } to)
            {
                stderr.WriteLine("coc: give the two versions to compare, or one local protocol with --against-base.");
                return ExitCodes.Usage;
            }
            else
            {
                before = await ReadAsync(result.GetValue(older)!, versions, result.GetValue(partnership), workingDirectory, stderr);
                after = before is null ? null : await ReadAsync(to, versions, result.GetValue(partnership), workingDirectory, stderr);
            }

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

    /// <summary>A local protocol file and the version of the pathway it is based on, found as compiling it finds it.</summary>
    private static ((PathwayDefinition, string)?, (PathwayDefinition, string)?) ReadAgainstBase(string argument, string workingDirectory, TextWriter stderr)
    {
        if (!CocCommand.TryCompile(argument, workingDirectory, stderr, out var compiled, out var display) || !CocCommand.TryEnvironment(workingDirectory, stderr, out var environment))
        {
            return (null, null);
        }

        if (compiled!.Definition!.Base is not { } basedOn)
        {
            stderr.WriteLine($"coc: {display} is not based on another pathway (it has no 'based on' line), so it has no local changes to show.");
            return (null, null);
        }

        var found = (Language.Semantics.BaseFound)new PathwayFileBases(compiled.Source.Path, environment).Find(basedOn.PathwayId, basedOn.Version);
        return ((found.Definition, $"{basedOn.PathwayId} version {basedOn.Version} (the base)"), (compiled.Definition, display));
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
