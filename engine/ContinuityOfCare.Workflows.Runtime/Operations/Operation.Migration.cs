using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Migration;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Runtime.Operations;

internal sealed partial class Operation
{
    /// <summary>What history says moved a deadline or timer during a migration.</summary>
    public const string MigrationReason = "migration";

    /// <summary>
    /// Moves the case onto another version of its pathway, into the state the migration maps its
    /// current state to. The case keeps the moment it entered its state, its events and its fields,
    /// so every deadline and timer of the target state is worked out from the same anchors as if
    /// the case had always run on the target version.
    /// </summary>
    /// <param name="doneInState">Actions already done since the case entered its current state: not opened again.</param>
    public InstanceMigration MigrateTo(ResolvedMigration migration, StateMapping mapping, IReadOnlySet<string> doneInState)
    {
        var fromState = Instance.State;
        var outstanding = OutstandingInState(fromState);
        var target = migration.To.FindState(mapping.To)!;
        Record(new CaseMigrated(Instance.Definition, migration.Plan.To, fromState, target.Id, migration.PlanText));
        Definition = migration.To;
        Instance = Instance with { Definition = migration.Plan.To, State = target.Id };
        if (Instance.ReleasedAt is { } released)
        {
            // The window is the target version's, counted from the same release.
            Instance = Instance with { WindowEndsAt = Release.WindowEnd(released, ReportRules.For(Definition).Window, Zone) };
        }


        var actions = ImmutableArray.CreateBuilder<ActionMigration>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in outstanding)
        {
            if (target.Actions.FirstOrDefault(a => a.Id == item.ActionId) is not { } action)
            {
                CancelTimers(t => t.Target == new ActionDeadlineTarget(item.Id));
                Put(item with { Status = ActionStatus.Cancelled });
                Record(new ActionCancelled(item.Id, item.ActionId));
                actions.Add(new ActionMigration(item.ActionId, item.Agency, ActionMove.Cancelled, item.DueAt, null));
                continue;
            }

            kept.Add(action.Id);
            var due = action.Deadline is null ? null : DueFor(action.Deadline);
            Reschedule(item, action, due, MigrationReason, inState: target.Id);
            actions.Add(new ActionMigration(item.ActionId, action.Agency, ActionMove.Kept, item.DueAt, due?.At));
        }

        foreach (var action in target.Actions.Where(a => !kept.Contains(a.Id) && !doneInState.Contains(a.Id)))
        {
            var item = OpenAction(target, action);
            actions.Add(new ActionMigration(action.Id, action.Agency, ActionMove.Opened, null, item.DueAt));
        }

        var timers = ImmutableArray.CreateBuilder<TimerMigration>();
        var before = _timers.Values.Where(t => t.Status == TimerStatus.Pending && t.Kind == TimerKind.StateTimer).ToList();
        CancelTimers(t => t.Kind == TimerKind.StateTimer);
        for (var i = 0; i < target.Timers.Length; i++)
        {
            var old = before.FirstOrDefault(t => t.Target == new StateTimerTarget(i))?.DueAt;
            var due = TimerDue(target.Timers[i]);
            if (due is { } dueAt)
            {
                AddTimer(new StateTimerTarget(i), dueAt);
            }

            Record(new TimerRescheduled(target.Id, target.Timers[i].Target, old, due?.At, MigrationReason));
            timers.Add(new TimerMigration(target.Timers[i].Target, old, due?.At));
        }

        return new InstanceMigration(Instance.Id, Instance.Case.Person.PrisonNumber, fromState, target.Id, actions.ToImmutable(), timers.ToImmutable(), Applied: false, Refused: null);
    }
}
