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

    /// <summary>The local due time and how far away it is, e.g. ("17:00 on Friday 19 June 2026", "due in 2 working days").</summary>
    public (string At, string Relative) Due(Instant due, PathwayDefinition? definition)
    {
        var zone = Zone(definition);
        return (DueWording.At(due, zone), DueWording.Relative(due, Now, zone, calendars.Get(definition?.Calendar ?? PathwayDefaults.Calendar)));
    }

    /// <summary>A moment in the pathway's time zone, e.g. "09:30 on Monday 2 March 2026".</summary>
    public static string At(Instant at, PathwayDefinition? definition) => DueWording.At(at, Zone(definition));
}
