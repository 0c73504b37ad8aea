using System.Globalization;
using NodaTime;

namespace ContinuityOfCare.Workflows.Designer.Web;

/// <summary>
/// Reads the GOV.UK date input (day, month and year typed separately) and says what is wrong in the
/// words the GOV.UK Design System uses: what is missing, or that it is not a real date.
/// </summary>
public static class DateInput
{
    public static (LocalDate? Date, string? Error) Read(string name, string? day, string? month, string? year)
    {
        var parts = new[] { ("day", day), ("month", month), ("year", year) };
        var missing = parts.Where(p => string.IsNullOrWhiteSpace(p.Item2)).Select(p => p.Item1).ToList();
        if (missing.Count == 3)
        {
            return (null, $"Enter the {name.ToLowerInvariant()}");
        }

        if (missing.Count > 0)
        {
            return (null, $"{name} must include a {string.Join(" and a ", missing)}");
        }

        if (!int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var d)
            || !int.TryParse(month, NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y)
            || y is < 1000 or > 9999 || m is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(y, m))
        {
            return (null, $"{name} must be a real date");
        }

        return (new LocalDate(y, m, d), null);
    }
}
