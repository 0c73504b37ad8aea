using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>
/// How long cases stayed in one state, for the stays that began in the period: how many left it
/// and how many are still there, how the finished stays spread over four bands, and their median,
/// 90th percentile (nearest rank) and longest, in hours.
/// </summary>
public sealed record TimeInStateRow(
    string State,
    string Stage,
    int Stays,
    int Left,
    int StillThere,
    int UnderOneDay,
    int OneToSevenDays,
    int SevenToTwentyOneDays,
    int TwentyOneDaysOrMore,
    double? MedianHours,
    double? P90Hours,
    double? MaxHours);

/// <summary>Time in state for every state that is not final, in the order the pathway declares them.</summary>
public sealed record TimeInStateReport(ReportScope Scope, IReadOnlyList<TimeInStateRow> Rows);

/// <summary>Works out time in state from the cases' journals.</summary>
public static class TimeInStateCalculator
{
    public static TimeInStateReport Calculate(ReportScope scope, ReportPeriod period, PathwayDefinition reporting, IReadOnlyList<ReportCase> cases)
    {
        var (start, end) = period.In(NodaTime.DateTimeZoneProviders.Tzdb[scope.TimeZone]);
        var stays = cases
            .SelectMany(CaseTimeline.Stays)
            .Where(s => s.EnteredAt >= start && s.EnteredAt < end)
            .ToLookup(s => s.State, StringComparer.Ordinal);
        var rows = reporting.States
            .Where(s => s.Kind != StateKind.Final)
            .Select(s => Row(s.Id, s.Stage, [.. stays[s.Id]]))
            .ToList();
        return new TimeInStateReport(scope, rows);
    }

    private static TimeInStateRow Row(string state, string stage, IReadOnlyList<StateStay> stays)
    {
        var days = stays.Where(s => s.LeftAt is not null).Select(s => (s.LeftAt!.Value - s.EnteredAt).TotalHours).Order().ToList();
        return new TimeInStateRow(
            state,
            stage,
            stays.Count,
            days.Count,
            stays.Count - days.Count,
            days.Count(h => h < 24),
            days.Count(h => h >= 24 && h < 7 * 24),
            days.Count(h => h >= 7 * 24 && h < 21 * 24),
            days.Count(h => h >= 21 * 24),
            ComplianceCalculator.Round(Percentile.NearestRank(days, 50)),
            ComplianceCalculator.Round(Percentile.NearestRank(days, 90)),
            ComplianceCalculator.Round(days.Count == 0 ? null : days[^1]));
    }
}
