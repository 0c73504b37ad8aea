using static ContinuityOfCare.Workflows.Runtime.Tests.Calendar.Deadlines;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>Deadlines over weekends, Easter, Christmas and New Year with their substitute days, and the one-off holidays.</summary>
public sealed class BankHolidayDeadlineTests
{
    [Theory]
    [InlineData("2026-06-13T10:00+01:00", "within 1 working day", "2026-06-16T00:00+01:00")] // Saturday: Monday is the first
    [InlineData("2026-06-14T23:59+01:00", "within 1 working day", "2026-06-16T00:00+01:00")] // Sunday
    [InlineData("2026-06-12T17:00+01:00", "within 1 working day", "2026-06-16T00:00+01:00")] // Friday evening
    [InlineData("2026-06-15T00:00+01:00", "within 5 working days", "2026-06-23T00:00+01:00")] // Monday, straight through the next weekend
    public void Weekends(string anchor, string deadline, string due) =>
        Assert.Equal(due, Due(deadline, anchor));

    [Theory]
    [InlineData("2020-04-09T12:00+01:00", "within 1 working day", "2020-04-15T00:00+01:00")] // Good Friday 10, Easter Monday 13 April 2020
    [InlineData("2021-04-01T12:00+01:00", "within 1 working day", "2021-04-07T00:00+01:00")]
    [InlineData("2022-04-14T12:00+01:00", "within 1 working day", "2022-04-20T00:00+01:00")]
    [InlineData("2027-03-24T12:00+00:00", "within 2 working days", "2027-03-31T00:00+01:00")] // Thursday 25, then Tuesday 30 March
    [InlineData("2026-04-06T12:00+01:00", "within 1 working day", "2026-04-08T00:00+01:00")] // from Easter Monday itself
    public void Easter(string anchor, string deadline, string due) =>
        Assert.Equal(due, Due(deadline, anchor));

    [Theory]
    [InlineData("2020-12-23T12:00+00:00", "within 2 working days", "2020-12-30T00:00+00:00")] // Boxing Day's substitute is Monday 28
    [InlineData("2021-12-24T12:00+00:00", "within 1 working day", "2021-12-30T00:00+00:00")] // both substitutes: Monday 27 and Tuesday 28
    [InlineData("2022-12-23T12:00+00:00", "within 1 working day", "2022-12-29T00:00+00:00")] // Boxing Day Monday 26, Christmas's substitute Tuesday 27
    [InlineData("2026-12-24T12:00+00:00", "within 1 working day", "2026-12-30T00:00+00:00")] // Boxing Day's substitute is Monday 28
    [InlineData("2027-12-24T12:00+00:00", "within 1 working day", "2027-12-30T00:00+00:00")] // both substitutes: Monday 27 and Tuesday 28
    [InlineData("2021-12-31T12:00+00:00", "within 1 working day", "2022-01-05T00:00+00:00")] // New Year's substitute, Monday 3 January 2022
    [InlineData("2022-12-30T12:00+00:00", "within 1 working day", "2023-01-04T00:00+00:00")] // New Year's substitute, Monday 2 January 2023
    [InlineData("2026-12-31T12:00+00:00", "within 1 working day", "2027-01-05T00:00+00:00")] // New Year's Day on a Friday
    public void ChristmasAndNewYearWithSubstituteDays(string anchor, string deadline, string due) =>
        Assert.Equal(due, Due(deadline, anchor));

    [Theory]
    [InlineData("2020-05-07T12:00+01:00", "within 1 working day", "2020-05-12T00:00+01:00")] // VE Day: early May moved to Friday 8
    [InlineData("2020-05-01T12:00+01:00", "within 1 working day", "2020-05-05T00:00+01:00")] // so Monday 4 May 2020 was a working day
    [InlineData("2022-06-01T12:00+01:00", "within 1 working day", "2022-06-07T00:00+01:00")] // spring holiday moved to Thursday 2, Platinum Jubilee Friday 3
    [InlineData("2022-05-27T12:00+01:00", "within 1 working day", "2022-05-31T00:00+01:00")] // so Monday 30 May 2022 was a working day
    [InlineData("2022-09-16T12:00+01:00", "within 1 working day", "2022-09-21T00:00+01:00")] // State Funeral, Monday 19 September
    [InlineData("2023-04-28T12:00+01:00", "within 5 working days", "2023-05-10T00:00+01:00")] // early May 1 and the Coronation 8 May
    public void OneOffAndMovedHolidays(string anchor, string deadline, string due) =>
        Assert.Equal(due, Due(deadline, anchor));

    [Theory]
    [InlineData("2020-04-09T15:00+01:00", "2020-04-14T09:00+01:00")] // ends on Good Friday 2020
    [InlineData("2021-12-24T10:00+00:00", "2021-12-29T09:00+00:00")] // ends on Christmas Day, a Saturday; both substitutes follow
    [InlineData("2022-12-30T12:00+00:00", "2023-01-03T09:00+00:00")] // ends on New Year's Eve; the substitute Monday follows
    [InlineData("2022-06-01T10:00+01:00", "2022-06-06T09:00+01:00")] // ends on the moved spring holiday
    [InlineData("2022-09-18T10:00+01:00", "2022-09-20T09:00+01:00")] // starts on Sunday, ends on the State Funeral
    [InlineData("2022-09-20T10:00+01:00", "2022-09-21T10:00+01:00")] // all working days: 24 hours stand
    public void NextWorkingDayRuleOverHolidays(string learned, string due) =>
        Assert.Equal(due, Due("within 24 hours or by 09:00 next working day", learned));

    [Theory]
    [InlineData("6 weeks before", "2021-02-08", "2020-12-25T00:00+00:00")] // Monday 28 December 2020 (substitute) back over Christmas to Thursday 24
    [InlineData("1 day before", "2022-06-04", "2022-06-02T00:00+01:00")] // Friday 3 June 2022, Jubilee, back over Thursday 2 to Wednesday 1
    [InlineData("2 working days before", "2027-01-04", "2026-12-31T00:00+00:00")] // Thursday 31 (1), Wednesday 30 (2): end of Wednesday
    [InlineData("1 working day before", "2022-01-04", "2022-01-01T00:00+00:00")] // over New Year's substitute to Friday 31 December
    [InlineData("3 days before", "2026-12-29", "2026-12-25T00:00+00:00")] // Saturday 26 back over Christmas Day to Thursday 24
    public void BeforeADateOverHolidays(string deadline, string releaseDate, string due) =>
        Assert.Equal(due, Due(deadline, releaseDate));

    [Fact]
    public void WorkingDaysNeverCountTheAnchorsDayEvenWhenItIsAWorkingDay() =>
        Assert.Equal("2026-06-17T00:00+01:00", Due("within 1 working day", "2026-06-15T00:00+01:00"));

    [Fact]
    public void ByADateIsNotMovedOffABankHoliday() =>
        Assert.Equal("2026-12-26T00:00+00:00", Due("by", "2026-12-25"));
}
