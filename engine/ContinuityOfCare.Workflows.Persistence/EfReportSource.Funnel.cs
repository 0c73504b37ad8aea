using System.Data.Common;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Outcomes.Reports;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>The attrition funnel, from the stays the store keeps.</summary>
public sealed partial class EfReportSource
{
    public async Task<FunnelReport> FunnelAsync(ReportQuery query, CancellationToken cancellationToken = default)
    {
        var stages = FunnelCalculator.Stages(query.Reporting).ToList();
        var journeys = new List<(int Furthest, bool Active, string LostFrom, string? Outcome, int Cases)>();
        if (query.Versions.Count > 0 && stages.Count > 0)
        {
            await using var connection = await database.OpenConnectionAsync(cancellationToken);
            await using var command = connection.CreateCommand();

            // Each version's states: the index of the state's stage in the funnel (-1 when it is not
            // in it), and whether the state is final. A case is read by its own version's states.
            var states = query.Versions.SelectMany(v => v.Value.States.Select(s => new object[]
            {
                v.Key.ContentHash, s.Id, stages.IndexOf(s.Stage), s.Kind == StateKind.Final ? 1 : 0,
            })).ToList();
            command.CommandText = $"""
                WITH m(hash, state, stage_index, is_final) AS (VALUES {Values(command, states, "st")}),
                entries AS (
                    SELECT s."InstanceId"
                    FROM stays s
                    JOIN instances i ON i."Id" = s."InstanceId"
                    JOIN m ON m.hash = i."ContentHash" AND m.state = s."State" AND m.stage_index = 0
                    WHERE {Scoped(command, query, "s")} AND s."EnteredAt" >= @start AND s."EnteredAt" < @end
                        AND NOT EXISTS (
                            SELECT 1 FROM stays earlier JOIN m m_first ON m_first.hash = i."ContentHash" AND m_first.state = earlier."State" AND m_first.stage_index = 0
                            WHERE earlier."InstanceId" = s."InstanceId" AND earlier."Sequence" < s."Sequence")
                ),
                journeys AS (
                    SELECT
                        (SELECT max(m2.stage_index) FROM stays a JOIN m m2 ON m2.hash = i."ContentHash" AND m2.state = a."State"
                            WHERE a."InstanceId" = e."InstanceId") AS furthest,
                        CASE WHEN i."Status" = 'Active' THEN 1 ELSE 0 END AS active,
                        COALESCE(
                            (SELECT a."State" FROM stays a LEFT JOIN m m3 ON m3.hash = i."ContentHash" AND m3.state = a."State"
                                WHERE a."InstanceId" = e."InstanceId" AND COALESCE(m3.is_final, 0) = 0 ORDER BY a."Sequence" DESC LIMIT 1),
                            i."State") AS lost_from,
                        i."Outcome" AS outcome
                    FROM entries e JOIN instances i ON i."Id" = e."InstanceId"
                )
                SELECT furthest, active, lost_from, outcome, count(*) FROM journeys GROUP BY furthest, active, lost_from, outcome
                """;
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                journeys.Add((Int(reader, 0), Int(reader, 1) == 1, reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3), Int(reader, 4)));
            }
        }

        var result = new List<FunnelStage>();
        for (var i = 0; i < stages.Count; i++)
        {
            var here = journeys.Where(j => j.Furthest == i).ToList();
            var ended = here.Where(j => !j.Active).ToList();
            var last = i == stages.Count - 1;
            var losses = last ? [] : ended
                .GroupBy(j => (j.LostFrom, j.Outcome))
                .Select(g => new FunnelLoss(g.Key.LostFrom, g.Key.Outcome, g.Sum(j => j.Cases)))
                .OrderByDescending(l => l.Cases).ThenBy(l => l.State, StringComparer.Ordinal).ThenBy(l => l.Outcome, StringComparer.Ordinal)
                .ToList();
            var endedCount = ended.Sum(j => j.Cases);
            result.Add(new FunnelStage(
                stages[i],
                journeys.Where(j => j.Furthest >= i).Sum(j => j.Cases),
                here.Sum(j => j.Cases) - endedCount,
                last ? 0 : endedCount,
                losses));
        }

        return new FunnelReport(query.Scope, result);
    }

    private static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), System.Globalization.CultureInfo.InvariantCulture);
}
