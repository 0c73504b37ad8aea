using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Storage;

/// <summary>
/// The store in memory, for tests, simulation and the CLI. One lock makes every change set atomic
/// and serialises readers against it, which is all a single process needs.
/// </summary>
public sealed partial class InMemoryRuntimeStore : IRuntimeStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, PathwayInstance> _instances = [];
    private readonly Dictionary<Guid, ActionItem> _actions = [];
    private readonly Dictionary<Guid, PendingTimer> _timers = [];
    private readonly Dictionary<Guid, OutboxMessage> _outbox = [];
    private readonly Dictionary<Guid, List<HistoryEntry>> _history = [];
    private readonly Dictionary<Guid, (Guid Sweeper, Instant Until)> _claims = [];

    // Indexes, so that loading one case and finding due timers do not read every row (the simulator keeps thousands of cases).
    private readonly Dictionary<Guid, List<Guid>> _actionsOf = [];
    private readonly Dictionary<Guid, List<Guid>> _timersOf = [];
    private readonly SortedSet<(Instant DueAt, Guid Id)> _pending = [];

    public Task<PathwayInstance?> FindInstanceAsync(Guid id, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_instances.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyList<PathwayInstance>> FindInstancesForPersonAsync(string partnership, string prisonNumber, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<PathwayInstance> found = [.. _instances.Values
                .Where(i => i.Case.Partnership == partnership && i.Case.Person.PrisonNumber == prisonNumber)
                .OrderBy(i => i.StartedAt)];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<PathwayInstance>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<PathwayInstance> found = [.. _instances.Values
                .Where(query.Matches)
                .OrderByDescending(i => i.StartedAt)
                .ThenByDescending(i => i.Id)
                .Skip(query.Skip)
                .Take(query.Take)];
            return Task.FromResult(found);
        }
    }

    public async Task<StoredCase?> LoadCaseAsync(Guid instanceId, bool withClosedActions = false, CancellationToken cancellationToken = default)
    {
        if (await FindInstanceAsync(instanceId, cancellationToken) is not { } instance)
        {
            return null;
        }

        var actions = await GetActionsAsync(instanceId, cancellationToken);
        return new StoredCase(
            instance,
            [.. actions.Where(a => a.IsOutstanding)],
            await GetPendingTimersAsync(instanceId, cancellationToken),
            withClosedActions ? [.. actions.Where(a => !a.IsOutstanding)] : []);
    }

    public async Task<IReadOnlyList<StoredCase>> LoadCasesAsync(IReadOnlyList<Guid> instanceIds, bool withClosedActions = false, CancellationToken cancellationToken = default)
    {
        var found = new List<StoredCase>(instanceIds.Count);
        foreach (var id in instanceIds)
        {
            if (await LoadCaseAsync(id, withClosedActions, cancellationToken) is { } stored)
            {
                found.Add(stored);
            }
        }

        return found;
    }

    public Task<IReadOnlyList<ActionItem>> GetActionsAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<ActionItem> found = [.. Rows(_actionsOf, _actions, instanceId).OrderBy(a => a.OpenedAt).ThenBy(a => a.ActionId, StringComparer.Ordinal)];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<PendingTimer>> GetPendingTimersAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<PendingTimer> found = [.. Rows(_timersOf, _timers, instanceId).Where(t => t.Status == TimerStatus.Pending).OrderBy(t => t.DueAt)];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<HistoryEntry> found = _history.TryGetValue(instanceId, out var entries) ? [.. entries] : [];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyDictionary<DefinitionVersion, CaseloadCounts>> CountCaseloadAsync(CaseloadWindow window, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyDictionary<DefinitionVersion, CaseloadCounts> counts = Outstanding(window.Partnership, window.Agency)
                .Where(x => window.Version is null || x.Instance.Definition == window.Version)
                .GroupBy(x => x.Instance.Definition)
                .ToDictionary(g => g.Key, g => g.Aggregate(CaseloadCounts.None, (sum, x) => sum + CaseloadCounts.One(window.GroupOf(x.Action.DueAt))));
            return Task.FromResult(counts);
        }
    }

    public Task<IReadOnlyList<(PathwayInstance Instance, ActionItem Action)>> ListCaseloadAsync(string partnership, string agency, bool dated, int skip, int take, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var items = Outstanding(partnership, agency).Where(x => x.Action.DueAt.HasValue == dated);
            var ordered = dated
                ? items.OrderBy(x => x.Action.DueAt).ThenBy(x => x.Action.Id)
                : items.OrderBy(x => x.Action.OpenedAt).ThenBy(x => x.Action.Id);
            IReadOnlyList<(PathwayInstance, ActionItem)> page = [.. ordered.Skip(skip).Take(take)];
            return Task.FromResult(page);
        }
    }

    private IEnumerable<(PathwayInstance Instance, ActionItem Action)> Outstanding(string partnership, string agency) =>
        _actions.Values
            .Where(a => a.Agency == agency && a.IsOutstanding)
            .Select(a => (Instance: _instances[a.InstanceId], Action: a))
            .Where(x => x.Instance.IsActive && x.Instance.Case.Partnership == partnership);

    public Task<IReadOnlyList<Guid>> FindActiveInstanceIdsAsync(DefinitionVersion version, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<Guid> ids = [.. _instances.Values.Where(i => i.IsActive && i.Definition == version).OrderBy(i => i.StartedAt).ThenBy(i => i.Id).Select(i => i.Id)];
            return Task.FromResult(ids);
        }
    }

    public Task<IReadOnlyDictionary<DefinitionVersion, int>> CountActiveInstancesAsync(string? pathwayId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyDictionary<DefinitionVersion, int> counts = _instances.Values
                .Where(i => i.IsActive && (pathwayId is null || i.Definition.PathwayId == pathwayId))
                .GroupBy(i => i.Definition)
                .ToDictionary(g => g.Key, g => g.Count());
            return Task.FromResult(counts);
        }
    }

    public Task<IReadOnlyList<PendingTimer>> ClaimDueTimersAsync(Instant now, int limit, Guid sweeper, NodaTime.Duration lease, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<PendingTimer> claimed = [.. _pending
                .TakeWhile(p => p.DueAt <= now)
                .Select(p => _timers[p.Id])
                .Where(t => !_claims.TryGetValue(t.Id, out var claim) || claim.Until < now)
                .Take(limit)];
            foreach (var timer in claimed)
            {
                _claims[timer.Id] = (sweeper, now + lease);
            }

            return Task.FromResult(claimed);
        }
    }

    public Task<Instant?> GetNextDueAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_pending.Count == 0 ? (Instant?)null : _pending.Min.DueAt);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> GetOutboxAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<OutboxMessage> found = [.. _outbox.Values.Where(m => m.InstanceId == instanceId).OrderBy(m => m.CreatedAt)];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(string? partnership, OutboxStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<OutboxMessage> found = [.. _outbox.Values
                .Where(m => (partnership is null || m.Partnership == partnership) && (status is null || m.Status == status))
                .OrderByDescending(m => m.CreatedAt)
                .ThenByDescending(m => m.Id)
                .Take(limit)];
            return Task.FromResult(found);
        }
    }

    public Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<OutboxMessage> found = [.. _outbox.Values.Where(m => m.Status == OutboxStatus.Pending).OrderBy(m => m.CreatedAt).Take(limit)];
            return Task.FromResult(found);
        }
    }

    public Task UpdateOutboxAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _outbox[message.Id] = message;
            if (history is not null)
            {
                Append(history);
            }
        }

        return Task.CompletedTask;
    }

    public Task SaveAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var current = _instances.GetValueOrDefault(changes.Instance.Id);
            if (changes.ExpectedVersion is null ? current is not null : current is null || current.Version != changes.ExpectedVersion)
            {
                throw new ConcurrencyConflictException(current ?? changes.Instance);
            }

            _instances[changes.Instance.Id] = changes.Instance;
            foreach (var action in changes.Actions)
            {
                if (_actions.TryAdd(action.Id, action))
                {
                    Index(_actionsOf, action.InstanceId, action.Id);
                }

                _actions[action.Id] = action;
            }

            foreach (var timer in changes.Timers)
            {
                if (_timers.TryGetValue(timer.Id, out var old))
                {
                    _pending.Remove((old.DueAt, old.Id));
                }
                else
                {
                    Index(_timersOf, timer.InstanceId, timer.Id);
                }

                _timers[timer.Id] = timer;
                if (timer.Status == TimerStatus.Pending)
                {
                    _pending.Add((timer.DueAt, timer.Id));
                }
            }

            foreach (var message in changes.Outbox)
            {
                _outbox[message.Id] = message;
            }

            foreach (var entry in changes.History)
            {
                Append(entry);
            }
        }

        return Task.CompletedTask;
    }

    private static void Index(Dictionary<Guid, List<Guid>> index, Guid instanceId, Guid rowId)
    {
        if (!index.TryGetValue(instanceId, out var rows))
        {
            index[instanceId] = rows = [];
        }

        rows.Add(rowId);
    }

    private static IEnumerable<T> Rows<T>(Dictionary<Guid, List<Guid>> index, Dictionary<Guid, T> rows, Guid instanceId) =>
        index.TryGetValue(instanceId, out var ids) ? ids.Select(id => rows[id]) : [];

    private void Append(HistoryEntry entry)
    {
        if (!_history.TryGetValue(entry.InstanceId, out var entries))
        {
            _history[entry.InstanceId] = entries = [];
        }

        entries.Add(entry with { Sequence = entries.Count + 1 });
    }
}
