using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>
/// Deadline compliance for one agency's action (or, with a null action, all its actions): how many
/// deadlines fell due in the period, and of those how many were done on time, done late, breached
/// and never done, still open, or cancelled because the case moved on; and how long the done ones
/// took from being opened to being done, in hours (median and 90th percentile, nearest rank).
/// </summary>
public sealed record ComplianceRow(
    string Agency,
    string? Action,
    int Due,
    int OnTime,
    int Late,
    int Breached,
    int StillOpen,
    int Cancelled,
    double? MedianHours,
    double? P90Hours);

/// <summary>Deadline compliance per agency and per action, for the deadlines that fell due in the period.</summary>
public sealed record ComplianceReport(ReportScope Scope, IReadOnlyList<ComplianceRow> Rows);

/// <summary>Works out deadline compliance from the cases' action items.</summary>
public static class ComplianceCalculator
{
    public static ComplianceReport Calculate(ReportScope scope, ReportPeriod period, IReadOnlyList<ReportCase> cases)
    {
        var (start, end) = period.In(NodaTime.DateTimeZoneProviders.Tzdb[scope.TimeZone]);
        var due = cases
            .SelectMany(c => c.Actions)
            .Where(a => a.DueAt is { } at && at >= start && at < end)
            .ToList();
        var rows = new List<ComplianceRow>();
        foreach (var agency in due.GroupBy(a => a.Agency).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            rows.Add(Row(agency.Key, null, [.. agency]));
            rows.AddRange(agency.GroupBy(a => a.ActionId)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => Row(agency.Key, g.Key, [.. g])));
        }

        return new ComplianceReport(scope, rows);
    }

    /// <summary>Which compliance category an action item is in.</summary>
    public static string Category(ActionItem action) => action switch
    {
        { Status: ActionStatus.Done } => "on time",
        { Status: ActionStatus.Late } => "late",
        { BreachedAt: not null } => "breached",
        { Status: ActionStatus.Open } => "still open",
        _ => "cancelled",
    };

    private static ComplianceRow Row(string agency, string? action, IReadOnlyList<ActionItem> items)
    {
        var hours = items
            .Where(a => a.CompletedAt is not null && a.Status is ActionStatus.Done or ActionStatus.Late)
            .Select(a => (a.CompletedAt!.Value - a.OpenedAt).TotalHours)
            .Order()
            .ToList();
        int Count(string category) => items.Count(a => Category(a) == category);
        return new ComplianceRow(
            agency,
            action,
            items.Count,
            Count("on time"),
            Count("late"),
            Count("breached"),
            Count("still open"),
            Count("cancelled"),
            Round(Percentile.NearestRank(hours, 50)),
            Round(Percentile.NearestRank(hours, 90)));
    }

    public static double? Round(double? hours) =>
        hours is { } h ? Math.Round(h, 2, MidpointRounding.AwayFromZero) : null;
}
