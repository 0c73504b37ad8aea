using ContinuityOfCare.Workflows.Runtime.Engine;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
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

    public async Task<StoredCase?> LoadCaseAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT * FROM instances WHERE "Id" = @id;
            SELECT * FROM actions WHERE "InstanceId" = @id AND "Status" IN ('{Open}', '{Breached}') ORDER BY "OpenedAt", "ActionId";
            SELECT * FROM timers WHERE "InstanceId" = @id AND "Status" = '{Pending}' ORDER BY "DueAt";
            """;
        AddParameter(command, "id", instanceId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        var instance = ToModel(RowReader.Instance(reader));
        if (!database.Scope.Current.Allows(instance.Case.Partnership))
        {
            // Read by hand, so the partnership filter is applied by hand: another partnership's case does not exist here.
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var actions = new List<ActionItem>();
        while (await reader.ReadAsync(cancellationToken))
        {
            actions.Add(ToModel(RowReader.Action(reader)));
        }

        await reader.NextResultAsync(cancellationToken);
        var timers = new List<PendingTimer>();
        while (await reader.ReadAsync(cancellationToken))
        {
            timers.Add(ToModel(RowReader.Timer(reader)));
        }

        return new StoredCase(instance, actions, timers);
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
                    && (action.Status == Open || action.Status == Breached) && instance.Status == Active
                select new { action, instance })
            .ToListAsync(cancellationToken);
        return [.. rows
            .OrderBy(r => r.action.DueAt ?? long.MaxValue)
            .Select(r => (ToModel(r.instance), ToModel(r.action)))];
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
                WHERE "Status" = '{{Pending}}' AND "DueAt" <= {2} AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < {2})
                ORDER BY "DueAt", "Id"
                LIMIT {3}
                {{skipLocked}})
            RETURNING *
            """;
        // The sweep is the engine's own work and fires every partnership's deadlines.
        var rows = await db.Timers
            .FromSqlRaw(sql, sweeper, Ticks(now + lease), Ticks(now), limit)
            .IgnoreQueryFilters()
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

    public async Task UpdateOutboxAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken = default)
    {
        RequireVisible(message.Partnership, message.InstanceId);
        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Outbox.Update(ToRow(message));
        if (history is not null)
        {
            // Numbering the line takes the instance row's lock, so it cannot race an operation on the case.
            var command = Command(db, """UPDATE instances SET "HistoryCount" = "HistoryCount" + 1 WHERE "Id" = @id RETURNING "HistoryCount" """);
            AddParameter(command, "id", history.InstanceId);
            var sequence = await command.ExecuteScalarAsync(cancellationToken) is { } value
                ? Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture)
                : throw new InvalidOperationException($"There is no case {history.InstanceId} to record the delivery on.");
            db.History.Add(ToRow(history, sequence));
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task SaveAsync(ChangeSet changes, CancellationToken cancellationToken = default)
    {
        if (changes.History.FirstOrDefault(h => h.InstanceId != changes.Instance.Id) is { } stray)
        {
            throw new ArgumentException($"A change set holds history for case {stray.InstanceId}, not only for its own case {changes.Instance.Id}.", nameof(changes));
        }

        RequireVisible(changes.Instance.Case.Partnership, changes.Instance.Id);

        if (database.Options.Provider == DatabaseProvider.PostgreSql)
        {
            await SaveOnPostgreSqlAsync(changes, cancellationToken);
            return;
        }

        await using var db = database.CreateContext();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var instance = ToRow(changes.Instance);
        var lines = changes.History;

        long lastSequence;
        if (changes.ExpectedVersion is null)
        {
            instance.HistoryCount = lastSequence = lines.Count;
            db.Instances.Add(instance);
        }
        else
        {
            // One statement updates the case only if it is still at the version the operation read,
            // takes its row lock until commit, and numbers this operation's history lines.
            instance.HistoryCount = lines.Count;
            var updated = await UpdateInstanceAsync(db, instance, changes.ExpectedVersion.Value, cancellationToken);
            if (updated is null)
            {
                await transaction.RollbackAsync(cancellationToken);
                throw new ConcurrencyConflictException(await FindInstanceAsync(changes.Instance.Id, cancellationToken) ?? changes.Instance);
            }

            lastSequence = updated.Value;
        }

        foreach (var action in changes.Actions)
        {
            Put(db.Actions, ToRow(action, changes.Instance.Case.Partnership), changes.Created.Contains(action.Id));
        }

        foreach (var timer in changes.Timers)
        {
            Put(db.Timers, ToRow(timer), changes.Created.Contains(timer.Id));
        }

        db.Outbox.AddRange(changes.Outbox.Select(ToRow));
        var sequence = lastSequence - lines.Count;
        foreach (var line in lines)
        {
            db.History.Add(ToRow(line, ++sequence));
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException) when (changes.ExpectedVersion is null)
        {
            // A case started twice with the same id is a conflict; any other failure is itself.
            await transaction.RollbackAsync(cancellationToken);
            if (await FindInstanceAsync(changes.Instance.Id, CancellationToken.None) is { } existing)
            {
                throw new ConcurrencyConflictException(existing);
            }

            throw;
        }

        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>The whole change set in one statement and one round trip (see <see cref="PostgreSqlCommit"/>).</summary>
    private async Task SaveOnPostgreSqlAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = PostgreSqlCommit.Build(changes);
        command.Connection = (Npgsql.NpgsqlConnection)connection;
        long written;
        try
        {
            written = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        }
        catch (Npgsql.PostgresException exception)
        {
            // The same failure EF Core reports for a write it could not make.
            throw new DbUpdateException($"The case's changes could not be written: {exception.MessageText}", exception);
        }

        if (written == 0)
        {
            throw new ConcurrencyConflictException(await FindInstanceAsync(changes.Instance.Id, cancellationToken) ?? changes.Instance);
        }
    }

    /// <summary>
    /// Writes go around the query filters, so they check the scope themselves: a caller confined to
    /// one partnership cannot write another's case, and is told only that there is no such case.
    /// </summary>
    private void RequireVisible(string partnership, Guid instanceId)
    {
        if (!database.Scope.Current.Allows(partnership))
        {
            throw new NotFoundException($"There is no case {instanceId}.");
        }
    }

    private static void Put<TRow>(DbSet<TRow> set, TRow row, bool created)
        where TRow : class
    {
        if (created)
        {
            set.Add(row);
        }
        else
        {
            set.Update(row);
        }
    }

    /// <summary>Writes the instance row if its version is still the expected one; returns its new history count, or null.</summary>
    private static async Task<long?> UpdateInstanceAsync(RuntimeDbContext db, InstanceRow row, long expectedVersion, CancellationToken cancellationToken)
    {
        var command = Command(db, """
            UPDATE instances SET
              "PathwayId" = @pathway, "ContentHash" = @hash, "Partnership" = @partnership, "PrisonNumber" = @prisonNumber,
              "PersonName" = @name, "DateOfBirth" = @born, "ConsentRecorded" = @consent, "FieldsJson" = @fields,
              "State" = @state, "StateEnteredAt" = @entered, "Status" = @status, "Outcome" = @outcome,
              "StartedAt" = @started, "EndedAt" = @ended, "LastEventsJson" = @lastEvents, "Version" = @version,
              "HistoryCount" = "HistoryCount" + @lines
            WHERE "Id" = @id AND "Version" = @expected
            RETURNING "HistoryCount"
            """);
        AddParameter(command, "id", row.Id);
        AddParameter(command, "expected", expectedVersion);
        AddParameter(command, "pathway", row.PathwayId);
        AddParameter(command, "hash", row.ContentHash);
        AddParameter(command, "partnership", row.Partnership);
        AddParameter(command, "prisonNumber", row.PrisonNumber);
        AddParameter(command, "name", row.PersonName);
        AddParameter(command, "born", row.DateOfBirth);
        AddParameter(command, "consent", row.ConsentRecorded);
        AddParameter(command, "fields", row.FieldsJson);
        AddParameter(command, "state", row.State);
        AddParameter(command, "entered", row.StateEnteredAt);
        AddParameter(command, "status", row.Status);
        AddParameter(command, "outcome", row.Outcome);
        AddParameter(command, "started", row.StartedAt);
        AddParameter(command, "ended", row.EndedAt);
        AddParameter(command, "lastEvents", row.LastEventsJson);
        AddParameter(command, "version", row.Version);
        AddParameter(command, "lines", row.HistoryCount);
        var result = await command.ExecuteScalarAsync(cancellationToken);
        return result is null or DBNull ? null : Convert.ToInt64(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>A plain command on the context's connection, inside its current transaction.</summary>
    private static System.Data.Common.DbCommand Command(RuntimeDbContext db, string sql)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        return command;
    }

    /// <summary>
    /// Adds a parameter the way EF Core writes the same value: on SQLite a Guid is stored as
    /// upper-case text, so it is passed as that text to compare equal.
    /// </summary>
    private static void AddParameter(System.Data.Common.DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            Guid id when command is Microsoft.Data.Sqlite.SqliteCommand => id.ToString().ToUpperInvariant(),
            _ => value,
        };
        command.Parameters.Add(parameter);
    }

}
