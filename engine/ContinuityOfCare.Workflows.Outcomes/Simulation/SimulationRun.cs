using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>
/// A finished simulation: what ran, on what simulated dates, how much happened, and the cases, which
/// the outcome reports read exactly as they read real ones.
/// </summary>
public sealed class SimulationRun
{
    private readonly IRuntimeStore _store;
    private readonly IDefinitionCatalog _catalog;
    private readonly TimeProvider _clock;
    private readonly IReadOnlyDictionary<Guid, Guid> _caseIds;

    internal SimulationRun(
        PathwayDefinition pathway,
        Cohort cohort,
        int people,
        int seed,
        Instant started,
        Instant ended,
        int eventsRecorded,
        int actionsDone,
        int timersFired,
        IRuntimeStore store,
        IDefinitionCatalog catalog,
        TimeProvider clock,
        IReadOnlyDictionary<Guid, Guid> caseIds)
    {
        (Pathway, Cohort, People, Seed, Started, Ended) = (pathway, cohort, people, seed, started, ended);
        (EventsRecorded, ActionsDone, TimersFired) = (eventsRecorded, actionsDone, timersFired);
        (_store, _catalog, _clock, _caseIds) = (store, catalog, clock, caseIds);
    }

    public PathwayDefinition Pathway { get; }

    public Cohort Cohort { get; }

    public int People { get; }

    public int Seed { get; }

    /// <summary>When the first person arrived.</summary>
    public Instant Started { get; }

    /// <summary>The simulated clock at the end: when the last thing happened, or the cohort's <c>until</c>.</summary>
    public Instant Ended { get; }

    public int EventsRecorded { get; }

    public int ActionsDone { get; }

    /// <summary>Deadlines breached and timer transitions taken.</summary>
    public int TimersFired { get; }

    /// <summary>The cases, as the reports read them (counted in memory from the simulation's own store).</summary>
    public IReportSource Cases => new CalculatedReportSource(_store);

    /// <summary>The period the reports cover unless asked otherwise: the cohort's <c>report</c> dates, or from the day of the start up to the day after the end.</summary>
    public (LocalDate From, LocalDate To) DefaultPeriod
    {
        get
        {
            var zone = DateTimeZoneProviders.Tzdb[Pathway.TimeZone];
            return (Cohort.ReportFrom ?? Started.InZone(zone).Date, Cohort.ReportTo ?? Ended.InZone(zone).Date.PlusDays(1));
        }
    }

    /// <summary>
    /// The four outcome reports over a period, worked out by <see cref="ReportService"/>. Cases are
    /// shown with ids made from the person and the stay (<see cref="CaseId"/>), so that equal seeds
    /// give identical reports although the runtime's own ids differ from run to run.
    /// </summary>
    /// <param name="source">Where the figures are worked out: by default counted in memory from the simulation's store (a test may give the store's own source).</param>
    public async Task<OutcomeReports> ReportsAsync(LocalDate from, LocalDate to, IReportSource? source = null, CancellationToken cancellationToken = default)
    {
        var service = new ReportService(source ?? Cases, _catalog, _clock);
        var reports = await service.AllAsync(new ReportRequest(Pathway.Partnership, Pathway.Id, from, to), CasePage.Everything, cancellationToken);
        var indicator = reports.Indicator with
        {
            Cases = [.. reports.Indicator.Cases
                .Select(c => c with { InstanceId = _caseIds[c.InstanceId] })
                .OrderBy(c => c.ReleasedAt).ThenBy(c => c.PrisonNumber, StringComparer.Ordinal).ThenBy(c => c.InstanceId)],
        };
        return reports with { Indicator = indicator };
    }

    /// <summary>The id a simulated case is shown with: the stay (from 1) and the person (from 0), as 00000000-0000-0000-SSSS-PPPPPPPPPPPP.</summary>
    public static Guid CaseId(int person, int stay) => Guid.Parse($"00000000-0000-0000-{stay:x4}-{person:x12}");
}
