using System.CommandLine;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diagrams;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Formatting;
using ContinuityOfCare.Workflows.Language.Text;
using ContinuityOfCare.Workflows.Runtime.Calendar;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary>The <c>coc</c> command line: check, format, compile and draw pathway files.</summary>
public static class CocCommand
{
    /// <summary>Runs one command line, writing to the given streams; returns the exit code (see <see cref="ExitCodes"/>).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var root = Build(stdout, stderr, workingDirectory);
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                stderr.WriteLine($"coc: {error.Message}");
            }

            var command = parsed.CommandResult.Command;
            var name = command == root ? "coc" : $"coc {command.Name}";
            stderr.WriteLine($"Run '{name} --help' to see how to use it.");
            return ExitCodes.Usage;
        }

        return parsed.Invoke(new InvocationConfiguration { Output = stdout, Error = stderr });
    }

    private static RootCommand Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var root = new RootCommand(
            "coc: check, format, compile and draw continuity-of-care pathway files; publish, list and retract their versions; report on cases and simulate cohorts.\n"
            + "Exit codes: 0 clean or done, 1 problems found (errors, files to reformat, or a version number taken by another publish), 2 wrong usage or a refused request.");
        root.Subcommands.Add(CheckCommand(stdout, stderr, workingDirectory));
        root.Subcommands.Add(FormatCommand(stdout, stderr, workingDirectory));
        root.Subcommands.Add(CompileCommand(stdout, stderr, workingDirectory));
        root.Subcommands.Add(GraphCommand(stdout, stderr, workingDirectory));
        root.Subcommands.Add(HolidaysCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(DiffCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(RebaseCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(ExportCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(PublishCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(VersionsCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(RetractCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(MigrateCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(DatabaseCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(ReportCommand.Build(stdout, stderr, workingDirectory));
        root.Subcommands.Add(SimulateCommand.Build(stdout, stderr, workingDirectory));
        return root;
    }

    private static Argument<string[]> PathsArgument(string description) =>
        new("paths") { Description = description, Arity = ArgumentArity.OneOrMore };

    private static Command CheckCommand(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var paths = PathsArgument("Pathway files, or folders to search for .pathway files.");
        var brief = new Option<bool>("--brief") { Description = "Only the one-line form of each diagnostic (file(line,col): error CODE: message)." };
        var command = new Command("check", "Check pathway files and report every error and warning.") { paths, brief };
        command.SetAction(result =>
        {
            if (!PathwayFiles.TryExpand(result.GetValue(paths)!, workingDirectory, stderr, out var files))
            {
                return ExitCodes.Usage;
            }

            if (!TryEnvironment(workingDirectory, stderr, out var environment))
            {
                return ExitCodes.Usage;
            }

            int errors = 0, warnings = 0, failedFiles = 0;
            foreach (var (display, full) in files)
            {
                var compiled = PathwayFileBases.Compile(full, environment);
                foreach (var diagnostic in compiled.Diagnostics)
                {
                    DiagnosticWriter.Write(stdout, diagnostic, compiled.Source, display, withSource: !result.GetValue(brief));
                }

                var fileErrors = compiled.Diagnostics.Count(d => d.IsError);
                errors += fileErrors;
                warnings += compiled.Diagnostics.Count - fileErrors;
                failedFiles += fileErrors > 0 ? 1 : 0;
            }

            stdout.WriteLine(
                $"Checked {Count(files.Count, "file")}: {Count(errors, "error")}, {Count(warnings, "warning")}"
                + (failedFiles > 0 ? $" ({Count(failedFiles, "file")} will not compile)." : "."));
            return errors > 0 ? ExitCodes.Problems : ExitCodes.Success;
        });
        return command;
    }

    private static Command FormatCommand(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var paths = PathsArgument("Pathway files, or folders to search for .pathway files.");
        var check = new Option<bool>("--check") { Description = "Change nothing; list the files not in the canonical layout and exit 1 if there are any." };
        var command = new Command("fmt", "Rewrite pathway files in the one canonical layout (comments kept, meaning unchanged).") { paths, check };
        command.SetAction(result =>
        {
            if (!PathwayFiles.TryExpand(result.GetValue(paths)!, workingDirectory, stderr, out var files))
            {
                return ExitCodes.Usage;
            }

            var checkOnly = result.GetValue(check);
            int changed = 0, unreadable = 0;
            foreach (var (display, full) in files)
            {
                var source = new SourceText(File.ReadAllText(full), full);
                var formatted = PathwayFormatter.Format(source);
                if (formatted.Text is null)
                {
                    unreadable++;
                    stderr.WriteLine($"{display}: not formatted, because it has syntax errors:");
                    foreach (var diagnostic in formatted.Diagnostics.Where(d => d.IsError))
                    {
                        DiagnosticWriter.Write(stderr, diagnostic, source, display, withSource: false);
                    }

                    continue;
                }

                if (formatted.Text == source.Text)
                {
                    continue;
                }

                changed++;
                if (checkOnly)
                {
                    stdout.WriteLine($"{display}: not in the canonical layout");
                }
                else
                {
                    WriteFileAtomically(full, formatted.Text);
                    stdout.WriteLine($"{display}: formatted");
                }
            }

            var verb = checkOnly ? "to reformat" : "reformatted";
            stdout.WriteLine(
                $"{Count(files.Count, "file")}: {changed} {verb}, {files.Count - changed - unreadable} already formatted"
                + (unreadable > 0 ? $", {unreadable} with syntax errors." : "."));
            return unreadable > 0 || (checkOnly && changed > 0) ? ExitCodes.Problems : ExitCodes.Success;
        });
        return command;
    }

    private static Command CompileCommand(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var file = new Argument<string>("file") { Description = "The pathway file to compile." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the definition to this file instead of the standard output." };
        var canonical = new Option<bool>("--canonical") { Description = "Write the canonical JSON (one line; the form the content hash is computed from)." };
        var command = new Command("compile", "Compile a pathway into its definition (JSON) and print its content hash.") { file, output, canonical };
        command.SetAction(result =>
        {
            if (!TryCompile(result.GetValue(file)!, workingDirectory, stderr, out var compiled, out var display))
            {
                return compiled is null ? ExitCodes.Usage : ExitCodes.Problems;
            }

            var definition = compiled!.Definition!;
            var json = result.GetValue(canonical) ? DefinitionJson.ToCanonicalJson(definition) : DefinitionJson.ToIndentedJson(definition);
            Emit(result.GetValue(output), json + "\n", stdout, workingDirectory);
            stderr.WriteLine($"{display}: {Count(definition.States.Length, "state")}, content hash {compiled.ContentHash}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command GraphCommand(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var file = new Argument<string>("file") { Description = "The pathway file to draw." };
        var output = new Option<string?>("--output", "-o") { Description = "Write the diagram to this file instead of the standard output." };
        var highlight = new Option<string?>("--highlight") { Description = "A state id to pick out in the diagram." };
        var command = new Command("graph", "Draw a pathway as a Mermaid state diagram (GitHub and the designer render it).") { file, output, highlight };
        command.SetAction(result =>
        {
            if (!TryCompile(result.GetValue(file)!, workingDirectory, stderr, out var compiled, out _))
            {
                return compiled is null ? ExitCodes.Usage : ExitCodes.Problems;
            }

            var definition = compiled!.Definition!;
            var state = result.GetValue(highlight);
            if (state is not null && definition.FindState(state) is null)
            {
                stderr.WriteLine($"coc: there is no state '{state}' to highlight. The states are: {string.Join(", ", definition.States.Select(s => s.Id))}.");
                return ExitCodes.Usage;
            }

            Emit(result.GetValue(output), MermaidDiagram.Write(definition, state), stdout, workingDirectory);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Compiles one file for the commands that read a single pathway; diagnostics go to stderr so stdout stays clean output.</summary>
    internal static bool TryCompile(string argument, string workingDirectory, TextWriter stderr, out CompilationResult? compiled, out string display)
    {
        var full = Path.GetFullPath(argument, workingDirectory);
        display = PathwayFiles.Display(full, workingDirectory);
        compiled = null;
        if (!File.Exists(full))
        {
            stderr.WriteLine($"coc: '{argument}' is not a file.");
            return false;
        }

        if (!TryEnvironment(workingDirectory, stderr, out var environment))
        {
            return false;
        }

        compiled = PathwayFileBases.Compile(full, environment);
        foreach (var diagnostic in compiled.Diagnostics)
        {
            DiagnosticWriter.Write(stderr, diagnostic, compiled.Source, display, withSource: true);
        }

        if (!compiled.Succeeded)
        {
            stderr.WriteLine($"{display}: {Count(compiled.Errors.Count(), "error")}; nothing written.");
            return false;
        }

        return true;
    }

    /// <summary>What files compile against here (see <see cref="DataFolder.CompileEnvironment"/>), or a message on stderr when the data folder's bank holidays cannot be read.</summary>
    internal static bool TryEnvironment(string workingDirectory, TextWriter stderr, out CompileEnvironment environment)
    {
        try
        {
            environment = DataFolder.CompileEnvironment(Path.GetFullPath(DataFolder.Default, workingDirectory));
            return true;
        }
        catch (CalendarDataException problem)
        {
            stderr.WriteLine($"coc: {problem.Message}");
            environment = null!;
            return false;
        }
    }

    internal static void Emit(string? outputPath, string text, TextWriter stdout, string workingDirectory)
    {
        if (outputPath is null)
        {
            stdout.Write(text);
        }
        else
        {
            WriteFileAtomically(Path.GetFullPath(outputPath, workingDirectory), text);
        }
    }

    /// <summary>Writes beside the target and renames over it, so a file is never left half written.</summary>
    internal static void WriteFileAtomically(string path, string text)
    {
        var temporary = path + ".coc-tmp";
        File.WriteAllText(temporary, text);
        File.Move(temporary, path, overwrite: true);
    }

    internal static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}
