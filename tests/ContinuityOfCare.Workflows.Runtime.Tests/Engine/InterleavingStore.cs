using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>
/// The in-memory store, with a hook that runs once, just after an operation has loaded a case and
/// before it commits: the moment another change (a timer, another caseworker) can slip in.
/// </summary>
public sealed class InterleavingStore(InMemoryRuntimeStore inner) : IRuntimeStore
{
    private Func<Task>? _between;

    /// <summary>Runs <paramref name="change"/> after the next case load, once.</summary>
    public void AfterNextLoad(Func<Task> change) => _between = change;

    public async Task<StoredCase?> LoadCaseAsync(Guid instanceId, bool withClosedActions = false, CancellationToken cancellationToken = default)
    {
        var loaded = await inner.LoadCaseAsync(instanceId, withClosedActions, cancellationToken);
        if (Interlocked.Exchange(ref _between, null) is { } change)
        {
            await change();
        }

        return loaded;
    }

    public Task<PathwayInstance?> FindInstanceAsync(Guid id, CancellationToken cancellationToken = default) => inner.FindInstanceAsync(id, cancellationToken);

    public Task<IReadOnlyList<PathwayInstance>> FindInstancesForPersonAsync(string partnership, string prisonNumber, CancellationToken cancellationToken = default) =>
        inner.FindInstancesForPersonAsync(partnership, prisonNumber, cancellationToken);

    public Task<IReadOnlyList<PathwayInstance>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) => inner.ListInstancesAsync(query, cancellationToken);

    public Task<IReadOnlyList<StoredCase>> LoadCasesAsync(IReadOnlyList<Guid> instanceIds, bool withClosedActions = false, CancellationToken cancellationToken = default) =>
        inner.LoadCasesAsync(instanceIds, withClosedActions, cancellationToken);

    public Task<IReadOnlyList<ActionItem>> GetActionsAsync(Guid instanceId, CancellationToken cancellationToken = default) => inner.GetActionsAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<PendingTimer>> GetPendingTimersAsync(Guid instanceId, CancellationToken cancellationToken = default) => inner.GetPendingTimersAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default) => inner.GetHistoryAsync(instanceId, cancellationToken);

    public Task<IReadOnlyDictionary<DefinitionVersion, CaseloadCounts>> CountCaseloadAsync(CaseloadWindow window, CancellationToken cancellationToken = default) =>
        inner.CountCaseloadAsync(window, cancellationToken);

    public Task<IReadOnlyList<(PathwayInstance Instance, ActionItem Action)>> ListCaseloadAsync(string partnership, string agency, bool dated, int skip, int take, CancellationToken cancellationToken = default) =>
        inner.ListCaseloadAsync(partnership, agency, dated, skip, take, cancellationToken);

    public Task<IReadOnlyList<Guid>> FindActiveInstanceIdsAsync(DefinitionVersion version, CancellationToken cancellationToken = default) => inner.FindActiveInstanceIdsAsync(version, cancellationToken);

    public Task<IReadOnlyDictionary<DefinitionVersion, int>> CountActiveInstancesAsync(string? pathwayId, CancellationToken cancellationToken = default) =>
        inner.CountActiveInstancesAsync(pathwayId, cancellationToken);

    public Task<IReadOnlyList<PendingTimer>> ClaimDueTimersAsync(Instant now, int limit, Guid sweeper, Duration lease, CancellationToken cancellationToken = default) =>
        inner.ClaimDueTimersAsync(now, limit, sweeper, lease, cancellationToken);

    public Task<Instant?> GetNextDueAsync(CancellationToken cancellationToken = default) => inner.GetNextDueAsync(cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> GetOutboxAsync(Guid instanceId, CancellationToken cancellationToken = default) => inner.GetOutboxAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(string? partnership, OutboxStatus? status, int limit, CancellationToken cancellationToken = default) =>
        inner.ListOutboxAsync(partnership, status, limit, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int limit, CancellationToken cancellationToken = default) => inner.GetPendingOutboxAsync(limit, cancellationToken);

    public Task UpdateOutboxAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken = default) => inner.UpdateOutboxAsync(message, history, cancellationToken);

    public Task SaveAsync(ChangeSet changes, CancellationToken cancellationToken = default) => inner.SaveAsync(changes, cancellationToken);
}
