using ContinuityOfCare.Workflows.Outcomes.Reports;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// The outcome reports' cases read from the runtime tables on SQLite or PostgreSQL: three queries
/// (instances, their history, their action items), each filtered by partnership, pathway and start
/// in the database, so a report reads only the cases it can count.
/// </summary>
public sealed class EfReportSource(RuntimeDatabase database) : IReportSource
{
    public async Task<IReadOnlyList<ReportCase>> GetCasesAsync(string partnership, string pathwayId, Instant startedBefore, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var before = Ticks(startedBefore);
        var instances = db.Instances.AsNoTracking()
            .Where(i => i.Partnership == partnership && i.PathwayId == pathwayId && i.StartedAt < before);
        var instanceRows = await instances.ToListAsync(cancellationToken);
        var historyRows = await db.History.AsNoTracking()
            .Join(instances, h => h.InstanceId, i => i.Id, (h, _) => h)
            .ToListAsync(cancellationToken);
        var actionRows = await db.Actions.AsNoTracking()
            .Join(instances, a => a.InstanceId, i => i.Id, (a, _) => a)
            .ToListAsync(cancellationToken);

        var history = historyRows.OrderBy(h => h.Sequence).Select(ToModel).ToLookup(h => h.InstanceId);
        var actions = actionRows.Select(ToModel).ToLookup(a => a.InstanceId);
        return [.. instanceRows
            .Select(ToModel)
            .OrderBy(i => i.StartedAt).ThenBy(i => i.Id)
            .Select(i => new ReportCase(
                i,
                [.. history[i.Id]],
                [.. actions[i.Id].OrderBy(a => a.OpenedAt).ThenBy(a => a.ActionId, StringComparer.Ordinal)]))];
    }
}
