using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>Which days are working days: Monday to Friday, except bank holidays.</summary>
public interface IWorkingCalendar
{
    /// <summary>The calendar's name, as a pathway header writes it, e.g. "england-and-wales".</summary>
    string Name { get; }

    /// <summary>1 January of the first year whose bank holidays are known.</summary>
    LocalDate FirstDate { get; }

    /// <summary>31 December of the last year whose bank holidays are known.</summary>
    LocalDate LastDate { get; }

    /// <summary>Whether <paramref name="date"/> is a working day.</summary>
    /// <exception cref="CalendarDataException">
    /// The date is outside <see cref="FirstDate"/>..<see cref="LastDate"/>: the answer would be a guess.
    /// </exception>
    bool IsWorkingDay(LocalDate date);
}
