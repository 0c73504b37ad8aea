using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Runtime.Storage;

/// <summary>
/// Everything one operation changes, committed together or not at all: the instance (at its new
/// version), the action items, timers and outbox messages it adds or updates, and its history lines.
/// </summary>
/// <param name="ExpectedVersion">The version the operation read; null when the instance is new.</param>
/// <param name="Created">
/// The ids of the action items and timers this change set creates; the others in
/// <paramref name="Actions"/> and <paramref name="Timers"/> are stored already and are updated.
/// </param>
public sealed record ChangeSet(
    PathwayInstance Instance,
    long? ExpectedVersion,
    IReadOnlyList<ActionItem> Actions,
    IReadOnlyList<PendingTimer> Timers,
    IReadOnlyList<OutboxMessage> Outbox,
    IReadOnlyList<HistoryEntry> History,
    IReadOnlySet<Guid> Created);

/// <summary>
/// An instance as stored, with its outstanding (open or breached) action items, its pending timers,
/// and, when they were asked for, its done and cancelled items (otherwise empty).
/// </summary>
public sealed record StoredCase(
    PathwayInstance Instance,
    IReadOnlyList<ActionItem> OutstandingActions,
    IReadOnlyList<PendingTimer> PendingTimers,
    IReadOnlyList<ActionItem> ClosedActions);

/// <summary>Someone else changed the instance since it was read. Carries the instance as it is now.</summary>
public sealed class ConcurrencyConflictException(PathwayInstance current)
    : Exception($"The case was changed by someone else (it is now at version {current.Version} in '{current.State}'). Reload it and try again.")
{
    public PathwayInstance Current { get; } = current;
}
