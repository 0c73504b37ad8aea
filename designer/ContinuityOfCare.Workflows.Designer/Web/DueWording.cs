using System.Globalization;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using NodaTime;

namespace ContinuityOfCare.Workflows.Designer.Web;

/// <summary>
/// How a due time reads to a caseworker: the local time, and how far away it is, counted as the
/// deadlines are (working days for days ahead, hours when it is close or already passed).
/// </summary>
public static class DueWording
{
    /// <summary>The local date and time, e.g. "17:00 on Friday 19 June 2026".</summary>
    public static string At(Instant due, DateTimeZone zone) =>
        due.InZone(zone).ToString("HH:mm 'on' dddd d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>Why a provisional due time may still move, in a caseworker's words.</summary>
    public static string WhyProvisional(Instant due, ContinuityOfCare.Workflows.Definitions.PathwayDefinition? definition) =>
        $"Counted with the bank holidays expected in {due.InZone(CaseClock.Zone(definition)).Year}, which are not published yet: it may move when they are.";

    /// <summary>"3 hours overdue", "due today at 17:00", "due tomorrow at 09:00", "due in 2 working days".</summary>
    public static string Relative(Instant due, Instant now, DateTimeZone zone, IWorkingCalendar calendar)
    {
        if (due <= now)
        {
            var late = now - due;
            return late.TotalHours < 1 ? Count((int)Math.Max(1, late.TotalMinutes), "minute") + " overdue"
                : late.TotalDays < 2 ? Count((int)late.TotalHours, "hour") + " overdue"
                : Count((int)late.TotalDays, "day") + " overdue";
        }

        var today = now.InZone(zone).Date;
        if (DueWords.EndOfDay(due, zone) is { } lastDay)
        {
            // Due at the end of a day: the day itself is what the caseworker has.
            return lastDay == today ? "due by the end of today"
                : lastDay == today.PlusDays(1) ? "due by the end of tomorrow"
                : Ahead(today, lastDay, calendar);
        }

        var dueLocal = due.InZone(zone);
        var time = DueWords.TimeOfDay(due, zone);
        if (dueLocal.Date == today)
        {
            return (due - now).TotalHours < 1 ? $"due in {Count((int)Math.Max(1, (due - now).TotalMinutes), "minute")}" : $"due today at {time}";
        }

        if (dueLocal.Date == today.PlusDays(1))
        {
            return $"due tomorrow at {time}";
        }

        return Ahead(today, dueLocal.Date, calendar);
    }

    private static string Ahead(LocalDate today, LocalDate day, IWorkingCalendar calendar) =>
        WorkingDaysAfter(today, day, calendar) is { } working && working > 0
            ? $"due in {Count(working, "working day")}"
            : $"due in {Count(Period.Between(today, day, PeriodUnits.Days).Days, "day")}";

    /// <summary>Working days after <paramref name="from"/> up to and including <paramref name="to"/>, or null where the calendar cannot count them.</summary>
    private static int? WorkingDaysAfter(LocalDate from, LocalDate to, IWorkingCalendar calendar)
    {
        if (!calendar.HasRules && (to > calendar.LastDate || from < calendar.FirstDate))
        {
            return null;
        }

        var count = 0;
        for (var day = from.PlusDays(1); day <= to; day = day.PlusDays(1))
        {
            count += calendar.IsWorkingDay(day) ? 1 : 0;
        }

        return count;
    }

    private static string Count(int n, string unit) => n == 1 ? $"1 {unit}" : $"{n} {unit}s";
}
