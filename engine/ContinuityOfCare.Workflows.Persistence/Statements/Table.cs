using System.Data.Common;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace ContinuityOfCare.Workflows.Persistence.Statements;

/// <summary>One column of a table: its name, how to read it off a row, and how the provider stores it.</summary>
internal sealed record Column(string Name, PropertyInfo Property, bool Nullable, RelationalTypeMapping Mapping, Func<object, object?> Get)
{
    public Type ClrType => Property.PropertyType;

    /// <summary>The column's name as SQL writes it (quoted, since the model's names are PascalCase).</summary>
    public string Sql => $"\"{Name}\"";

    /// <summary>The column's store type, e.g. <c>uuid</c> or <c>bigint</c> on PostgreSQL.</summary>
    public string StoreType => Mapping.StoreType;

    /// <summary>A parameter holding a value of this column, converted as the provider stores it.</summary>
    public DbParameter Parameter(DbCommand command, string name, object? value) => Mapping.CreateParameter(command, name, value, Nullable);
}

/// <summary>
/// A table as the store's own statements see it, read from the EF Core model that also makes the
/// migrations, so a column is described once (its row class's property and the model's
/// configuration) for both providers and for EF Core's queries alike. It names the columns for
/// SQL, makes provider-correct parameters for a row's values (the same conversions EF Core applies,
/// such as SQLite keeping a Guid as upper-case text), and reads rows back from a data reader.
/// </summary>
internal sealed class Table<TRow>
    where TRow : class
{
    private readonly Func<DbDataReader, int[], TRow> _materialize;

    public Table(IModel model)
    {
        var entity = model.FindEntityType(typeof(TRow))
            ?? throw new InvalidOperationException($"{typeof(TRow).Name} is not in the model.");
        Name = entity.GetTableName()!;
        var table = StoreObjectIdentifier.Table(Name, entity.GetSchema());
        Columns = [.. typeof(TRow).GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p =>
        {
            var property = entity.FindProperty(p.Name) ?? throw new InvalidOperationException($"{typeof(TRow).Name}.{p.Name} is not mapped.");
            return new Column(property.GetColumnName(table)!, p, property.IsNullable, (RelationalTypeMapping)property.GetTypeMapping(), Getter(p));
        })];
        _materialize = Materializer(Columns);
    }

    /// <summary>The table's name as SQL writes it.</summary>
    public string Name { get; }

    /// <summary>Every column, in the order the row class declares them.</summary>
    public IReadOnlyList<Column> Columns { get; }

    public Column this[string name] => Columns.Single(c => c.Name == name);

    /// <summary>The columns as a list for SQL (<c>"Id", "State", ...</c>), each qualified by <paramref name="alias"/> when given.</summary>
    public string List(string? alias = null, IEnumerable<Column>? only = null) =>
        string.Join(", ", (only ?? Columns).Select(c => alias is null ? c.Sql : $"{alias}.{c.Sql}"));

    /// <summary>A parameter holding one column's value from a row, converted as the provider stores it.</summary>
    public static DbParameter Parameter(DbCommand command, string name, Column column, TRow row) => column.Parameter(command, name, column.Get(row));

    /// <summary>Reads every row of the reader's current result set; columns are found by name once per result set.</summary>
    public async Task<List<TRow>> ReadAllAsync(DbDataReader reader, CancellationToken cancellationToken)
    {
        var ordinals = Columns.Select(c => reader.GetOrdinal(c.Name)).ToArray();
        var rows = new List<TRow>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(_materialize(reader, ordinals));
        }

        return rows;
    }

    private static Func<object, object?> Getter(PropertyInfo property)
    {
        var row = Expression.Parameter(typeof(object), "row");
        var value = Expression.Property(Expression.Convert(row, typeof(TRow)), property);
        return Expression.Lambda<Func<object, object?>>(Expression.Convert(value, typeof(object)), row).Compile();
    }

    /// <summary>new TRow { Column = reader.GetFieldValue&lt;T&gt;(ordinal) (or null where the value is null), ... }, compiled once.</summary>
    private static Func<DbDataReader, int[], TRow> Materializer(IReadOnlyList<Column> columns)
    {
        var reader = Expression.Parameter(typeof(DbDataReader), "reader");
        var ordinals = Expression.Parameter(typeof(int[]), "ordinals");
        var bindings = columns.Select((column, i) =>
        {
            var ordinal = Expression.ArrayIndex(ordinals, Expression.Constant(i));
            var stored = Nullable.GetUnderlyingType(column.ClrType) ?? column.ClrType;
            Expression read = Expression.Call(reader, nameof(DbDataReader.GetFieldValue), [stored], ordinal);
            if (read.Type != column.ClrType)
            {
                read = Expression.Convert(read, column.ClrType);
            }

            if (column.Nullable)
            {
                read = Expression.Condition(
                    Expression.Call(reader, nameof(DbDataReader.IsDBNull), Type.EmptyTypes, ordinal),
                    Expression.Default(column.ClrType),
                    read);
            }

            return (MemberBinding)Expression.Bind(column.Property, read);
        });
        var body = Expression.MemberInit(Expression.New(typeof(TRow)), bindings);
        return Expression.Lambda<Func<DbDataReader, int[], TRow>>(body, reader, ordinals).Compile();
    }
}
