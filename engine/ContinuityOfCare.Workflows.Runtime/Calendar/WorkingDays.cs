using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>Counting working days forwards and backwards on a calendar.</summary>
internal static class WorkingDays
{
    /// <summary>The first working day strictly after <paramref name="date"/>.</summary>
    public static LocalDate NextAfter(this IWorkingCalendar calendar, LocalDate date) => calendar.Forward(date, 1);

    /// <summary><paramref name="date"/> itself if it is a working day, otherwise the working day before it.</summary>
    public static LocalDate OnOrBefore(this IWorkingCalendar calendar, LocalDate date) =>
        calendar.IsWorkingDay(date) ? date : calendar.Back(date, 1);

    /// <summary>The <paramref name="count"/>-th working day after <paramref name="date"/>; the date itself never counts.</summary>
    public static LocalDate Forward(this IWorkingCalendar calendar, LocalDate date, int count) => Step(calendar, date, count, 1);

    /// <summary>The <paramref name="count"/>-th working day before <paramref name="date"/>; the date itself never counts.</summary>
    public static LocalDate Back(this IWorkingCalendar calendar, LocalDate date, int count) => Step(calendar, date, count, -1);

    private static LocalDate Step(IWorkingCalendar calendar, LocalDate date, int count, int direction)
    {
        var day = date;
        for (var counted = 0; counted < count;)
        {
            day = day.PlusDays(direction);
            if (calendar.IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }
}
