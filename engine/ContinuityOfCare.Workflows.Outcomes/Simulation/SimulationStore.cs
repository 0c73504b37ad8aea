using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>
/// The in-memory store as the simulator sees it: it notes every instance the runtime saves, so the
/// simulator can tell who moved (by an event or a timer) and plan what they do next; and it hands
/// due timers to the sweep in an order that does not depend on ids (due time, deadlines before
/// timer transitions, then person), so that equal seeds give equal runs.
/// </summary>
internal sealed class SimulationStore(IRuntimeStore inner, Func<Guid, int> personOf) : IRuntimeStore
{
    private readonly List<PathwayInstance> _saved = [];

    public IRuntimeStore Inner { get; } = inner;

    /// <summary>The instances saved since the last call, each as last saved.</summary>
    public List<PathwayInstance> TakeSaved()
    {
        var latest = new Dictionary<Guid, PathwayInstance>();
        foreach (var instance in _saved)
        {
            latest[instance.Id] = instance;
        }

        _saved.Clear();
        return [.. latest.Values];
    }

    public async Task SaveAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        await Inner.SaveAsync(changes, cancellationToken);
        _saved.Add(changes.Instance);
    }

    public async Task<IReadOnlyList<PendingTimer>> ClaimDueTimersAsync(Instant now, int limit, Guid sweeper, NodaTime.Duration lease, CancellationToken cancellationToken = default)
    {
        var due = await Inner.ClaimDueTimersAsync(now, int.MaxValue, sweeper, lease, cancellationToken);
        return [.. due.OrderBy(t => t.DueAt).ThenBy(t => t.Kind).ThenBy(t => personOf(t.InstanceId))];
    }

    public Task<PathwayInstance?> FindInstanceAsync(Guid id, CancellationToken cancellationToken = default) => Inner.FindInstanceAsync(id, cancellationToken);

    public Task<IReadOnlyList<PathwayInstance>> FindInstancesForPersonAsync(string partnership, string prisonNumber, CancellationToken cancellationToken = default) =>
        Inner.FindInstancesForPersonAsync(partnership, prisonNumber, cancellationToken);

    public Task<IReadOnlyList<PathwayInstance>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default) => Inner.ListInstancesAsync(query, cancellationToken);

    public Task<StoredCase?> LoadCaseAsync(Guid instanceId, bool withClosedActions = false, CancellationToken cancellationToken = default) =>
        Inner.LoadCaseAsync(instanceId, withClosedActions, cancellationToken);

    public Task<IReadOnlyList<StoredCase>> LoadCasesAsync(IReadOnlyList<Guid> instanceIds, bool withClosedActions = false, CancellationToken cancellationToken = default) =>
        Inner.LoadCasesAsync(instanceIds, withClosedActions, cancellationToken);

    public Task<IReadOnlyList<ActionItem>> GetActionsAsync(Guid instanceId, CancellationToken cancellationToken = default) => Inner.GetActionsAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<PendingTimer>> GetPendingTimersAsync(Guid instanceId, CancellationToken cancellationToken = default) => Inner.GetPendingTimersAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default) => Inner.GetHistoryAsync(instanceId, cancellationToken);

    public Task<IReadOnlyDictionary<DefinitionVersion, CaseloadCounts>> CountCaseloadAsync(CaseloadWindow window, CancellationToken cancellationToken = default) =>
        Inner.CountCaseloadAsync(window, cancellationToken);

    public Task<IReadOnlyList<(PathwayInstance Instance, ActionItem Action)>> ListCaseloadAsync(string partnership, string agency, bool dated, int skip, int take, CancellationToken cancellationToken = default) =>
        Inner.ListCaseloadAsync(partnership, agency, dated, skip, take, cancellationToken);

    public Task<IReadOnlyList<Guid>> FindActiveInstanceIdsAsync(DefinitionVersion version, CancellationToken cancellationToken = default) => Inner.FindActiveInstanceIdsAsync(version, cancellationToken);

    public Task<IReadOnlyDictionary<DefinitionVersion, int>> CountActiveInstancesAsync(string? pathwayId, CancellationToken cancellationToken = default) =>
        Inner.CountActiveInstancesAsync(pathwayId, cancellationToken);

    public Task<Instant?> GetNextDueAsync(CancellationToken cancellationToken = default) => Inner.GetNextDueAsync(cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> GetOutboxAsync(Guid instanceId, CancellationToken cancellationToken = default) => Inner.GetOutboxAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(string? partnership, OutboxStatus? status, int limit, CancellationToken cancellationToken = default) =>
        Inner.ListOutboxAsync(partnership, status, limit, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int limit, CancellationToken cancellationToken = default) => Inner.GetPendingOutboxAsync(limit, cancellationToken);

    public Task UpdateOutboxAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken = default) => Inner.UpdateOutboxAsync(message, history, cancellationToken);
}
