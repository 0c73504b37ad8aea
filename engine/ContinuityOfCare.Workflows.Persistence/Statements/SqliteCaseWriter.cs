using System.Data.Common;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.Data.Sqlite;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence.Statements;

/// <summary>
/// A change set on SQLite: one <c>BEGIN IMMEDIATE</c> transaction, the instance row written first
/// (only if it is still at the version the operation read, which takes the write lock and numbers
/// the history lines), then each row of the change set by a prepared statement, then commit. SQLite
/// has one writer at a time; this process's writers queue here for their turn rather than retrying
/// against the file's lock, which is left to other processes (the command line) sharing the file.
/// </summary>
internal sealed class SqliteCaseWriter(RuntimeDatabase database) : ICaseWriter, IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);

    private Tables Tables => database.Tables;

    public void Dispose() => _turn.Dispose();

    public async Task<bool> SaveAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        var instance = ToRow(changes.Instance);
        instance.HistoryCount = changes.History.Count;
        var partnership = changes.Instance.Case.Partnership;
        await _turn.WaitAsync(cancellationToken);
        try
        {
            await using var connection = (SqliteConnection)await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            long lastSequence;
            if (changes.ExpectedVersion is not { } expected)
            {
                if (!await InsertInstanceAsync(transaction, instance, cancellationToken))
                {
                    return false;
                }

                lastSequence = changes.History.Count;
            }
            else if (await UpdateInstanceAsync(transaction, instance, expected, changes.History.Count, cancellationToken) is { } count)
            {
                lastSequence = count;
            }
            else
            {
                return false;
            }

            await InsertAsync(transaction, Tables.Actions, [.. changes.Actions.Where(a => changes.Created.Contains(a.Id)).Select(a => ToRow(a, partnership))], cancellationToken);
            await UpdateAsync(transaction, Tables.Actions, [.. changes.Actions.Where(a => !changes.Created.Contains(a.Id)).Select(a => ToRow(a, partnership))], cancellationToken);
            await InsertAsync(transaction, Tables.Timers, [.. changes.Timers.Where(t => changes.Created.Contains(t.Id)).Select(ToRow)], cancellationToken);
            await UpdateAsync(transaction, Tables.Timers, [.. changes.Timers.Where(t => !changes.Created.Contains(t.Id)).Select(ToRow)], cancellationToken);
            await InsertAsync(transaction, Tables.Outbox, [.. changes.Outbox.Select(ToRow)], cancellationToken);
            var first = lastSequence - changes.History.Count;
            await InsertAsync(transaction, Tables.History, [.. changes.History.Select((h, k) => ToRow(h, first + k + 1))], cancellationToken);
            await WriteStaysAsync(transaction, instance, StayChanges.Opened(changes), first, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        finally
        {
            _turn.Release();
        }
    }

    public async Task SaveDeliveryAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken)
    {
        await _turn.WaitAsync(cancellationToken);
        try
        {
            await using var connection = (SqliteConnection)await database.OpenConnectionAsync(cancellationToken);
            await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync(cancellationToken);
            await UpdateAsync(transaction, Tables.Outbox, [ToRow(message)], cancellationToken);
            if (history is not null)
            {
                // Numbering the line takes the write lock with the instance row, so it cannot race an operation on the case.
                await using var number = Command(transaction, """UPDATE instances SET "HistoryCount" = "HistoryCount" + 1 WHERE "Id" = @id RETURNING "HistoryCount" """);
                number.Parameters.Add(Tables.Instances["Id"].Parameter(number, "@id", history.InstanceId));
                var sequence = await number.ExecuteScalarAsync(cancellationToken) is long value
                    ? value
                    : throw new InvalidOperationException($"There is no case {history.InstanceId} to record the delivery on.");
                await InsertAsync(transaction, Tables.History, [ToRow(history, sequence)], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
        }
        finally
        {
            _turn.Release();
        }
    }

    /// <summary>
    /// The stays the change opens, each keyed by its history line's number, and the case's open stay
    /// (its last: one is open at a time) closed when the first of them begins.
    /// </summary>
    private async Task WriteStaysAsync(SqliteTransaction transaction, InstanceRow instance, IReadOnlyList<OpenedStay> opened, long firstSequence, CancellationToken cancellationToken)
    {
        if (opened.Count == 0)
        {
            return;
        }

        await using (var close = Command(transaction, """
            UPDATE stays SET "LeftAt" = @at
            WHERE "InstanceId" = @id AND "LeftAt" IS NULL AND "Sequence" = (SELECT max("Sequence") FROM stays WHERE "InstanceId" = @id)
            """))
        {
            close.Parameters.Add(Tables.Instances["Id"].Parameter(close, "@id", instance.Id));
            close.Parameters.AddWithValue("@at", opened[0].EnteredAt);
            await close.ExecuteNonQueryAsync(cancellationToken);
        }

        await InsertAsync(transaction, Tables.Stays, [.. opened.Select(s => new StayRow
        {
            InstanceId = instance.Id,
            Sequence = firstSequence + s.Place,
            Partnership = instance.Partnership,
            PathwayId = instance.PathwayId,
            State = s.State,
            EnteredAt = s.EnteredAt,
            LeftAt = s.LeftAt,
        })], cancellationToken);
    }

    /// <summary>Writes the instance row if its version is still the expected one; returns its new history count, or null.</summary>
    private async Task<long?> UpdateInstanceAsync(SqliteTransaction transaction, InstanceRow row, long expected, int lines, CancellationToken cancellationToken)
    {
        var instances = Tables.Instances;
        var set = string.Join(", ", instances.Columns.Where(c => c.Name is not ("Id" or "HistoryCount")).Select(c => $"{c.Sql} = @{c.Name}"));
        await using var command = Command(transaction, $"""
            UPDATE instances SET {set}, "HistoryCount" = "HistoryCount" + @lines
            WHERE "Id" = @Id AND "Version" = @expected
            RETURNING "HistoryCount"
            """);
        foreach (var column in instances.Columns.Where(c => c.Name != "HistoryCount"))
        {
            command.Parameters.Add(Table<InstanceRow>.Parameter(command, $"@{column.Name}", column, row));
        }

        command.Parameters.AddWithValue("@lines", (long)lines);
        command.Parameters.AddWithValue("@expected", expected);
        return await command.ExecuteScalarAsync(cancellationToken) is long count ? count : null;
    }

    /// <summary>Inserts rows with one prepared statement.</summary>
    private static Task InsertAsync<TRow>(SqliteTransaction transaction, Table<TRow> table, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : class =>
        RunForEachAsync(transaction, $"INSERT INTO {table.Name} ({table.List()}) VALUES ({string.Join(", ", table.Columns.Select(c => $"@{c.Name}"))})", table, rows, cancellationToken);

    /// <summary>Inserts a new instance row; false when its id is taken already (the case was started twice), with nothing written.</summary>
    private async Task<bool> InsertInstanceAsync(SqliteTransaction transaction, InstanceRow row, CancellationToken cancellationToken)
    {
        try
        {
            await InsertAsync(transaction, Tables.Instances, [row], cancellationToken);
            return true;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException exception)
            when (exception.InnerException is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 1555 })
        {
            // SQLITE_CONSTRAINT_PRIMARYKEY on the instance's own id.
            return false;
        }
    }

    /// <summary>Updates rows by their key, every other column from the row.</summary>
    private static Task UpdateAsync<TRow>(SqliteTransaction transaction, Table<TRow> table, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : class
    {
        var set = string.Join(", ", table.Columns.Where(c => c.Name != "Id").Select(c => $"{c.Sql} = @{c.Name}"));
        return RunForEachAsync(transaction, $"""UPDATE {table.Name} SET {set} WHERE "Id" = @Id""", table, rows, cancellationToken);
    }

    /// <summary>Runs one statement for each row, with the row's columns as its parameters; a failure is reported as EF Core reports a write it could not make.</summary>
    private static async Task RunForEachAsync<TRow>(SqliteTransaction transaction, string sql, Table<TRow> table, IReadOnlyList<TRow> rows, CancellationToken cancellationToken)
        where TRow : class
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var command = Command(transaction, sql);
        foreach (var row in rows)
        {
            command.Parameters.Clear();
            foreach (var column in table.Columns)
            {
                command.Parameters.Add(Table<TRow>.Parameter(command, $"@{column.Name}", column, row));
            }

            try
            {
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            catch (SqliteException exception)
            {
                throw new Microsoft.EntityFrameworkCore.DbUpdateException($"The case's changes could not be written to {table.Name}: {exception.Message}", exception);
            }
        }
    }

    private static SqliteCommand Command(SqliteTransaction transaction, string sql)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
