using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Migration;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Runtime.Engine;

internal sealed partial class Operation
{
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
        var order = Definition.FindState(fromState)?.Actions.Select(a => a.Id).ToList() ?? [];
        var target = migration.To.FindState(mapping.To)!;
        Record(new CaseMigrated(Instance.Definition, migration.Plan.To, fromState, target.Id, migration.PlanText));
        Definition = migration.To;
        Instance = Instance with { Definition = migration.Plan.To, State = target.Id };

        var actions = ImmutableArray.CreateBuilder<ActionMigration>();
        var kept = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in _actions.Values.Where(a => a.State == fromState && a.IsOutstanding).OrderBy(a => a.OpenedAt).ThenBy(a => order.IndexOf(a.ActionId)).ToList())
        {
            var timerTarget = item.Id.ToString();
            CancelTimers(t => t.Kind == TimerKind.ActionDeadline && t.Target == timerTarget);
            if (target.Actions.FirstOrDefault(a => a.Id == item.ActionId) is not { } action)
            {
                Put(item with { Status = ActionStatus.Cancelled });
                Record(new ActionCancelled(item.Id, item.ActionId));
                actions.Add(new ActionMigration(item.ActionId, item.Agency, ActionMove.Cancelled, item.DueAt, null));
                continue;
            }

            kept.Add(action.Id);
            var due = action.Deadline is null ? null : DueFor(action.Deadline);
            var reopened = item.Status == ActionStatus.Breached && due is { } next && next > Now;
            var status = reopened ? ActionStatus.Open : item.Status;
            Put(item with
            {
                State = target.Id,
                Description = action.Description,
                Agency = action.Agency,
                DueAt = due,
                Status = status,
                BreachedAt = reopened ? null : item.BreachedAt,
            });
            if (due is { } dueAt && status == ActionStatus.Open)
            {
                AddTimer(TimerKind.ActionDeadline, timerTarget, dueAt);
            }

            if (due != item.DueAt)
            {
                Record(item.DueAt is null && due is { } set
                    ? new DeadlineSet(item.Id, item.ActionId, set)
                    : new DeadlineMoved(item.Id, item.ActionId, item.DueAt, due, MigrationReason));
            }

            actions.Add(new ActionMigration(item.ActionId, action.Agency, ActionMove.Kept, item.DueAt, due));
        }

        foreach (var action in target.Actions.Where(a => !kept.Contains(a.Id) && !doneInState.Contains(a.Id)))
        {
            var due = action.Deadline is null ? null : DueFor(action.Deadline);
            var item = new ActionItem(
                _services.NewId(), Instance.Id, target.Id, action.Id, action.Description, action.Agency,
                Now, due, ActionStatus.Open, null, null, null);
            Put(item);
            Record(new ActionOpened(item.Id, action.Id, action.Agency, due));
            if (due is { } dueAt)
            {
                AddTimer(TimerKind.ActionDeadline, item.Id.ToString(), dueAt);
            }

            actions.Add(new ActionMigration(action.Id, action.Agency, ActionMove.Opened, null, due));
        }

        var timers = ImmutableArray.CreateBuilder<TimerMigration>();
        var before = _timers.Values.Where(t => t.Status == TimerStatus.Pending && t.Kind == TimerKind.StateTimer).ToList();
        CancelTimers(t => t.Kind == TimerKind.StateTimer);
        for (var i = 0; i < target.Timers.Length; i++)
        {
            var index = TimerTarget(i);
            var old = before.FirstOrDefault(t => t.Target == index)?.DueAt;
            var due = TimerDue(target.Timers[i]);
            if (due is { } dueAt)
            {
                AddTimer(TimerKind.StateTimer, index, dueAt);
            }

            Record(new TimerRescheduled(target.Id, target.Timers[i].Target, old, due, MigrationReason));
            timers.Add(new TimerMigration(target.Timers[i].Target, old, due));
        }

        return new InstanceMigration(Instance.Id, Instance.Case.Person.PrisonNumber, fromState, target.Id, actions.ToImmutable(), timers.ToImmutable(), Applied: false, Refused: null);
    }

    /// <summary>What history says moved a deadline or timer during a migration.</summary>
    public const string MigrationReason = "migration";
}
