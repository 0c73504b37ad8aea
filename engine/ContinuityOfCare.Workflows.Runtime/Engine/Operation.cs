using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Engine;

/// <summary>
/// One operation on one instance: a working copy of the instance, its action items and timers, and
/// everything the operation changes, which <see cref="ToChangeSet"/> hands to the store to commit
/// at once. Nothing reaches the store if the operation throws.
/// </summary>
internal sealed partial class Operation
{
    /// <summary>How many events raised by escalations may follow one another in one operation.</summary>
    private const int MaxRaisedEvents = 16;

    private readonly RuntimeServices _services;
    private readonly long? _expectedVersion;
    private readonly Dictionary<Guid, ActionItem> _actions;
    private readonly Dictionary<Guid, PendingTimer> _timers;
    private readonly HashSet<Guid> _stored;
    private readonly HashSet<Guid> _changedActions = [];
    private readonly HashSet<Guid> _changedTimers = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly List<HistoryEntry> _history = [];
    private readonly Queue<(string Event, string Because)> _raised = new();

    private Operation(
        RuntimeServices services,
        PathwayDefinition definition,
        PathwayInstance instance,
        long? expectedVersion,
        Actor actor,
        IEnumerable<ActionItem> actions,
        IEnumerable<PendingTimer> timers)
    {
        _services = services;
        Definition = definition;
        Instance = instance;
        _expectedVersion = expectedVersion;
        Actor = actor;
        Now = services.Now();
        Zone = DateTimeZoneProviders.Tzdb[definition.TimeZone];
        _actions = actions.ToDictionary(a => a.Id);
        _timers = timers.ToDictionary(t => t.Id);
        _stored = [.. _actions.Keys, .. _timers.Keys];
    }

    public PathwayDefinition Definition { get; private set; }

    public PathwayInstance Instance { get; private set; }

    public Actor Actor { get; }

    public Instant Now { get; }

    public DateTimeZone Zone { get; }

    public StateDefinition CurrentState => Definition.FindState(Instance.State)
        ?? throw new InvalidOperationException($"State '{Instance.State}' is not in pathway '{Definition.Id}'.");

    public IEnumerable<ActionItem> Actions => _actions.Values;

    public static Operation ForNewInstance(RuntimeServices services, PathwayDefinition definition, PathwayInstance instance, Actor actor) =>
        new(services, definition, instance, null, actor, [], []);

    /// <param name="expectedVersion">
    /// The case's version as the caller last saw it, when the change is to be made only if nobody has
    /// changed the case since (otherwise a <see cref="ConcurrencyConflictException"/> with the case as it is now).
    /// </param>
    public static async Task<Operation> LoadAsync(RuntimeServices services, Guid instanceId, Actor actor, long? expectedVersion, CancellationToken cancellationToken)
    {
        var stored = await services.Store.LoadCaseAsync(instanceId, cancellationToken)
            ?? throw new NotFoundException($"There is no case {instanceId}.");
        var instance = stored.Instance;
        if (expectedVersion is { } expected && expected != instance.Version)
        {
            throw new ConcurrencyConflictException(instance);
        }

        var definition = await services.Catalog.FindAsync(instance.Definition, cancellationToken)
            ?? throw new NotFoundException($"The pathway version this case runs on ({instance.Definition.PathwayId}, {instance.Definition.ContentHash}) is not available.");
        return new Operation(services, definition, instance, instance.Version, actor, stored.OutstandingActions, stored.PendingTimers);
    }

    public ChangeSet ToChangeSet() => new(
        Instance with { Version = Instance.Version + 1 },
        _expectedVersion,
        [.. _changedActions.Select(id => _actions[id])],
        [.. _changedTimers.Select(id => _timers[id])],
        [.. _outbox],
        [.. _history],
        _changedActions.Concat(_changedTimers).Where(id => !_stored.Contains(id)).ToHashSet());

    /// <summary>The pending timers this operation added, so the scheduler can be told.</summary>
    public IEnumerable<Instant> NewTimerDueTimes =>
        _changedTimers.Select(id => _timers[id]).Where(t => t.Status == TimerStatus.Pending).Select(t => t.DueAt);

    public void RequireActive()
    {
        if (!Instance.IsActive)
        {
            throw new InvalidOperationForInstanceException(
                $"The case has ended ({Instance.Status.ToString().ToLowerInvariant()}{(Instance.Outcome is null ? "" : $": {Instance.Outcome}")}); nothing more can be recorded on it.");
        }
    }

    public void Record(HistoryChange change) =>
        _history.Add(new HistoryEntry(
            _services.NewId(),
            Instance.Id,
            0,
            Now,
            Actor,
            Instance.Definition,
            change));

    // ---- States -----------------------------------------------------------------------------

    /// <summary>Enters a state: opens its actions with their deadlines, sets its timers, and ends the case at a final state.</summary>
    public void EnterState(StateDefinition state, string because)
    {
        var from = Instance.State;
        Instance = Instance with { State = state.Id, StateEnteredAt = Now };
        if (because == Started)
        {
            Record(new InstanceStarted(state.Id));
        }
        else
        {
            Record(new StateEntered(from, state.Id, because));
        }

        foreach (var action in state.Actions)
        {
            var due = action.Deadline is null ? null : DueFor(action.Deadline);
            var item = new ActionItem(
                _services.NewId(), Instance.Id, state.Id, action.Id, action.Description, action.Agency,
                Now, due, ActionStatus.Open, null, null, null);
            Put(item);
            Record(new ActionOpened(item.Id, action.Id, action.Agency, due));
            if (due is { } dueAt)
            {
                AddTimer(TimerKind.ActionDeadline, item.Id.ToString(), dueAt);
            }
        }

        for (var i = 0; i < state.Timers.Length; i++)
        {
            if (TimerDue(state.Timers[i]) is { } dueAt)
            {
                AddTimer(TimerKind.StateTimer, TimerTarget(i), dueAt);
            }
        }

        if (state.Kind == StateKind.Final)
        {
            var status = state.Outcome == Outcomes.LeftPathway ? InstanceStatus.LeftPathway : InstanceStatus.Completed;
            Instance = Instance with { Status = status, Outcome = state.Outcome, EndedAt = Now };
            Record(new InstanceEnded(status, state.Outcome, null));
        }
    }

    /// <summary>Starts the case in its start state with the fields it was opened with (recorded after the start).</summary>
    public void Start(StateDefinition start, ImmutableDictionary<string, FieldValue> fields)
    {
        Instance = Instance with { Case = Instance.Case with { Fields = fields } };
        EnterState(start, Started);
        foreach (var (field, value) in fields.OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            Record(new FieldChanged(field, null, value));
        }
    }

    /// <summary>The reason given when a case starts, instead of a transition.</summary>
    public const string Started = "started";

    /// <summary>Leaves the current state: its outstanding actions are cancelled and its timers stop.</summary>
    public void LeaveState()
    {
        var order = Definition.FindState(Instance.State)?.Actions.Select(a => a.Id).ToList() ?? [];
        var outstanding = _actions.Values
            .Where(a => a.State == Instance.State && a.IsOutstanding)
            .OrderBy(a => a.OpenedAt)
            .ThenBy(a => order.IndexOf(a.ActionId))
            .ToList();
        foreach (var item in outstanding)
        {
            Put(item with { Status = ActionStatus.Cancelled });
            Record(new ActionCancelled(item.Id, item.ActionId));
        }

        CancelTimers(t => t.State == Instance.State);
    }

    /// <summary>Ends a case before it reaches a final state.</summary>
    public void Cancel(string reason)
    {
        LeaveState();
        Instance = Instance with { Status = InstanceStatus.Cancelled, EndedAt = Now };
        Record(new InstanceEnded(InstanceStatus.Cancelled, null, reason));
    }

    // ---- Transitions and events -------------------------------------------------------------

    /// <summary>
    /// Takes a transition: the event is recorded (with the values asked for already applied), its
    /// effects run from the state it leaves, then the case moves to the target, if there is one.
    /// </summary>
    public void TakeTransition(TransitionDefinition transition, string? note)
    {
        var source = CurrentState;
        RecordEvent(transition.Event, note);
        RunEffects(transition.Effects, source, action: null, eventName: transition.Event, note: note);
        if (transition.Target is not null)
        {
            MoveTo(transition.Target, $"'{transition.Event}' recorded");
        }

        ProcessRaisedEvents();
    }

    public void RecordEvent(string eventName, string? note)
    {
        Instance = Instance with { LastEvents = Instance.LastEvents.SetItem(eventName, Now) };
        Record(new EventRecorded(eventName, note));
        RecomputeDeadlines(AnchorKind.Event, eventName);
    }

    public void MoveTo(string target, string because)
    {
        var state = Definition.FindState(target)
            ?? throw new InvalidOperationException($"State '{target}' is not in pathway '{Definition.Id}'.");
        LeaveState();
        EnterState(state, because);
    }

    /// <summary>The first transition on an event whose condition holds for the fields given.</summary>
    public TransitionDefinition? Match(StateDefinition state, string eventName, IReadOnlyDictionary<string, FieldValue> fields) =>
        state.Transitions.FirstOrDefault(t =>
            t.Event == eventName && (t.Condition is null || ConditionEvaluator.Holds(t.Condition, Definition, fields, Now, Zone)));

    /// <summary>Events raised by escalations (<c>if missed: raise ...</c>) are handled after the change that raised them.</summary>
    private void ProcessRaisedEvents()
    {
        var handled = 0;
        while (_raised.Count > 0 && Instance.IsActive)
        {
            var (eventName, because) = _raised.Dequeue();
            if (++handled > MaxRaisedEvents)
            {
                throw new InvalidOperationException($"Escalations raised more than {MaxRaisedEvents} events in a row in pathway '{Definition.Id}'; stopping a loop.");
            }

            var transition = Match(CurrentState, eventName, Instance.Case.Fields);
            if (transition is null)
            {
                // Nothing in this state handles it, but it is still recorded: deadlines may count from it.
                RecordEvent(eventName, because);
                continue;
            }

            var source = CurrentState;
            RecordEvent(eventName, because);
            RunEffects(transition.Effects, source, action: null, eventName: eventName, note: because);
            if (transition.Target is not null)
            {
                MoveTo(transition.Target, $"'{eventName}' raised ({because})");
            }
        }
    }

    // ---- Fields -----------------------------------------------------------------------------

    /// <summary>Sets field values (already checked), records each change and moves the deadlines that count from them.</summary>
    public void SetFields(IReadOnlyDictionary<string, FieldValue> values)
    {
        foreach (var (field, value) in values.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            SetField(field, value);
        }
    }

    public void SetField(string field, FieldValue? value)
    {
        var old = Instance.Case.Field(field);
        if (Equals(old, value))
        {
            return;
        }

        var fields = value is null ? Instance.Case.Fields.Remove(field) : Instance.Case.Fields.SetItem(field, value);
        Instance = Instance with { Case = Instance.Case with { Fields = fields } };
        Record(new FieldChanged(field, old, value));
        RecomputeDeadlines(AnchorKind.Field, field);
    }

    public void SetConsent(bool consent)
    {
        if (Instance.Case.ConsentRecorded == consent)
        {
            return;
        }

        Instance = Instance with { Case = Instance.Case with { ConsentRecorded = consent } };
        Record(new ConsentChanged(consent));
    }

    // ---- Actions and deadlines --------------------------------------------------------------

    /// <summary>An outstanding action item of this case, or null (no such item, or it is done or cancelled).</summary>
    public ActionItem? FindOutstandingAction(Guid actionItemId) => _actions.GetValueOrDefault(actionItemId);

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
        CancelTimers(t => t.Kind == TimerKind.ActionDeadline && t.Target == item.Id.ToString());
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

    public PendingTimer? FindTimer(Guid id) => _timers.GetValueOrDefault(id);

    private static string DescribeDelay(Delay delay) =>
        delay.Anchor.Kind == AnchorKind.StateEntry ? delay.Duration.ToString() : $"{delay.Duration} of {delay.Anchor.Name}";

    private static string TimerTarget(int index) => index.ToString(System.Globalization.CultureInfo.InvariantCulture);

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
            if (action?.Deadline is not { } deadline || deadline.DependsOn.Kind != kind || deadline.DependsOn.Name != name)
            {
                continue;
            }

            var due = DueFor(deadline);
            if (due == item.DueAt)
            {
                continue;
            }

            // A moved deadline is a new deadline: an action breached under the old one is open again
            // if the new one is still ahead.
            var reopened = item.Status == ActionStatus.Breached && due is { } next && next > Now;
            Put(item with
            {
                DueAt = due,
                Status = reopened ? ActionStatus.Open : item.Status,
                BreachedAt = reopened ? null : item.BreachedAt,
            });
            CancelTimers(t => t.Kind == TimerKind.ActionDeadline && t.Target == item.Id.ToString());
            if (due is { } dueAt && (item.Status == ActionStatus.Open || reopened))
            {
                AddTimer(TimerKind.ActionDeadline, item.Id.ToString(), dueAt);
            }

            Record(item.DueAt is null && due is { } set
                ? new DeadlineSet(item.Id, item.ActionId, set)
                : new DeadlineMoved(item.Id, item.ActionId, item.DueAt, due, name));
        }

        for (var i = 0; i < state.Timers.Length; i++)
        {
            var timer = state.Timers[i];
            if (timer.Delay.Anchor.Kind != kind || timer.Delay.Anchor.Name != name)
            {
                continue;
            }

            var target = TimerTarget(i);
            var existing = _timers.Values.FirstOrDefault(t => t.Status == TimerStatus.Pending && t.Kind == TimerKind.StateTimer && t.State == state.Id && t.Target == target);
            var due = TimerDue(timer);
            if (existing?.DueAt == due)
            {
                continue;
            }

            CancelTimers(t => t.Kind == TimerKind.StateTimer && t.State == state.Id && t.Target == target);
            if (due is { } dueAt)
            {
                AddTimer(TimerKind.StateTimer, target, dueAt);
            }

            Record(new TimerRescheduled(state.Id, timer.Target, existing?.DueAt, due, name));
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

    private void AddTimer(TimerKind kind, string target, Instant dueAt) =>
        PutTimer(new PendingTimer(_services.NewId(), Instance.Id, Instance.State, kind, target, dueAt, TimerStatus.Pending));

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

    // ---- Effects ----------------------------------------------------------------------------

    private void RunEffects(IEnumerable<Effect> effects, StateDefinition state, ActionItem? action, string? eventName, string? note)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case NotifyEffect notify:
                    foreach (var agency in notify.Agencies)
                    {
                        Notify(notify, agency, state, action, eventName, note);
                    }

                    break;
                case SetFieldEffect set:
                    SetField(set.Field, FieldValues.FromConstant(set.Value, Definition.FindField(set.Field), Now, Zone));
                    break;
                case RaiseEffect raise:
                    _raised.Enqueue((raise.Event, action is null ? "raised by the pathway" : $"'{action.ActionId}' was not done in time"));
                    break;
                default:
                    throw new InvalidOperationException($"Unknown effect {effect.GetType().Name}.");
            }
        }
    }
}

/// <summary>Outcome names the runtime gives a meaning to.</summary>
public static class Outcomes
{
    /// <summary>A final state with this outcome ends the case as "left the pathway" rather than "completed".</summary>
    public const string LeftPathway = "left-pathway";
}
