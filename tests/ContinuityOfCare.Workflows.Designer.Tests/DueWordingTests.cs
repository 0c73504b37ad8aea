using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Designer.Tests;

/// <summary>How a due time reads on a caseworker's pages, on the real England and Wales calendar in London time.</summary>
public sealed class DueWordingTests
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];
    private static readonly IWorkingCalendar EnglandAndWales = CalendarSource.Default.Get("england-and-wales");

    [Theory]
    [InlineData("2026-06-19 10:00", "2026-06-19 07:00", "3 hours overdue")]
    [InlineData("2026-06-19 10:00", "2026-06-19 09:45", "15 minutes overdue")]
    [InlineData("2026-06-19 10:00", "2026-06-16 09:00", "3 days overdue")]
    [InlineData("2026-06-19 10:00", "2026-06-19 10:30", "due in 30 minutes")]
    [InlineData("2026-06-19 10:00", "2026-06-19 17:00", "due today at 17:00 BST")]
    [InlineData("2026-06-19 10:00", "2026-06-20 09:00", "due tomorrow at 09:00 BST")]
    [InlineData("2026-06-19 10:00", "2026-06-20 00:00", "due by the end of today")]
    [InlineData("2026-06-19 10:00", "2026-06-21 00:00", "due by the end of tomorrow")]
    [InlineData("2026-06-19 10:00", "2026-06-24 00:00", "due in 2 working days")]
    [InlineData("2034-12-29 10:00", "2035-01-04 00:00", "due in 2 working days")] // Monday 1 January 2035 is New Year’s Day, by rule
    [InlineData("2026-06-19 10:00", "2026-06-23 17:00", "due in 2 working days")]
    [InlineData("2026-12-24 10:00", "2026-12-29 17:00", "due in 1 working day")]
    [InlineData("2026-03-28 12:00", "2026-03-29 12:00", "due tomorrow at 12:00 BST")]
    public void ADueTimeReadsAsACaseworkerCountsIt(string now, string due, string expected) =>
        Assert.Equal(expected, DueWording.Relative(Local(due), Local(now), London, EnglandAndWales));

    [Theory]
    [InlineData("2026-03-28 00:00", "by the end of Friday 27 March 2026")]
    [InlineData("2026-03-30 09:00", "09:00 BST on Monday 30 March 2026")]
    [InlineData("2026-03-27 17:00", "17:00 GMT on Friday 27 March 2026")]
    [InlineData("2026-10-26 00:00", "by the end of Sunday 25 October 2026")] // the day the clocks go back
    [InlineData("2035-01-19 00:00", "by the end of Thursday 18 January 2035")]
    public void ADueTimeIsWrittenAsTheEndOfADayOrATimeWithItsZone(string due, string expected) =>
        Assert.Equal(expected, DueWords.Describe(Local(due), London));

    [Fact]
    public void TheLocalTimeIsWrittenOutInFull() =>
        Assert.Equal("09:00 on Monday 30 March 2026", DueWording.At(Local("2026-03-30 09:00"), London));

    private static Instant Local(string text) =>
        LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm").Parse(text).Value.InZoneStrictly(London).ToInstant();
}
