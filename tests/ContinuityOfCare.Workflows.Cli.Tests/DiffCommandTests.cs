using System.Text.Json;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Cli.Tests;

public class DiffCommandTests
{
    private const string National = "pathways/national/custody-to-community.pathway";
    private const string Riverside = "pathways/local/riverside.pathway";

    [Theory]
    [InlineData("riverside")]
    [InlineData("northbridge")]
    public void AShippedLocalProtocolWrittenAsChangesBehavesAsItsWholeCopy(string name)
    {
        var copy = Path.GetRelativePath(RepositoryPaths.Root, Path.Combine(RepositoryPaths.FullCopies, name + ".pathway"));

        var run = CocRunner.Run(RepositoryPaths.Root, "diff", copy, $"pathways/local/{name}.pathway");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("No change in behaviour.", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void LayoutOnlyChangesExitZeroAndSaySo()
    {
        using var folder = new TempFolder();
        folder.Write("a.pathway", Samples.Clean);
        folder.Write("b.pathway", Samples.Untidy);

        var run = CocRunner.Run(folder.Path, "diff", "a.pathway", "b.pathway");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("No change in behaviour.", run.Output);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void ChangesExitOneAndAreListedInWords()
    {
        using var folder = new TempFolder();
        folder.Write("a.pathway", Samples.Clean);
        folder.Write("b.pathway", Samples.Clean.Replace("stage \"Community\"", "stage \"Released\""));

        var run = CocRunner.Run(folder.Path, "diff", "a.pathway", "b.pathway");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.Contains("1 change in behaviour.", run.Output);
        Assert.Contains("    ~ reporting stage: Community → Released\n", run.Output);
        Assert.DoesNotContain("\u001b[", run.Output);
    }

    [Theory]
    [InlineData("text", "txt")]
    [InlineData("markdown", "md")]
    [InlineData("json", "json")]
    [InlineData("html", "html")]
    public void EachFormatIsTheReportTheBaselineHolds(string format, string extension)
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "diff", National, Riverside, "--format", format);

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        var baseline = Path.Combine(RepositoryPaths.Baselines, "diff", $"national-to-riverside.{extension}");
        Assert.Equal(File.ReadAllText(baseline).ReplaceLineEndings("\n"), run.Output);
    }

    [Fact]
    public void TheReportCanBeWrittenToAFile()
    {
        using var folder = new TempFolder();
        folder.Write("a.pathway", Samples.Clean);
        folder.Write("b.pathway", Samples.Clean.Replace("outcome continuity-achieved", "outcome not-engaged"));

        var run = CocRunner.Run(folder.Path, "diff", "a.pathway", "b.pathway", "-f", "json", "-o", "report.json");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.Equal("", run.Output);
        using var report = JsonDocument.Parse(folder.Read("report.json"));
        var change = Assert.Single(report.RootElement.GetProperty("changes").EnumerateArray());
        Assert.Equal("outcome: continuity-achieved → not-engaged", change.GetProperty("summary").GetString());
    }

    [Fact]
    public void AnUnknownFormatIsAUsageError()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "diff", National, Riverside, "--format", "pdf");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("pdf", run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void APathwayThatDoesNotCompileIsReportedAndNothingIsCompared()
    {
        using var folder = new TempFolder();
        folder.Write("a.pathway", Samples.Clean);
        folder.Write("b.pathway", Samples.Clean.Replace("owner cjit\n  on released", "owner nobody\n  on released"));

        var run = CocRunner.Run(folder.Path, "diff", "a.pathway", "b.pathway");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("", run.Output);
        Assert.Contains("b.pathway(", run.Error);
        Assert.Contains("nobody", run.Error);
    }

    [Fact]
    public void AMissingFileIsAUsageError()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "diff", National, "pathways/none.pathway");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("none.pathway", run.Error);
    }
}
