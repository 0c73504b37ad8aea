using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Migration;

/// <summary>Moves running cases from one version of their pathway onto another, by a checked plan.</summary>
public sealed class CaseMigrator
{
    private readonly RuntimeServices _services;

    internal CaseMigrator(RuntimeServices services) => _services = services;

    /// <summary>Checks a plan against the two versions it names (both must be in the catalog).</summary>
    public async Task<ResolvedMigration> ResolveAsync(MigrationPlan plan, CancellationToken cancellationToken = default)
    {
        var from = await _services.Catalog.FindAsync(plan.From, cancellationToken)
            ?? throw new NotFoundException($"Version {plan.From.ContentHash} of pathway '{plan.From.PathwayId}' is not available.");
        var to = await _services.Catalog.FindAsync(plan.To, cancellationToken)
            ?? throw new NotFoundException($"Version {plan.To.ContentHash} of pathway '{plan.To.PathwayId}' is not available.");
        return MigrationPlanner.Resolve(plan, from, to);
    }

    /// <summary>
    /// Moves one running case onto the plan's target version, or (<paramref name="dryRun"/>) says
    /// what moving it would do and changes nothing. Everything the move changes is one change set:
    /// all of it happens or none of it. A case that cannot move (ended, on another version, in a
    /// state the plan does not place) is refused with the reason, and nothing changes.
    /// </summary>
    public async Task<InstanceMigration> MigrateAsync(Guid instanceId, ResolvedMigration migration, bool dryRun, Actor actor, CancellationToken cancellationToken = default)
    {
        RequireNoProblems(migration);
        var operation = await Operation.LoadAsync(_services, instanceId, actor, expectedVersion: null, withClosedActions: true, cancellationToken);
        return await MoveAsync(operation, migration, dryRun, cancellationToken);
    }

    /// <summary>How many cases are read together, in one round trip for each kind of row, on the way through a migration.</summary>
    public const int Batch = 500;

    /// <summary>
    /// Moves every running case on the plan's source version, or (<paramref name="dryRun"/>) says
    /// what moving each would do. Before anything moves, the plan must have no problems and place
    /// every state a running case is in; otherwise the run is refused as a whole (a dry run still
    /// lists every case, with the refused ones and why). Each case then moves in its own change
    /// set, all or nothing. Cases are read <see cref="Batch"/> at a time.
    /// </summary>
    public async Task<MigrationReport> MigrateAllAsync(ResolvedMigration migration, bool dryRun, Actor actor, CancellationToken cancellationToken = default)
    {
        var blocked = ImmutableArray.CreateBuilder<string>();
        blocked.AddRange(migration.Problems);
        var cases = ImmutableArray.CreateBuilder<InstanceMigration>();
        if (!migration.Problems.IsEmpty)
        {
            return new MigrationReport(migration, dryRun, cases.ToImmutable(), blocked.ToImmutable());
        }

        var ids = await _services.Store.FindActiveInstanceIdsAsync(migration.Plan.From, cancellationToken);
        await foreach (var operation in ReadAsync(ids, actor, cancellationToken))
        {
            cases.Add(await MoveAsync(operation, migration, dryRun: true, cancellationToken));
        }

        foreach (var state in cases.Where(c => c.Refused is not null).Select(c => c.FromState).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            blocked.Add($"Cases are in state '{state}', which the target version does not have; the plan must say where they go.");
        }

        if (dryRun || blocked.Count > 0)
        {
            return new MigrationReport(migration, dryRun, cases.ToImmutable(), blocked.ToImmutable());
        }

        // Read again before moving: a case may have changed since the trial (and if it changes
        // between this read and its write, its move is refused whole and the run carries on).
        var applied = ImmutableArray.CreateBuilder<InstanceMigration>(ids.Count);
        await foreach (var operation in ReadAsync(ids, actor, cancellationToken))
        {
            try
            {
                applied.Add(await MoveAsync(operation, migration, dryRun: false, cancellationToken));
            }
            catch (ConcurrencyConflictException conflict)
            {
                applied.Add(new InstanceMigration(operation.Instance.Id, conflict.Current.Case.Person.PrisonNumber, conflict.Current.State, null, [], [], Applied: false,
                    "The case changed while it was being moved; nothing of the move was written. Run the migration again to move it."));
            }
        }

        return new MigrationReport(migration, dryRun, applied.ToImmutable(), []);
    }

    /// <summary>The cases, read <see cref="Batch"/> at a time, each ready to be moved.</summary>
    private async IAsyncEnumerable<Operation> ReadAsync(IReadOnlyList<Guid> ids, Actor actor, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        for (var start = 0; start < ids.Count; start += Batch)
        {
            var batch = ids.Skip(start).Take(Batch).ToList();
            foreach (var stored in await _services.Store.LoadCasesAsync(batch, withClosedActions: true, cancellationToken))
            {
                yield return await Operation.FromAsync(_services, stored, actor, cancellationToken);
            }
        }
    }

    private static void RequireNoProblems(ResolvedMigration migration)
    {
        if (!migration.Problems.IsEmpty)
        {
            throw new InvalidOperationForInstanceException("The migration plan has problems: " + string.Join(" ", migration.Problems));
        }
    }

    /// <summary>
    /// Moves one case read into an operation, or says what moving it would do; a case that cannot
    /// move (ended, on another version, in a state the plan does not place) is refused with the reason.
    /// </summary>
    private async Task<InstanceMigration> MoveAsync(Operation operation, ResolvedMigration migration, bool dryRun, CancellationToken cancellationToken)
    {
        var instance = operation.Instance;
        InstanceMigration Refuse(string why) =>
            new(instance.Id, instance.Case.Person.PrisonNumber, instance.State, null, [], [], Applied: false, why);

        if (!instance.IsActive)
        {
            return Refuse("The case has ended; ended cases stay on the version they ran on.");
        }

        if (instance.Definition != migration.Plan.From)
        {
            return Refuse($"The case runs on version {instance.Definition.ContentHash}, not on the version the plan moves cases from.");
        }

        if (migration.For(instance.State) is not { } mapping)
        {
            return Refuse($"State '{instance.State}' is not in the target version and the plan does not say where its cases go.");
        }

        var done = operation.ClosedActions
            .Where(a => a.State == instance.State && a.OpenedAt >= instance.StateEnteredAt && a.Status is ActionStatus.Done or ActionStatus.Late)
            .Select(a => a.ActionId)
            .ToHashSet(StringComparer.Ordinal);
        var result = operation.MigrateTo(migration, mapping, done);
        if (dryRun)
        {
            return result;
        }

        await _services.CommitAsync(operation, cancellationToken);
        return result with { Applied = true };
    }
}
