using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>The working-day calendars the engine knows, by name, and the time zones it reads local times in.</summary>
public interface ICalendarSource
{
    /// <summary>The time zones the engine knows (the IANA database), by name.</summary>
    IDateTimeZoneProvider TimeZones { get; }

    /// <summary>The names of the known calendars, e.g. "england-and-wales".</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>The calendar called <paramref name="name"/>.</summary>
    /// <exception cref="CalendarDataException">No calendar has that name.</exception>
    IWorkingCalendar Get(string name);
}
