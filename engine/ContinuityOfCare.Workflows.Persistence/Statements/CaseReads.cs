using System.Data.Common;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence.Statements;

/// <summary>
/// The store's own reads on the hot paths, the same SQL on both providers: a case with its action
/// items and pending timers in one round trip (three result sets, which EF Core cannot batch), and
/// claiming due timers for a sweep in one statement.
/// </summary>
internal sealed class CaseReads(RuntimeDatabase database)
{
    // Written into the statements as literals, not parameters, so that PostgreSQL can use the
    // partial indexes whose conditions name them (see RuntimeDbContext).
    private const string Pending = nameof(TimerStatus.Pending);
    private const string Open = nameof(ActionStatus.Open);
    private const string Breached = nameof(ActionStatus.Breached);

    private Tables Tables => database.Tables;

    /// <summary>The instance, its action items (outstanding only, unless asked for all) and its pending timers, if the caller may see the case.</summary>
    public async Task<StoredCase?> LoadCaseAsync(Guid instanceId, bool withClosedActions, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Parameters.Add(Tables.Instances["Id"].Parameter(command, "@id", instanceId));
        var visible = database.Guard.Condition(command);
        var outstandingOnly = withClosedActions ? "" : $""" AND "Status" IN ('{Open}', '{Breached}')""";
        command.CommandText = $"""
            SELECT {Tables.Instances.List()} FROM instances WHERE "Id" = @id{visible};
            SELECT {Tables.Actions.List()} FROM actions WHERE "InstanceId" = @id{outstandingOnly}{visible} ORDER BY "OpenedAt", "ActionId";
            SELECT {Tables.Timers.List("t")} FROM timers t JOIN instances i ON i."Id" = t."InstanceId"
              WHERE t."InstanceId" = @id AND t."Status" = '{Pending}'{database.Guard.Condition(command, "i")} ORDER BY t."DueAt";
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var instances = await Tables.Instances.ReadAllAsync(reader, cancellationToken);
        if (instances is not [var row])
        {
            return null;
        }

        await reader.NextResultAsync(cancellationToken);
        var actions = (await Tables.Actions.ReadAllAsync(reader, cancellationToken)).Select(ToModel).ToList();
        await reader.NextResultAsync(cancellationToken);
        var timers = (await Tables.Timers.ReadAllAsync(reader, cancellationToken)).Select(ToModel).ToList();
        return new StoredCase(ToModel(row), [.. actions.Where(a => a.IsOutstanding)], timers, [.. actions.Where(a => !a.IsOutstanding)]);
    }

    /// <summary>
    /// Claims up to <paramref name="limit"/> due timers, earliest first, that no other sweeper holds
    /// an unexpired lease on. On PostgreSQL rows another sweeper is claiming at this moment are
    /// skipped rather than waited for; SQLite has one writer at a time and needs no such clause. The
    /// sweep is the engine's own work and fires every partnership's deadlines.
    /// </summary>
    public async Task<IReadOnlyList<PendingTimer>> ClaimDueTimersAsync(long now, int limit, Guid sweeper, long claimedUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var timers = Tables.Timers;
        command.Parameters.Add(timers["ClaimedBy"].Parameter(command, "@sweeper", sweeper));
        command.Parameters.Add(timers["ClaimedUntil"].Parameter(command, "@until", claimedUntil));
        command.Parameters.Add(timers["DueAt"].Parameter(command, "@now", now));
        var limitParameter = command.CreateParameter();
        (limitParameter.ParameterName, limitParameter.Value) = ("@limit", limit);
        command.Parameters.Add(limitParameter);
        var skipLocked = database.Options.Provider == DatabaseProvider.PostgreSql ? "FOR UPDATE SKIP LOCKED" : "";
        command.CommandText = $"""
            UPDATE timers SET "ClaimedBy" = @sweeper, "ClaimedUntil" = @until
            WHERE "Id" IN (
                SELECT "Id" FROM timers
                WHERE "Status" = '{Pending}' AND "DueAt" <= @now AND ("ClaimedUntil" IS NULL OR "ClaimedUntil" < @now)
                ORDER BY "DueAt", "Id"
                LIMIT @limit
                {skipLocked})
            RETURNING {timers.List()}
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = await timers.ReadAllAsync(reader, cancellationToken);
        return [.. rows.OrderBy(r => r.DueAt).ThenBy(r => r.Id).Select(ToModel)];
    }
}
