using Microsoft.EntityFrameworkCore;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// The runtime's tables. Each provider has its own subclass so that each keeps its own migrations
/// (<c>Migrations/Sqlite</c>, <c>Migrations/PostgreSql</c>); the model is the same.
/// </summary>
public abstract class RuntimeDbContext(DbContextOptions options) : DbContext(options)
{
    public DbSet<InstanceRow> Instances => Set<InstanceRow>();

    public DbSet<ActionRow> Actions => Set<ActionRow>();

    public DbSet<TimerRow> Timers => Set<TimerRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<HistoryRow> History => Set<HistoryRow>();

    public DbSet<PathwayVersionRow> PathwayVersions => Set<PathwayVersionRow>();

    public DbSet<PathwayDraftRow> PathwayDrafts => Set<PathwayDraftRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InstanceRow>(e =>
        {
            e.ToTable("instances");
            e.HasKey(r => r.Id);
            e.Property(r => r.Version).IsConcurrencyToken();
            e.Property(r => r.PathwayId).HasMaxLength(200);
            e.Property(r => r.ContentHash).HasMaxLength(80);
            e.Property(r => r.Partnership).HasMaxLength(300);
            e.Property(r => r.PrisonNumber).HasMaxLength(40);
            e.Property(r => r.State).HasMaxLength(200);
            e.Property(r => r.Status).HasMaxLength(20);
            e.HasIndex(r => new { r.Partnership, r.PrisonNumber });
            e.HasIndex(r => new { r.Partnership, r.Status });
        });

        modelBuilder.Entity<ActionRow>(e =>
        {
            e.ToTable("actions");
            e.HasKey(r => r.Id);
            e.Property(r => r.Agency).HasMaxLength(200);
            e.Property(r => r.Partnership).HasMaxLength(300);
            e.Property(r => r.Status).HasMaxLength(20);
            e.HasIndex(r => r.InstanceId);

            // The caseload: an agency's outstanding actions in a partnership, by due time. Only
            // outstanding items are in the index, so it stays the size of the work in hand.
            e.HasIndex(r => new { r.Agency, r.Partnership, r.DueAt })
                .HasDatabaseName("IX_actions_caseload")
                .HasFilter("\"Status\" IN ('Open', 'Breached')");
        });

        modelBuilder.Entity<TimerRow>(e =>
        {
            e.ToTable("timers");
            e.HasKey(r => r.Id);
            e.Property(r => r.Status).HasMaxLength(20);
            e.Property(r => r.Kind).HasMaxLength(20);

            // Only pending timers are in these indexes: the sweep's query, and a case's own timers.
            // Fired and cancelled rows stay in the table as a record but cost the indexes nothing.
            e.HasIndex(r => r.DueAt)
                .HasDatabaseName("IX_timers_pending_due")
                .HasFilter("\"Status\" = 'Pending'");
            e.HasIndex(r => r.InstanceId)
                .HasDatabaseName("IX_timers_pending_instance")
                .HasFilter("\"Status\" = 'Pending'");
        });

        modelBuilder.Entity<OutboxRow>(e =>
        {
            e.ToTable("outbox");
            e.HasKey(r => r.Id);
            e.Property(r => r.Status).HasMaxLength(20);
            e.HasIndex(r => new { r.Status, r.CreatedAt });
            e.HasIndex(r => r.InstanceId);
        });

        modelBuilder.Entity<HistoryRow>(e =>
        {
            // A case's journal in order is the key itself: no second index to keep.
            e.ToTable("history");
            e.HasKey(r => new { r.InstanceId, r.Sequence });
            e.Property(r => r.Kind).HasMaxLength(40);
        });

        modelBuilder.Entity<PathwayVersionRow>(e =>
        {
            // The key is the version's number within its pathway and partnership: two people
            // publishing at once cannot both write the same number.
            e.ToTable("pathway_versions");
            e.HasKey(r => new { r.PathwayId, r.Partnership, r.Number });
            e.Property(r => r.PathwayId).HasMaxLength(200);
            e.Property(r => r.Partnership).HasMaxLength(300);
            e.Property(r => r.ContentHash).HasMaxLength(80);
            e.Property(r => r.Author).HasMaxLength(200);
            e.Property(r => r.RetractedBy).HasMaxLength(200);

            // The catalog finds a running case's definition by pathway id and content hash.
            e.HasIndex(r => new { r.PathwayId, r.ContentHash });
        });

        modelBuilder.Entity<PathwayDraftRow>(e =>
        {
            e.ToTable("pathway_drafts");
            e.HasKey(r => new { r.PathwayId, r.Partnership });
            e.Property(r => r.PathwayId).HasMaxLength(200);
            e.Property(r => r.Partnership).HasMaxLength(300);
            e.Property(r => r.SavedBy).HasMaxLength(200);
        });
    }
}

/// <summary>The runtime's tables on SQLite, the embedded default.</summary>
public sealed class SqliteRuntimeDbContext(DbContextOptions<SqliteRuntimeDbContext> options) : RuntimeDbContext(options);

/// <summary>The runtime's tables on PostgreSQL.</summary>
public sealed class PostgreSqlRuntimeDbContext(DbContextOptions<PostgreSqlRuntimeDbContext> options) : RuntimeDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Every operation rewrites its instance row. Room left on each page lets PostgreSQL write the
        // new row beside the old one without touching the indexes (a heap-only update).
        modelBuilder.Entity<InstanceRow>().HasStorageParameter("fillfactor", 70);
    }
}
