namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>The working-day calendars the engine knows, by name.</summary>
public interface ICalendarSource
{
    /// <summary>The names of the known calendars, e.g. "england-and-wales".</summary>
    IReadOnlyCollection<string> Names { get; }

    /// <summary>The calendar called <paramref name="name"/>.</summary>
    /// <exception cref="CalendarDataException">No calendar has that name.</exception>
    IWorkingCalendar Get(string name);
}
