using ContinuityOfCare.Workflows.Runtime.Calendar;
using NodaTime;
using static ContinuityOfCare.Workflows.Runtime.Tests.Calendar.Deadlines;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>
/// Deadlines across the clock changes on the last Sundays of March and October, in 2026 (29 March,
/// 25 October) and 2027 (28 March, which is also Easter Sunday, and 31 October).
/// </summary>
public sealed class ClockChangeTests
{
    [Theory]
    [InlineData("within 1 hour", "2026-03-29T00:30+00:00", "2026-03-29T02:30+01:00")] // straight over the missing hour
    [InlineData("within 24 hours", "2027-03-27T12:00+00:00", "2027-03-28T13:00+01:00")]
    [InlineData("within 1 hour", "2026-10-25T01:30+01:00", "2026-10-25T01:30+00:00")] // the first 01:30 to the second
    [InlineData("within 1 hour", "2026-10-25T01:30+00:00", "2026-10-25T02:30+00:00")] // from the second 01:30
    [InlineData("within 24 hours", "2027-10-30T12:00+01:00", "2027-10-31T11:00+00:00")]
    [InlineData("within 24 hours", "2026-03-29", "2026-03-30T01:00+01:00")] // a date counts from its 00:00 GMT; the day is 23 hours long
    [InlineData("within 24 hours", "2026-10-25", "2026-10-25T23:00+00:00")] // a 25-hour day
    public void HoursIgnoreTheClocks(string deadline, string anchor, string due) =>
        Assert.Equal(due, Due(deadline, anchor));

    [Theory]
    [InlineData("within 1 day", "2026-03-28T01:30+00:00", "2026-03-29T02:30+01:00")] // 01:30 does not exist on the 29th: moved on by the hour's gap
    [InlineData("within 1 week", "2026-03-22T01:15+00:00", "2026-03-29T02:15+01:00")]
    [InlineData("after 1 day", "2027-03-27T01:59+00:00", "2027-03-28T02:59+01:00")]
    [InlineData("within 1 day", "2026-03-28T10:00+00:00", "2026-03-29T10:00+01:00")]
    [InlineData("within 1 day", "2026-10-24T01:30+01:00", "2026-10-25T01:30+01:00")] // 01:30 happens twice on the 25th: the earlier one
    [InlineData("after 1 week", "2027-10-24T01:30+01:00", "2027-10-31T01:30+01:00")]
    [InlineData("within 1 day", "2026-10-25T01:30+01:00", "2026-10-26T01:30+00:00")] // from the first 01:30 on the day itself
    [InlineData("within 1 day", "2026-10-25T01:30+00:00", "2026-10-26T01:30+00:00")] // from the second 01:30
    [InlineData("within 2 weeks", "2027-10-24T09:00+01:00", "2027-11-07T09:00+00:00")]
    [InlineData("within 1 day", "2026-03-28", "2026-03-29T00:00+00:00")] // a date lands on the start of the day N days later
    [InlineData("within 1 day", "2026-03-29", "2026-03-30T00:00+01:00")]
    public void DaysAndWeeksKeepTheClockTimeAndResolveTimesTheChangeSkipsOrRepeats(string deadline, string anchor, string due) =>
        Assert.Equal(due, Due(deadline, anchor));

    [Theory]
    [InlineData("within 1 working day", "2026-03-27T10:00+00:00", "2026-03-31T00:00+01:00")] // end of Monday 30 March, in BST
    [InlineData("within 1 working day", "2026-03-29T02:00+01:00", "2026-03-31T00:00+01:00")] // from the first moment of BST
    [InlineData("within 1 working day", "2026-10-23T10:00+01:00", "2026-10-27T00:00+00:00")] // end of Monday 26 October, in GMT
    [InlineData("within 1 working day", "2026-10-25T01:30+00:00", "2026-10-27T00:00+00:00")] // from inside the repeated hour
    [InlineData("within 1 working day", "2027-03-25T10:00+00:00", "2027-03-31T00:00+01:00")] // Thursday before Good Friday; Easter Sunday is the change
    [InlineData("within 2 working days", "2027-10-29T17:00+01:00", "2027-11-03T00:00+00:00")]
    public void WorkingDaysEndAtMidnightOnTheClockOfTheDayTheyEnd(string deadline, string anchor, string due) =>
        Assert.Equal(due, Due(deadline, anchor));

    [Theory]
    [InlineData("2026-03-28T10:00+00:00", "2026-03-30T09:00+01:00")] // Saturday GMT to Monday BST
    [InlineData("2026-03-27T10:00+00:00", "2026-03-30T09:00+01:00")] // Friday: 24 hours end on Saturday
    [InlineData("2027-03-25T12:00+00:00", "2027-03-30T09:00+01:00")] // Good Friday, Easter Sunday's clock change, Easter Monday
    [InlineData("2027-10-29T17:00+01:00", "2027-11-01T09:00+00:00")] // Friday BST to Monday GMT
    [InlineData("2026-10-25T01:30+00:00", "2026-10-26T09:00+00:00")] // from inside the repeated hour
    public void NextWorkingDayRuleAcrossTheClockChanges(string learned, string due) =>
        Assert.Equal(due, Due("within 24 hours or by 09:00 next working day", learned));

    [Theory]
    [InlineData("6 weeks before", "2026-12-06", "2026-10-24T00:00+01:00")] // Sunday 25 October lands back on Friday 23, in BST
    [InlineData("1 week before", "2026-04-05", "2026-03-28T00:00+00:00")] // Sunday 29 March lands back on Friday 27, in GMT
    [InlineData("4 hours before", "2026-03-29T03:00+01:00", "2026-03-28T22:00+00:00")] // elapsed, over the missing hour
    [InlineData("24 hours before", "2026-10-26", "2026-10-25T01:00+01:00")] // from 00:00 GMT on the 26th, into the first 01:00
    public void BeforeADateAcrossTheClockChanges(string deadline, string releaseDate, string due) =>
        Assert.Equal(due, Due(deadline, releaseDate));

    [Theory]
    [InlineData("2026-03-29", "2026-03-30T00:00+01:00")]
    [InlineData("2027-10-31", "2027-11-01T00:00+00:00")]
    public void ByADateOnTheDayOfAClockChange(string releaseDate, string due) =>
        Assert.Equal(due, Due("by", releaseDate));

    [Fact]
    public void TheEndOfADayIsItsFirstMomentEvenWhereMidnightIsSkipped()
    {
        // In Santiago the clocks go from 00:00 to 01:00 on Sunday 6 September 2026: that day starts at 01:00.
        var santiago = DateTimeZoneProviders.Tzdb["America/Santiago"];

        Assert.Equal("2026-09-06T01:00-03:00", Due("by", "2026-09-05", santiago));
        Assert.Equal("2026-09-08T00:00-03:00", Due("within 1 working day", "2026-09-04T12:00-04:00", santiago));
    }

    [Fact]
    public void TheSameDeadlineFromTheSameMomentIsTheSameInAnyZoneForHours()
    {
        var anchor = new MomentAnchor(Instant("2026-03-28T14:00+00:00"));
        var deadline = DeadlineFrom("within 24 hours");
        var calculator = new DeadlineCalculator(CalendarSource.Default);

        Assert.Equal(
            calculator.Due(deadline, anchor, London, EnglandAndWales),
            calculator.Due(deadline, anchor, DateTimeZone.Utc, EnglandAndWales));
    }
}
