using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using Microsoft.EntityFrameworkCore;
using NodaTime;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// Gives the cases written before the stores kept the reports' facts (each stay in a state, the
/// moment of release and the end of its window) those facts, worked out from their history by the
/// same rules the runtime now applies as cases change. Runs once, when the migration that added the
/// facts is applied to a database that already holds cases.
/// </summary>
internal static class ReportFactsBackfill
{
    /// <summary>The migration that added the facts.</summary>
    public const string Migration = "ReportFacts";

    private const int Batch = 500;

    public static async Task RunAsync(RuntimeDatabase database, CancellationToken cancellationToken)
    {
        Dictionary<(string PathwayId, string ContentHash), PathwayDefinition> definitions;
        await using (var db = database.CreateContext())
        {
            definitions = (await db.PathwayVersions.AsNoTracking().Select(v => new { v.PathwayId, v.ContentHash, v.DefinitionJson }).ToListAsync(cancellationToken))
                .DistinctBy(v => (v.PathwayId, v.ContentHash))
                .ToDictionary(v => (v.PathwayId, v.ContentHash), v => DefinitionJson.FromJson(v.DefinitionJson));
        }

        for (var skip = 0; ; skip += Batch)
        {
            await using var db = database.CreateContext();
            var instances = await db.Instances.AsNoTracking().OrderBy(i => i.Id).Skip(skip).Take(Batch).ToListAsync(cancellationToken);
            if (instances.Count == 0)
            {
                return;
            }

            var ids = instances.Select(i => i.Id).ToList();
            var history = (await db.History.AsNoTracking().Where(h => ids.Contains(h.InstanceId)).OrderBy(h => h.InstanceId).ThenBy(h => h.Sequence).ToListAsync(cancellationToken))
                .ToLookup(h => h.InstanceId);
            foreach (var instance in instances)
            {
                var definition = definitions.GetValueOrDefault((instance.PathwayId, instance.ContentHash));
                Fill(db, instance, [.. history[instance.Id]], definition);
            }

            await db.SaveChangesAsync(cancellationToken);
        }
    }

    private static void Fill(RuntimeDbContext db, InstanceRow instance, IReadOnlyList<HistoryRow> lines, PathwayDefinition? definition)
    {
        var rules = definition is null ? ReportRules.National : ReportRules.For(definition);
        StayRow? open = null;
        foreach (var line in lines)
        {
            var entry = ToModel(line);
            if (instance.ReleasedAt is null && entry.Change is EventRecorded recorded && recorded.Event == rules.ReleaseEvent)
            {
                instance.ReleasedAt = line.At;
                var zone = DateTimeZoneProviders.Tzdb[definition?.TimeZone ?? PathwayDefaults.TimeZone];
                instance.WindowEndsAt = Ticks(Release.WindowEnd(entry.At, rules.Window, zone));
            }

            if (Release.EnteredState(entry.Change) is { } state)
            {
                open?.LeftAt = line.At;
                open = new StayRow { InstanceId = instance.Id, Sequence = line.Sequence, Partnership = instance.Partnership, PathwayId = instance.PathwayId, State = state, EnteredAt = line.At };
                db.Stays.Add(open);
            }
        }

        if (instance.ReleasedAt is not null)
        {
            db.Instances.Attach(instance);
            db.Entry(instance).Property(i => i.ReleasedAt).IsModified = true;
            db.Entry(instance).Property(i => i.WindowEndsAt).IsModified = true;
        }
    }
}
