using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Npgsql;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence.Statements;

/// <summary>
/// A change set as one PostgreSQL statement, so that committing an operation costs one round trip.
/// The instance is written first, in a data-modifying <c>WITH</c> clause that matches only if the
/// instance is still at the version the operation read (or, for a new case, does not exist yet);
/// every other write selects from that clause, so a conflict writes nothing at all, and a statement
/// is atomic, so a failure anywhere in it writes nothing either. The rows of each table arrive as
/// one array per column and are unpacked with <c>unnest</c>, so the statement's text is the same
/// for every change set (one for a new case, one for a change) and stays prepared.
/// </summary>
internal sealed class PostgreSqlCaseWriter(RuntimeDatabase database) : ICaseWriter
{
    private readonly Lazy<(string Insert, string Update)> _changeSet = new(() => (ChangeSetSql(database.Tables, newCase: true), ChangeSetSql(database.Tables, newCase: false)));

    private Tables Tables => database.Tables;

    public async Task<bool> SaveAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        var instance = ToRow(changes.Instance);
        instance.HistoryCount = changes.History.Count;
        var partnership = changes.Instance.Case.Partnership;
        var created = changes.Actions.Where(a => changes.Created.Contains(a.Id)).Select(a => ToRow(a, partnership)).ToList();
        var changed = changes.Actions.Where(a => !changes.Created.Contains(a.Id)).Select(a => ToRow(a, partnership)).ToList();
        var newTimers = changes.Timers.Where(t => changes.Created.Contains(t.Id)).Select(ToRow).ToList();
        var changedTimers = changes.Timers.Where(t => !changes.Created.Contains(t.Id)).Select(ToRow).ToList();

        await using var connection = (NpgsqlConnection)await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = changes.ExpectedVersion is null ? _changeSet.Value.Insert : _changeSet.Value.Update;
        foreach (var column in Tables.Instances.Columns)
        {
            command.Parameters.Add(Table<InstanceRow>.Parameter(command, $"@i_{column.Name}", column, instance));
        }

        command.Parameters.Add(new NpgsqlParameter("expected", changes.ExpectedVersion ?? 0L));
        command.Parameters.Add(new NpgsqlParameter("lines", (long)changes.History.Count));
        Arrays(command, Tables.Actions, "na", created);
        Arrays(command, Tables.Actions, "ca", changed);
        Arrays(command, Tables.Timers, "nt", newTimers);
        Arrays(command, Tables.Timers, "ct", changedTimers);
        Arrays(command, Tables.Outbox, "no", [.. changes.Outbox.Select(ToRow)]);
        Arrays(command, Tables.History, "nh", [.. changes.History.Select(h => ToRow(h, sequence: 0))], except: "Sequence");
        var stays = StayChanges.Opened(changes);
        command.Parameters.Add(new NpgsqlParameter("ns_place", stays.Select(s => (long)s.Place).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("ns_state", stays.Select(s => s.State).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("ns_entered", stays.Select(s => s.EnteredAt).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("ns_left", stays.Select(s => s.LeftAt).ToArray()));
        command.Parameters.Add(new NpgsqlParameter("close_at", NpgsqlTypes.NpgsqlDbType.Bigint) { Value = stays.Count > 0 ? stays[0].EnteredAt : DBNull.Value });
        return await WriteAsync(command, cancellationToken) > 0;
    }

    public async Task SaveDeliveryAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var outbox = Tables.Outbox;
        var row = ToRow(message);
        foreach (var column in outbox.Columns)
        {
            command.Parameters.Add(Table<OutboxRow>.Parameter(command, $"@o_{column.Name}", column, row));
        }

        var updateMessage = $"""UPDATE outbox SET {Assignments(outbox, "@o_")} WHERE "Id" = @o_Id""";
        if (history is null)
        {
            command.CommandText = updateMessage;
        }
        else
        {
            // Numbering the line takes the instance row's lock, so it cannot race an operation on the case.
            Arrays(command, Tables.History, "nh", [ToRow(history, sequence: 0)], except: "Sequence");
            command.Parameters.Add(new NpgsqlParameter("lines", 1L));
            command.Parameters.Add(Tables.Instances["Id"].Parameter(command, "@i_Id", history.InstanceId));
            command.CommandText = $"""
                WITH inst AS (
                    UPDATE instances SET "HistoryCount" = instances."HistoryCount" + 1 WHERE "Id" = @i_Id
                    RETURNING "HistoryCount"
                ),
                message AS (
                    {updateMessage}
                ),
                {NewHistory(Tables.History)}
                SELECT count(*) FROM inst
                """;
        }

        await WriteAsync(command, cancellationToken);
    }

    /// <summary>Runs the statement; what it returns is the number of instance rows written (0 on a conflict).</summary>
    private static async Task<long> WriteAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        try
        {
            return await command.ExecuteScalarAsync(cancellationToken) is long written ? written : 0;
        }
        catch (PostgresException exception)
        {
            // The same failure EF Core reports for a write it could not make.
            throw new Microsoft.EntityFrameworkCore.DbUpdateException($"The case's changes could not be written: {exception.MessageText}", exception);
        }
    }

    /// <summary>One array parameter per column (<c>@prefix_Column</c>), holding that column of every row.</summary>
    private static void Arrays<TRow>(NpgsqlCommand command, Table<TRow> table, string prefix, IReadOnlyList<TRow> rows, string? except = null)
        where TRow : class
    {
        foreach (var column in table.Columns.Where(c => c.Name != except))
        {
            var values = Array.CreateInstance(column.ClrType, rows.Count);
            for (var i = 0; i < rows.Count; i++)
            {
                values.SetValue(column.Get(rows[i]), i);
            }

            command.Parameters.Add(new NpgsqlParameter($"{prefix}_{column.Name}", values));
        }
    }

    private static string ChangeSetSql(Tables tables, bool newCase)
    {
        var instances = tables.Instances;
        var writeInstance = newCase
            ? $"""
                INSERT INTO instances ({instances.List()}) VALUES ({string.Join(", ", instances.Columns.Select(c => $"@i_{c.Name}"))})
                    ON CONFLICT ("Id") DO NOTHING
                """
            : $"""
                UPDATE instances SET {Assignments(instances, "@i_", except: "HistoryCount")}, "HistoryCount" = instances."HistoryCount" + @lines
                    WHERE "Id" = @i_Id AND "Version" = @expected
                """;
        return $"""
            WITH inst AS (
                {writeInstance}
                RETURNING "HistoryCount"
            ),
            {NewRows(tables.Actions, "new_actions", "na")},
            {ChangedRows(tables.Actions, "changed_actions", "ca")},
            {NewRows(tables.Timers, "new_timers", "nt")},
            {ChangedRows(tables.Timers, "changed_timers", "ct")},
            {NewRows(tables.Outbox, "new_outbox", "no")},
            {NewHistory(tables.History)},
            {Stays()}
            SELECT count(*) FROM inst
            """;
    }

    /// <summary>
    /// The stays the change opens, each keyed by its history line's number (as <see cref="NewHistory"/>
    /// numbers them), and the case's open stay closed when the first of them begins. The open stay is
    /// the case's last (one stay is open at a time), found at the end of the key rather than by
    /// reading every stay of the case.
    /// </summary>
    private static string Stays() => """
        closed_stay AS (
            UPDATE stays SET "LeftAt" = @close_at FROM inst
            WHERE stays."InstanceId" = @i_Id AND @close_at IS NOT NULL AND stays."LeftAt" IS NULL
                AND stays."Sequence" = (SELECT max(last."Sequence") FROM stays last WHERE last."InstanceId" = @i_Id)
        ),
        new_stays AS (
            INSERT INTO stays ("InstanceId", "Sequence", "Partnership", "PathwayId", "State", "EnteredAt", "LeftAt")
            SELECT @i_Id, inst."HistoryCount" - @lines + v.place, @i_Partnership, @i_PathwayId, v.state, v.entered, v.left_at
            FROM inst, unnest(@ns_place::bigint[], @ns_state::text[], @ns_entered::bigint[], @ns_left::bigint[]) AS v(place, state, entered, left_at)
        )
        """;

    /// <summary><c>"Column" = @prefixColumn, ...</c> for every column but the key (and <paramref name="except"/>).</summary>
    private static string Assignments<TRow>(Table<TRow> table, string prefix, string? except = null)
        where TRow : class =>
        string.Join(", ", table.Columns.Where(c => c.Name != "Id" && c.Name != except).Select(c => $"{c.Sql} = {prefix}{c.Name}"));

    /// <summary>The rows of one array per column, as a relation <c>v</c> with the table's columns (and the row's place, when asked).</summary>
    private static string Unnest<TRow>(Table<TRow> table, string prefix, IReadOnlyList<Column> columns, bool withOrdinality = false)
        where TRow : class =>
        $"unnest({string.Join(", ", columns.Select(c => $"@{prefix}_{c.Name}::{c.StoreType}[]"))})"
        + (withOrdinality ? $" WITH ORDINALITY AS v({table.List(only: columns)}, place)" : $" AS v({table.List(only: columns)})");

    private static string NewRows<TRow>(Table<TRow> table, string name, string prefix)
        where TRow : class => $"""
        {name} AS (
            INSERT INTO {table.Name} ({table.List()})
            SELECT {table.List("v")} FROM inst, {Unnest(table, prefix, table.Columns)}
        )
        """;

    private static string ChangedRows<TRow>(Table<TRow> table, string name, string prefix)
        where TRow : class => $"""
        {name} AS (
            UPDATE {table.Name} SET {string.Join(", ", table.Columns.Where(c => c.Name != "Id").Select(c => $"{c.Sql} = v.{c.Sql}"))}
            FROM inst, {Unnest(table, prefix, table.Columns)}
            WHERE {table.Name}."Id" = v."Id"
        )
        """;

    /// <summary>
    /// The history lines, numbered after the lines the case already has: the count the instance row
    /// returns already includes this change's lines, so line k of n is count - n + k.
    /// </summary>
    private static string NewHistory(Table<HistoryRow> history)
    {
        var given = history.Columns.Where(c => c.Name != "Sequence").ToList();
        return $"""
            new_history AS (
                INSERT INTO history ({history.List(only: given)}, "Sequence")
                SELECT {history.List("v", given)}, inst."HistoryCount" - @lines + v.place
                FROM inst, {Unnest(history, "nh", given, withOrdinality: true)}
            )
            """;
    }
}
