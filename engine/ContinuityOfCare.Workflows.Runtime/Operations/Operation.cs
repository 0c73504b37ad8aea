using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Operations;

/// <summary>
/// One operation on one instance: a working copy of the instance, its action items and timers, and
/// everything the operation changes, which <see cref="ToChangeSet"/> hands to the store to commit
/// at once. Nothing reaches the store if the operation throws.
/// </summary>
internal sealed partial class Operation
{
    /// <summary>How many events raised by escalations may follow one another in one operation.</summary>
    private const int MaxRaisedEvents = 16;

    /// <summary>The reason given when a case starts, instead of a transition.</summary>
    public const string Started = "started";

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
        IEnumerable<PendingTimer> timers,
        IReadOnlyList<ActionItem> closedActions)
    {
        _services = services;
        Definition = definition;
        Instance = instance;
        _expectedVersion = expectedVersion;
        Actor = actor;
        Now = services.Now();
        Zone = services.Zone(definition);
        _actions = actions.ToDictionary(a => a.Id);
        _timers = timers.ToDictionary(t => t.Id);
        _stored = [.. _actions.Keys, .. _timers.Keys];
        ClosedActions = closedActions;
    }

    public PathwayDefinition Definition { get; private set; }

    public PathwayInstance Instance { get; private set; }

    public Actor Actor { get; }

    public Instant Now { get; }

    public DateTimeZone Zone { get; }

    public StateDefinition CurrentState => Definition.FindState(Instance.State)
        ?? throw new InvalidOperationException($"State '{Instance.State}' is not in pathway '{Definition.Id}'.");

    /// <summary>The outstanding action items as loaded, and every item this operation opened or changed.</summary>
    public IEnumerable<ActionItem> Actions => _actions.Values;

    /// <summary>The case's done and cancelled items as they were loaded (empty unless asked for); no operation changes them.</summary>
    public IReadOnlyList<ActionItem> ClosedActions { get; }

    /// <summary>Every action item of the case as it stands after this operation, in the order they were opened.</summary>
    public IReadOnlyList<ActionItem> AllActions =>
        [.. ClosedActions.Concat(_actions.Values).OrderBy(a => a.OpenedAt).ThenBy(a => a.ActionId, StringComparer.Ordinal)];

    /// <summary>The timers still pending after this operation, earliest first.</summary>
    public IReadOnlyList<PendingTimer> PendingTimers =>
        [.. _timers.Values.Where(t => t.Status == TimerStatus.Pending).OrderBy(t => t.DueAt)];

    public static Operation ForNewInstance(RuntimeServices services, PathwayDefinition definition, PathwayInstance instance, Actor actor) =>
        new(services, definition, instance, null, actor, [], [], []);

    /// <param name="expectedVersion">
    /// The case's version as the caller last saw it, when the change is to be made only if nobody has
    /// changed the case since (otherwise a <see cref="ConcurrencyConflictException"/> with the case as it is now).
    /// </param>
    /// <param name="withClosedActions">Also read the case's done and cancelled items, for a view of the whole case after the change.</param>
    public static async Task<Operation> LoadAsync(
        RuntimeServices services, Guid instanceId, Actor actor, long? expectedVersion, bool withClosedActions, CancellationToken cancellationToken)
    {
        var stored = await services.Store.LoadCaseAsync(instanceId, withClosedActions, cancellationToken)
            ?? throw new NotFoundException($"There is no case {instanceId}.");
        var instance = stored.Instance;
        if (expectedVersion is { } expected && expected != instance.Version)
        {
            throw new ConcurrencyConflictException(instance);
        }

        return await FromAsync(services, stored, actor, cancellationToken);
    }

    /// <summary>An operation on a case already read (one of several read together).</summary>
    public static async Task<Operation> FromAsync(RuntimeServices services, StoredCase stored, Actor actor, CancellationToken cancellationToken)
    {
        var instance = stored.Instance;
        var definition = await services.DefinitionOfAsync(instance, cancellationToken);
        return new Operation(services, definition, instance, instance.Version, actor, stored.OutstandingActions, stored.PendingTimers, stored.ClosedActions);
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
            OpenAction(state, action);
        }

        for (var i = 0; i < state.Timers.Length; i++)
        {
            if (TimerDue(state.Timers[i]) is { } dueAt)
            {
                AddTimer(new StateTimerTarget(i), dueAt);
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

    /// <summary>Leaves the current state: its outstanding actions are cancelled and its timers stop.</summary>
    public void LeaveState()
    {
        foreach (var item in OutstandingInState(Instance.State))
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

    /// <summary>A state's outstanding items, in the order they were opened (and, among those opened together, the state's own order).</summary>
    private List<ActionItem> OutstandingInState(string state)
    {
        var order = Definition.FindState(state)?.Actions.Select(a => a.Id).ToList() ?? [];
        return [.. _actions.Values
            .Where(a => a.State == state && a.IsOutstanding)
            .OrderBy(a => a.OpenedAt)
            .ThenBy(a => order.IndexOf(a.ActionId))];
    }

    // ---- Transitions and events -------------------------------------------------------------

    /// <summary>
    /// The first of these transitions (all on one event) whose condition holds for the fields, in
    /// the order the pathway declares them; null when none holds.
    /// </summary>
    public TransitionDefinition? Choose(IEnumerable<TransitionDefinition> candidates, IReadOnlyDictionary<string, FieldValue> fields) =>
        candidates.FirstOrDefault(t => t.Condition is null || ConditionEvaluator.Holds(t.Condition, Definition, fields, Now, Zone));

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
        var rules = ReportRules.For(Definition);
        if (Instance.ReleasedAt is null && eventName == rules.ReleaseEvent)
        {
            Instance = Instance with { ReleasedAt = Now, WindowEndsAt = Release.WindowEnd(Now, rules.Window, Zone) };
        }

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

            var source = CurrentState;
            var transition = Choose(source.Transitions.Where(t => t.Event == eventName), Instance.Case.Fields);
            RecordEvent(eventName, because);
            if (transition is null)
            {
                // Nothing in this state handles it, but it is still recorded: deadlines may count from it.
                continue;
            }

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
