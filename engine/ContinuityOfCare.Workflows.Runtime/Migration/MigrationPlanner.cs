using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;

namespace ContinuityOfCare.Workflows.Runtime.Migration;

/// <summary>Checks a migration plan against the two versions it moves cases between.</summary>
public static class MigrationPlanner
{
    public static ResolvedMigration Resolve(MigrationPlan plan, PathwayDefinition from, PathwayDefinition to)
    {
        var problems = ImmutableArray.CreateBuilder<string>();
        if (plan.From.PathwayId != from.Id || plan.To.PathwayId != to.Id)
        {
            problems.Add($"The plan is for '{plan.From.PathwayId}' → '{plan.To.PathwayId}', but the versions given are of '{from.Id}' → '{to.Id}'.");
        }

        if (from.Id != to.Id)
        {
            problems.Add($"Cases can move only between versions of one pathway, not from '{from.Id}' to '{to.Id}'.");
        }

        if (plan.From.ContentHash == plan.To.ContentHash)
        {
            problems.Add("The plan moves cases to the version they are already on.");
        }

        foreach (var (source, target) in plan.States.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            if (from.FindState(source) is null)
            {
                problems.Add($"The plan maps '{source}', which is not a state of the version cases move from.");
            }

            if (to.FindState(target) is not { } destination)
            {
                problems.Add($"The plan maps '{source}' to '{target}', which is not a state of the version cases move to.");
            }
            else if (destination.Kind == StateKind.Final)
            {
                problems.Add($"The plan maps '{source}' to '{target}', a final state: a running case moved there would end without anyone recording why. Map it to a state the case can go on from.");
            }
        }

        var mappings = ImmutableArray.CreateBuilder<StateMapping>();
        var unmapped = ImmutableArray.CreateBuilder<string>();
        foreach (var state in from.States)
        {
            if (plan.States.TryGetValue(state.Id, out var target))
            {
                if (to.FindState(target) is { Kind: not StateKind.Final })
                {
                    mappings.Add(new StateMapping(state.Id, target, MappingReason.Plan));
                }
            }
            else if (to.States.FirstOrDefault(s => s.Was == state.Id) is { } renamed)
            {
                mappings.Add(new StateMapping(state.Id, renamed.Id, MappingReason.DeclaredRename));
            }
            else if (to.FindState(state.Id) is not null)
            {
                mappings.Add(new StateMapping(state.Id, state.Id, MappingReason.SameId));
            }
            else
            {
                unmapped.Add(state.Id);
            }
        }

        return new ResolvedMigration(plan, from, to, mappings.ToImmutable(), unmapped.ToImmutable(), problems.ToImmutable());
    }
}
