using ContinuityOfCare.Workflows.Runtime.Calendar;
using static ContinuityOfCare.Workflows.Runtime.Tests.Calendar.Deadlines;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>The built-in England and Wales calendar: its bank holidays year by year, its working days, and the years past its data.</summary>
public sealed class WorkingCalendarTests
{
    private static readonly IWorkingCalendar EnglandAndWalesCalendar = CalendarSource.Default.Get(EnglandAndWales);

    [Theory]
    [InlineData(2018, "01-01 03-30 04-02 05-07 05-28 08-27 12-25 12-26")]
    [InlineData(2019, "01-01 04-19 04-22 05-06 05-27 08-26 12-25 12-26")]
    [InlineData(2020, "01-01 04-10 04-13 05-08 05-25 08-31 12-25 12-28")]
    [InlineData(2021, "01-01 04-02 04-05 05-03 05-31 08-30 12-27 12-28")]
    [InlineData(2022, "01-03 04-15 04-18 05-02 06-02 06-03 08-29 09-19 12-26 12-27")]
    [InlineData(2023, "01-02 04-07 04-10 05-01 05-08 05-29 08-28 12-25 12-26")]
    [InlineData(2024, "01-01 03-29 04-01 05-06 05-27 08-26 12-25 12-26")]
    [InlineData(2025, "01-01 04-18 04-21 05-05 05-26 08-25 12-25 12-26")]
    [InlineData(2026, "01-01 04-03 04-06 05-04 05-25 08-31 12-25 12-28")]
    [InlineData(2027, "01-01 03-26 03-29 05-03 05-31 08-30 12-27 12-28")]
    public void EveryYearFrom2018To2027HasItsBankHolidays(int year, string days)
    {
        var division = BankHolidayFile.Embedded.Divisions.Single(d => d.Name == EnglandAndWales);

        var listed = division.Events.Where(e => e.Date.Year == year).Select(e => $"{e.Date.Month:00}-{e.Date.Day:00}");

        Assert.Equal(days, string.Join(' ', listed));
    }

    [Fact]
    public void TheBuiltInCalendarsAreTheThreeDivisionsPublishedFrom2018To2027()
    {
        Assert.Equal([EnglandAndWales, "northern-ireland", "scotland"], CalendarSource.Default.Names);
        Assert.All(CalendarSource.Default.Coverage(), c => Assert.Equal(("2018 to 2027", true), (c.OfficialYearsText, c.HasRules)));
        Assert.Equal((Date("2018-01-01"), Date("2027-12-31")), (EnglandAndWalesCalendar.FirstDate, EnglandAndWalesCalendar.LastDate));
        Assert.Equal(EnglandAndWales, EnglandAndWalesCalendar.Name);
    }

    [Theory]
    [InlineData("2026-06-15", true)] // an ordinary Monday
    [InlineData("2026-06-13", false)] // Saturday
    [InlineData("2026-06-14", false)] // Sunday
    [InlineData("2026-01-01", false)] // New Year's Day
    [InlineData("2026-04-03", false)] // Good Friday
    [InlineData("2026-04-06", false)] // Easter Monday
    [InlineData("2026-05-04", false)] // Early May bank holiday
    [InlineData("2026-05-25", false)] // Spring bank holiday
    [InlineData("2026-08-31", false)] // Summer bank holiday
    [InlineData("2026-12-24", true)] // Christmas Eve is a working day
    [InlineData("2026-12-25", false)] // Christmas Day
    [InlineData("2026-12-26", false)] // Boxing Day on a Saturday...
    [InlineData("2026-12-28", false)] // ...and its substitute day
    [InlineData("2022-01-03", false)] // New Year's Day's substitute
    [InlineData("2021-12-27", false)] // Christmas Day's substitute
    [InlineData("2020-05-08", false)] // VE Day
    [InlineData("2020-05-04", true)] // the usual early May Monday, moved in 2020
    [InlineData("2022-06-03", false)] // Platinum Jubilee
    [InlineData("2022-05-30", true)] // the usual spring Monday, moved in 2022
    [InlineData("2022-09-19", false)] // State Funeral of Queen Elizabeth II
    [InlineData("2023-05-08", false)] // Coronation of King Charles III
    [InlineData("2018-01-01", false)] // the first day the data covers
    [InlineData("2027-12-31", true)] // the last day the data covers
    public void WorkingDaysAreMondayToFridayExceptBankHolidays(string date, bool working) =>
        Assert.Equal(working, EnglandAndWalesCalendar.IsWorkingDay(Date(date)));

    [Theory]
    [InlineData("2017-12-25", false)] // Christmas Day before the data, by rule
    [InlineData("2017-12-27", true)]
    [InlineData("2028-01-03", false)] // New Year's Day's substitute, by rule
    [InlineData("2028-01-04", true)]
    [InlineData("2035-05-07", false)] // early May Monday, by rule
    [InlineData("2035-12-31", true)]
    public void ADateOutsideTheDataIsCountedByRuleAndMarkedProjected(string date, bool working)
    {
        Assert.Equal(working, EnglandAndWalesCalendar.IsWorkingDay(Date(date)));
        Assert.True(EnglandAndWalesCalendar.IsProjected(Date(date)));
    }

    [Theory]
    [InlineData("2018-01-01")]
    [InlineData("2027-12-31")]
    public void ADateInsideTheDataIsOfficial(string date) =>
        Assert.False(EnglandAndWalesCalendar.IsProjected(Date(date)));

    [Fact]
    public void ADeadlineThatRunsPastTheDataIsCountedByRule() =>
        // Friday 31 December 2027, then Tuesday 4 and Wednesday 5 January 2028 (Monday 3 is New Year's Day's substitute).
        Assert.Equal("2028-01-06T00:00+00:00", Due("within 3 working days", "2027-12-30T10:00+00:00"));

    [Fact]
    public void ADeadlineThatNeedsNoWorkingDaysRunsPastTheData() =>
        Assert.Equal("2028-01-01T12:00+00:00", Due("within 24 hours", "2027-12-31T12:00+00:00"));

    [Fact]
    public void AnUnknownCalendarNamesTheKnownOnesAndHowToAddIt()
    {
        var error = Assert.Throws<CalendarDataException>(() => CalendarSource.Default.Get("isle-of-man"));

        Assert.Equal(
            "There is no working-day calendar 'isle-of-man'. Known calendars: england-and-wales, northern-ireland, scotland. " +
            "Import a bank-holidays.json with that division to add it.",
            error.Message);
    }

    [Fact]
    public void TheCalculatorRefusesAnUnknownCalendar()
    {
        var calculator = new DeadlineCalculator(CalendarSource.Default);

        Assert.Throws<CalendarDataException>(() =>
            calculator.Due(DeadlineFrom("within 24 hours"), Anchor("2026-06-10"), London, "isle-of-man"));
    }
}
