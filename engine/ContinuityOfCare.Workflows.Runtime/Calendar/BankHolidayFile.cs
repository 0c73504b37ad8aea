using System.Text;
using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>
/// A bank holiday file in GOV.UK's <c>bank-holidays.json</c> shape: one property per division, each
/// with its <c>division</c> name and its <c>events</c>. The file is validated as a whole when it is
/// read, so a calendar built from it never meets a bad date later.
/// </summary>
public sealed class BankHolidayFile
{
    /// <summary>The name of the file shipped inside this assembly, used in messages.</summary>
    public const string EmbeddedSource = "the built-in bank-holidays.json";

    private const string ResourceName = "ContinuityOfCare.Workflows.Runtime.Calendar.bank-holidays.json";

    private static readonly Lazy<BankHolidayFile> EmbeddedFile = new(ReadEmbedded);

    private BankHolidayFile(string source, IReadOnlyList<BankHolidayDivision> divisions)
    {
        Source = source;
        Divisions = divisions;
    }

    /// <summary>The bank holidays shipped with the engine (England and Wales).</summary>
    public static BankHolidayFile Embedded => EmbeddedFile.Value;

    /// <summary>Where the file came from (a path, or <see cref="EmbeddedSource"/>), for messages.</summary>
    public string Source { get; }

    /// <summary>The divisions in the order the file lists them.</summary>
    public IReadOnlyList<BankHolidayDivision> Divisions { get; }

    /// <summary>Reads and validates the file at <paramref name="path"/>.</summary>
    /// <exception cref="CalendarDataException">The file is missing, unreadable or not a valid bank holiday file.</exception>
    public static BankHolidayFile Load(string path) => Parse(ReadBytes(path), path);

    /// <summary>The bytes of the file at <paramref name="path"/>, or why they cannot be read.</summary>
    /// <exception cref="CalendarDataException">The file is missing or unreadable.</exception>
    public static byte[] ReadBytes(string path)
    {
        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CalendarDataException($"There is no bank holiday file at '{path}'.");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CalendarDataException($"The bank holiday file '{path}' could not be read: {e.Message}");
        }
    }

    /// <summary>Validates UTF-8 JSON text; <paramref name="source"/> names it in messages.</summary>
    /// <exception cref="CalendarDataException">The text is not a valid bank holiday file; the message names every problem.</exception>
    public static BankHolidayFile Parse(byte[] utf8Json, string source)
    {
        ReadOnlyMemory<byte> json = utf8Json;
        if (json.Span.StartsWith(Encoding.UTF8.Preamble))
        {
            json = json[Encoding.UTF8.Preamble.Length..];
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return new BankHolidayFile(source, new Reader(source).Divisions(document.RootElement));
        }
        catch (JsonException e)
        {
            throw new CalendarDataException($"{source} is not valid JSON: {e.Message}");
        }
    }

    /// <inheritdoc cref="Parse(byte[], string)"/>
    public static BankHolidayFile Parse(string json, string source) => Parse(Encoding.UTF8.GetBytes(json), source);

    private static BankHolidayFile ReadEmbedded()
    {
        using var stream = typeof(BankHolidayFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new CalendarDataException($"The resource {ResourceName} is missing from the runtime assembly.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return Parse(buffer.ToArray(), EmbeddedSource);
    }

    /// <summary>Walks the JSON, collecting every problem so one import attempt reports them all.</summary>
    private sealed class Reader(string source)
    {
        private readonly List<string> _problems = [];

        public IReadOnlyList<BankHolidayDivision> Divisions(JsonElement root)
        {
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Problem($"{source} must be a JSON object with one property per division, such as \"england-and-wales\", but it is {Describe(root)}.");
            }

            var divisions = new List<BankHolidayDivision>();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in root.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    _problems.Add($"division '{property.Name}' is given twice");
                    continue;
                }

                if (Division(property.Name, property.Value) is { } division)
                {
                    divisions.Add(division);
                }
            }

            if (seen.Count == 0)
            {
                _problems.Add("there are no divisions; expected at least one, such as \"england-and-wales\"");
            }

            return _problems.Count switch
            {
                0 => divisions,
                1 => throw Problem($"{source}: {_problems[0]}."),
                _ => throw Problem($"{source} has {_problems.Count} problems: {string.Join("; ", _problems)}."),
            };
        }

        private BankHolidayDivision? Division(string key, JsonElement value)
        {
            var where = $"division '{key}'";
            if (key.Length == 0)
            {
                _problems.Add("a division has an empty name");
                return null;
            }

            if (value.ValueKind != JsonValueKind.Object)
            {
                _problems.Add($"{where} must be an object with \"division\" and \"events\", but it is {Describe(value)}");
                return null;
            }

            var problemsBefore = _problems.Count;
            if (!value.TryGetProperty("division", out var name) || name.ValueKind != JsonValueKind.String || name.GetString() is not { Length: > 0 } named)
            {
                _problems.Add($"{where} has no \"division\" name");
            }
            else if (named != key)
            {
                _problems.Add($"{where} calls itself '{named}' in its \"division\" property; the two names must be the same");
            }

            if (!value.TryGetProperty("events", out var events) || events.ValueKind != JsonValueKind.Array)
            {
                _problems.Add($"{where} has no \"events\" list");
                return null;
            }

            if (events.GetArrayLength() == 0)
            {
                _problems.Add($"{where} has no events");
                return null;
            }

            var holidays = new List<BankHoliday>();
            var byDate = new Dictionary<LocalDate, int>();
            var index = 0;
            foreach (var item in events.EnumerateArray())
            {
                if (Event($"{where}, events[{index}]", item) is { } holiday)
                {
                    if (byDate.TryGetValue(holiday.Date, out var first))
                    {
                        _problems.Add($"{where}, events[{index}] ('{holiday.Title}'): {Iso(holiday.Date)} is already listed as events[{first}]");
                    }
                    else
                    {
                        byDate.Add(holiday.Date, index);
                        holidays.Add(holiday);
                    }
                }

                index++;
            }

            if (_problems.Count > problemsBefore)
            {
                return null;
            }

            holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
            var division = new BankHolidayDivision(key, holidays);
            var years = holidays.Select(h => h.Date.Year).ToHashSet();
            foreach (var year in Enumerable.Range(division.FirstYear, division.LastYear - division.FirstYear + 1).Where(y => !years.Contains(y)))
            {
                // A year with no holidays would quietly make every weekday of it a working day.
                _problems.Add($"{where} has no events in {year}, although it covers {division.FirstYear} to {division.LastYear}; every year in that range must list its bank holidays");
            }

            return _problems.Count > problemsBefore ? null : division;
        }

        private BankHoliday? Event(string where, JsonElement item)
        {
            if (item.ValueKind != JsonValueKind.Object)
            {
                _problems.Add($"{where} must be an object with \"title\" and \"date\", but it is {Describe(item)}");
                return null;
            }

            string? title = null;
            if (!item.TryGetProperty("title", out var titleElement) || titleElement.ValueKind != JsonValueKind.String || titleElement.GetString() is not { Length: > 0 } t)
            {
                _problems.Add($"{where} has no title");
            }
            else
            {
                title = t;
                where = $"{where} ('{t}')";
            }

            LocalDate? date = null;
            if (!item.TryGetProperty("date", out var dateElement) || dateElement.ValueKind != JsonValueKind.String)
            {
                _problems.Add($"{where} has no date");
            }
            else if (LocalDatePattern.Iso.Parse(dateElement.GetString()!) is { Success: true } parsed)
            {
                date = parsed.Value;
            }
            else
            {
                _problems.Add($"{where}: '{dateElement.GetString()}' is not a date in the form YYYY-MM-DD");
            }

            var notes = string.Empty;
            if (item.TryGetProperty("notes", out var notesElement))
            {
                if (notesElement.ValueKind == JsonValueKind.String)
                {
                    notes = notesElement.GetString()!;
                }
                else
                {
                    _problems.Add($"{where}: \"notes\" must be text");
                }
            }

            var bunting = false;
            if (item.TryGetProperty("bunting", out var buntingElement))
            {
                if (buntingElement.ValueKind is JsonValueKind.True or JsonValueKind.False)
                {
                    bunting = buntingElement.GetBoolean();
                }
                else
                {
                    _problems.Add($"{where}: \"bunting\" must be true or false");
                }
            }

            return title is not null && date is { } d ? new BankHoliday(title, d, notes, bunting) : null;
        }

        private static CalendarDataException Problem(string message) => new(message);

        private static string Describe(JsonElement element) => element.ValueKind switch
        {
            JsonValueKind.Array => "a list",
            JsonValueKind.String => "text",
            JsonValueKind.Number => "a number",
            JsonValueKind.True or JsonValueKind.False => "true or false",
            JsonValueKind.Null => "null",
            _ => "an object",
        };
    }

    internal static string Iso(LocalDate date) => LocalDatePattern.Iso.Format(date);
}
