using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.EntityFrameworkCore;
using static ContinuityOfCare.Workflows.Persistence.RowMapping;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// Pathway versions and drafts on EF Core, for SQLite and PostgreSQL alike. The table's key
/// (pathway id, partnership, number) settles two publishes racing for one number: the second
/// insert fails, and is reported as <see cref="VersionNumberTakenException"/>.
/// </summary>
public sealed class EfPathwayVersionStore(RuntimeDatabase database) : IPathwayVersionStore
{
    public async Task<IReadOnlyList<PathwayVersion>> ListVersionsAsync(string? pathwayId, string? partnership, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var rows = db.PathwayVersions.AsNoTracking();
        if (pathwayId is not null)
        {
            rows = rows.Where(r => r.PathwayId == pathwayId);
        }

        if (partnership is not null)
        {
            rows = rows.Where(r => r.Partnership == partnership);
        }

        // Ordered here rather than in SQL, so that both databases list in the same (ordinal) order.
        var versions = await Summaries(rows).ToListAsync(cancellationToken);
        return [.. versions
            .OrderBy(v => v.PathwayId, StringComparer.Ordinal)
            .ThenBy(v => v.Partnership, StringComparer.Ordinal)
            .ThenBy(v => v.Number)];
    }

    public Task<PathwayVersion?> FindVersionAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default) =>
        FirstAsync(rows => rows.Where(r => r.PathwayId == pathwayId && r.Partnership == partnership && r.Number == number), cancellationToken);

    public Task<PathwayVersion?> FindLatestAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default) =>
        FirstAsync(rows => rows.Where(r => r.PathwayId == pathwayId && r.Partnership == partnership).OrderByDescending(r => r.Number), cancellationToken);

    public Task<PathwayVersion?> FindCurrentAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default) =>
        FirstAsync(rows => rows.Where(r => r.PathwayId == pathwayId && r.Partnership == partnership && r.RetractedAt == null).OrderByDescending(r => r.Number), cancellationToken);

    public async Task<PathwayVersionContent?> GetContentAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.PathwayVersions.AsNoTracking()
            .Where(r => r.PathwayId == pathwayId && r.Partnership == partnership && r.Number == number)
            .Select(r => new PathwayVersionContent(r.SourceText, r.DefinitionJson))
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<string?> FindDefinitionJsonAsync(DefinitionVersion version, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.PathwayVersions.AsNoTracking()
            .Where(r => r.PathwayId == version.PathwayId && r.ContentHash == version.ContentHash)
            .Select(r => r.DefinitionJson)
            .FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<int?> FindFirstNumberAsync(DefinitionVersion version, string partnership, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        return await db.PathwayVersions.AsNoTracking()
            .Where(r => r.PathwayId == version.PathwayId && r.Partnership == partnership && r.ContentHash == version.ContentHash)
            .MinAsync(r => (int?)r.Number, cancellationToken);
    }

    public async Task AddVersionAsync(PathwayVersion version, PathwayVersionContent content, CancellationToken cancellationToken = default)
    {
        RequireWritable(version.Partnership);
        await using var db = database.CreateContext();
        db.PathwayVersions.Add(new PathwayVersionRow
        {
            PathwayId = version.PathwayId,
            Partnership = version.Partnership,
            Number = version.Number,
            ContentHash = version.ContentHash,
            Author = version.Author,
            PublishedAt = Ticks(version.PublishedAt),
            Note = version.Note,
            SourceText = content.SourceText,
            DefinitionJson = content.DefinitionJson,
            RetractedBy = version.Retraction?.By,
            RetractedAt = Ticks(version.Retraction?.At),
            RetractionReason = version.Retraction?.Reason,
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException exception) when (IsKeyTaken(exception))
        {
            throw new VersionNumberTakenException(version.PathwayId, version.Partnership, version.Number, exception);
        }
    }

    public async Task<bool> RetractAsync(string pathwayId, string partnership, int number, Retraction retraction, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var at = Ticks(retraction.At);

        // Only a version not yet retracted is changed, so a retraction is never overwritten.
        var changed = await db.PathwayVersions
            .Where(r => r.PathwayId == pathwayId && r.Partnership == partnership && r.Number == number && r.RetractedAt == null)
            .ExecuteUpdateAsync(
                set => set
                    .SetProperty(r => r.RetractedBy, retraction.By)
                    .SetProperty(r => r.RetractedAt, at)
                    .SetProperty(r => r.RetractionReason, retraction.Reason),
                cancellationToken);
        return changed == 1;
    }

    public async Task SaveDraftAsync(PathwayDraft draft, CancellationToken cancellationToken = default)
    {
        RequireWritable(draft.Partnership);
        await using var db = database.CreateContext();

        // One statement on both databases: insert the draft, or replace the one already there.
        await db.Database.ExecuteSqlInterpolatedAsync(
            $"""
            INSERT INTO pathway_drafts ("PathwayId", "Partnership", "Text", "SavedBy", "SavedAt")
            VALUES ({draft.PathwayId}, {draft.Partnership}, {draft.Text}, {draft.SavedBy}, {Ticks(draft.SavedAt)})
            ON CONFLICT ("PathwayId", "Partnership") DO UPDATE SET
              "Text" = excluded."Text", "SavedBy" = excluded."SavedBy", "SavedAt" = excluded."SavedAt"
            """,
            cancellationToken);
    }

    public async Task<PathwayDraft?> FindDraftAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default)
    {
        await using var db = database.CreateContext();
        var row = await db.PathwayDrafts.AsNoTracking()
            .FirstOrDefaultAsync(r => r.PathwayId == pathwayId && r.Partnership == partnership, cancellationToken);
        return row is null ? null : new PathwayDraft(row.PathwayId, row.Partnership, row.Text, row.SavedBy, Instant(row.SavedAt));
    }

    private async Task<PathwayVersion?> FirstAsync(Func<IQueryable<PathwayVersionRow>, IQueryable<PathwayVersionRow>> query, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        return await Summaries(query(db.PathwayVersions.AsNoTracking())).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The version without its text and definition, which only publishing and the catalog need.</summary>
    private static IQueryable<PathwayVersion> Summaries(IQueryable<PathwayVersionRow> rows) =>
        rows.Select(r => new PathwayVersion(
            r.PathwayId,
            r.Partnership,
            r.Number,
            r.ContentHash,
            r.Author,
            NodaTime.Instant.FromUnixTimeTicks(r.PublishedAt),
            r.Note,
            r.RetractedAt == null ? null : new Retraction(r.RetractedBy!, NodaTime.Instant.FromUnixTimeTicks(r.RetractedAt.Value), r.RetractionReason!)));

    /// <summary>Whether the insert failed because the key (the version's number) is already taken.</summary>
    private static bool IsKeyTaken(DbUpdateException exception) => exception.InnerException switch
    {
        // SQLITE_CONSTRAINT_PRIMARYKEY, SQLITE_CONSTRAINT_UNIQUE
        Microsoft.Data.Sqlite.SqliteException sqlite => sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        Npgsql.PostgresException postgres => postgres.SqlState == Npgsql.PostgresErrorCodes.UniqueViolation,
        _ => false,
    };

    /// <summary>Inserts go around the query filters, so they check the scope themselves.</summary>
    private void RequireWritable(string partnership)
    {
        var access = database.Scope.Current;
        if (!access.Allows(partnership))
        {
            throw new ForbiddenException($"This pathway belongs to '{partnership}'; you can write pathways only for {access}.");
        }
    }
}
