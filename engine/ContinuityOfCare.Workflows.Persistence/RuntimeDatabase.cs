using ContinuityOfCare.Workflows.Persistence.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>Which database holds the runtime's data.</summary>
public enum DatabaseProvider
{
    /// <summary>A file, created on first use: the embedded default for one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server: production, and several server processes against one database.</summary>
    PostgreSql,
}

/// <summary>The database to use: a provider and its connection string.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    /// <summary>A SQLite file (created on first use, with its folder).</summary>
    public static DatabaseOptions SqliteFile(string path) =>
        new(DatabaseProvider.Sqlite, new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30, Pooling = true }.ToString());

    public static DatabaseOptions PostgreSql(string connectionString) => new(DatabaseProvider.PostgreSql, connectionString);

    /// <summary>The embedded database's file name in the data folder the server and the command line share.</summary>
    public const string EmbeddedFileName = "continuity.db";

    /// <summary>The embedded database in a data folder (<see cref="EmbeddedFileName"/>).</summary>
    public static DatabaseOptions InDataFolder(string folder) => SqliteFile(Path.Combine(folder, EmbeddedFileName));
}

/// <summary>Creates contexts for the configured provider and brings its schema up to date.</summary>
public sealed class RuntimeDatabase : IAsyncDisposable, IDisposable
{
    // Built once: options are immutable, and building them for every context costs more than the context.
    private readonly Func<RuntimeDbContext> _create;
    private readonly Func<AccountsDbContext> _createAccounts;

    // On PostgreSQL one data source (and so one connection pool) serves EF Core and the store's own statements.
    private readonly Npgsql.NpgsqlDataSource? _dataSource;

    /// <param name="scope">Whose rows each context reads; every partnership's when not given (the engine's own work, the command line).</param>
    public RuntimeDatabase(DatabaseOptions options, IPartnershipScope? scope = null)
    {
        Options = options;
        Scope = scope ?? EngineScope.Instance;
        _tables = new(() =>
        {
            using var context = CreateContext();
            return new Statements.Tables(context.Model);
        });
        _guard = new(() => new Statements.PartnershipGuard(Scope, Tables));
        _writer = new(() => options.Provider == DatabaseProvider.PostgreSql
            ? new Statements.PostgreSqlCaseWriter(this)
            : new Statements.SqliteCaseWriter(this));
        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                var sqlite = new DbContextOptionsBuilder<SqliteRuntimeDbContext>().UseSqlite(options.ConnectionString)
                    .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, PartnershipModelCacheKeyFactory>().Options;
                _create = () => new SqliteRuntimeDbContext(sqlite);
                var sqliteAccounts = new DbContextOptionsBuilder<SqliteAccountsDbContext>()
                    .UseSqlite(options.ConnectionString, o => o.MigrationsHistoryTable(AccountsDbContext.MigrationsTable)).Options;
                _createAccounts = () => new SqliteAccountsDbContext(sqliteAccounts);
                break;
            case DatabaseProvider.PostgreSql:
                // The same few statements run for every operation: let Npgsql prepare them, unless
                // the connection string says otherwise.
                var connection = new Npgsql.NpgsqlConnectionStringBuilder(options.ConnectionString);
                if (!options.ConnectionString.Contains("Max Auto Prepare", StringComparison.OrdinalIgnoreCase))
                {
                    connection.MaxAutoPrepare = 64;
                }

                // The store sets no session state, so a pooled connection needs no reset when returned.
                if (!options.ConnectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase))
                {
                    connection.NoResetOnClose = true;
                }

                // The store's statements look rows up by key; their best plan does not depend on the
                // values, so a prepared statement keeps one plan rather than planning every run again.
                if (string.IsNullOrEmpty(connection.Options))
                {
                    connection.Options = "-c plan_cache_mode=force_generic_plan";
                }

                var dataSource = _dataSource = Npgsql.NpgsqlDataSource.Create(connection);
                var postgreSql = new DbContextOptionsBuilder<PostgreSqlRuntimeDbContext>().UseNpgsql(dataSource)
                    .ReplaceService<Microsoft.EntityFrameworkCore.Infrastructure.IModelCacheKeyFactory, PartnershipModelCacheKeyFactory>().Options;
                _create = () => new PostgreSqlRuntimeDbContext(postgreSql);
                var postgreSqlAccounts = new DbContextOptionsBuilder<PostgreSqlAccountsDbContext>()
                    .UseNpgsql(dataSource, o => o.MigrationsHistoryTable(AccountsDbContext.MigrationsTable)).Options;
                _createAccounts = () => new PostgreSqlAccountsDbContext(postgreSqlAccounts);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown database provider.");
        }
    }

    public DatabaseOptions Options { get; }

    /// <summary>Whose data the current work is for; applied to every context this database creates, and to the store's own statements.</summary>
    public IPartnershipScope Scope { get; }

    /// <summary>The runtime's tables as the store's own statements read and write them (described by the EF Core model).</summary>
    internal Statements.Tables Tables => _tables.Value;

    /// <summary>The partnership rule for the store's own statements.</summary>
    internal Statements.PartnershipGuard Guard => _guard.Value;

    /// <summary>How change sets reach this database: one writer for its provider.</summary>
    internal Statements.ICaseWriter Writer => _writer.Value;

    private readonly Lazy<Statements.Tables> _tables;
    private readonly Lazy<Statements.PartnershipGuard> _guard;
    private readonly Lazy<Statements.ICaseWriter> _writer;

    /// <summary>A context that reads only what the current scope may see.</summary>
    public RuntimeDbContext CreateContext()
    {
        var context = _create();
        context.Access = Scope.Current;
        return context;
    }

    /// <summary>A context on the accounts' tables (sign-in), in the same database.</summary>
    public AccountsDbContext CreateAccountsContext() => _createAccounts();

    public void Dispose()
    {
        _dataSource?.Dispose();
        DisposeWriter();
        CloseSqliteFile();
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync();
        }

        DisposeWriter();
        CloseSqliteFile();
    }

    private void DisposeWriter()
    {
        if (_writer.IsValueCreated && _writer.Value is IDisposable disposable)
        {
            disposable.Dispose();
        }
    }

    /// <summary>
    /// Closes the file's pooled connections, which checkpoints the write-ahead log into the database
    /// file, so that nothing is left half-written beside it once the database is done with.
    /// </summary>
    private void CloseSqliteFile()
    {
        if (Options.Provider == DatabaseProvider.Sqlite)
        {
            SqliteConnection.ClearPool(new SqliteConnection(Options.ConnectionString));
        }
    }

    /// <summary>An open connection for the store's own statements (those EF Core cannot express or batch).</summary>
    public async Task<System.Data.Common.DbConnection> OpenConnectionAsync(CancellationToken cancellationToken = default)
    {
        if (_dataSource is not null)
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken);
        }

        var connection = new SqliteConnection(Options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    /// <summary>
    /// Applies every migration not yet applied, to the runtime's tables and the accounts' (creating the SQLite file and its folder if needed).
    /// SQLite is switched to write-ahead logging so readers do not wait for writers.
    /// </summary>
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        if (Options.Provider == DatabaseProvider.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(Options.ConnectionString).DataSource;
            if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder)
            {
                Directory.CreateDirectory(folder);
            }
        }

        await using var context = CreateContext();
        var pending = (await context.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        var hadCases = pending.Count > 0 && (await context.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
        await context.Database.MigrateAsync(cancellationToken);
        if (hadCases && pending.Any(m => m.EndsWith("_" + ReportFactsBackfill.Migration, StringComparison.Ordinal)))
        {
            // Cases written before the stores kept the reports' facts get them from their history, once.
            await ReportFactsBackfill.RunAsync(this, cancellationToken);
        }

        await using (var accounts = CreateAccountsContext())
        {
            await accounts.Database.MigrateAsync(cancellationToken);
        }

        if (Options.Provider == DatabaseProvider.Sqlite)
        {
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
    }
}

/// <summary>Lets the EF Core tools build the SQLite model to write its migrations.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteRuntimeDbContext>
{
    public SqliteRuntimeDbContext CreateDbContext(string[] args) =>
        (SqliteRuntimeDbContext)new RuntimeDatabase(DatabaseOptions.SqliteFile("design-time.db")).CreateContext();
}

/// <summary>Lets the EF Core tools build the PostgreSQL model to write its migrations (no server is contacted).</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlRuntimeDbContext>
{
    public PostgreSqlRuntimeDbContext CreateDbContext(string[] args) =>
        (PostgreSqlRuntimeDbContext)new RuntimeDatabase(DatabaseOptions.PostgreSql("Host=localhost;Database=design_time")).CreateContext();
}

/// <summary>Lets the EF Core tools build the SQLite accounts model to write its migrations.</summary>
internal sealed class SqliteAccountsDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAccountsDbContext>
{
    public SqliteAccountsDbContext CreateDbContext(string[] args) =>
        (SqliteAccountsDbContext)new RuntimeDatabase(DatabaseOptions.SqliteFile("design-time.db")).CreateAccountsContext();
}

/// <summary>Lets the EF Core tools build the PostgreSQL accounts model to write its migrations (no server is contacted).</summary>
internal sealed class PostgreSqlAccountsDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAccountsDbContext>
{
    public PostgreSqlAccountsDbContext CreateDbContext(string[] args) =>
        (PostgreSqlAccountsDbContext)new RuntimeDatabase(DatabaseOptions.PostgreSql("Host=localhost;Database=design_time")).CreateAccountsContext();
}
