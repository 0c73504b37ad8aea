using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using NodaTime;

namespace ContinuityOfCare.Workflows.Designer.Web;

/// <summary>Now, and due times as a pathway's caseworkers read them (its time zone and working calendar).</summary>
public sealed class CaseClock(TimeProvider clock, ICalendarSource calendars)
{
    public Instant Now => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public static DateTimeZone Zone(PathwayDefinition? definition) =>
        DateTimeZoneProviders.Tzdb[definition?.TimeZone ?? PathwayDefaults.TimeZone];

    /// <summary>
    /// The due time as people read it and how far away it is, e.g. ("by the end of Friday 19 June
    /// 2026", "due in 2 working days") or ("09:00 BST on Monday 22 June 2026", "due in 3 working days").
    /// </summary>
    public (string At, string Relative) Due(Instant due, PathwayDefinition? definition)
    {
        var zone = Zone(definition);
        return (DueWords.Describe(due, zone), DueWording.Relative(due, Now, zone, calendars.Get(definition?.Calendar ?? PathwayDefaults.Calendar)));
    }

    /// <summary>A moment in the pathway's time zone, e.g. "09:30 on Monday 2 March 2026".</summary>
    public static string At(Instant at, PathwayDefinition? definition) => DueWording.At(at, Zone(definition));
}
