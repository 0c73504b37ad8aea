using System.CommandLine;
using ContinuityOfCare.Workflows.Definitions.Diff;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Parsing;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary>
/// <c>coc rebase</c>: what a new version of its base would change in a local protocol, which of the
/// local changes no longer apply to it, and (with <c>--write</c>) the local protocol moved onto it.
/// </summary>
public static class RebaseCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var local = new Argument<string>("local") { Description = "The local protocol: a pathway file with a 'based on' line." };
        var onto = new Option<string>("--onto")
        {
            Description = "The new version of the base, as the pathway file that holds it.",
            Required = true,
        };
        var version = new Option<int?>("--version") { Description = "The number that new version of the base is published under; by default the one after the version the local protocol names." };
        var write = new Option<bool>("--write") { Description = "Rewrite the local protocol's 'based on' line to the new version, when all its changes still apply." };
        var command = new Command(
            "rebase",
            "Show what a new version of the base changes in a local protocol, and which local changes no longer apply (as diagnostics on the local file). "
            + "Exit codes: 0 every local change applies, 1 some do not (nothing written), 2 wrong usage.")
        {
            local, onto, version, write,
        };
        command.SetAction(result =>
        {
            if (!CocCommand.TryCompile(result.GetValue(local)!, workingDirectory, stderr, out var before, out var display) || !CocCommand.TryEnvironment(workingDirectory, stderr, out var environment))
            {
                return ExitCodes.Usage;
            }

            var basedOn = before!.Syntax.Declarations.OfType<HeaderSyntax>().First().BasedOn;
            if (basedOn is null)
            {
                stderr.WriteLine($"coc: {display} has no 'based on' line, so there is nothing to move onto another version.");
                return ExitCodes.Usage;
            }

            var ontoPath = Path.GetFullPath(result.GetValue(onto)!, workingDirectory);
            if (!File.Exists(ontoPath))
            {
                stderr.WriteLine($"coc: '{result.GetValue(onto)}' is not a file.");
                return ExitCodes.Usage;
            }

            var newBase = PathwayFileBases.Compile(ontoPath, environment);
            if (newBase.Definition is not { } baseDefinition)
            {
                stderr.WriteLine($"coc: {PathwayFiles.Display(ontoPath, workingDirectory)} does not compile, so nothing can be based on it.");
                return ExitCodes.Usage;
            }

            if (baseDefinition.Id != basedOn.Pathway.Name)
            {
                stderr.WriteLine($"coc: {PathwayFiles.Display(ontoPath, workingDirectory)} is pathway '{baseDefinition.Id}', not '{basedOn.Pathway.Name}', the base of {display}.");
                return ExitCodes.Usage;
            }

            var number = result.GetValue(version) ?? basedOn.Version + 1;
            var text = before.Source.Text;
            var rebasedText = string.Concat(text.AsSpan(0, basedOn.VersionSpan.Start), number.ToString(System.Globalization.CultureInfo.InvariantCulture), text.AsSpan(basedOn.VersionSpan.End));
            var rebased = PathwayCompiler.Compile(
                new SourceText(rebasedText, before.Source.Path),
                environment with { Bases = new PathwayBases().Add(baseDefinition, number) });

            stdout.WriteLine($"Moving {display} from version {basedOn.Version} to version {number} of '{basedOn.Pathway.Name}'.");
            var conflicts = rebased.Diagnostics.Where(d => d.IsError).ToList();
            if (conflicts.Count > 0 || rebased.Definition is null)
            {
                stdout.WriteLine($"{CocCommand.Count(conflicts.Count, "local change")} no longer appl{(conflicts.Count == 1 ? "ies" : "y")}:");
                stdout.WriteLine();
                foreach (var diagnostic in conflicts)
                {
                    DiagnosticWriter.Write(stdout, diagnostic, rebased.Source, display, withSource: true);
                }

                stdout.WriteLine("Nothing written: change the local protocol so that each change fits the new version, then run this again.");
                return ExitCodes.Problems;
            }

            var diff = PathwayDiffer.Compare(before.Definition!, rebased.Definition, $"{display} on version {basedOn.Version}", $"{display} on version {number}");
            stdout.WriteLine("Every local change still applies. What the new version changes in the local protocol:");
            stdout.WriteLine();
            stdout.Write(DiffReport.Text(diff));
            if (result.GetValue(write))
            {
                CocCommand.WriteFileAtomically(before.Source.Path, rebasedText);
                stdout.WriteLine($"Wrote {display}: it is now based on version {number}. Publish it to make it the new local version; running cases then move with 'coc migrate'.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
