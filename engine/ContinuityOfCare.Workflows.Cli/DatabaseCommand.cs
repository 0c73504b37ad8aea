using System.CommandLine;
using ContinuityOfCare.Workflows.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary><c>coc database migrate</c>: bring a database up to date before a server starts on it.</summary>
internal static class DatabaseCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var data = DataFolder.Option();
        var postgreSql = new Option<string?>("--postgresql") { Description = "A PostgreSQL connection string; without it, the embedded database in the data folder." };
        var migrate = new Command("migrate", "Apply every database migration not yet applied, and list them. The server does the same at start-up; this lets it be done first, for example before several servers start.")
        {
            data, postgreSql,
        };
        migrate.SetAction(result => DataFolder.Run(async () =>
        {
            var options = result.GetValue(postgreSql) is { Length: > 0 } connection
                ? DatabaseOptions.PostgreSql(connection)
                : DatabaseOptions.InDataFolder(Path.GetFullPath(result.GetValue(data)!, workingDirectory));
            await using var database = new RuntimeDatabase(options);
            var where = options.Provider == DatabaseProvider.Sqlite ? new SqliteConnectionStringBuilder(options.ConnectionString).DataSource : "PostgreSQL";
            try
            {
                List<string> pending;
                await using (var context = database.CreateContext())
                {
                    pending = File.Exists(where) || options.Provider == DatabaseProvider.PostgreSql
                        ? [.. await context.Database.GetPendingMigrationsAsync()]
                        : [.. context.Database.GetMigrations()];
                }

                await database.MigrateAsync();
                foreach (var name in pending)
                {
                    stdout.WriteLine($"Applied {name}.");
                }

                stdout.WriteLine(pending.Count == 0 ? $"{where} is up to date; nothing to apply." : $"{where} is up to date ({CocCommand.Count(pending.Count, "migration")} applied).");
                return ExitCodes.Success;
            }
            catch (Exception error) when (error is Npgsql.NpgsqlException or SqliteException or InvalidOperationException or ArgumentException)
            {
                stderr.WriteLine($"coc: the database could not be brought up to date: {error.Message}");
                return ExitCodes.Problems;
            }
        }, stderr));

        return new Command("database", "Look after the database the server and the command line share.") { migrate };
    }
}
