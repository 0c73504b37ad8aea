namespace ContinuityOfCare.Workflows.Cli.Tests;

/// <summary><c>coc report</c> against the data folder's SQLite database.</summary>
public class ReportCommandTests
{
    private const string Partnership = "Testshire (fictional)";

    private static TempFolder Published()
    {
        var folder = new TempFolder();
        folder.Write("sample.pathway", Samples.Clean);
        Assert.Equal(ExitCodes.Success, CocRunner.Run(folder.Path, "publish", "sample.pathway", "--author", "Pat Lead", "--note", "First").ExitCode);
        return folder;
    }

    [Fact]
    public void TheIndicatorAsCsvHasAMonthPerRowAndATotal()
    {
        using var folder = Published();

        var run = CocRunner.Run(folder.Path, "report", "indicator", "--pathway", "sample", "--partnership", Partnership, "--from", "2026-01-01", "--to", "2026-03-01", "--format", "csv");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            "month,released,excluded,pending,denominator,numerator,percentage\r\n2026-01,0,0,0,0,0,\r\n2026-02,0,0,0,0,0,\r\ntotal,0,0,0,0,0,\r\n",
            run.Output);
    }

    [Fact]
    public void AnUnknownPathwayIsRefusedWithExitCodeTwo()
    {
        using var folder = Published();

        var run = CocRunner.Run(folder.Path, "report", "funnel", "--pathway", "nowhere", "--partnership", Partnership, "--from", "2026-01-01", "--to", "2026-02-01");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal($"coc: There is no pathway 'nowhere' in '{Partnership}': nothing is published under that id.\n", run.Error);
    }

    [Theory]
    [InlineData("2026-13-01", "2026-02-01", "coc: --from '2026-13-01' is not a date; write it as year-month-day, for example 2026-01-01.\n")]
    [InlineData("2026-02-01", "2026-01-01", "coc: The period must end after it starts: from 2026-02-01 to 2026-01-01 is empty.\n")]
    public void ABadPeriodIsRefusedWithExitCodeTwo(string from, string to, string error)
    {
        using var folder = Published();

        var run = CocRunner.Run(folder.Path, "report", "indicator", "--pathway", "sample", "--partnership", Partnership, "--from", from, "--to", to);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(error, run.Error);
    }
}
