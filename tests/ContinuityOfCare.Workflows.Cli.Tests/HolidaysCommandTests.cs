namespace ContinuityOfCare.Workflows.Cli.Tests;

public class HolidaysCommandTests
{
    private const string NewerFile = """
        {"england-and-wales": {"division": "england-and-wales", "events": [
          {"title": "New Year’s Day", "date": "2028-01-03", "notes": "Substitute day", "bunting": true},
          {"title": "Good Friday", "date": "2028-04-14", "notes": "", "bunting": false}
        ]}}
        """;

    [Fact]
    public void ShowListsTheBuiltInCalendarAndAYearsHolidays()
    {
        using var folder = new TempFolder();

        var run = CocRunner.Run(folder.Path, "holidays", "show", "--year", "2026");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Contains("england-and-wales: 2018 to 2027, 83 bank holidays\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("  Monday 28 December 2026  Boxing Day\n", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportPutsAValidFileInTheDataFolder()
    {
        using var folder = new TempFolder();
        folder.Write("download/bank-holidays.json", NewerFile);

        var run = CocRunner.Run(folder.Path, "holidays", "import", "download/bank-holidays.json", "--data-folder", "data");
        var shown = CocRunner.Run(folder.Path, "holidays", "show", "--data-folder", "data");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal("Imported download/bank-holidays.json into data/bank-holidays.json:\n  england-and-wales: 2028 to 2028, 2 bank holidays\n", run.Output);
        Assert.Equal(NewerFile, folder.Read("data/bank-holidays.json"));
        Assert.Contains("england-and-wales: 2028 to 2028, 2 bank holidays", shown.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void ABadFileIsRefusedAndTheImportedFileKept()
    {
        using var folder = new TempFolder();
        folder.Write("data/bank-holidays.json", NewerFile);
        folder.Write("broken.json", """{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "Oops", "date": "2028-02-30"}]}}""");

        var run = CocRunner.Run(folder.Path, "holidays", "import", "broken.json");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.Contains("2028-02-30", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed.\n", run.Error, StringComparison.Ordinal);
        Assert.Equal(NewerFile, folder.Read("data/bank-holidays.json"));
    }
}
