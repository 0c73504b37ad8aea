using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>How many cases left the funnel from one state, and the outcome they ended with.</summary>
public sealed record FunnelLoss(string State, string? Outcome, int Cases);

/// <summary>
/// One stage of the funnel: how many cases reached it (or a later stage), how many of those are
/// still running without having reached the next, and how many ended without reaching the next,
/// by the state they left from.
/// </summary>
public sealed record FunnelStage(string Stage, int Reached, int InProgress, int Lost, IReadOnlyList<FunnelLoss> LostFrom);

/// <summary>The attrition funnel for the cases that entered its first stage in the period.</summary>
public sealed record FunnelReport(ReportScope Scope, IReadOnlyList<FunnelStage> Stages);

/// <summary>Works out the attrition funnel from the cases' journals.</summary>
public static class FunnelCalculator
{
    public static FunnelReport Calculate(
        ReportScope scope,
        ReportPeriod period,
        PathwayDefinition reporting,
        IReadOnlyList<ReportCase> cases,
        Func<DefinitionVersion, PathwayDefinition?> definitions)
    {
        var stages = Stages(reporting).ToList();
        var (start, end) = period.In(NodaTime.DateTimeZoneProviders.Tzdb[scope.TimeZone]);
        var journeys = new List<(int Furthest, ReportCase Case, StateStay? LostFrom)>();
        foreach (var report in cases)
        {
            if (definitions(report.Instance.Definition) is not { } definition)
            {
                continue;
            }

            var stays = CaseTimeline.Stays(report);
            var indexed = stays.Select(s => (Stay: s, Index: stages.IndexOf(definition.FindState(s.State)?.Stage ?? ""))).ToList();
            var entry = indexed.FirstOrDefault(s => s.Index == 0).Stay;
            if (entry is null || entry.EnteredAt < start || entry.EnteredAt >= end)
            {
                continue;
            }

            var furthest = indexed.Max(s => s.Index);
            var lastOpen = stays.LastOrDefault(s => definition.FindState(s.State)?.Kind != StateKind.Final);
            journeys.Add((furthest, report, lastOpen));
        }

        var result = new List<FunnelStage>();
        for (var i = 0; i < stages.Count; i++)
        {
            var here = journeys.Where(j => j.Furthest == i).ToList();
            var ended = here.Where(j => !j.Case.Instance.IsActive).ToList();
            var losses = i == stages.Count - 1 ? [] : ended
                .GroupBy(j => (State: j.LostFrom?.State ?? j.Case.Instance.State, j.Case.Instance.Outcome))
                .Select(g => new FunnelLoss(g.Key.State, g.Key.Outcome, g.Count()))
                .OrderByDescending(l => l.Cases).ThenBy(l => l.State, StringComparer.Ordinal).ThenBy(l => l.Outcome, StringComparer.Ordinal)
                .ToList();
            result.Add(new FunnelStage(
                stages[i],
                journeys.Count(j => j.Furthest >= i),
                here.Count - ended.Count,
                i == stages.Count - 1 ? 0 : ended.Count,
                losses));
        }

        return new FunnelReport(scope, result);
    }

    /// <summary>
    /// The declared funnel, or else the stages from release onwards: those of the states a case can
    /// reach from the release event, in the order the states are declared, leaving out stages whose
    /// states all end the case with an outcome that is not continuity.
    /// </summary>
    public static IReadOnlyList<string> Stages(PathwayDefinition definition)
    {
        var rules = ReportRules.For(definition);
        if (!rules.Funnel.IsDefaultOrEmpty)
        {
            return rules.Funnel;
        }

        var reachable = new HashSet<string>(definition.States
            .SelectMany(s => s.Transitions)
            .Where(t => t.Event == rules.ReleaseEvent && t.Target is not null)
            .Select(t => t.Target!), StringComparer.Ordinal);
        var queue = new Queue<string>(reachable);
        while (queue.TryDequeue(out var id))
        {
            var state = definition.FindState(id);
            var next = state is null ? [] : state.Transitions.Select(t => t.Target).Concat(state.Timers.Select(t => t.Target));
            foreach (var target in next.OfType<string>().Where(reachable.Add))
            {
                queue.Enqueue(target);
            }
        }

        var states = definition.States.Where(s => reachable.Contains(s.Id)).ToList();
        bool Counts(string stage) => states.Any(s => s.Stage == stage
            && (s.Kind != StateKind.Final || rules.ContinuityOutcomes.Contains(s.Outcome ?? "")));
        return [.. states.Select(s => s.Stage).Distinct(StringComparer.Ordinal).Where(Counts)];
    }
}
