namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>
/// The calendars of the built-in bank-holidays.json, overlaid by an operator's imported file year by
/// year: a year the imported file covers for a division replaces the built-in year, the built-in years
/// it does not cover stay, and a division only the imported file has is added. England and Wales,
/// Scotland and Northern Ireland count any other year by their rules (<see cref="BankHolidayRules"/>).
/// </summary>
public sealed class CalendarSource : ICalendarSource
{
    private static readonly Lazy<CalendarSource> DefaultSource = new(() => new CalendarSource(imported: null));

    private readonly Dictionary<string, WorkingCalendar> _calendars = new(StringComparer.Ordinal);

    /// <summary>Builds the built-in calendars, overlaid by <paramref name="imported"/> when given.</summary>
    public CalendarSource(BankHolidayFile? imported)
    {
        Imported = imported;
        foreach (var group in BankHolidayFile.Embedded.Divisions.Concat(imported?.Divisions ?? []).GroupBy(d => d.Name, StringComparer.Ordinal))
        {
            _calendars[group.Key] = new WorkingCalendar(group.Key, group);
        }

        Names = _calendars.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>What an imported GOV.UK bank holiday file is called in the data folder.</summary>
    public const string ImportedFileName = "bank-holidays.json";

    /// <summary>The built-in calendars only.</summary>
    public static CalendarSource Default => DefaultSource.Value;

    /// <summary>The imported file laid over the built-in one, or null.</summary>
    public BankHolidayFile? Imported { get; }

    public IReadOnlyCollection<string> Names { get; }

    /// <summary>The IANA time zone database that NodaTime ships.</summary>
    public NodaTime.IDateTimeZoneProvider TimeZones => NodaTime.DateTimeZoneProviders.Tzdb;

    /// <summary>
    /// The built-in calendars overlaid by the file at <paramref name="importedPath"/> if there is one
    /// there (where <see cref="BankHolidayImport"/> writes); with no file, the built-in calendars.
    /// </summary>
    /// <exception cref="CalendarDataException">The file is there but is not a valid bank holiday file.</exception>
    public static CalendarSource WithImportedFile(string importedPath) =>
        File.Exists(importedPath) ? new CalendarSource(BankHolidayFile.Load(importedPath)) : Default;

    /// <summary>The years each calendar's bank holidays are published for, by calendar name; every other year is projected by rule, or cannot be counted.</summary>
    public IReadOnlyList<CalendarCoverage> Coverage() =>
        Names.Select(n => new CalendarCoverage(n, _calendars[n].OfficialYears, _calendars[n].HasRules)).ToArray();

    /// <summary>The bank holidays of calendar <paramref name="name"/> in <paramref name="year"/>, published or projected; null when the calendar is unknown or cannot count that year.</summary>
    public IReadOnlyList<BankHoliday>? HolidaysIn(string name, int year) =>
        _calendars.TryGetValue(name, out var calendar) ? calendar.HolidaysIn(year) : null;

    public IWorkingCalendar Get(string name) =>
        _calendars.TryGetValue(name, out var calendar)
            ? calendar
            : throw new CalendarDataException(
                $"There is no working-day calendar '{name}'. Known calendars: {string.Join(", ", Names)}. " +
                "Import a bank-holidays.json with that division to add it.");
}

/// <summary>Which years of one calendar rest on published bank holidays, and whether the others are projected by rule.</summary>
public sealed record CalendarCoverage(string Name, IReadOnlyList<int> OfficialYears, bool HasRules)
{
    /// <summary>The first year whose bank holidays are published.</summary>
    public int FirstOfficialYear => OfficialYears[0];

    /// <summary>The last year whose bank holidays are published.</summary>
    public int LastOfficialYear => OfficialYears[^1];

    /// <summary>"2018 to 2027", with any gaps.</summary>
    public string OfficialYearsText => WorkingCalendar.Years(OfficialYears);
}
