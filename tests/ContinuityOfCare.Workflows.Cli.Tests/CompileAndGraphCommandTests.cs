using System.Diagnostics;
using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Cli.Tests;

public class CompileAndGraphCommandTests
{
    private const string National = "pathways/national/custody-to-community.pathway";

    [Fact]
    public void CompileWritesTheDefinitionAndReportsItsHash()
    {
        var expected = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Root, National));

        var run = CocRunner.Run(RepositoryPaths.Root, "compile", National);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(DefinitionJson.ToIndentedJson(expected.Definition!) + "\n", run.Output);
        Assert.Equal($"{National}: 25 states, content hash {expected.ContentHash}\n", run.Error);
        Assert.Equal(expected.ContentHash, DefinitionJson.ContentHash(DefinitionJson.FromJson(run.Output)));
    }

    [Fact]
    public void CompileCanWriteCanonicalJsonToAFile()
    {
        using var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.Untidy);

        var run = CocRunner.Run(folder.Path, "compile", "sample.pathway", "--canonical", "-o", "out/../sample.json");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("", run.Output);
        var json = folder.Read("sample.json");
        Assert.DoesNotContain("\n  ", json, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(json);
        Assert.Equal("sample", document.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public void CompileWritesNothingWhenThePathwayHasErrors()
    {
        using var folder = new TempFolder();
        folder.Write("broken.pathway", Samples.SyntaxErrors);

        var run = CocRunner.Run(folder.Path, "compile", "broken.pathway", "-o", "broken.json");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.False(File.Exists(Path.Combine(folder.Path, "broken.json")));
        Assert.StartsWith("broken.pathway(5,8): error COC1001: Expected a name but found", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("broken.pathway: 2 errors; nothing written.\n", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphDrawsAMermaidStateDiagram()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "graph", National);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.StartsWith("---\ntitle: \"Drug-misusing offenders: custody to community\"\n---\nstateDiagram-v2\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("    [*] --> sent_to_prison\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("    released_to_community --> not_engaged : after 21 days of released\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("    engaged --> [*]\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void GraphHighlightsAStateAndRefusesOneThatDoesNotExist()
    {
        using var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.Clean);

        var highlighted = CocRunner.Run(folder.Path, "graph", "sample.pathway", "--highlight", "open", "-o", "sample.mmd");
        var unknown = CocRunner.Run(folder.Path, "graph", "sample.pathway", "--highlight", "nowhere");

        Assert.Equal(ExitCodes.Success, highlighted.ExitCode);
        Assert.EndsWith("    class open highlighted\n", folder.Read("sample.mmd"), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Usage, unknown.ExitCode);
        Assert.Equal("coc: there is no state 'nowhere' to highlight. The states are: open, done.\n", unknown.Error);
        Assert.Equal("", unknown.Output);
    }

    [Fact]
    public void TheInstalledCommandReturnsItsExitCodeToTheShell()
    {
        var coc = Path.Combine(AppContext.BaseDirectory, "coc.dll");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = RepositoryPaths.Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(coc);
        start.ArgumentList.Add("check");
        start.ArgumentList.Add("tests/ContinuityOfCare.Workflows.Language.Tests/Baselines/five-mistakes/input.pathway");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();

        Assert.Equal(ExitCodes.Problems, process.ExitCode);
        Assert.Contains("5 errors", output, StringComparison.Ordinal);
    }
}
