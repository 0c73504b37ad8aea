using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>One bank holiday as GOV.UK lists it.</summary>
/// <param name="Notes">GOV.UK's note, such as "Substitute day", or empty.</param>
/// <param name="Bunting">GOV.UK's flag for a festive day; kept so an imported file round-trips, unused here.</param>
public sealed record BankHoliday(string Title, LocalDate Date, string Notes, bool Bunting);

/// <summary>
/// The bank holidays of one division (a working-day calendar), such as "england-and-wales", sorted by
/// date. The data is taken to be complete for every year from <see cref="FirstYear"/> to
/// <see cref="LastYear"/> and to say nothing about any other year.
/// </summary>
public sealed class BankHolidayDivision
{
    internal BankHolidayDivision(string name, IReadOnlyList<BankHoliday> events)
    {
        Name = name;
        Events = events;
        FirstYear = events[0].Date.Year;
        LastYear = events[^1].Date.Year;
    }

    public string Name { get; }

    public IReadOnlyList<BankHoliday> Events { get; }

    public int FirstYear { get; }

    public int LastYear { get; }

    /// <summary>1 January of the first year the data covers.</summary>
    public LocalDate FirstDate => new(FirstYear, 1, 1);

    /// <summary>31 December of the last year the data covers.</summary>
    public LocalDate LastDate => new(LastYear, 12, 31);
}
