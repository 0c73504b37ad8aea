using System.Collections.Concurrent;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>
/// A working-day calendar built from published bank holidays, year by year, and from its division's
/// rules for the years nothing has been published for.
/// </summary>
internal sealed class WorkingCalendar : IWorkingCalendar
{
    private readonly IReadOnlyDictionary<int, HashSet<LocalDate>> _official;
    private readonly Dictionary<int, BankHoliday[]> _officialEvents = [];
    private readonly ConcurrentDictionary<int, HashSet<LocalDate>> _projected = new();

    /// <param name="divisions">The division as each file gives it, the built-in one first: a later file's year replaces an earlier file's.</param>
    public WorkingCalendar(string name, IEnumerable<BankHolidayDivision> divisions)
    {
        Name = name;
        HasRules = BankHolidayRules.Knows(name);
        var official = new SortedDictionary<int, HashSet<LocalDate>>();
        foreach (var division in divisions)
        {
            for (var year = division.FirstYear; year <= division.LastYear; year++)
            {
                _officialEvents[year] = division.Events.Where(e => e.Date.Year == year).ToArray();
                official[year] = _officialEvents[year].Select(e => e.Date).ToHashSet();
            }
        }

        _official = official;
        OfficialYears = official.Keys.ToArray();
        FirstDate = new LocalDate(OfficialYears[0], 1, 1);
        LastDate = new LocalDate(OfficialYears[^1], 12, 31);
    }

    public string Name { get; }

    /// <summary>The years whose bank holidays are published, in order.</summary>
    public IReadOnlyList<int> OfficialYears { get; }

    public LocalDate FirstDate { get; }

    public LocalDate LastDate { get; }

    public bool HasRules { get; }

    public bool IsProjected(LocalDate date) => !_official.ContainsKey(date.Year);

    public bool IsWorkingDay(LocalDate date)
    {
        if (date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday)
        {
            return false;
        }

        if (_official.TryGetValue(date.Year, out var published))
        {
            return !published.Contains(date);
        }

        if (!HasRules)
        {
            // Guessing "no holidays" here would silently move deadlines; the operator must import data.
            throw new CalendarDataException(
                $"Cannot tell whether {BankHolidayFile.Iso(date)} is a working day: bank holidays for {Name} are published for " +
                $"{Years(OfficialYears)} and no rules are known for it; import a bank-holidays.json that covers {date.Year}.");
        }

        return !_projected.GetOrAdd(date.Year, year => BankHolidayRules.For(Name, year).Select(h => h.Date).ToHashSet()).Contains(date);
    }

    /// <summary>The bank holidays of <paramref name="year"/>: published, or by rule (projected), or null when neither is known.</summary>
    public IReadOnlyList<BankHoliday>? HolidaysIn(int year) =>
        _officialEvents.TryGetValue(year, out var published) ? published
        : HasRules ? BankHolidayRules.For(Name, year)
        : null;

    /// <summary>"2018 to 2027", or "2018 to 2027 and 2030" when there are gaps.</summary>
    internal static string Years(IReadOnlyList<int> years)
    {
        var runs = new List<string>();
        for (var i = 0; i < years.Count;)
        {
            var j = i;
            while (j + 1 < years.Count && years[j + 1] == years[j] + 1)
            {
                j++;
            }

            runs.Add(i == j ? $"{years[i]}" : $"{years[i]} to {years[j]}");
            i = j + 1;
        }

        return runs.Count == 1 ? runs[0] : string.Join(", ", runs[..^1]) + " and " + runs[^1];
    }
}
