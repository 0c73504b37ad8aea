using System.Globalization;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>
/// A due time as people read it, with no room for doubt: the end of a day is written as that day
/// ("by the end of Friday 27 March 2026", never "00:00 Saturday 28 March 2026"), and a time of day
/// carries the zone's name for it, which says whether the clocks have gone forward ("09:00 BST on
/// Monday 30 March 2026").
/// </summary>
public static class DueWords
{
    /// <summary>"by the end of Friday 27 March 2026", or "09:00 BST on Monday 30 March 2026".</summary>
    public static string Describe(Instant due, DateTimeZone zone) =>
        EndOfDay(due, zone) is { } day
            ? $"by the end of {Day(day)}"
            : $"{TimeOfDay(due, zone)} on {Day(due.InZone(zone).Date)}";

    /// <summary>The day a due time ends, when it is the first moment of the next day in the zone; otherwise null.</summary>
    public static LocalDate? EndOfDay(Instant due, DateTimeZone zone)
    {
        var date = due.InZone(zone).Date;
        return zone.AtStartOfDay(date).ToInstant() == due ? date.PlusDays(-1) : null;
    }

    /// <summary>"09:00 BST": the clock time and the zone's name for it then.</summary>
    public static string TimeOfDay(Instant at, DateTimeZone zone) =>
        $"{at.InZone(zone).TimeOfDay.ToString("HH:mm", CultureInfo.InvariantCulture)} {zone.GetZoneInterval(at).Name}";

    /// <summary>"Friday 27 March 2026".</summary>
    public static string Day(LocalDate date) => date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
