using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>The store's writes: change sets (one transaction each, or one statement on PostgreSQL) and delivery outcomes.</summary>
public sealed partial class EfRuntimeStore
{
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
