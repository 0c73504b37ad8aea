using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Operations;

namespace ContinuityOfCare.Workflows.Runtime.Cases;

/// <summary>An event the caller may record now, the values it asks for, and where it can lead.</summary>
public sealed record PossibleEvent(string Event, IReadOnlyList<string> AskedFields, IReadOnlyList<string> Targets);

/// <summary>
/// A case as one person sees it: the instance, the definition it runs on (and that version's
/// number in the case's partnership), where it is, every action item in the order they were opened,
/// the timers still pending, and the events this person may record now.
/// </summary>
public sealed record CaseView(
    PathwayInstance Instance,
    PathwayDefinition Definition,
    StateDefinition State,
    int? VersionNumber,
    IReadOnlyList<ActionItem> Actions,
    IReadOnlyList<PendingTimer> PendingTimers,
    IReadOnlyList<PossibleEvent> PossibleEvents)
{
    private IReadOnlyList<ActionItem>? _outstanding;

    /// <summary>The items still to be done (open, or breached and not yet done).</summary>
    public IReadOnlyList<ActionItem> OutstandingActions => _outstanding ??= [.. Actions.Where(a => a.IsOutstanding)];

    internal static CaseView Build(
        PathwayInstance instance, PathwayDefinition definition, int? number, IReadOnlyList<ActionItem> actions, IReadOnlyList<PendingTimer> timers, Actor actor)
    {
        var state = definition.FindState(instance.State)
            ?? throw new InvalidOperationException($"State '{instance.State}' is not in pathway '{definition.Id}'.");
        IReadOnlyList<PossibleEvent> events = instance.IsActive
            ? [.. state.Transitions
                .Where(t => Permissions.MayRecord(t, state, actor))
                .GroupBy(t => t.Event, StringComparer.Ordinal)
                .Select(g => new PossibleEvent(
                    g.Key,
                    [.. g.SelectMany(t => t.AskedFields).Distinct(StringComparer.Ordinal)],
                    [.. g.Select(t => t.Target ?? state.Id).Distinct(StringComparer.Ordinal)]))]
            : [];
        return new CaseView(instance, definition, state, number, actions, timers, events);
    }
}
