using static ContinuityOfCare.Workflows.Runtime.Tests.Calendar.Deadlines;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>Every worked example of docs/language.md Part 3 ("Deadline semantics"), row by row, in Europe/London in 2026.</summary>
public sealed class WorkedExampleTests
{
    [Theory]
    [InlineData("within 24 hours", "2026-03-28T14:00+00:00", "2026-03-29T15:00+01:00")] // across the spring clock change
    [InlineData("within 24 hours", "2026-10-24T14:00+01:00", "2026-10-25T13:00+00:00")] // across the autumn clock change
    public void HoursAreElapsedTime(string deadline, string arrived, string due) =>
        Assert.Equal(due, Due(deadline, arrived));

    [Theory]
    [InlineData("within 3 days", "2026-03-27T10:00+00:00", "2026-03-30T10:00+01:00", 71)] // days across the spring clock change
    [InlineData("within 3 days", "2026-10-23T10:00+01:00", "2026-10-26T10:00+00:00", 73)] // days across the autumn clock change
    [InlineData("within 5 days", "2026-03-26T16:20+00:00", "2026-03-31T16:20+01:00", 119)] // "by day 5"
    [InlineData("after 21 days", "2026-10-08T11:00+01:00", "2026-10-29T11:00+00:00", 505)] // the 21-day timer
    public void DaysAndWeeksKeepTheTimeOnTheClock(string deadline, string anchor, string due, int realHours)
    {
        Assert.Equal(due, Due(deadline, anchor));
        Assert.Equal(realHours, (Instant(due) - Instant(anchor)).TotalHours);
    }

    [Theory]
    [InlineData("within 5 working days", "2026-06-11T09:00+01:00", "2026-06-19T00:00+01:00")] // over a weekend: end of Thursday 18 June
    [InlineData("within 5 working days", "2026-06-11T23:59+01:00", "2026-06-19T00:00+01:00")] // whatever time on the 11th
    [InlineData("within 5 working days", "2026-06-11", "2026-06-19T00:00+01:00")] // from a date field
    [InlineData("within 5 working days", "2026-04-02T12:00+01:00", "2026-04-14T00:00+01:00")] // over Easter: end of Monday 13 April
    [InlineData("within 2 working days", "2026-04-02T12:00+01:00", "2026-04-09T00:00+01:00")] // acknowledgement over Easter: end of Wednesday 8 April
    [InlineData("within 2 working days", "2026-04-04T12:00+01:00", "2026-04-09T00:00+01:00")] // received on the Saturday: same deadline
    [InlineData("within 2 working days", "2026-12-23T12:00+00:00", "2026-12-30T00:00+00:00")] // over Christmas: end of Tuesday 29 December
    [InlineData("within 1 working day", "2026-08-28T14:00+01:00", "2026-09-02T00:00+01:00")] // from a date-time field: end of Tuesday 1 September
    public void WorkingDaysEndAtTheEndOfTheNthWorkingDayAfterTheDayOfTheAnchor(string deadline, string anchor, string due) =>
        Assert.Equal(due, Due(deadline, anchor));

    [Theory]
    [InlineData("2026-06-10T10:00+01:00", "2026-06-11T10:00+01:00")] // 24 hours later is a working day
    [InlineData("2026-06-12T16:00+01:00", "2026-06-15T09:00+01:00")] // ends on Saturday
    [InlineData("2026-05-01T15:00+01:00", "2026-05-05T09:00+01:00")] // Monday 4 May is a bank holiday
    [InlineData("2026-04-02T11:00+01:00", "2026-04-07T09:00+01:00")] // ends on Good Friday; Easter Monday is a bank holiday
    [InlineData("2026-12-24T10:00+00:00", "2026-12-29T09:00+00:00")] // ends on Christmas Day; Monday 28 is the substitute day
    [InlineData("2026-10-24T08:30+01:00", "2026-10-26T09:00+00:00")] // ends at 07:30 GMT on Sunday, the clocks went back overnight
    [InlineData("2026-06-14T10:00+01:00", "2026-06-15T09:00+01:00")] // starts on Sunday: 09:00 Monday, before 24 hours are up
    public void OrByNineNextWorkingDayAppliesWhenTheTwentyFourHoursTouchANonWorkingDay(string learned, string due) =>
        Assert.Equal(due, Due("within 24 hours or by 09:00 next working day", learned));

    [Theory]
    [InlineData("within 24 hours or by 10:30 next working day", "2026-06-12T16:00+01:00", "2026-06-15T10:30+01:00")] // the time is the one written
    [InlineData("within 3 days or by 09:00 next working day", "2026-06-11T10:00+01:00", "2026-06-15T09:00+01:00")] // days end on Sunday
    [InlineData("within 24 hours or by 09:00 next working day", "2026-06-12", "2026-06-13T00:00+01:00")] // a Friday date: ends at the end of Friday, Saturday is untouched
    [InlineData("within 24 hours or by 09:00 next working day", "2026-06-13", "2026-06-15T09:00+01:00")] // a Saturday date
    [InlineData("within 2 working days or by 09:00 next working day", "2026-06-11T10:00+01:00", "2026-06-16T00:00+01:00")] // working days always end on one: no effect (COC2031)
    public void NextWorkingDayRuleInOtherShapes(string deadline, string anchor, string due) =>
        Assert.Equal(due, Due(deadline, anchor));

    [Theory]
    [InlineData("6 weeks before", "2026-09-16", "2026-08-06T00:00+01:00")] // ordinary case: end of Wednesday 5 August
    [InlineData("6 weeks before", "2026-05-16", "2026-04-03T00:00+01:00")] // Saturday 4 April, and Good Friday before it: end of Thursday 2 April
    [InlineData("6 weeks before", "2026-07-06", "2026-05-23T00:00+01:00")] // spring bank holiday 25 May: end of Friday 22 May
    [InlineData("6 weeks before", "2026-07-20", "2026-06-09T00:00+01:00")] // the release date changes: end of Monday 8 June
    [InlineData("12 weeks before", "2026-07-03", "2026-04-11T00:00+01:00")] // Northbridge: end of Friday 10 April
    [InlineData("3 weeks before", "2026-06-27", "2026-06-06T00:00+01:00")] // Riverside, Saturday 6 June: end of Friday 5 June
    public void BeforeADateIsDueAtTheEndOfTheWorkingDayOnOrBeforeTheDayCountedBack(string deadline, string releaseDate, string due) =>
        Assert.Equal(due, Due(deadline, releaseDate));

    [Theory]
    [InlineData("2026-06-19", "2026-06-20T00:00+01:00")] // end of Friday 19 June
    [InlineData("2026-10-25", "2026-10-26T00:00+00:00")] // end of Sunday 25 October, not moved, a 25-hour day
    [InlineData("2026-04-07T10:30+01:00", "2026-04-07T10:30+01:00")] // a date-time field: that moment
    public void ByADateIsDueAtTheEndOfTheDateOrAtTheMoment(string field, string due) =>
        Assert.Equal(due, Due("by", field));
}
