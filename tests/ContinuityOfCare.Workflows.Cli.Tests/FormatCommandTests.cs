using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Cli.Tests;

public class FormatCommandTests
{
    [Fact]
    public void TheShippedPathwaysAreInTheCanonicalLayout()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "fmt", "--check", "pathways");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("3 files: 0 to reformat, 3 already formatted.\n", run.Output);
    }

    [Fact]
    public void CheckListsUntidyFilesAndChangesNothing()
    {
        using var folder = new TempFolder();
        folder.Write("tidy.pathway", Samples.Clean);
        folder.Write("untidy.pathway", Samples.Untidy);

        var run = CocRunner.Run(folder.Path, "fmt", "--check", ".");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.Equal("untidy.pathway: not in the canonical layout\n2 files: 1 to reformat, 1 already formatted.\n", run.Output);
        Assert.Equal(Samples.Untidy, folder.Read("untidy.pathway"));
    }

    [Fact]
    public void FormatRewritesTheFileInPlaceKeepingItsMeaning()
    {
        using var folder = new TempFolder();
        var path = folder.Write("untidy.pathway", Samples.Untidy);
        var before = TestCompiler.CompileFile(path).ContentHash;

        var run = CocRunner.Run(folder.Path, "fmt", "untidy.pathway");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("untidy.pathway: formatted\n1 file: 1 reformatted, 0 already formatted.\n", run.Output);
        Assert.Equal(Samples.Clean, folder.Read("untidy.pathway"));
        Assert.Equal(before, TestCompiler.CompileFile(path).ContentHash);
        Assert.Equal(["untidy.pathway"], Directory.EnumerateFiles(folder.Path).Select(Path.GetFileName));

        var again = CocRunner.Run(folder.Path, "fmt", "--check", "untidy.pathway");
        Assert.Equal(ExitCodes.Success, again.ExitCode);
    }

    [Fact]
    public void AFileWithSyntaxErrorsIsLeftAloneAndTheErrorsShown()
    {
        using var folder = new TempFolder();
        folder.Write("broken.pathway", Samples.SyntaxErrors);

        var run = CocRunner.Run(folder.Path, "fmt", "broken.pathway");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.Equal(Samples.SyntaxErrors, folder.Read("broken.pathway"));
        Assert.StartsWith("broken.pathway: not formatted, because it has syntax errors:\nbroken.pathway(5,8): error COC1001: Expected a name but found", run.Error, StringComparison.Ordinal);
        Assert.Equal("1 file: 0 reformatted, 0 already formatted, 1 with syntax errors.\n", run.Output);
    }
}
