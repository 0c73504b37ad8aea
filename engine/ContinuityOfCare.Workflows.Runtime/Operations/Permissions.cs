using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Runtime.Operations;

/// <summary>Who may record which events: the one place the runtime decides it.</summary>
internal static class Permissions
{
    /// <summary>The agencies that may record a transition's event: those it names, or else the state's owner.</summary>
    public static IEnumerable<string> Recorders(TransitionDefinition transition, StateDefinition state) =>
        transition.AllowedAgencies.IsDefaultOrEmpty ? [state.Owner] : transition.AllowedAgencies;

    /// <summary>Whether the actor may record the transition's event (the engine may record anything).</summary>
    public static bool MayRecord(TransitionDefinition transition, StateDefinition state, Actor actor) =>
        actor.ActsForAny(Recorders(transition, state));

    /// <summary>The events the actor may record in a state, in the pathway's order.</summary>
    public static List<string> PossibleEvents(StateDefinition state, Actor actor) =>
        [.. state.Transitions.Where(t => MayRecord(t, state, actor)).Select(t => t.Event).Distinct(StringComparer.Ordinal)];
}
