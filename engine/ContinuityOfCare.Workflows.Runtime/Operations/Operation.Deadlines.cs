using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Operations;

/// <summary>Actions, their deadlines, and timers: opening, completing, breaching, firing, and moving them when what they count from changes.</summary>
internal sealed partial class Operation
{
    /// <summary>An outstanding action item of this case, or null (no such item, or it is done or cancelled).</summary>
    public ActionItem? FindOutstandingAction(Guid actionItemId) => _actions.GetValueOrDefault(actionItemId);

    public PendingTimer? FindTimer(Guid id) => _timers.GetValueOrDefault(id);

    /// <summary>Opens one of a state's actions, due as its deadline says (or waiting, if what it counts from has not happened).</summary>
    private ActionItem OpenAction(StateDefinition state, ActionDefinition action)
    {
        var due = action.Deadline is null ? null : DueFor(action.Deadline);
        var item = new ActionItem(
            _services.NewId(), Instance.Id, state.Id, action.Id, action.Description, action.Agency,
            Now, due, ActionStatus.Open, null, null, null);
        Put(item);
        Record(new ActionOpened(item.Id, action.Id, action.Agency, due));
        if (due is { } dueAt)
        {
            AddTimer(new ActionDeadlineTarget(item.Id), dueAt);
        }

        return item;
    }

    public void CompleteAction(ActionItem item)
    {
        var late = item.Status == ActionStatus.Breached || (item.DueAt is { } due && Now >= due);
        Put(item with
        {
            Status = late ? ActionStatus.Late : ActionStatus.Done,
            CompletedAt = Now,
            CompletedBy = Actor.ToString(),
        });
        Record(new ActionCompleted(item.Id, item.ActionId, late));
        CancelTimers(t => t.Target == new ActionDeadlineTarget(item.Id));
    }

    /// <summary>
    /// A deadline came due. The breach is recorded and its effects run once: a second firing finds
    /// the action no longer open and does nothing.
    /// </summary>
    public bool Breach(ActionItem item)
    {
        if (item.Status != ActionStatus.Open || item.State != Instance.State || item.DueAt is not { } due || due > Now)
        {
            return false;
        }

        Put(item with { Status = ActionStatus.Breached, BreachedAt = Now });
        Record(new DeadlineBreached(item.Id, item.ActionId, item.Agency, due));
        var state = CurrentState;
        var action = state.Actions.FirstOrDefault(a => a.Id == item.ActionId);
        if (action is not null)
        {
            RunEffects(action.OnMissed, state, item, eventName: null, note: null);
        }

        ProcessRaisedEvents();
        return true;
    }

    /// <summary>A state's timer came due: the case moves on.</summary>
    public bool FireStateTimer(int index)
    {
        var state = CurrentState;
        if (index < 0 || index >= state.Timers.Length || !Instance.IsActive)
        {
            return false;
        }

        var timer = state.Timers[index];
        Record(new TimerTaken(state.Id, timer.Target, DescribeDelay(timer.Delay)));
        RunEffects(timer.Effects, state, action: null, eventName: null, note: null);
        MoveTo(timer.Target, $"after {DescribeDelay(timer.Delay)}");
        ProcessRaisedEvents();
        return true;
    }

    public void MarkFired(PendingTimer timer) => PutTimer(timer with { Status = TimerStatus.Fired });

    private static string DescribeDelay(Delay delay) =>
        delay.Anchor.Kind == AnchorKind.StateEntry ? delay.Duration.ToString() : $"{delay.Duration} of {delay.Anchor.Name}";

    /// <summary>
    /// After an event or a field changes, every deadline and timer of the current state that counts
    /// from it is worked out again; each one that moves is rescheduled and the move recorded.
    /// </summary>
    private void RecomputeDeadlines(AnchorKind kind, string name)
    {
        if (Definition.FindState(Instance.State) is not { } state)
        {
            return;
        }

        foreach (var item in _actions.Values.Where(a => a.State == state.Id && a.IsOutstanding).ToList())
        {
            var action = state.Actions.FirstOrDefault(a => a.Id == item.ActionId);
            if (action?.Deadline is { } deadline && deadline.DependsOn.Kind == kind && deadline.DependsOn.Name == name
                && DueFor(deadline) is var due && due != item.DueAt)
            {
                Reschedule(item, action, due, because: name);
            }
        }

        for (var i = 0; i < state.Timers.Length; i++)
        {
            var timer = state.Timers[i];
            if (timer.Delay.Anchor.Kind != kind || timer.Delay.Anchor.Name != name)
            {
                continue;
            }

            var target = new StateTimerTarget(i);
            var existing = _timers.Values.FirstOrDefault(t => t.Status == TimerStatus.Pending && t.State == state.Id && t.Target == target);
            var due = TimerDue(timer);
            if (existing?.DueAt == due)
            {
                continue;
            }

            CancelTimers(t => t.State == state.Id && t.Target == target);
            if (due is { } dueAt)
            {
                AddTimer(target, dueAt);
            }

            Record(new TimerRescheduled(state.Id, timer.Target, existing?.DueAt, due, name));
        }
    }

    /// <summary>
    /// Gives an outstanding item the due time its action's deadline now works out to: its timer is
    /// set again, and a move is recorded with why. A moved deadline is a new deadline: an item
    /// breached under the old one is open again if the new one is still ahead.
    /// </summary>
    /// <param name="inState">The state the item now belongs to, when the case has moved onto another version.</param>
    private void Reschedule(ActionItem item, ActionDefinition action, Instant? due, string because, string? inState = null)
    {
        var reopened = item.Status == ActionStatus.Breached && due is { } next && next > Now;
        var status = reopened ? ActionStatus.Open : item.Status;
        Put(item with
        {
            State = inState ?? item.State,
            Description = action.Description,
            Agency = action.Agency,
            DueAt = due,
            Status = status,
            BreachedAt = reopened ? null : item.BreachedAt,
        });
        var target = new ActionDeadlineTarget(item.Id);
        CancelTimers(t => t.Target == target);
        if (due is { } dueAt && status == ActionStatus.Open)
        {
            AddTimer(target, dueAt);
        }

        if (due != item.DueAt)
        {
            Record(item.DueAt is null && due is { } set
                ? new DeadlineSet(item.Id, item.ActionId, set)
                : new DeadlineMoved(item.Id, item.ActionId, item.DueAt, due, because));
        }
    }

    private Instant? DueFor(Deadline deadline) =>
        Anchor(deadline.DependsOn) is { } anchor
            ? _services.Deadlines.Due(deadline, anchor, Zone, Definition.Calendar)
            : null;

    private Instant? TimerDue(TimerDefinition timer) =>
        Anchor(timer.Delay.Anchor) is { } anchor
            ? _services.Deadlines.After(timer.Delay, anchor, Zone, Definition.Calendar)
            : null;

    /// <summary>What a deadline counts from, or null when that has not happened yet (the deadline waits).</summary>
    private AnchorPoint? Anchor(Anchor anchor) => anchor.Kind switch
    {
        AnchorKind.StateEntry => new MomentAnchor(Instance.StateEnteredAt),
        AnchorKind.Event => Instance.LastEvents.TryGetValue(anchor.Name!, out var at) ? new MomentAnchor(at) : null,
        AnchorKind.Field => Instance.Case.Field(anchor.Name!) switch
        {
            DateValue date => new DayAnchor(date.Date),
            DateTimeValue moment => new MomentAnchor(moment.Instant),
            _ => null,
        },
        _ => null,
    };

    private void AddTimer(TimerTarget target, Instant dueAt) =>
        PutTimer(new PendingTimer(_services.NewId(), Instance.Id, Instance.State, target, dueAt, TimerStatus.Pending));

    private void CancelTimers(Func<PendingTimer, bool> which)
    {
        foreach (var timer in _timers.Values.Where(t => t.Status == TimerStatus.Pending && which(t)).ToList())
        {
            PutTimer(timer with { Status = TimerStatus.Cancelled });
        }
    }

    private void Put(ActionItem item)
    {
        _actions[item.Id] = item;
        _changedActions.Add(item.Id);
    }

    private void PutTimer(PendingTimer timer)
    {
        _timers[timer.Id] = timer;
        _changedTimers.Add(timer.Id);
    }
}
