using static ContinuityOfCare.Workflows.Runtime.Tests.Calendar.Deadlines;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>
/// The worked examples of docs/runtime.md ("Worked examples by division"), row by row: the same
/// deadline on each division's calendar across weekends, substitute days and clock changes, in
/// Europe/London, published years and projected ones.
/// </summary>
public sealed class DivisionWorkedExampleTests
{
    [Theory]
    // England and Wales
    [InlineData("england-and-wales", "within 5 working days", "2026-12-24T10:00+00:00", "2027-01-06T00:00+00:00", false)] // Christmas, Boxing Day's substitute, New Year
    [InlineData("england-and-wales", "within 24 hours or by 09:00 next working day", "2027-03-25T15:00+00:00", "2027-03-30T09:00+01:00", false)] // Good Friday, Easter Monday, clocks forward
    [InlineData("england-and-wales", "within 2 working days", "2026-12-31T12:00+00:00", "2027-01-06T00:00+00:00", false)]
    [InlineData("england-and-wales", "within 1 working day", "2026-07-31T10:00+01:00", "2026-08-04T00:00+01:00", false)]
    [InlineData("england-and-wales", "within 3 working days", "2028-12-22T14:00+00:00", "2028-12-30T00:00+00:00", true)] // projected Christmas 2028
    // Scotland
    [InlineData("scotland", "within 2 working days", "2026-12-31T12:00+00:00", "2027-01-07T00:00+00:00", false)] // 2 January on a Saturday: Monday 4 is its substitute
    [InlineData("scotland", "within 1 working day", "2026-07-31T10:00+01:00", "2026-08-05T00:00+01:00", false)] // summer bank holiday, first Monday of August
    [InlineData("scotland", "within 1 working day", "2025-11-28T10:00+00:00", "2025-12-03T00:00+00:00", false)] // St Andrew's Day on a Sunday: Monday 1 December
    [InlineData("scotland", "within 1 working day", "2026-04-02T12:00+01:00", "2026-04-07T00:00+01:00", false)] // Easter Monday is a working day
    [InlineData("scotland", "within 1 working day", "2032-12-31T12:00+00:00", "2033-01-06T00:00+00:00", true)] // projected: 1 and 2 January 2033 at a weekend
    // Northern Ireland
    [InlineData("northern-ireland", "within 1 working day", "2024-03-15T10:00+00:00", "2024-03-20T00:00+00:00", false)] // St Patrick's Day on a Sunday: Monday 18 March
    [InlineData("northern-ireland", "within 24 hours or by 09:00 next working day", "2026-07-10T16:00+01:00", "2026-07-14T09:00+01:00", false)] // the Boyne on a Sunday: Monday 13 July
    [InlineData("northern-ireland", "within 2 working days", "2026-03-27T10:00+00:00", "2026-04-01T00:00+01:00", false)] // clocks forward on Sunday 29 March
    [InlineData("northern-ireland", "6 weeks before", "2035-08-23", "2035-07-12T00:00+01:00", true)] // projected: the Boyne, Thursday 12 July 2035
    [InlineData("england-and-wales", "6 weeks before", "2035-08-23", "2035-07-13T00:00+01:00", true)] // the same date elsewhere
    [InlineData("england-and-wales", "within 24 hours or by 09:00 next working day", "2026-07-10T16:00+01:00", "2026-07-13T09:00+01:00", false)]
    [InlineData("england-and-wales", "within 1 working day", "2024-03-15T10:00+00:00", "2024-03-19T00:00+00:00", false)]
    [InlineData("england-and-wales", "within 1 working day", "2025-11-28T10:00+00:00", "2025-12-02T00:00+00:00", false)]
    [InlineData("england-and-wales", "within 1 working day", "2026-04-02T12:00+01:00", "2026-04-08T00:00+01:00", false)]
    public void EachDivisionCountsItsOwnBankHolidays(string calendar, string deadline, string anchor, string due, bool provisional) =>
        Assert.Equal((due, provisional), DueOn(calendar, deadline, anchor));
}
