using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// The runtime's store on EF Core, for SQLite and PostgreSQL alike. Each change set is one database
/// transaction: the instance row is updated only if its version is still the one the operation read
/// (otherwise <see cref="ConcurrencyConflictException"/> with the instance as it is now), and its
/// action items, timers, outbox messages and history lines are written in the same transaction.
/// History lines are numbered here, one after another per instance.
/// </summary>
public sealed class EfRuntimeStore(RuntimeDatabase database) : IRuntimeStore
{
    private static readonly string Pending = TimerStatus.Pending.ToString();
    private static readonly string[] Outstanding = [ActionStatus.Open.ToString(), ActionStatus.Breached.ToString()];
    private static readonly string Active = InstanceStatus.Active.ToString();
    private static readonly string OutboxPending = OutboxStatus.Pending.ToString();

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

    public async Task<IReadOnlyList<(PathwayInstance Instance, ActionItem Action)>> GetOutstandingActionsAsync(string partnership, string agency, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = await (
                from action in db.Actions.AsNoTracking()
                join instance in db.Instances.AsNoTracking() on action.InstanceId equals instance.Id
                where action.Agency == agency && action.Partnership == partnership
                    && Outstanding.Contains(action.Status) && instance.Status == Active
                select new { action, instance })
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderBy(r => r.action.DueAt ?? long.MaxValue)
            .Select(r => (ToModel(r.instance), ToModel(r.action)))];
    }

    public async Task<IReadOnlyList<PendingTimer>> ClaimDueTimersAsync(Instant now, int limit, Guid sweeper, NodaTime.Duration lease, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();

        // One statement: choose the earliest due, unclaimed (or lease-expired) timers and claim them.
        // PostgreSQL skips rows another sweeper is claiming at this moment instead of waiting;
        // SQLite has one writer at a time, so it needs no such clause.
        var skipLocked = database.Options.Provider == DatabaseProvider.PostgreSql ? "FOR UPDATE SKIP LOCKED" : "";
        var sql = $$"""
            UPDATE timers SET "ClaimedBy" = {0}, "ClaimedUntil" = {1}
            WHERE "Id" IN (
                SELECT "Id" FROM timers
                WHERE "Status" = {2} AND "DueAt" <= {3} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {3})
                ORDER BY "DueAt", "Id"
                LIMIT {4}
                {{skipLocked}})
            RETURNING *
            """;
        var rows = await db.Timers
            .FromSqlRaw(sql, sweeper, Ticks(now + lease), Pending, Ticks(now), limit)
            .AsNoTracking()
            .ToListAsync(cancellationToken);
        return [.. rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Select(ToModel)];
    }

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

    public async Task UpdateOutboxAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken = default)
    {
        // A history line competes for the next sequence number with operations on the same case:
        // a clash breaks the unique index and is simply tried again.
        for (var attempt = 1; ; attempt++)
        {
            await using var db = database.CreateContext();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            db.Outbox.Update(ToRow(message));
            if (history is not null)
            {
                await AppendAsync(db, [history], cancellationToken);
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                await transaction.CommitAsync(cancellationToken);
                return;
            }
            catch (DbUpdateException) when (attempt < 5 && history is not null)
            {
                await transaction.RollbackAsync(cancellationToken);
            }
        }
    }

    public async Task SaveAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var instance = ToRow(changes.Instance);
        if (changes.ExpectedVersion is null)
        {
            db.Instances.Add(instance);
        }
        else
        {
            var entry = db.Instances.Attach(instance);
            entry.State = EntityState.Modified;
            entry.Property(r => r.Version).OriginalValue = changes.ExpectedVersion.Value;
        }

        try
        {
            // The instance first: on PostgreSQL its row stays locked until commit, so the history
            // numbers below cannot be taken by another writer on the same case.
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (exception is DbUpdateConcurrencyException || changes.ExpectedVersion is null)
        {
            await transaction.RollbackAsync(cancellationToken);
            throw new ConcurrencyConflictException(await FindInstanceAsync(changes.Instance.Id, cancellationToken) ?? changes.Instance);
        }

        await UpsertAsync(db.Actions, changes.Actions.Select(a => ToRow(a, changes.Instance.Case.Partnership)), r => r.Id, cancellationToken);
        await UpsertAsync(db.Timers, changes.Timers.Select(ToRow), r => r.Id, cancellationToken);
        await UpsertAsync(db.Outbox, changes.Outbox.Select(ToRow), r => r.Id, cancellationToken);
        await AppendAsync(db, changes.History, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    private static async Task AppendAsync(RuntimeDbContext db, IReadOnlyList<HistoryEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var group in entries.GroupBy(e => e.InstanceId))
        {
            var last = await db.History.Where(h => h.InstanceId == group.Key).MaxAsync(h => (long?)h.Sequence, cancellationToken) ?? 0;
            foreach (var entry in group)
            {
                db.History.Add(ToRow(entry, ++last));
            }
        }
    }

    private static async Task UpsertAsync<TRow>(DbSet<TRow> set, IEnumerable<TRow> rows, Func<TRow, Guid> key, CancellationToken cancellationToken)
        where TRow : class
    {
        var list = rows.ToList();
        if (list.Count == 0)
        {
            return;
        }

        var ids = list.Select(key).ToList();
        var existing = (await set.AsNoTracking().Where(r => ids.Contains(EF.Property<Guid>(r, "Id"))).Select(r => EF.Property<Guid>(r, "Id")).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var row in list)
        {
            if (existing.Contains(key(row)))
            {
                set.Update(row);
            }
            else
            {
                set.Add(row);
            }
        }
    }
}
