using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>One case as the reports read it: the instance, its whole journal and its action items.</summary>
public sealed record ReportCase(PathwayInstance Instance, IReadOnlyList<HistoryEntry> History, IReadOnlyList<ActionItem> Actions);

/// <summary>
/// What one report is worked out over: one pathway in one partnership over one period (the local
/// days of the reporting version's time zone, as instants), the version the stages and states are
/// read from, and every version of the pathway the partnership's cases can run on, each case counted
/// by its own version's rules.
/// </summary>
public sealed record ReportQuery(
    ReportScope Scope,
    ReportPeriod Period,
    DateTimeZone Zone,
    PathwayDefinition Reporting,
    IReadOnlyDictionary<DefinitionVersion, PathwayDefinition> Versions)
{
    public Instant Start => Period.In(Zone).Start;

    public Instant End => Period.In(Zone).End;
}

/// <summary>Which of the indicator's cases to list (all, or those of one result), and which page of them, in the order of release.</summary>
public sealed record CasePage(IndicatorResult? Only = null, int Skip = 0, int Take = CasePage.DefaultTake)
{
    public const int DefaultTake = 100;

    /// <summary>The most cases one page lists when a person asks.</summary>
    public const int MaxTake = 1000;

    /// <summary>Every case, for work that runs in memory (a simulation).</summary>
    public static CasePage Everything { get; } = new(null, 0, int.MaxValue);

    /// <summary>The page of a list already worked out in full.</summary>
    public IReadOnlyList<IndicatorCase> Of(IEnumerable<IndicatorCase> cases) =>
        [.. cases.Where(c => Only is null || c.Result == Only).Skip(Skip).Take(Take)];
}

/// <summary>
/// Where the outcome figures are worked out: over the cases where they are kept. A store that holds
/// many cases answers from the facts it keeps as cases change (see the stores), reading only what
/// the period needs; the reference answers (<see cref="CalculatedReportSource"/>) read each case's
/// whole journal and count in memory, for tests and simulations.
/// </summary>
public interface IReportSource
{
    /// <summary>The indicator's totals and months, and one page of its cases.</summary>
    Task<IndicatorReport> IndicatorAsync(ReportQuery query, CasePage page, CancellationToken cancellationToken = default);

    Task<FunnelReport> FunnelAsync(ReportQuery query, CancellationToken cancellationToken = default);

    Task<ComplianceReport> ComplianceAsync(ReportQuery query, CancellationToken cancellationToken = default);

    Task<TimeInStateReport> TimeInStateAsync(ReportQuery query, CancellationToken cancellationToken = default);
}
