using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>How one released case counts in the continuity-of-care indicator.</summary>
public enum IndicatorResult
{
    /// <summary>Reached a continuity outcome at or before the end of the window: in the numerator and the denominator.</summary>
    Achieved,

    /// <summary>Did not: in the denominator only.</summary>
    NotAchieved,

    /// <summary>Ended with an excluded outcome within the window, or was cancelled: in neither, listed with the reason.</summary>
    Excluded,

    /// <summary>Still running and its window has not closed at the time of the report: in neither until it is known.</summary>
    Pending,
}

/// <summary>One released case: when it was released, when its window closes, and how it counts.</summary>
public sealed record IndicatorCase(
    Guid InstanceId,
    string PrisonNumber,
    Instant ReleasedAt,
    LocalDate ReleaseDate,
    Instant WindowEndsAt,
    IndicatorResult Result,
    string? Outcome,
    Instant? EndedAt,
    string? Reason);

/// <summary>The counts for a period or a month. The percentage is numerator over denominator, to one decimal place.</summary>
public sealed record IndicatorFigures(int Released, int Excluded, int Pending, int Denominator, int Numerator, decimal? Percentage)
{
    public static IndicatorFigures Of(IEnumerable<IndicatorCase> cases)
    {
        var list = cases.ToList();
        var excluded = list.Count(c => c.Result == IndicatorResult.Excluded);
        var pending = list.Count(c => c.Result == IndicatorResult.Pending);
        var numerator = list.Count(c => c.Result == IndicatorResult.Achieved);
        var denominator = list.Count - excluded - pending;
        decimal? percentage = denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero);
        return new IndicatorFigures(list.Count, excluded, pending, denominator, numerator, percentage);
    }
}

/// <summary>The figures for one local calendar month of release, written "2026-03".</summary>
public sealed record IndicatorMonth(string Month, IndicatorFigures Figures);

/// <summary>
/// The 21-day continuity-of-care indicator (or the pathway's own window) for a period, by month of
/// release, with one page of its cases (<see cref="CasePage"/>) and how many cases that list has in all.
/// </summary>
public sealed record IndicatorReport(
    ReportScope Scope,
    IndicatorFigures Total,
    IReadOnlyList<IndicatorMonth> Months,
    IReadOnlyList<IndicatorCase> Cases,
    int CaseCount)
{
    /// <summary>The cases of this page left out of the indicator, with the reason.</summary>
    public IEnumerable<IndicatorCase> Excluded => Cases.Where(c => c.Result == IndicatorResult.Excluded);
}

/// <summary>Works out the indicator from the cases' journals.</summary>
public static class IndicatorCalculator
{
    /// <param name="definitions">The definition each case is pinned to; a case counts by its own version's rules.</param>
    public static IndicatorReport Calculate(
        ReportScope scope,
        ReportPeriod period,
        IReadOnlyList<ReportCase> cases,
        Func<DefinitionVersion, PathwayDefinition?> definitions)
    {
        var zone = DateTimeZoneProviders.Tzdb[scope.TimeZone];
        var (start, end) = period.In(zone);
        var counted = new List<IndicatorCase>();
        foreach (var report in cases)
        {
            if (definitions(report.Instance.Definition) is not { } definition)
            {
                continue;
            }

            var rules = ReportRules.For(definition);
            if (CaseTimeline.FirstRecorded(report, rules.ReleaseEvent) is not { } released || released < start || released >= end)
            {
                continue;
            }

            counted.Add(Classify(report, rules, released, zone, scope.AsOf));
        }

        counted = [.. counted.OrderBy(c => c.ReleasedAt).ThenBy(c => c.PrisonNumber, StringComparer.Ordinal).ThenBy(c => c.InstanceId)];
        var months = period.Months()
            .Select(m => new IndicatorMonth(Month(m), IndicatorFigures.Of(counted.Where(c => c.ReleaseDate.ToYearMonth() == m))))
            .ToList();
        return new IndicatorReport(scope, IndicatorFigures.Of(counted), months, counted, counted.Count);
    }

    public static string Month(YearMonth month) =>
        $"{month.Year:0000}-{month.Month:00}";

    private static IndicatorCase Classify(ReportCase report, ReportRules rules, Instant released, DateTimeZone zone, Instant asOf)
    {
        var instance = report.Instance;
        var windowEnd = Release.WindowEnd(released, rules.Window, zone);
        var withinWindow = instance.EndedAt is { } ended && ended <= windowEnd;
        var exclusion = rules.Exclusions.FirstOrDefault(e => e.Outcome == instance.Outcome);
        var (result, reason) = instance switch
        {
            { Status: not InstanceStatus.Cancelled, Outcome: { } outcome } when withinWindow && rules.ContinuityOutcomes.Contains(outcome) =>
                (IndicatorResult.Achieved, (string?)null),
            { Status: InstanceStatus.Cancelled } => (IndicatorResult.Excluded, "Cancelled: " + (CaseTimeline.CancelReason(report) ?? "no reason given")),
            _ when exclusion is not null && withinWindow => (IndicatorResult.Excluded, exclusion.Reason),
            { IsActive: true } when asOf < windowEnd => (IndicatorResult.Pending, null),
            _ => (IndicatorResult.NotAchieved, null),
        };
        return new IndicatorCase(
            instance.Id,
            instance.Case.Person.PrisonNumber,
            released,
            released.InZone(zone).Date,
            windowEnd,
            result,
            instance.Outcome,
            instance.EndedAt,
            reason);
    }
}
