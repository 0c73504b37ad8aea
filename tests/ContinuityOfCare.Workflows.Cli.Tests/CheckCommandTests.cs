using System.Text.RegularExpressions;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Cli.Tests;

public partial class CheckCommandTests
{
    [GeneratedRegex(@"^(?<file>[^()]+)\((?<line>\d+),(?<column>\d+)\): (?<severity>error|warning) (?<code>COC\d{4}): .+$")]
    private static partial Regex CompilerLine();

    [Fact]
    public void TheShippedPathwaysAreClean()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "check", "pathways");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("Checked 3 files: 0 errors, 0 warnings.\n", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void FiveMistakesGiveFiveDiagnosticsWithCodesLinesAndColumns()
    {
        const string file = "tests/ContinuityOfCare.Workflows.Language.Tests/Baselines/five-mistakes/input.pathway";

        var run = CocRunner.Run(RepositoryPaths.Root, "check", file);

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        var found = run.OutputLines.Select(l => CompilerLine().Match(l)).Where(m => m.Success).ToList();
        Assert.Equal(5, found.Count);
        Assert.All(found, m => Assert.Equal(file, m.Groups["file"].Value));
        Assert.Equal(
            ["15,65 COC2024", "16,38 COC2025", "16,45 COC2009", "21,9 COC2008", "22,66 COC2012"],
            found.Select(m => $"{m.Groups["line"]},{m.Groups["column"]} {m.Groups["code"]}"));
        Assert.EndsWith("Checked 1 file: 5 errors, 0 warnings (1 file will not compile).\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void EachDiagnosticShowsItsLineWithACaretUnderTheMistakeAndTheFix()
    {
        using var folder = new TempFolder();
        folder.Write("typo.pathway", Samples.Clean.Replace("owner cjit\n  on released", "owner cjt\n  on released", StringComparison.Ordinal));

        var run = CocRunner.Run(folder.Path, "check", "typo.pathway");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.StartsWith(
            """
            typo.pathway(9,9): error COC2008: Unknown agency 'cjt'. Did you mean 'cjit'?
               |
             9 |   owner cjt
               |         ^^^
               = fix: Replace with 'cjit'
               = see: docs/language.md#coc2008

            """,
            run.Output,
            StringComparison.Ordinal);
    }

    [Fact]
    public void BriefWritesOnlyTheCompilerStyleLines()
    {
        const string file = "tests/ContinuityOfCare.Workflows.Language.Tests/Baselines/five-mistakes/input.pathway";

        var run = CocRunner.Run(RepositoryPaths.Root, "check", "--brief", file);

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.Equal(6, run.OutputLines.Length);
        Assert.All(run.OutputLines[..5], line => Assert.Matches(CompilerLine(), line));
    }

    [Fact]
    public void WarningsAloneDoNotFailTheCheck()
    {
        using var folder = new TempFolder();
        folder.Write("warning.pathway", Samples.WithWarning);

        var run = CocRunner.Run(folder.Path, "check", "warning.pathway");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Matches(CompilerLine(), run.OutputLines[0]);
        Assert.Contains(": warning COC", run.OutputLines[0], StringComparison.Ordinal);
        Assert.EndsWith("Checked 1 file: 0 errors, 1 warning.\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void FoldersAreSearchedForPathwayFilesAtAnyDepth()
    {
        using var folder = new TempFolder();
        folder.Write("a/one.pathway", Samples.Clean);
        folder.Write("a/b/c/two.pathway", Samples.Untidy);
        folder.Write("a/b/notes.txt", "not a pathway");
        folder.Write("a/b/broken.pathway.bak", Samples.SyntaxErrors);

        var run = CocRunner.Run(folder.Path, "check", "a");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("Checked 2 files: 0 errors, 0 warnings.\n", run.Output);
    }

    [Fact]
    public void AnErrorInOneFileIsReportedAndTheOthersAreStillChecked()
    {
        using var folder = new TempFolder();
        folder.Write("good.pathway", Samples.Clean);
        folder.Write("bad.pathway", Samples.SyntaxErrors);

        var run = CocRunner.Run(folder.Path, "check", "--brief", ".");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.All(run.OutputLines[..^1], line => Assert.StartsWith("bad.pathway(", line, StringComparison.Ordinal));
        Assert.Equal("Checked 2 files: 2 errors, 0 warnings (1 file will not compile).", run.OutputLines[^1]);
    }

    [Theory]
    [InlineData(new string[0], "Required command was not provided.")]
    [InlineData(new[] { "check" }, "Required argument missing for command: 'check'.")]
    [InlineData(new[] { "check", "no-such-folder" }, "coc: 'no-such-folder' is not a file or a folder.")]
    [InlineData(new[] { "lint", "pathways" }, "coc: ")]
    public void WrongUsageExitsWithTwoAndSaysWhat(string[] args, string message)
    {
        using var folder = new TempFolder();

        var run = CocRunner.Run(folder.Path, args);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void AFolderWithoutPathwaysIsAUsageError()
    {
        using var folder = new TempFolder();
        folder.Write("empty/readme.txt", "nothing here");

        var run = CocRunner.Run(folder.Path, "check", "empty");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("coc: no .pathway files in 'empty'.\n", run.Error);
    }
}
