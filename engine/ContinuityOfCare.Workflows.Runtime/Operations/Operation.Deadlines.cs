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
            Now, due?.At, ActionStatus.Open, null, null, null, due?.Provisional ?? false);
        Put(item);
        Record(new ActionOpened(item.Id, action.Id, action.Agency, due?.At));
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
    /// <param name="dueAt">The due time the timer fired for, recorded in the history.</param>
    public bool FireStateTimer(int index, Instant? dueAt = null)
    {
        var state = CurrentState;
        if (index < 0 || index >= state.Timers.Length || !Instance.IsActive)
        {
            return false;
        }

        var timer = state.Timers[index];
        Record(new TimerTaken(state.Id, timer.Target, DescribeDelay(timer.Delay), dueAt));
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
                && DueFor(deadline) is var due && (due?.At != item.DueAt || (due?.Provisional ?? false) != item.DueProvisional))
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
            if (existing?.DueAt == due?.At && existing?.DueProvisional == due?.Provisional)
            {
                continue;
            }

            CancelTimers(t => t.State == state.Id && t.Target == target);
            if (due is { } dueAt)
            {
                AddTimer(target, dueAt);
            }

            RecordTimerChange(state.Id, timer.Target, existing?.DueAt, due?.At, name);
        }
    }

    /// <summary>
    /// Gives an outstanding item the due time its action's deadline now works out to: its timer is
    /// set again, and a move is recorded with why. A moved deadline is a new deadline: an item
    /// breached under the old one is open again if the new one is still ahead.
    /// </summary>
    /// <param name="inState">The state the item now belongs to, when the case has moved onto another version.</param>
    /// <param name="recounted">The calendar changed rather than what the deadline counts from: <paramref name="because"/> says how.</param>
    private void Reschedule(ActionItem item, ActionDefinition action, DueTime? dueTime, string because, string? inState = null, bool recounted = false)
    {
        var due = dueTime?.At;
        var reopened = item.Status == ActionStatus.Breached && due is { } next && next > Now;
        var status = reopened ? ActionStatus.Open : item.Status;
        Put(item with
        {
            State = inState ?? item.State,
            Description = action.Description,
            Agency = action.Agency,
            DueAt = due,
            DueProvisional = dueTime?.Provisional ?? false,
            Status = status,
            BreachedAt = reopened ? null : item.BreachedAt,
        });
        var target = new ActionDeadlineTarget(item.Id);
        CancelTimers(t => t.Target == target);
        if (dueTime is { } dueAt && status == ActionStatus.Open)
        {
            AddTimer(target, dueAt);
        }

        if (due != item.DueAt)
        {
            Record(item.DueAt is null && due is { } set
                ? new DeadlineSet(item.Id, item.ActionId, set)
                : recounted
                    ? new DeadlineRecounted(item.Id, item.ActionId, item.DueAt, due, because)
                    : new DeadlineMoved(item.Id, item.ActionId, item.DueAt, due, because));
        }

        if (reopened)
        {
            Record(new ActionReopened(item.Id, item.ActionId, due!.Value));
        }
    }

    /// <summary>
    /// Works out again every deadline and timer of the current state with the calendar as it now is
    /// (newer bank holidays imported), moving each whose due time changed and recording why.
    /// </summary>
    /// <returns>The deadlines and timers whose due time moved.</returns>
    public int RecountDueTimes(string reason)
    {
        if (!Instance.IsActive || Definition.FindState(Instance.State) is not { } state)
        {
            return 0;
        }

        var moved = 0;
        foreach (var item in _actions.Values.Where(a => a.State == state.Id && a.IsOutstanding).ToList())
        {
            var action = state.Actions.FirstOrDefault(a => a.Id == item.ActionId);
            if (action?.Deadline is { } deadline && DueFor(deadline) is { } due && (due.At != item.DueAt || due.Provisional != item.DueProvisional))
            {
                moved += due.At != item.DueAt ? 1 : 0;
                Reschedule(item, action, due, reason, recounted: true);
            }
        }

        for (var i = 0; i < state.Timers.Length; i++)
        {
            var target = new StateTimerTarget(i);
            var existing = _timers.Values.FirstOrDefault(t => t.Status == TimerStatus.Pending && t.State == state.Id && t.Target == target);
            if (existing is null || TimerDue(state.Timers[i]) is not { } due || (existing.DueAt == due.At && existing.DueProvisional == due.Provisional))
            {
                continue;
            }

            CancelTimers(t => t.State == state.Id && t.Target == target);
            AddTimer(target, due);
            if (existing.DueAt != due.At)
            {
                moved++;
                Record(new TimerRecounted(state.Id, state.Timers[i].Target, existing.DueAt, due.At, reason));
            }
        }

        return moved;
    }

    /// <summary>Whether this operation changed anything of the case yet.</summary>
    public bool HasChanges => _changedActions.Count > 0 || _changedTimers.Count > 0 || _history.Count > 0;

    /// <summary>A timer with a due time where there was none is "set"; one whose due time changed, "moved".</summary>
    private void RecordTimerChange(string state, string target, Instant? old, Instant? due, string because)
    {
        if (old is null && due is { } set)
        {
            Record(new TimerSet(state, target, set));
        }
        else if (old != due)
        {
            Record(new TimerRescheduled(state, target, old, due, because));
        }
    }

    private DueTime? DueFor(Deadline deadline) =>
        Anchor(deadline.DependsOn) is { } anchor
            ? Counted(deadline.DependsOn, anchor, () => _services.Deadlines.DueTime(deadline, anchor, Zone, Definition.Calendar))
            : null;

    private DueTime? TimerDue(TimerDefinition timer) =>
        Anchor(timer.Delay.Anchor) is { } anchor
            ? Counted(timer.Delay.Anchor, anchor, () => _services.Deadlines.TimerDueTime(timer.Delay, anchor, Zone, Definition.Calendar))
            : null;

    /// <summary>
    /// A due time, or a refusal naming what it counts from and the date, when the calendar cannot count
    /// it (a calendar with no data or rules for the year, a date so far ahead the count runs off the calendar).
    /// </summary>
    private DueTime Counted(Anchor from, AnchorPoint anchor, Func<DueTime> count)
    {
        try
        {
            return count();
        }
        catch (Exception problem) when (problem is CalendarDataException or ArgumentOutOfRangeException or OverflowException)
        {
            var date = anchor.DateIn(Zone);
            var what = from.Kind switch
            {
                AnchorKind.Field => $"field '{from.Name}'",
                AnchorKind.Event => $"event '{from.Name}'",
                _ => $"entering state '{Instance.State}'",
            };
            var reason = problem is CalendarDataException ? problem.Message : "the count runs past the last date the calendar can hold.";
            throw new CalendarCannotCountException(
                from.Kind == AnchorKind.Field ? from.Name! : from.Kind == AnchorKind.Event ? from.Name! : "state",
                date,
                $"A due time counted from {what} ({BankHolidayFile.Iso(date)}) on the '{Definition.Calendar}' calendar cannot be worked out: {reason}");
        }
    }

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

    private void AddTimer(TimerTarget target, DueTime due) =>
        PutTimer(new PendingTimer(_services.NewId(), Instance.Id, Instance.State, target, due.At, TimerStatus.Pending, due.Provisional));

    /// <summary>
    /// A due timer that cannot fire, because its case's calendar cannot count what firing it needs:
    /// the failure is recorded on the case and the timer is not tried again.
    /// </summary>
    public void FailTimer(PendingTimer timer, string reason)
    {
        PutTimer(timer with { Status = TimerStatus.Failed });
        Record(new TimerFailed(timer.State, timer.Target is StateTimerTarget ? "timer" : "deadline", timer.DueAt, reason));
    }

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
