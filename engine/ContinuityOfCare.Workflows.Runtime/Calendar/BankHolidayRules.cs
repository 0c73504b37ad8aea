using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>
/// The bank holidays of the three GOV.UK divisions as the statutes and royal proclamations set them
/// year after year, for any year: what the engine counts with where GOV.UK has not yet published a
/// year. One-off days (a jubilee, a coronation, a state funeral, the 2020 VE Day move) are not rules;
/// they come only with published data.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>Fixed dates: New Year's Day, 2 January (Scotland), St Patrick's Day and the Battle of the
/// Boyne (Northern Ireland), St Andrew's Day (Scotland), Christmas Day, Boxing Day. One that falls on
/// a Saturday or Sunday is given a substitute day: the first weekday after it that is not already a
/// bank holiday (so Christmas on a Saturday is kept on Monday 27, Boxing Day on Tuesday 28).</item>
/// <item>Good Friday everywhere; Easter Monday except in Scotland.</item>
/// <item>The early May bank holiday (first Monday in May) and the spring bank holiday (last Monday in
/// May) everywhere; the summer bank holiday on the first Monday in August in Scotland and the last
/// Monday in August elsewhere.</item>
/// </list>
/// </remarks>
public static class BankHolidayRules
{
    public const string EnglandAndWales = "england-and-wales";
    public const string Scotland = "scotland";
    public const string NorthernIreland = "northern-ireland";

    /// <summary>The divisions whose rules are known, in GOV.UK's order.</summary>
    public static IReadOnlyList<string> Divisions { get; } = [EnglandAndWales, Scotland, NorthernIreland];

    /// <summary>Whether the rules of <paramref name="division"/> are known.</summary>
    public static bool Knows(string division) => Divisions.Contains(division, StringComparer.Ordinal);

    /// <summary>
    /// Easter Sunday in the Gregorian calendar, by the anonymous ("Meeus/Jones/Butcher") computus:
    /// the first Sunday after the ecclesiastical full moon on or after 21 March.
    /// </summary>
    public static LocalDate EasterSunday(int year)
    {
        var golden = year % 19;
        var century = year / 100;
        var yearOfCentury = year % 100;
        var leapCenturies = century / 4;
        var centuryRemainder = century % 4;
        var correction = (century + 8) / 25;
        var moonCorrection = (century - correction + 1) / 3;
        var epact = ((19 * golden) + century - leapCenturies - moonCorrection + 15) % 30;
        var quarter = yearOfCentury / 4;
        var quarterRemainder = yearOfCentury % 4;
        var weekday = (32 + (2 * centuryRemainder) + (2 * quarter) - epact - quarterRemainder) % 7;
        var shift = (golden + (11 * epact) + (22 * weekday)) / 451;
        var monthAndDay = epact + weekday - (7 * shift) + 114;
        return new LocalDate(year, monthAndDay / 31, (monthAndDay % 31) + 1);
    }

    /// <summary>The bank holidays the rules give <paramref name="division"/> in <paramref name="year"/>, by date.</summary>
    /// <exception cref="ArgumentException">The rules of the division are not known (see <see cref="Knows"/>).</exception>
    public static IReadOnlyList<BankHoliday> For(string division, int year)
    {
        if (!Knows(division))
        {
            throw new ArgumentException($"The bank holiday rules of '{division}' are not known; the known divisions are {string.Join(", ", Divisions)}.", nameof(division));
        }

        var scotland = division == Scotland;
        var easter = EasterSunday(year);
        var holidays = new List<BankHoliday> { Day("Good Friday", easter.PlusDays(-2), bunting: false) };
        if (!scotland)
        {
            holidays.Add(Day("Easter Monday", easter.PlusDays(1)));
        }

        holidays.Add(Day("Early May bank holiday", FirstMonday(year, 5)));
        holidays.Add(Day("Spring bank holiday", LastMonday(year, 5)));
        holidays.Add(Day("Summer bank holiday", scotland ? FirstMonday(year, 8) : LastMonday(year, 8)));

        var fixedDays = new List<(string Title, LocalDate Date)> { ("New Year’s Day", new LocalDate(year, 1, 1)) };
        if (scotland)
        {
            fixedDays.Add(("2nd January", new LocalDate(year, 1, 2)));
        }

        if (division == NorthernIreland)
        {
            fixedDays.Add(("St Patrick’s Day", new LocalDate(year, 3, 17)));
            fixedDays.Add(("Battle of the Boyne (Orangemen’s Day)", new LocalDate(year, 7, 12)));
        }

        if (scotland)
        {
            fixedDays.Add(("St Andrew’s Day", new LocalDate(year, 11, 30)));
        }

        fixedDays.Add(("Christmas Day", new LocalDate(year, 12, 25)));
        fixedDays.Add(("Boxing Day", new LocalDate(year, 12, 26)));

        // Days that fall on a weekday keep their date; then each weekend day, in date order, takes
        // the first weekday after it that is still free.
        holidays.AddRange(fixedDays.Where(d => !IsWeekend(d.Date)).Select(d => Day(d.Title, d.Date)));
        foreach (var (title, date) in fixedDays.Where(d => IsWeekend(d.Date)))
        {
            var substitute = date.PlusDays(1);
            while (IsWeekend(substitute) || holidays.Any(h => h.Date == substitute))
            {
                substitute = substitute.PlusDays(1);
            }

            holidays.Add(new BankHoliday(title, substitute, "Substitute day", Bunting: true));
        }

        holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
        return holidays;
    }

    private static BankHoliday Day(string title, LocalDate date, bool bunting = true) => new(title, date, string.Empty, bunting);

    private static bool IsWeekend(LocalDate date) => date.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday;

    private static LocalDate FirstMonday(int year, int month) =>
        new LocalDate(year, month, 1).With(DateAdjusters.NextOrSame(IsoDayOfWeek.Monday));

    private static LocalDate LastMonday(int year, int month) =>
        DateAdjusters.EndOfMonth(new LocalDate(year, month, 1)).With(DateAdjusters.PreviousOrSame(IsoDayOfWeek.Monday));
}
