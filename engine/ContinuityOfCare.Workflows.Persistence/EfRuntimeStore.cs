using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// The runtime's store on SQLite and PostgreSQL. Lists and lookups are EF Core queries, which the
/// model filters by partnership. Loading a case to change it, claiming due timers and writing change
/// sets are the store's own statements (<see cref="Statements"/>), described by the same model and
/// guarded by the same partnership rule. Each change set is one transaction: the instance row is
/// updated only if its version is still the one the operation read (otherwise
/// <see cref="ConcurrencyConflictException"/> with the instance as it is now), and its action items,
/// timers, outbox messages and history lines are written with it. History lines are numbered as they
/// are written, one after another per instance.
/// </summary>
public sealed partial class EfRuntimeStore(RuntimeDatabase database) : IRuntimeStore
{
    private readonly Statements.CaseReads _reads = new(database);

    // Written into the queries as literals (constants, not parameters), so that PostgreSQL can use
    // the partial indexes whose conditions name them (see RuntimeDbContext).
    private const string Pending = nameof(TimerStatus.Pending);
    private const string Open = nameof(ActionStatus.Open);
    private const string Breached = nameof(ActionStatus.Breached);
    private const string Active = nameof(InstanceStatus.Active);
    private const string OutboxPending = nameof(OutboxStatus.Pending);

    public async Task<PathwayInstance?> FindInstanceAsync(Guid id, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var row = await db.Instances.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        return row is null ? null : ToModel(row);
    }

    public async Task<IReadOnlyList<PathwayInstance>> FindInstancesForPersonAsync(string partnership, string prisonNumber, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Instances.AsNoTracking()
            .Where(i => i.Partnership == partnership && i.PrisonNumber == prisonNumber)
            .OrderBy(i => i.StartedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToModel)];
    }

    public async Task<IReadOnlyList<PathwayInstance>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = db.Instances.AsNoTracking();
        if (query.Partnership is { } partnership)
        {
            rows = rows.Where(i => i.Partnership == partnership);
        }

        if (query.PathwayId is { } pathwayId)
        {
            rows = rows.Where(i => i.PathwayId == pathwayId);
        }

        if (query.Status is { } status)
        {
            var name = status.ToString();
            rows = rows.Where(i => i.Status == name);
        }

        if (query.State is { } state)
        {
            rows = rows.Where(i => i.State == state);
        }

        if (query.PrisonNumber is { } prisonNumber)
        {
            rows = rows.Where(i => i.PrisonNumber == prisonNumber);
        }

        var page = await rows
            .OrderByDescending(i => i.StartedAt)
            .ThenByDescending(i => i.Id)
            .Skip(query.Skip)
            .Take(query.Take)
            .ToListAsync(cancellationToken);
        return [.. page.Select(ToModel)];
    }

    public Task<StoredCase?> LoadCaseAsync(Guid instanceId, bool withClosedActions = false, CancellationToken cancellationToken = default) =>
        _reads.LoadCaseAsync(instanceId, withClosedActions, cancellationToken);

    public async Task<IReadOnlyList<StoredCase>> LoadCasesAsync(IReadOnlyList<Guid> instanceIds, bool withClosedActions = false, CancellationToken cancellationToken = default)
    {
        if (instanceIds.Count == 0)
        {
            return [];
        }

        await using var db = database.CreateContext();
        var ids = instanceIds.Distinct().ToList();
        var instances = await db.Instances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync(cancellationToken);
        var actions = withClosedActions
            ? await db.Actions.AsNoTracking().Where(a => ids.Contains(a.InstanceId)).ToListAsync(cancellationToken)
            : await db.Actions.AsNoTracking().Where(a => ids.Contains(a.InstanceId) && (a.Status == Open || a.Status == Breached)).ToListAsync(cancellationToken);
        var timers = await db.Timers.AsNoTracking().Where(t => ids.Contains(t.InstanceId) && t.Status == Pending).ToListAsync(cancellationToken);
        var actionsOf = actions.Select(ToModel).OrderBy(a => a.OpenedAt).ThenBy(a => a.ActionId, StringComparer.Ordinal).ToLookup(a => a.InstanceId);
        var timersOf = timers.Select(ToModel).OrderBy(t => t.DueAt).ToLookup(t => t.InstanceId);
        var byId = instances.ToDictionary(i => i.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => new StoredCase(
            ToModel(byId[id]),
            [.. actionsOf[id].Where(a => a.IsOutstanding)],
            [.. timersOf[id]],
            withClosedActions ? [.. actionsOf[id].Where(a => !a.IsOutstanding)] : []))];
    }

    public async Task<IReadOnlyList<ActionItem>> GetActionsAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Actions.AsNoTracking()
            .Where(a => a.InstanceId == instanceId)
            .OrderBy(a => a.OpenedAt)
            .ThenBy(a => a.ActionId)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToModel)];
    }

    public async Task<IReadOnlyList<PendingTimer>> GetPendingTimersAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Timers.AsNoTracking()
            .Where(t => t.InstanceId == instanceId && t.Status == Pending)
            .OrderBy(t => t.DueAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToModel)];
    }

    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.History.AsNoTracking()
            .Where(h => h.InstanceId == instanceId)
            .OrderBy(h => h.Sequence)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToModel)];
    }

    public async Task<IReadOnlyDictionary<DefinitionVersion, CaseloadCounts>> CountCaseloadAsync(CaseloadWindow window, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var (now, endOfToday, endOfSoon) = (Ticks(window.Now), Ticks(window.EndOfToday), Ticks(window.EndOfSoon));
        var items = Outstanding(db, window.Partnership, window.Agency);
        if (window.Version is { } version)
        {
            items = items.Where(x => x.Instance.PathwayId == version.PathwayId && x.Instance.ContentHash == version.ContentHash);
        }

        var counts = await items
            .GroupBy(x => new { x.Instance.PathwayId, x.Instance.ContentHash })
            .Select(g => new
            {
                g.Key.PathwayId,
                g.Key.ContentHash,
                Overdue = g.Count(x => x.Action.DueAt <= now),
                DueToday = g.Count(x => x.Action.DueAt > now && x.Action.DueAt <= endOfToday),
                DueSoon = g.Count(x => x.Action.DueAt > endOfToday && x.Action.DueAt <= endOfSoon),
                Later = g.Count(x => x.Action.DueAt > endOfSoon),
                Waiting = g.Count(x => x.Action.DueAt == null),
            })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(
            c => new DefinitionVersion(c.PathwayId, c.ContentHash),
            c => new CaseloadCounts(c.Overdue, c.DueToday, c.DueSoon, c.Later, c.Waiting));
    }

    public async Task<IReadOnlyList<(PathwayInstance Instance, ActionItem Action)>> ListCaseloadAsync(string partnership, string agency, bool dated, int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var items = Outstanding(db, partnership, agency);
        var ordered = dated
            ? items.Where(x => x.Action.DueAt != null).OrderBy(x => x.Action.DueAt).ThenBy(x => x.Action.Id)
            : items.Where(x => x.Action.DueAt == null).OrderBy(x => x.Action.OpenedAt).ThenBy(x => x.Action.Id);
        var rows = await ordered.Skip(skip).Take(take).ToListAsync(cancellationToken);
        return [.. rows.Select(r => (ToModel(r.Instance), ToModel(r.Action)))];
    }

    /// <summary>One agency's open and breached items on a partnership's active cases, read through the caseload index.</summary>
    private static IQueryable<OutstandingRow> Outstanding(RuntimeDbContext db, string partnership, string agency) =>
        from action in db.Actions.AsNoTracking()
        join instance in db.Instances.AsNoTracking() on action.InstanceId equals instance.Id
        where action.Agency == agency && action.Partnership == partnership
            && (action.Status == Open || action.Status == Breached) && instance.Status == Active
        select new OutstandingRow { Action = action, Instance = instance };

    private sealed class OutstandingRow
    {
        public required ActionRow Action { get; init; }

        public required InstanceRow Instance { get; init; }
    }

    public async Task<IReadOnlyList<Guid>> FindActiveInstanceIdsAsync(DefinitionVersion version, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.Instances.AsNoTracking()
            .Where(i => i.Status == Active && i.PathwayId == version.PathwayId && i.ContentHash == version.ContentHash)
            .OrderBy(i => i.StartedAt)
            .ThenBy(i => i.Id)
            .Select(i => i.Id)
            .ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<DefinitionVersion, int>> CountActiveInstancesAsync(string? pathwayId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var active = db.Instances.AsNoTracking().Where(i => i.Status == Active);
        if (pathwayId is not null)
        {
            active = active.Where(i => i.PathwayId == pathwayId);
        }

        var counts = await active
            .GroupBy(i => new { i.PathwayId, i.ContentHash })
            .Select(g => new { g.Key.PathwayId, g.Key.ContentHash, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => new DefinitionVersion(c.PathwayId, c.ContentHash), c => c.Count);
    }

    public Task<IReadOnlyList<PendingTimer>> ClaimDueTimersAsync(Instant now, int limit, Guid sweeper, NodaTime.Duration lease, CancellationToken cancellationToken = default) =>
        _reads.ClaimDueTimersAsync(Ticks(now), limit, sweeper, Ticks(now + lease), cancellationToken);

    public async Task<Instant?> GetNextDueAsync(CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var next = await db.Timers.AsNoTracking()
            .Where(t => t.Status == Pending)
            .MinAsync(t => (long?)t.DueAt, cancellationToken);
        return Instant(next);
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetOutboxAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Outbox.AsNoTracking()
            .Where(m => m.InstanceId == instanceId)
            .OrderBy(m => m.CreatedAt)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToModel)];
    }

    public async Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(string? partnership, OutboxStatus? status, int limit, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = db.Outbox.AsNoTracking();
        if (partnership is not null)
        {
            rows = rows.Where(m => m.Partnership == partnership);
        }

        if (status is { } wanted)
        {
            var name = wanted.ToString();
            rows = rows.Where(m => m.Status == name);
        }

        var page = await rows.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(limit).ToListAsync(cancellationToken);
        return [.. page.Select(ToModel)];
    }

    public async Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int limit, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await db.Outbox.AsNoTracking()
            .Where(m => m.Status == OutboxPending)
            .OrderBy(m => m.CreatedAt)
            .Take(limit)
            .ToListAsync(cancellationToken);
        return [.. rows.Select(ToModel)];
    }
}
