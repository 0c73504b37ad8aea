using System.Data.Common;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Outcomes.Reports;


namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// Deadline compliance and time in state: counts by category, and the median and 90th percentile
/// (nearest rank) and longest of how long things took, ranked in the database, so only one row per
/// agency, action or state comes back.
/// </summary>
public sealed partial class EfReportSource
{
    private const long TicksPerDay = 24L * 60 * 60 * 10_000_000;

    /// <summary>
    /// The nearest-rank percentiles of <c>took</c> within each group of <paramref name="by"/>: the value
    /// at rank ⌈p·n/100⌉, the smallest with at least p% of the values at or below it.
    /// </summary>
    private static string Ranked(string from, string by) => $"""
        ranked AS (
            SELECT {by}, took, ROW_NUMBER() OVER (PARTITION BY {by} ORDER BY took) AS place, COUNT(*) OVER (PARTITION BY {by}) AS n
            FROM {from} WHERE took IS NOT NULL
        )
        SELECT {by},
            max(CASE WHEN place = (50 * n + 99) / 100 THEN took END),
            max(CASE WHEN place = (90 * n + 99) / 100 THEN took END),
            max(took)
        FROM ranked GROUP BY {by}
        """;

    public async Task<ComplianceReport> ComplianceAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        var rows = new List<ComplianceRow>();
        var byAgency = await ComplianceRowsAsync(connection, query, "a.\"Agency\", '' AS \"ActionId\"", "\"Agency\", \"ActionId\"", cancellationToken);
        var byAction = await ComplianceRowsAsync(connection, query, "a.\"Agency\", a.\"ActionId\"", "\"Agency\", \"ActionId\"", cancellationToken);
        foreach (var agency in byAgency.OrderBy(r => r.Agency, StringComparer.Ordinal))
        {
            rows.Add(agency with { Action = null });
            rows.AddRange(byAction.Where(r => r.Agency == agency.Agency).OrderBy(r => r.Action, StringComparer.Ordinal));
        }

        return new ComplianceReport(query.Scope, rows);
    }

    /// <summary>The deadlines that fell due in the period, of the pathway's cases that started before it ended, counted by <paramref name="group"/>.</summary>
    private async Task<List<ComplianceRow>> ComplianceRowsAsync(DbConnection connection, ReportQuery query, string select, string group, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        var due = $"""
            due AS (
                SELECT {select},
                    CASE WHEN a."Status" = 'Done' THEN 'on time' WHEN a."Status" = 'Late' THEN 'late' WHEN a."BreachedAt" IS NOT NULL THEN 'breached'
                         WHEN a."Status" = 'Open' THEN 'still open' ELSE 'cancelled' END AS category,
                    CASE WHEN a."CompletedAt" IS NOT NULL AND a."Status" IN ('Done', 'Late') THEN a."CompletedAt" - a."OpenedAt" END AS took
                FROM actions a JOIN instances i ON i."Id" = a."InstanceId"
                WHERE a."Partnership" = @partnership AND a."DueAt" IS NOT NULL AND a."DueAt" >= @start AND a."DueAt" < @end
                    AND {Scoped(command, query, "i")} AND i."StartedAt" < @end
            )
            """;
        command.CommandText = $"""
            WITH {due}
            SELECT {group}, count(*),
                sum(CASE WHEN category = 'on time' THEN 1 ELSE 0 END), sum(CASE WHEN category = 'late' THEN 1 ELSE 0 END),
                sum(CASE WHEN category = 'breached' THEN 1 ELSE 0 END), sum(CASE WHEN category = 'still open' THEN 1 ELSE 0 END),
                sum(CASE WHEN category = 'cancelled' THEN 1 ELSE 0 END)
            FROM due GROUP BY {group};
            WITH {due}, {Ranked("due", group)};
            """;
        var counts = new Dictionary<(string Agency, string Action), int[]>();
        var hours = new Dictionary<(string Agency, string Action), (double? Median, double? P90)>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            counts[(reader.GetString(0), reader.GetString(1))] = [.. Enumerable.Range(2, 6).Select(k => Int(reader, k))];
        }

        await reader.NextResultAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            hours[(reader.GetString(0), reader.GetString(1))] = (Hours(reader, 2), Hours(reader, 3));
        }

        return [.. counts.Select(c =>
        {
            var (median, p90) = hours.GetValueOrDefault(c.Key);
            return new ComplianceRow(c.Key.Agency, c.Key.Action, c.Value[0], c.Value[1], c.Value[2], c.Value[3], c.Value[4], c.Value[5], median, p90);
        })];
    }

    public async Task<TimeInStateReport> TimeInStateAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        var stays = $"""
            began AS (
                SELECT s."State", s."LeftAt" - s."EnteredAt" AS took
                FROM stays s
                WHERE {Scoped(command, query, "s")} AND s."EnteredAt" >= @start AND s."EnteredAt" < @end
            )
            """;
        command.CommandText = $"""
            WITH {stays}
            SELECT "State", count(*), count(took),
                sum(CASE WHEN took < {TicksPerDay} THEN 1 ELSE 0 END),
                sum(CASE WHEN took >= {TicksPerDay} AND took < {7 * TicksPerDay} THEN 1 ELSE 0 END),
                sum(CASE WHEN took >= {7 * TicksPerDay} AND took < {21 * TicksPerDay} THEN 1 ELSE 0 END),
                sum(CASE WHEN took >= {21 * TicksPerDay} THEN 1 ELSE 0 END)
            FROM began GROUP BY "State";
            WITH {stays}, {Ranked("began", "\"State\"")};
            """;
        var counts = new Dictionary<string, int[]>(StringComparer.Ordinal);
        var hours = new Dictionary<string, (double? Median, double? P90, double? Max)>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                counts[reader.GetString(0)] = [.. Enumerable.Range(1, 6).Select(k => Int(reader, k))];
            }

            await reader.NextResultAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                hours[reader.GetString(0)] = (Hours(reader, 1), Hours(reader, 2), Hours(reader, 3));
            }
        }

        var rows = query.Reporting.States.Where(s => s.Kind != StateKind.Final).Select(s =>
        {
            var c = counts.GetValueOrDefault(s.Id) ?? new int[6];
            var (median, p90, max) = hours.GetValueOrDefault(s.Id);
            return new TimeInStateRow(s.Id, s.Stage, c[0], c[1], c[0] - c[1], c[2], c[3], c[4], c[5], median, p90, max);
        }).ToList();
        return new TimeInStateReport(query.Scope, rows);
    }

    /// <summary>A span in ticks as hours to two places, rounded as the reference rounds them.</summary>
    private static double? Hours(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ComplianceCalculator.Round(NodaTime.Duration.FromTicks(Convert.ToInt64(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture)).TotalHours);
}
