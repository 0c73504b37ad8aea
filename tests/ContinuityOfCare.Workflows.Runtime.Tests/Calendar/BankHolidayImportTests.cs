using ContinuityOfCare.Workflows.Runtime.Calendar;
using static ContinuityOfCare.Workflows.Runtime.Tests.Calendar.Deadlines;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>Importing a newer bank-holidays.json, and calendars built from the built-in file overlaid by an import.</summary>
public sealed class BankHolidayImportTests : IDisposable
{
    private readonly TemporaryFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void AnImportWritesTheFileAndSummarisesIt()
    {
        var source = _folder.File("download.json");
        File.WriteAllText(source, Files.ThreeDivisions);

        var summary = BankHolidayImport.Import(source, _folder.File("data/bank-holidays.json"));

        Assert.Equal(
            [
                new BankHolidayDivisionSummary("england-and-wales", 2026, 2026, 2),
                new BankHolidayDivisionSummary("scotland", 2026, 2026, 3),
                new BankHolidayDivisionSummary("northern-ireland", 2026, 2026, 2),
            ],
            summary.Divisions);
        Assert.Equal(Files.ThreeDivisions, File.ReadAllText(_folder.File("data/bank-holidays.json")));
    }

    [Fact]
    public void ABadFileChangesNothing()
    {
        var target = _folder.File("bank-holidays.json");
        File.WriteAllText(target, Files.ThreeDivisions);
        var bad = _folder.File("bad.json");
        File.WriteAllText(bad, Files.Of(Files.Division("scotland", ("St Andrew’s Day", "2026-11-31"))));

        var error = Assert.Throws<CalendarDataException>(() => BankHolidayImport.Import(bad, target));

        Assert.Equal($"{bad}: division 'scotland', events[0] ('St Andrew’s Day'): '2026-11-31' is not a date in the form YYYY-MM-DD.", error.Message);
        Assert.Equal(Files.ThreeDivisions, File.ReadAllText(target));
        Assert.Equal(["bad.json", "bank-holidays.json"], Directory.GetFiles(_folder.Path).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void AnImportReplacesThePreviousImportWhole()
    {
        var target = _folder.File("bank-holidays.json");
        File.WriteAllText(target, Files.ThreeDivisions);
        var newer = Files.Of(Files.Division("scotland", ("New Year’s Day", "2027-01-01")));

        BankHolidayImport.Import(System.Text.Encoding.UTF8.GetBytes(newer), "the upload", target);

        Assert.Equal(newer, File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(_folder.Path));
    }

    [Fact]
    public void AnImportedDivisionReplacesTheBuiltInYearsItCoversAndKeepsTheOthers()
    {
        // A made-up England and Wales file for 2026 to 2028, without Easter Monday 2026.
        var imported = BankHolidayFile.Parse(
            Files.Of(Files.Division("england-and-wales", ("New Year’s Day", "2026-01-01"), ("New Year’s Day", "2027-01-01"), ("New Year’s Day", "2028-01-03"))),
            "imported.json");

        var calendar = new CalendarSource(imported).Get(EnglandAndWales);

        Assert.Equal((Date("2018-01-01"), Date("2028-12-31")), (calendar.FirstDate, calendar.LastDate));
        Assert.True(calendar.IsWorkingDay(Date("2026-04-06")));
        Assert.False(calendar.IsWorkingDay(Date("2028-01-03")));
        Assert.False(calendar.IsProjected(Date("2028-01-03")));
        Assert.False(calendar.IsWorkingDay(Date("2025-12-25")));
        Assert.True(calendar.IsProjected(Date("2029-01-01")));
        Assert.False(CalendarSource.Default.Get(EnglandAndWales).IsWorkingDay(Date("2026-04-06")));
    }

    [Fact]
    public void AnImportedFileOverridesEachOfItsDivisions()
    {
        var calendars = new CalendarSource(BankHolidayFile.Parse(Files.ThreeDivisions, "gov.uk.json"));

        Assert.Equal(["england-and-wales", "northern-ireland", "scotland"], calendars.Names);
        Assert.False(calendars.Get("scotland").IsWorkingDay(Date("2026-11-30")));
        Assert.True(calendars.Get("northern-ireland").IsWorkingDay(Date("2026-11-30")));
    }

    [Fact]
    public void DeadlinesFollowTheImportedCalendar()
    {
        // The imported England and Wales division lists only 1 January and 28 December 2026, so Christmas Day is a working day.
        var calculator = new DeadlineCalculator(new CalendarSource(BankHolidayFile.Parse(Files.ThreeDivisions, "gov.uk.json")));

        Assert.Equal("2026-12-26T00:00+00:00", Due("within 1 working day", "2026-12-24T12:00+00:00", calculator: calculator));
    }

    [Fact]
    public void TheImportedFileIsReadWhenThereIsOne()
    {
        var target = _folder.File("bank-holidays.json");
        Assert.Same(CalendarSource.Default, CalendarSource.WithImportedFile(target));

        BankHolidayImport.Import(System.Text.Encoding.UTF8.GetBytes(Files.ThreeDivisions), "the upload", target);

        Assert.Contains("scotland", CalendarSource.WithImportedFile(target).Names);
    }
}
