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
    public void ShowSaysWhichYearsAreOfficialAndWhichProjectedPerDivision()
    {
        using var folder = new TempFolder();

        var run = CocRunner.Run(folder.Path, "holidays", "show", "--year", "2026");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            "Bank holidays from the built-in list (bank-holidays.json is not in the data folder):\n" +
            "  england-and-wales: official 2018 to 2027, 83 bank holidays; projected by rule before 2018 and from 2028\n" +
            "  northern-ireland: official 2018 to 2027, 103 bank holidays; projected by rule before 2018 and from 2028\n" +
            "  scotland: official 2018 to 2027, 93 bank holidays; projected by rule before 2018 and from 2028\n" +
            "england-and-wales, 2026 (official):\n" +
            "  Thursday 1 January 2026  New Year’s Day\n" +
            "  Friday 3 April 2026  Good Friday\n" +
            "  Monday 6 April 2026  Easter Monday\n" +
            "  Monday 4 May 2026  Early May bank holiday\n" +
            "  Monday 25 May 2026  Spring bank holiday\n" +
            "  Monday 31 August 2026  Summer bank holiday\n" +
            "  Friday 25 December 2026  Christmas Day\n" +
            "  Monday 28 December 2026  Boxing Day\n",
            run.Output);
    }

    [Fact]
    public void ShowListsAProjectedYearByRule()
    {
        using var folder = new TempFolder();

        var run = CocRunner.Run(folder.Path, "holidays", "show", "--year", "2033", "--calendar", "scotland");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.EndsWith(
            "scotland, 2033 (projected by rule: a one-off holiday declared later is not here):\n" +
            "  Monday 3 January 2033  New Year’s Day\n" +
            "  Tuesday 4 January 2033  2nd January\n" +
            "  Friday 15 April 2033  Good Friday\n" +
            "  Monday 2 May 2033  Early May bank holiday\n" +
            "  Monday 30 May 2033  Spring bank holiday\n" +
            "  Monday 1 August 2033  Summer bank holiday\n" +
            "  Wednesday 30 November 2033  St Andrew’s Day\n" +
            "  Monday 26 December 2033  Boxing Day\n" +
            "  Tuesday 27 December 2033  Christmas Day\n",
            run.Output);
    }

    [Fact]
    public void ImportPutsAValidFileInTheDataFolder()
    {
        using var folder = new TempFolder();
        folder.Write("download/bank-holidays.json", NewerFile);

        var run = CocRunner.Run(folder.Path, "holidays", "import", "download/bank-holidays.json", "--data-folder", "data");
        var shown = CocRunner.Run(folder.Path, "holidays", "show", "--data-folder", "data");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
            "Imported download/bank-holidays.json into data/bank-holidays.json:\n" +
            "  england-and-wales: 2028 to 2028, 2 bank holidays\n" +
            "  england-and-wales: bank holidays for 2028 published\n" +
            "There are no cases here, so no deadline needed working out again.\n",
            run.Output);
        Assert.Equal(NewerFile, folder.Read("data/bank-holidays.json"));
        Assert.Contains("england-and-wales: official 2018 to 2028, 85 bank holidays; projected by rule before 2018 and from 2029", shown.Output, StringComparison.Ordinal);
        Assert.Contains("scotland: official 2018 to 2027, 93 bank holidays; projected by rule before 2018 and from 2028", shown.Output, StringComparison.Ordinal);
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
