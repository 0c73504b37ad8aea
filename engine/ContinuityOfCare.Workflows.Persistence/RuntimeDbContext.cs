using Microsoft.EntityFrameworkCore;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// The runtime's tables. Every table that belongs to a partnership carries a global query filter
/// when the context works for one partnership (see <see cref="Access"/>): a caller confined to one
/// partnership never reads another's rows. Work for every partnership (the engine's own: timers,
/// deliveries, start-up) uses a model with no filter at all, and work for nobody a filter that
/// matches nothing. Two models rather than one filter with an "or everything" switch, because a
/// prepared statement keeps one plan: with the switch in the SQL, PostgreSQL cannot plan an index
/// seek on the partnership for either kind of caller. Each provider has its own subclass so that
/// each keeps its own migrations (<c>Migrations/Sqlite</c>, <c>Migrations/PostgreSql</c>); the model is the same.
/// </summary>
public abstract class RuntimeDbContext(DbContextOptions options) : DbContext(options)
{
    // Read by the query filters each time a query runs. Set by RuntimeDatabase when it creates the
    // context, before the model is first used; a context made any other way sees nothing.
    private bool _seesEverything;
    private string? _visiblePartnership;

    /// <summary>Whose rows this context reads (see <see cref="IPartnershipScope"/>).</summary>
    public PartnershipAccess Access
    {
        get => _seesEverything ? PartnershipAccess.All : _visiblePartnership is { } p ? PartnershipAccess.Only(p) : PartnershipAccess.None;
        internal set => (_seesEverything, _visiblePartnership) = (value.Everything, value.Partnership);
    }

    /// <summary>Whether this context's model filters by partnership: every context but the engine's own.</summary>
    internal bool Filtered => !_seesEverything;

    public DbSet<InstanceRow> Instances => Set<InstanceRow>();

    public DbSet<ActionRow> Actions => Set<ActionRow>();

    public DbSet<TimerRow> Timers => Set<TimerRow>();

    public DbSet<OutboxRow> Outbox => Set<OutboxRow>();

    public DbSet<HistoryRow> History => Set<HistoryRow>();

    public DbSet<StayRow> Stays => Set<StayRow>();

    public DbSet<PathwayVersionRow> PathwayVersions => Set<PathwayVersionRow>();

    public DbSet<PathwayDraftRow> PathwayDrafts => Set<PathwayDraftRow>();

    public DbSet<IdempotencyRow> IdempotencyKeys => Set<IdempotencyRow>();

    /// <summary>The filtered model's rule for one table; the engine's model has none.</summary>
    private void FilterByPartnership<TRow>(Microsoft.EntityFrameworkCore.Metadata.Builders.EntityTypeBuilder<TRow> entity, System.Linq.Expressions.Expression<Func<TRow, bool>> visible)
        where TRow : class
    {
        if (Filtered)
        {
            entity.HasQueryFilter(visible);
        }
    }

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

            // The partnership's cases newest first: the order every case list is read in.
            e.HasIndex(r => new { r.Partnership, r.StartedAt, r.Id });

            // The indicator: a pathway's cases by the moment of release.
            e.HasIndex(r => new { r.Partnership, r.PathwayId, r.ReleasedAt })
                .HasDatabaseName("IX_instances_released")
                .HasFilter("\"ReleasedAt\" IS NOT NULL");
            FilterByPartnership(e, r => r.Partnership == _visiblePartnership);
        });

        modelBuilder.Entity<ActionRow>(e =>
        {
            e.ToTable("actions");
            e.HasKey(r => r.Id);
            e.Property(r => r.Agency).HasMaxLength(200);
            e.Property(r => r.Partnership).HasMaxLength(300);
            e.Property(r => r.Status).HasMaxLength(20);
            e.HasIndex(r => r.InstanceId);
            FilterByPartnership(e, r => r.Partnership == _visiblePartnership);

            // Deadline compliance: a partnership's actions by when they fall due.
            e.HasIndex(r => new { r.Partnership, r.DueAt })
                .HasDatabaseName("IX_actions_due")
                .HasFilter("\"DueAt\" IS NOT NULL");

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
            FilterByPartnership(e, r => Set<InstanceRow>().Any(i => i.Id == r.InstanceId));
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

            // A partnership's notifications newest first.
            e.HasIndex(r => new { r.Partnership, r.CreatedAt, r.Id });
            FilterByPartnership(e, r => r.Partnership == _visiblePartnership);
        });

        modelBuilder.Entity<HistoryRow>(e =>
        {
            // A case's journal in order is the key itself: no second index to keep.
            e.ToTable("history");
            e.HasKey(r => new { r.InstanceId, r.Sequence });
            e.Property(r => r.Kind).HasMaxLength(40);

            // History rows name no partnership: a line is visible when its case is (the instance
            // filter applies inside this one).
            FilterByPartnership(e, r => Set<InstanceRow>().Any(i => i.Id == r.InstanceId));
        });

        modelBuilder.Entity<StayRow>(e =>
        {
            // A case's stays in order are the key itself; the reports read a pathway's stays by when they began.
            e.ToTable("stays");
            e.HasKey(r => new { r.InstanceId, r.Sequence });
            e.Property(r => r.Partnership).HasMaxLength(300);
            e.Property(r => r.PathwayId).HasMaxLength(200);
            e.Property(r => r.State).HasMaxLength(200);
            e.HasIndex(r => new { r.Partnership, r.PathwayId, r.EnteredAt });
            FilterByPartnership(e, r => r.Partnership == _visiblePartnership);
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
            FilterByPartnership(e, r => r.Partnership == _visiblePartnership);
        });

        modelBuilder.Entity<PathwayDraftRow>(e =>
        {
            e.ToTable("pathway_drafts");
            e.HasKey(r => new { r.PathwayId, r.Partnership });
            e.Property(r => r.PathwayId).HasMaxLength(200);
            e.Property(r => r.Partnership).HasMaxLength(300);
            e.Property(r => r.SavedBy).HasMaxLength(200);
            FilterByPartnership(e, r => r.Partnership == _visiblePartnership);
        });

        modelBuilder.Entity<IdempotencyRow>(e =>
        {
            // A caller's own keys: the owner is part of the key, so no partnership filter is needed.
            e.ToTable("idempotency_keys");
            e.HasKey(r => new { r.Owner, r.Key });
            e.Property(r => r.Owner).HasMaxLength(256);
            e.Property(r => r.Key).HasMaxLength(200);
            e.Property(r => r.RequestHash).HasMaxLength(64);
            e.Property(r => r.ContentType).HasMaxLength(200);
            e.Property(r => r.Location).HasMaxLength(500);
            e.Property(r => r.ETag).HasMaxLength(100);
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
