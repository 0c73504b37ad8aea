namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>What changed between two sets of calendars, calendar by calendar, in the words a case's history gives.</summary>
public static class BankHolidayChanges
{
    /// <summary>
    /// For each calendar whose working days differ between <paramref name="before"/> and
    /// <paramref name="after"/>, why: "bank holidays for 2028 published", "bank holidays for 2027
    /// revised", "bank holidays for 2029 withdrawn, counted by rule". Calendars that did not change are left out.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Between(CalendarSource before, CalendarSource after)
    {
        var reasons = new Dictionary<string, string>(StringComparer.Ordinal);
        var old = before.Coverage().ToDictionary(c => c.Name, StringComparer.Ordinal);
        foreach (var coverage in after.Coverage())
        {
            var was = old.TryGetValue(coverage.Name, out var c) ? c.OfficialYears : [];
            var published = coverage.OfficialYears.Except(was).Order().ToArray();
            var withdrawn = was.Except(coverage.OfficialYears).Order().ToArray();
            var revised = coverage.OfficialYears.Intersect(was)
                .Where(y => !Dates(before, coverage.Name, y).SetEquals(Dates(after, coverage.Name, y)))
                .Order().ToArray();
            var parts = new List<string>();
            if (published.Length > 0)
            {
                parts.Add($"bank holidays for {Years(published)} published");
            }

            if (revised.Length > 0)
            {
                parts.Add($"bank holidays for {Years(revised)} revised");
            }

            if (withdrawn.Length > 0)
            {
                parts.Add($"bank holidays for {Years(withdrawn)} no longer published, so {(withdrawn.Length == 1 ? "it is" : "they are")} counted by rule");
            }

            if (parts.Count > 0)
            {
                reasons[coverage.Name] = string.Join("; ", parts);
            }
        }

        return reasons;
    }

    private static HashSet<NodaTime.LocalDate> Dates(CalendarSource source, string name, int year) =>
        [.. (source.HolidaysIn(name, year) ?? []).Select(h => h.Date)];

    private static string Years(int[] years) =>
        years.Length == 1 ? $"{years[0]}" : string.Join(", ", years[..^1]) + $" and {years[^1]}";
}
