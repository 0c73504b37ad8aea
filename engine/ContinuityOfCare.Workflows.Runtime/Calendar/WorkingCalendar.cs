using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>A working-day calendar built from one division of a bank holiday file.</summary>
internal sealed class WorkingCalendar : IWorkingCalendar
{
    private readonly HashSet<LocalDate> _holidays;

    public WorkingCalendar(BankHolidayDivision division)
    {
        Name = division.Name;
        FirstDate = division.FirstDate;
        LastDate = division.LastDate;
        _holidays = division.Events.Select(e => e.Date).ToHashSet();
    }

    public string Name { get; }

    public LocalDate FirstDate { get; }

    public LocalDate LastDate { get; }

    public bool IsWorkingDay(LocalDate date)
    {
        if (date < FirstDate || date > LastDate)
        {
            // Guessing "no holidays" here would silently move deadlines; the operator must import data.
            throw new CalendarDataException(
                $"Cannot tell whether {BankHolidayFile.Iso(date)} is a working day: bank holidays for {Name} are known from " +
                $"{BankHolidayFile.Iso(FirstDate)} to {BankHolidayFile.Iso(LastDate)}; import a newer bank-holidays.json.");
        }

        return date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && !_holidays.Contains(date);
    }
}
