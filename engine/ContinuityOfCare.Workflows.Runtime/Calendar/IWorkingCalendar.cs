using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>Which days are working days: Monday to Friday, except bank holidays.</summary>
/// <remarks>
/// Published data (GOV.UK's bank-holidays.json, built in or imported) is the answer for the years it
/// covers, <see cref="FirstDate"/> to <see cref="LastDate"/>. For any other year a calendar whose
/// division has known rules (<see cref="BankHolidayRules"/>) answers from them, and that answer is
/// <em>projected</em>: right unless a one-off day is later declared.
/// </remarks>
public interface IWorkingCalendar
{
    /// <summary>The calendar's name, as a pathway header writes it, e.g. "england-and-wales".</summary>
    string Name { get; }

    /// <summary>1 January of the first year whose bank holidays are published.</summary>
    LocalDate FirstDate { get; }

    /// <summary>31 December of the last year whose bank holidays are published.</summary>
    LocalDate LastDate { get; }

    /// <summary>Whether days outside the published years are answered by rule (otherwise they cannot be answered).</summary>
    bool HasRules { get; }

    /// <summary>Whether <paramref name="date"/> is a working day.</summary>
    /// <exception cref="CalendarDataException">
    /// The date is outside <see cref="FirstDate"/>..<see cref="LastDate"/> and the calendar has no rules:
    /// the answer would be a guess.
    /// </exception>
    bool IsWorkingDay(LocalDate date);

    /// <summary>Whether the answer for <paramref name="date"/> rests on the rules rather than on published data.</summary>
    bool IsProjected(LocalDate date);
}
