using System.Data.Common;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// The outcome figures worked out in the database, from the facts the stores keep as cases change
/// (each case's moment of release and the end of its window, each stay in a state, each action's
/// due time and completion): counts, medians and percentiles come back, not cases, so a report reads
/// only the rows its period needs and its memory does not grow with the number of cases. The rules
/// are those of <see cref="CalculatedReportSource"/>, which the tests hold these answers to; each
/// case is counted by its own version's rules, passed in as a small table of values.
/// </summary>
public sealed partial class EfReportSource(RuntimeDatabase database) : IReportSource
{
    /// <summary>The indicator's result for each case, in SQL, in the order the reference decides it.</summary>
    private const string Classify = """
        CASE
            WHEN i."Status" <> 'Cancelled' AND i."EndedAt" <= i."WindowEndsAt"
                AND EXISTS (SELECT 1 FROM rules r WHERE r.hash = i."ContentHash" AND r.kind = 'continuity' AND r.outcome = i."Outcome") THEN 'Achieved'
            WHEN i."Status" = 'Cancelled' THEN 'Excluded'
            WHEN i."EndedAt" <= i."WindowEndsAt"
                AND EXISTS (SELECT 1 FROM rules r WHERE r.hash = i."ContentHash" AND r.kind = 'exclusion' AND r.outcome = i."Outcome") THEN 'Excluded'
            WHEN i."Status" = 'Active' AND @as_of < i."WindowEndsAt" THEN 'Pending'
            ELSE 'NotAchieved'
        END
        """;

    public async Task<IndicatorReport> IndicatorAsync(ReportQuery query, CasePage page, CancellationToken cancellationToken = default)
    {
        var months = query.Period.Months();
        var counts = new Dictionary<(int Month, IndicatorResult Result), int>();
        var cases = new List<IndicatorCase>();
        var caseCount = 0;
        if (query.Versions.Count > 0)
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using (var command = Indicator(connection, query))
            {
                var buckets = months.Select((m, k) => (k, Start: m.OnDayOfMonth(1).AtStartOfDayInZone(query.Zone).ToInstant(), End: m.PlusMonths(1).OnDayOfMonth(1).AtStartOfDayInZone(query.Zone).ToInstant())).ToList();
                command.CommandText += $"""
                    , months(m, m_start, m_end) AS (VALUES {Values(command, buckets.Select(b => new object[] { b.k, Ticks(b.Start), Ticks(b.End) }), "mo")})
                    SELECT months.m, c.result, count(*) FROM c JOIN months ON c."ReleasedAt" >= months.m_start AND c."ReleasedAt" < months.m_end
                    GROUP BY months.m, c.result
                    """;
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    counts[(Convert.ToInt32(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture), Enum.Parse<IndicatorResult>(reader.GetString(1)))] = Convert.ToInt32(reader.GetValue(2), System.Globalization.CultureInfo.InvariantCulture);
                }
            }

            caseCount = page.Only is null
                ? counts.Values.Sum()
                : counts.Where(c => c.Key.Result == page.Only).Sum(c => c.Value);
            cases = await CasesAsync(connection, query, page, cancellationToken);
        }

        IndicatorFigures Figures(IEnumerable<KeyValuePair<(int Month, IndicatorResult Result), int>> rows)
        {
            var list = rows.ToList();
            int Of(IndicatorResult result) => list.Where(r => r.Key.Result == result).Sum(r => r.Value);
            var released = list.Sum(r => r.Value);
            var (excluded, pending, numerator) = (Of(IndicatorResult.Excluded), Of(IndicatorResult.Pending), Of(IndicatorResult.Achieved));
            var denominator = released - excluded - pending;
            decimal? percentage = denominator == 0 ? null : Math.Round(100m * numerator / denominator, 1, MidpointRounding.AwayFromZero);
            return new IndicatorFigures(released, excluded, pending, denominator, numerator, percentage);
        }

        var byMonth = months.Select((m, k) => new IndicatorMonth(IndicatorCalculator.Month(m), Figures(counts.Where(c => c.Key.Month == k)))).ToList();
        return new IndicatorReport(query.Scope, Figures(counts), byMonth, cases, caseCount);
    }

    /// <summary>One page of the indicator's cases, in the order of release (then prison number, then id), with why each excluded one is left out.</summary>
    private async Task<List<IndicatorCase>> CasesAsync(DbConnection connection, ReportQuery query, CasePage page, CancellationToken cancellationToken)
    {
        await using var command = Indicator(connection, query);
        var only = page.Only is null ? "" : " WHERE c.result = @only";
        if (page.Only is { } result)
        {
            Add(command, "@only", result.ToString());
        }

        Add(command, "@skip", (long)page.Skip);
        Add(command, "@take", (long)Math.Min(page.Take, int.MaxValue));
        var ordinal = database.Options.Provider == DatabaseProvider.PostgreSql ? " COLLATE \"C\"" : "";
        command.CommandText += $"""
            SELECT c."Id", c."PrisonNumber", c."ReleasedAt", c."WindowEndsAt", c.result, c."Outcome", c."EndedAt", c."ContentHash" FROM c{only}
            ORDER BY c."ReleasedAt", c."PrisonNumber"{ordinal}, c."Id" LIMIT @take OFFSET @skip
            """;
        var rows = new List<(Guid Id, string PrisonNumber, long Released, long WindowEnd, IndicatorResult Result, string? Outcome, long? Ended, string Hash)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.Add((reader.GetFieldValue<Guid>(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), Enum.Parse<IndicatorResult>(reader.GetString(4)),
                    reader.IsDBNull(5) ? null : reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), reader.GetString(7)));
            }
        }

        var cancelled = await CancelReasonsAsync(connection, [.. rows.Where(r => r.Result == IndicatorResult.Excluded).Select(r => r.Id)], cancellationToken);
        return [.. rows.Select(r =>
        {
            var released = Instant(r.Released);
            var rules = ReportRules.For(query.Versions.Single(v => v.Key.ContentHash == r.Hash && v.Key.PathwayId == query.Scope.PathwayId).Value);
            var reason = r.Result != IndicatorResult.Excluded ? null
                : cancelled.TryGetValue(r.Id, out var why) ? "Cancelled: " + (why ?? "no reason given")
                : rules.Exclusions.First(e => e.Outcome == r.Outcome).Reason;
            return new IndicatorCase(r.Id, r.PrisonNumber, released, released.InZone(query.Zone).Date, Instant(r.WindowEnd), r.Result, r.Outcome, Instant(r.Ended), reason);
        })];
    }

    /// <summary>The reasons people gave for cancelling those of these cases that were cancelled (null where they gave none).</summary>
    private async Task<Dictionary<Guid, string?>> CancelReasonsAsync(DbConnection connection, IReadOnlyList<Guid> ids, CancellationToken cancellationToken)
    {
        var reasons = new Dictionary<Guid, string?>();
        if (ids.Count == 0)
        {
            return reasons;
        }

        await using var command = connection.CreateCommand();
        var id = database.Tables.Instances["Id"];
        var names = ids.Select((value, k) =>
        {
            command.Parameters.Add(id.Parameter(command, $"@id{k}", value));
            return $"@id{k}";
        });
        command.CommandText = $"""
            SELECT h."InstanceId", h."ChangeJson" FROM history h JOIN instances i ON i."Id" = h."InstanceId"
            WHERE h."InstanceId" IN ({string.Join(", ", names)}) AND h."Kind" = 'ended' AND i."Status" = 'Cancelled'
            ORDER BY h."InstanceId", h."Sequence"
            """;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            var ended = (InstanceEnded)System.Text.Json.JsonSerializer.Deserialize<HistoryChange>(reader.GetString(1), RuntimeJson.Options)!;
            reasons[reader.GetFieldValue<Guid>(0)] = ended.Reason;
        }

        return reasons;
    }

    /// <summary>
    /// The pathway's cases released in the period, each with its result (<c>c</c>), and its versions'
    /// continuity and exclusion outcomes (<c>rules</c>); a case on a version the partnership has no
    /// definition of is not counted, as in the reference.
    /// </summary>
    private DbCommand Indicator(DbConnection connection, ReportQuery query)
    {
        var command = connection.CreateCommand();
        var rules = query.Versions.SelectMany(v =>
        {
            var r = ReportRules.For(v.Value);
            return r.ContinuityOutcomes.Select(o => new object[] { v.Key.ContentHash, o, "continuity" })
                .Concat(r.Exclusions.Select(e => new object[] { v.Key.ContentHash, e.Outcome, "exclusion" }));
        }).ToList();
        rules.Add([string.Empty, string.Empty, "none"]);
        Add(command, "@as_of", Ticks(query.Scope.AsOf));
        command.CommandText = $"""
            WITH rules(hash, outcome, kind) AS (VALUES {Values(command, rules, "ru")}),
            c AS (
                SELECT i."Id", i."PrisonNumber", i."ReleasedAt", i."WindowEndsAt", i."Outcome", i."EndedAt", i."ContentHash",
                    {Classify} AS result
                FROM instances i
                WHERE {Scoped(command, query, "i")} AND i."ReleasedAt" >= @start AND i."ReleasedAt" < @end
                    AND i."ContentHash" IN ({Versions(command, query)})
            )
            """;
        return command;
    }
}
