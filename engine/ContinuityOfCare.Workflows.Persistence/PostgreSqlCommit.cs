using System.Reflection;
using System.Text;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Npgsql;
using NpgsqlTypes;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// A change set as one PostgreSQL statement, so that committing an operation costs one round trip.
/// The instance is written first, in a data-modifying <c>WITH</c> clause that matches only if the
/// instance is still at the version the operation read (or, for a new case, does not exist yet);
/// every other write selects from that clause, so a conflict writes nothing at all. A statement is
/// atomic, so a failure anywhere in it also writes nothing.
/// </summary>
internal static class PostgreSqlCommit
{
    /// <summary>Builds the statement; it returns 1 when the change set was written, 0 on a conflict.</summary>
    public static NpgsqlCommand Build(ChangeSet changes)
    {
        var command = new NpgsqlCommand();
        var sql = new StringBuilder("WITH ");
        var instance = ToRow(changes.Instance);
        var lines = changes.History.Count;
        instance.HistoryCount = lines;

        if (changes.ExpectedVersion is null)
        {
            sql.Append("inst AS (");
            Insert(sql, command, "instances", "i", instance, select: false);
            sql.Append(""" ON CONFLICT ("Id") DO NOTHING RETURNING "HistoryCount")""");
        }
        else
        {
            sql.Append("inst AS (UPDATE instances SET ");
            var first = true;
            foreach (var column in Columns<InstanceRow>.All.Where(c => c.Name is not (nameof(InstanceRow.Id) or nameof(InstanceRow.HistoryCount))))
            {
                sql.Append(first ? "" : ", ").Append('"').Append(column.Name).Append("\" = ").Append(Parameter(command, "i_" + column.Name, column, instance));
                first = false;
            }

            sql.Append(""", "HistoryCount" = instances."HistoryCount" + """).Append(Parameter(command, "i_lines", lines))
                .Append(""" WHERE "Id" = """).Append(Parameter(command, "i_id", instance.Id))
                .Append(""" AND "Version" = """).Append(Parameter(command, "i_expected", changes.ExpectedVersion.Value))
                .Append(""" RETURNING "HistoryCount")""");
        }

        var n = 0;
        foreach (var action in changes.Actions)
        {
            Write(sql, command, "actions", $"w{n++}", ToRow(action, changes.Instance.Case.Partnership), changes.Created.Contains(action.Id));
        }

        foreach (var timer in changes.Timers)
        {
            Write(sql, command, "timers", $"w{n++}", ToRow(timer), changes.Created.Contains(timer.Id));
        }

        foreach (var message in changes.Outbox)
        {
            Write(sql, command, "outbox", $"w{n++}", ToRow(message), created: true);
        }

        for (var k = 0; k < lines; k++)
        {
            // Numbered after the lines the case already has: the count the instance row returns,
            // which already includes this change set's lines.
            var row = ToRow(changes.History[k], sequence: 0);
            sql.Append($", w{n} AS (");
            Insert(sql, command, "history", $"w{n}", row, select: true, except: nameof(HistoryRow.Sequence));
            sql.Length -= " FROM inst".Length;
            sql.Append(""", inst."HistoryCount" - """).Append(Parameter(command, $"w{n}_back", (long)(lines - 1 - k))).Append(" FROM inst)");
            n++;
        }

        sql.Append(" SELECT count(*) FROM inst");
        command.CommandText = sql.ToString();
        return command;
    }

    private static void Write<TRow>(StringBuilder sql, NpgsqlCommand command, string table, string name, TRow row, bool created)
    {
        sql.Append(", ").Append(name).Append(" AS (");
        if (created)
        {
            Insert(sql, command, table, name, row, select: true);
        }
        else
        {
            sql.Append("UPDATE ").Append(table).Append(" SET ");
            var first = true;
            foreach (var column in Columns<TRow>.AllButId)
            {
                sql.Append(first ? "" : ", ").Append('"').Append(column.Name).Append("\" = ").Append(Parameter(command, $"{name}_{column.Name}", column, row));
                first = false;
            }

            sql.Append(" FROM inst WHERE ").Append(table).Append(".\"Id\" = ").Append(Parameter(command, $"{name}_Id", Columns<TRow>.Id.Get(row), NpgsqlDbType.Uuid));
        }

        sql.Append(')');
    }

    /// <summary>
    /// <c>INSERT INTO table (columns) SELECT values FROM inst</c> (only if the instance was written),
    /// or <c>VALUES (...)</c> for the instance itself. The column named in <paramref name="except"/>
    /// is left for the caller to append last.
    /// </summary>
    private static void Insert<TRow>(StringBuilder sql, NpgsqlCommand command, string table, string name, TRow row, bool select, string? except = null)
    {
        var columns = except is null ? Columns<TRow>.All : [.. Columns<TRow>.All.Where(c => c.Name != except)];
        sql.Append("INSERT INTO ").Append(table).Append(" (")
            .AppendJoin(", ", columns.Select(c => $"\"{c.Name}\""));
        if (except is not null)
        {
            sql.Append(", \"").Append(except).Append('"');
        }

        sql.Append(select ? ") SELECT " : ") VALUES (")
            .AppendJoin(", ", columns.Select(c => Parameter(command, $"{name}_{c.Name}", c, row)));
        sql.Append(select ? " FROM inst" : ")");
    }

    private static string Parameter<TRow>(NpgsqlCommand command, string name, Column<TRow> column, TRow row) =>
        Parameter(command, name, column.Get(row), column.Type);

    private static string Parameter(NpgsqlCommand command, string name, object? value, NpgsqlDbType? type = null)
    {
        command.Parameters.Add(new NpgsqlParameter(name, type ?? TypeOf(value!.GetType())) { Value = value ?? DBNull.Value });
        return "@" + name;
    }

    private static NpgsqlDbType TypeOf(Type type) =>
        type == typeof(Guid) ? NpgsqlDbType.Uuid
        : type == typeof(string) ? NpgsqlDbType.Text
        : type == typeof(long) ? NpgsqlDbType.Bigint
        : type == typeof(int) ? NpgsqlDbType.Integer
        : type == typeof(bool) ? NpgsqlDbType.Boolean
        : throw new NotSupportedException($"No PostgreSQL type for {type}.");

    /// <summary>A table's columns: the row class's properties, named as EF Core names them, with compiled getters.</summary>
    private static class Columns<TRow>
    {
        public static readonly Column<TRow>[] All = [.. typeof(TRow)
            .GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => new Column<TRow>(p.Name, TypeOf(Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType), Getter(p)))];

        public static readonly Column<TRow> Id = All.Single(c => c.Name == "Id");

        public static readonly Column<TRow>[] AllButId = [.. All.Where(c => c.Name != "Id")];

        private static Func<TRow, object?> Getter(PropertyInfo property)
        {
            var row = System.Linq.Expressions.Expression.Parameter(typeof(TRow), "row");
            var body = System.Linq.Expressions.Expression.Convert(System.Linq.Expressions.Expression.Property(row, property), typeof(object));
            return System.Linq.Expressions.Expression.Lambda<Func<TRow, object?>>(body, row).Compile();
        }
    }

    private sealed record Column<TRow>(string Name, NpgsqlDbType Type, Func<TRow, object?> Get);
}
