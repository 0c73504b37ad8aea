using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Migration;

/// <summary>
/// A plan to move running cases from one version of a pathway to another. Only the states that
/// need saying are listed: a state with the same id in the target maps to itself, and a state the
/// target declares renamed (<c>state x (was y)</c>) maps to its new name.
/// </summary>
/// <param name="States">Source state id → target state id, for states removed or merged in the target.</param>
public sealed record MigrationPlan(DefinitionVersion From, DefinitionVersion To, ImmutableDictionary<string, string> States);

/// <summary>Why a source state maps where it does.</summary>
public enum MappingReason
{
    /// <summary>The target has a state with the same id.</summary>
    SameId,

    /// <summary>The target declares the state renamed.</summary>
    DeclaredRename,

    /// <summary>The plan says so.</summary>
    Plan,
}

/// <summary>Where cases in one source state go.</summary>
public sealed record StateMapping(string From, string To, MappingReason Reason);

/// <summary>A plan checked against both versions: every source state's destination, or why it has none.</summary>
/// <param name="Mappings">Each source state that has a destination.</param>
/// <param name="Unmapped">Source states with no destination: cases in them cannot move.</param>
/// <param name="Problems">Mistakes in the plan itself; a plan with problems moves nothing.</param>
public sealed record ResolvedMigration(
    MigrationPlan Plan,
    PathwayDefinition From,
    PathwayDefinition To,
    ImmutableArray<StateMapping> Mappings,
    ImmutableArray<string> Unmapped,
    ImmutableArray<string> Problems)
{
    public StateMapping? For(string state) => Mappings.FirstOrDefault(m => m.From == state);

    /// <summary>The plan's own mappings as a line for the history: "a → b; c → d", or "none".</summary>
    public string PlanText => Plan.States.IsEmpty
        ? "none"
        : string.Join("; ", Plan.States.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key} → {p.Value}"));
}

/// <summary>What happens to one action item of a migrating case.</summary>
public enum ActionMove
{
    /// <summary>The target state has the same action: the item stays open, with its deadline worked out under the target version.</summary>
    Kept,

    /// <summary>The target state has no such action: the item is cancelled.</summary>
    Cancelled,

    /// <summary>The target state's action had no open item: one is opened, due from the original anchors.</summary>
    Opened,
}

public sealed record ActionMigration(string ActionId, string Agency, ActionMove Move, Instant? OldDueAt, Instant? NewDueAt);

/// <summary>A timer of the target state, worked out from the original anchors.</summary>
public sealed record TimerMigration(string Target, Instant? OldDueAt, Instant? NewDueAt);

/// <summary>What moving one case does (a dry run) or did.</summary>
/// <param name="Refused">Why the case cannot move; null when it can (or did).</param>
public sealed record InstanceMigration(
    Guid InstanceId,
    string PrisonNumber,
    string FromState,
    string? ToState,
    ImmutableArray<ActionMigration> Actions,
    ImmutableArray<TimerMigration> Timers,
    bool Applied,
    string? Refused);

/// <summary>What a migration run did, or (a dry run) would do, case by case.</summary>
/// <param name="Blocked">
/// Why nothing was moved, when the run was refused as a whole: the plan has problems, or some
/// running cases are in states the plan does not place. Empty when the run went ahead.
/// </param>
public sealed record MigrationReport(ResolvedMigration Migration, bool DryRun, ImmutableArray<InstanceMigration> Cases, ImmutableArray<string> Blocked)
{
    public int Moved => Cases.Count(c => c.Applied);

    public int Movable => Cases.Count(c => c.Refused is null);

    public int Refused => Cases.Count(c => c.Refused is not null);

    /// <summary>How many cases move (or would move) from each state to each target state, most first.</summary>
    public ImmutableArray<MigrationMove> Moves =>
        [.. Cases.Where(c => c.Refused is null && c.ToState is not null)
            .GroupBy(c => (c.FromState, ToState: c.ToState!))
            .Select(g => new MigrationMove(g.Key.FromState, g.Key.ToState, g.Count()))
            .OrderByDescending(m => m.Cases).ThenBy(m => m.FromState, StringComparer.Ordinal).ThenBy(m => m.ToState, StringComparer.Ordinal)];

    /// <summary>How many cases cannot move for each reason, most first.</summary>
    public ImmutableArray<MigrationRefusal> Refusals =>
        [.. Cases.Where(c => c.Refused is not null)
            .GroupBy(c => c.Refused!, StringComparer.Ordinal)
            .Select(g => new MigrationRefusal(g.Key, g.Count()))
            .OrderByDescending(r => r.Cases).ThenBy(r => r.Reason, StringComparer.Ordinal)];
}

/// <summary>Cases that move (or would move) from one state to one target state.</summary>
public sealed record MigrationMove(string FromState, string ToState, int Cases);

/// <summary>Cases that cannot move, for one reason.</summary>
public sealed record MigrationRefusal(string Reason, int Cases);
