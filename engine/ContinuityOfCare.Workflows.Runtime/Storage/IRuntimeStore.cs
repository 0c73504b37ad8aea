using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Storage;

/// <summary>
/// Where instances, their action items, timers, outbox and history are kept. The runtime reads
/// through it and writes only whole <see cref="ChangeSet"/>s; an implementation commits each one
/// atomically and rejects it with <see cref="ConcurrencyConflictException"/> when the instance's
/// version is not the one expected.
/// </summary>
public interface IRuntimeStore
{
    Task<PathwayInstance?> FindInstanceAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>All instances for a person (by prison number) in a partnership, oldest first.</summary>
    Task<IReadOnlyList<PathwayInstance>> FindInstancesForPersonAsync(string partnership, string prisonNumber, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ActionItem>> GetActionsAsync(Guid instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PendingTimer>> GetPendingTimersAsync(Guid instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>Outstanding action items of one agency across the active instances of a partnership.</summary>
    Task<IReadOnlyList<(PathwayInstance Instance, ActionItem Action)>> GetOutstandingActionsAsync(string partnership, string agency, CancellationToken cancellationToken = default);

    /// <summary>Pending timers due at or before an instant, earliest first.</summary>
    Task<IReadOnlyList<PendingTimer>> GetDueTimersAsync(Instant now, int limit, CancellationToken cancellationToken = default);

    /// <summary>The earliest pending due instant, for the scheduler's next wake-up.</summary>
    Task<Instant?> GetNextDueAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxMessage>> GetOutboxAsync(Guid instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Records the outcome of a delivery attempt and its history line, together.</summary>
    Task UpdateOutboxAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken = default);

    /// <summary>Commits one operation's changes atomically.</summary>
    Task SaveAsync(ChangeSet changes, CancellationToken cancellationToken = default);
}
