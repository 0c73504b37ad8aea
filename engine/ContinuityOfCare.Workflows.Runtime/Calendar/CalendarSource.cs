namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>
/// The calendars of the built-in bank-holidays.json, overlaid by an operator's imported file: a
/// division in the imported file replaces the built-in division of the same name, and adds any new one.
/// </summary>
public sealed class CalendarSource : ICalendarSource
{
    private static readonly Lazy<CalendarSource> DefaultSource = new(() => new CalendarSource(imported: null));

    private readonly Dictionary<string, IWorkingCalendar> _calendars = new(StringComparer.Ordinal);

    /// <summary>Builds the built-in calendars, overlaid by <paramref name="imported"/> when given.</summary>
    public CalendarSource(BankHolidayFile? imported)
    {
        foreach (var division in BankHolidayFile.Embedded.Divisions.Concat(imported?.Divisions ?? []))
        {
            _calendars[division.Name] = new WorkingCalendar(division);
        }

        Names = _calendars.Keys.Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>What an imported GOV.UK bank holiday file is called in the data folder.</summary>
    public const string ImportedFileName = "bank-holidays.json";

    /// <summary>The built-in calendars only.</summary>
    public static CalendarSource Default => DefaultSource.Value;

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

    public IWorkingCalendar Get(string name) =>
        _calendars.TryGetValue(name, out var calendar)
            ? calendar
            : throw new CalendarDataException(
                $"There is no working-day calendar '{name}'. Known calendars: {string.Join(", ", Names)}. " +
                "Import a newer bank-holidays.json (GOV.UK's has england-and-wales, scotland and northern-ireland) to add it.");
}
