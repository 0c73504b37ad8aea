using System.Text.Json.Nodes;

namespace ContinuityOfCare.Workflows.Definitions.Export;

/// <summary>A workflow variable of the export: its id, its name (what <c>getVariable</c> reads), its Elsa type alias and its default.</summary>
internal sealed record ElsaVariable(string Id, string Name, string TypeName, string? Default = null)
{
    public static ElsaVariable Named(string name, string typeName, string? defaultValue = null) => new("variable." + name, name, typeName, defaultValue);
}

/// <summary>
/// Lays out the flowchart of one pathway. Every state hangs off one dispatch chain that reads the
/// case's state, and every way out of a state meets at the state's own WaitAny join, which cancels
/// whatever else the state was waiting for and loops back to the dispatch.
/// </summary>
/// <remarks>
/// The shape is chosen for Elsa's counter-based flowchart, where an activity with several inbound
/// connections waits until every one of them has been visited:
/// <list type="bullet">
/// <item>The only activities with several inbound connections are explicit <c>Elsa.FlowJoin</c>s in
/// WaitAny mode (the dispatch and each state's way out), so nothing waits for a branch that was never taken.</item>
/// <item>The only connections that go back are from a state's way out to the dispatch, which every
/// path passes through, so each is a loop Elsa accepts.</item>
/// <item>Every round of the dispatch visits every connection once, taken or skipped, so Elsa's
/// visit counters stay in step however often a case loops.</item>
/// <item>Staying in a state, or an event no guard accepts, also leaves through the join and comes
/// back: the state's waits are cancelled and made afresh, so no bookmark outlives its state and
/// none is duplicated.</item>
/// </list>
/// </remarks>
internal sealed class ElsaFlowchart(PathwayDefinition definition)
{
    private const int Column = 320;
    private const int Row = 140;

    /// <summary>The column a state's way-out join is drawn in, right of its longest transition.</summary>
    private const int LeaveColumn = 8;

    private readonly JsonArray _activities = [];
    private readonly JsonArray _connections = [];
    private readonly Dictionary<string, ElsaVariable> _variables = new(StringComparer.Ordinal);
    private readonly List<ElsaVariable> _declared = [];
    private int _row;

    /// <summary>The variables the flowchart reads and writes, in the order they were first needed.</summary>
    public IReadOnlyList<ElsaVariable> Variables => _declared;

    public JsonObject Build()
    {
        Declare(ElsaVariable.Named(ElsaExporter.StateVariable, "String", definition.StartState));
        Declare(ElsaVariable.Named(ElsaExporter.ConsentVariable, "Boolean", "false"));
        foreach (var field in definition.Fields)
        {
            Declare(ElsaVariable.Named(field.Id, ElsaJson.TypeName(field.Type)));
        }

        Add(ElsaExporter.StartId, "Elsa.Start", 0, "Start", inputs: null, custom: null);
        var from = ElsaExporter.StartId;
        if (NeedsEntryTime(definition.FindState(definition.StartState)!))
        {
            AddEnteredAt(ElsaExporter.StartId + ".entered", column: 1);
            Connect(from, "Done", ElsaExporter.StartId + ".entered");
            from = ElsaExporter.StartId + ".entered";
        }

        _row++;
        Add(ElsaExporter.DispatchId, "Elsa.FlowJoin", 0, "Go to the case's state", [("mode", WaitAny())], null);
        Connect(from, "Done", ElsaExporter.DispatchId);
        _row++;

        (string Activity, string Port) next = (ElsaExporter.DispatchId, "Done");
        foreach (var state in definition.States)
        {
            AddState(state, next);
            next = (ElsaExporter.StateActivityId(state.Id), "False");
        }

        return new JsonObject
        {
            ["id"] = ElsaExporter.FlowchartId,
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["customProperties"] = ElsaProperties(null),
            ["metadata"] = new JsonObject(),
            ["variables"] = new JsonArray(),
            ["activities"] = _activities,
            ["connections"] = _connections,
        };
    }

    /// <summary>A state: its place in the dispatch, then everything it waits for, each leading out through its join.</summary>
    private void AddState(StateDefinition state, (string Activity, string Port) dispatch)
    {
        var id = ElsaExporter.StateActivityId(state.Id);
        var facts = new JsonObject
        {
            ["state"] = state.Id,
            ["title"] = state.Title,
            ["kind"] = ElsaJson.Name(state.Kind),
            ["stage"] = state.Stage,
            ["owner"] = state.Owner,
        };
        if (state.Outcome is not null)
        {
            facts["outcome"] = state.Outcome;
        }

        facts["actions"] = new JsonArray([.. state.Actions.Select(ElsaJson.Action)]);
        Add(id, "Elsa.FlowDecision", 0, state.Title,
            [("condition", Script("Boolean", $"{ElsaScript.Read(ElsaExporter.StateVariable)} === {ElsaScript.Quote(state.Id)}"))], facts);
        Connect(dispatch.Activity, dispatch.Port, id);

        if (state.Kind == StateKind.Final)
        {
            // Finish ends the whole workflow, and with it every bookmark still waiting.
            var finish = id + ".finish";
            Add(finish, "Elsa.Finish", 1, "Finished: " + state.Outcome, inputs: null, new JsonObject { ["outcome"] = state.Outcome });
            Connect(id, "True", finish);
            _row++;
            return;
        }

        var leave = id + ".leave";
        var firstRow = _row;
        foreach (var group in state.Transitions.GroupBy(t => t.Event, StringComparer.Ordinal))
        {
            AddEvent(state, id, group.Key, [.. group], leave);
        }

        for (var i = 0; i < state.Timers.Length; i++)
        {
            AddTimer(state, id, i + 1, state.Timers[i], leave);
        }

        if (state.Transitions.IsEmpty && state.Timers.IsEmpty)
        {
            _row++;
            return;
        }

        var rowAfter = _row;
        _row = firstRow;
        Add(leave, "Elsa.FlowJoin", LeaveColumn, "Leave: " + state.Title, [("mode", WaitAny())], null);
        _row = rowAfter;
        // Back to the dispatch: every path from here passes through it, so Elsa accepts the loop.
        Connect(leave, "Done", ElsaExporter.DispatchId);
    }

    /// <summary>
    /// One Event per event name. Its values are taken in first, then its transitions are tried in
    /// declaration order, each guard's False port leading to the next; when none holds the event is
    /// refused and the case leaves and re-enters the state unchanged, waiting for it again.
    /// </summary>
    private void AddEvent(StateDefinition state, string stateId, string eventName, IReadOnlyList<TransitionDefinition> transitions, string leave)
    {
        var eventId = $"{stateId}.on.{eventName}";
        List<string> recordedBy = [.. transitions.SelectMany(t => t.AllowedAgencies.IsEmpty ? [state.Owner] : (IEnumerable<string>)t.AllowedAgencies)
            .Distinct(StringComparer.Ordinal)];
        List<string> askedFields = [.. transitions.SelectMany(t => t.AskedFields).Distinct(StringComparer.Ordinal)];
        Add(eventId, "Elsa.Event", 1, eventName, [("eventName", ElsaJson.Literal("String", eventName))], new JsonObject
        {
            ["event"] = eventName,
            ["recordedBy"] = ElsaJson.Strings(recordedBy),
            ["askedFields"] = ElsaJson.Strings(askedFields),
        });
        Connect(stateId, "True", eventId);

        (string Activity, string Port) from = (eventId, "Done");
        var recordedAt = IsAnchor(eventName) ? Declare(ElsaVariable.Named(ElsaExporter.RecordedAtPrefix + eventName, "String")).Name : null;
        if (askedFields.Count > 0 || recordedAt is not null)
        {
            var valuesId = eventId + ".values";
            var fields = askedFields.Select(f => definition.FindField(f)).OfType<FieldDefinition>().ToList();
            Add(valuesId, "Elsa.RunJavaScript", 2, "Take in what was recorded",
                [("script", ElsaJson.Literal("String", ElsaScript.TakeValues(fields, recordedAt)))], null);
            Connect(from.Activity, from.Port, valuesId);
            from = (valuesId, "Done");
        }

        (string Activity, string Port)? next = from;
        for (var i = 0; i < transitions.Count && next is { } at; i++)
        {
            var transition = transitions[i];
            var transitionId = $"{eventId}.{i + 1}";
            _row += i > 0 ? 1 : 0;
            if (transition.Condition is null)
            {
                AddTransition(at, transitionId, transition.Effects, transition.Target, state, column: 3, leave);
                next = null;
                continue;
            }

            var condition = ConditionText.Write(transition.Condition);
            var decision = new JsonObject { ["condition"] = condition };
            var transitionRecordedBy = transition.AllowedAgencies.IsEmpty ? [state.Owner] : transition.AllowedAgencies;
            if (!transitionRecordedBy.SequenceEqual(recordedBy) || !transition.AskedFields.SequenceEqual(askedFields))
            {
                // Only this transition's own lists say who may take it and what it asks for.
                decision["recordedBy"] = ElsaJson.Strings(transitionRecordedBy);
                decision["askedFields"] = ElsaJson.Strings(transition.AskedFields);
            }

            Add(transitionId, "Elsa.FlowDecision", 3, $"when {condition}",
                [("condition", Script("Boolean", ElsaScript.Condition(transition.Condition, definition)))], decision);
            Connect(at.Activity, at.Port, transitionId);
            AddTransition((transitionId, "True"), transitionId, transition.Effects, transition.Target, state, column: 4, leave);
            next = (transitionId, "False");
        }

        if (next is { } refused)
        {
            Connect(refused.Activity, refused.Port, leave);
        }

        _row++;
    }

    private void AddTimer(StateDefinition state, string stateId, int index, TimerDefinition timer, string leave)
    {
        var timerId = $"{stateId}.after.{index}";
        var text = ElsaJson.DelayText(timer.Delay);
        var (anchor, anchorType) = AnchorVariable(timer.Delay.Anchor);
        (string Activity, string Port) from = (stateId, "True");
        if (timer.Delay.Anchor.Kind != AnchorKind.StateEntry)
        {
            // A timer counted from an event or a field waits only once its anchor is known; recording
            // an event in the state re-enters it, so the timer is worked out again then.
            var anchored = timerId + ".anchored";
            Add(anchored, "Elsa.FlowDecision", 1, $"{timer.Delay.Anchor.Name} known?",
                [("condition", Script("Boolean", $"{ElsaScript.Read(anchor)} != null"))], null);
            Connect(from.Activity, from.Port, anchored);
            from = (anchored, "True");
        }

        Add(timerId, "Elsa.StartAt", 2, text,
            [("dateTime", Script("DateTimeOffset", ElsaScript.TimerInstant(timer.Delay, anchor, anchorType, definition)))],
            new JsonObject { ["delay"] = ElsaJson.Delay(timer.Delay), ["text"] = text });
        Connect(from.Activity, from.Port, timerId);
        AddTransition((timerId, "Done"), timerId, timer.Effects, timer.Target, state, column: 3, leave);
        _row++;
    }

    /// <summary>Chains a transition's effects one after another, then moves the case (when it changes state) and leaves.</summary>
    private void AddTransition((string Activity, string Port) from, string prefix, IReadOnlyList<Effect> effects, string? target, StateDefinition state, int column, string leave)
    {
        for (var i = 0; i < effects.Count; i++)
        {
            var effectId = $"{prefix}.effect.{i + 1}";
            AddEffect(effectId, effects[i], state, column + i);
            Connect(from.Activity, from.Port, effectId);
            from = (effectId, "Done");
        }

        if (target is not null && target != state.Id)
        {
            var moveId = prefix + ".move";
            Add(moveId, "Elsa.SetVariable", column + effects.Count, "go to " + target,
                [("variable", VariableReference(ElsaExporter.StateVariable)), ("value", ElsaJson.Literal("Object", target))],
                new JsonObject { ["target"] = target });
            Connect(from.Activity, from.Port, moveId);
            from = (moveId, "Done");
            if (NeedsEntryTime(definition.FindState(target)!))
            {
                AddEnteredAt(prefix + ".entered", column + effects.Count + 1);
                Connect(from.Activity, from.Port, prefix + ".entered");
                from = (prefix + ".entered", "Done");
            }
        }

        Connect(from.Activity, from.Port, leave);
    }

    private void AddEffect(string id, Effect effect, StateDefinition state, int column)
    {
        switch (effect)
        {
            case NotifyEffect notify:
                // Handed to the host as an event: Elsa has no notion of an agency, a Scriban template or consent.
                var payload = $"return {{ template: {ElsaScript.Quote(notify.Template)}, agencies: [{string.Join(", ", notify.Agencies.Select(ElsaScript.Quote))}], "
                    + $"withoutConsent: {(notify.WithoutConsent ? "true" : "false")}, state: {ElsaScript.Quote(state.Id)}, "
                    + $"consentRecorded: {ElsaScript.Read(ElsaExporter.ConsentVariable)} === true }};";
                Add(id, "Elsa.PublishEvent", column, $"notify {string.Join(", ", notify.Agencies)} with {notify.Template}",
                    [
                        ("eventName", ElsaJson.Literal("String", ElsaExporter.NoticeEvent)),
                        ("isLocalEvent", ElsaJson.Literal("Boolean", "false")),
                        ("payload", Script("Object", payload)),
                    ],
                    new JsonObject
                    {
                        ["agencies"] = ElsaJson.Strings(notify.Agencies),
                        ["template"] = notify.Template,
                        ["subject"] = definition.FindTemplate(notify.Template)?.Subject,
                        ["withoutConsent"] = notify.WithoutConsent,
                    });
                break;
            case SetFieldEffect set:
                var field = definition.FindField(set.Field);
                var value = field?.Type is FieldType.YesNo or FieldType.Number || set.Value.Kind is ValueKind.Today or ValueKind.Now
                    ? Script("Object", "return " + ElsaScript.Value(set.Value, field?.Type) + ";")
                    : ElsaJson.Literal("Object", set.Value.Text);
                Add(id, "Elsa.SetVariable", column, $"set {set.Field} to {ConditionText.Write(set.Value)}",
                    [("variable", VariableReference(set.Field)), ("value", value)],
                    new JsonObject { ["field"] = set.Field, ["value"] = ConditionText.Write(set.Value) });
                break;
            case RaiseEffect raise:
                Add(id, "Elsa.PublishEvent", column, $"raise {raise.Event}",
                    [("eventName", ElsaJson.Literal("String", raise.Event)), ("isLocalEvent", ElsaJson.Literal("Boolean", "true"))],
                    new JsonObject { ["raise"] = raise.Event });
                break;
            default:
                throw new ArgumentException($"Unknown effect {effect.GetType().Name}.", nameof(effect));
        }
    }

    private void AddEnteredAt(string id, int column)
    {
        Declare(ElsaVariable.Named(ElsaExporter.StateEnteredAtVariable, "String"));
        Add(id, "Elsa.SetVariable", column, "note when the state was entered",
            [("variable", VariableReference(ElsaExporter.StateEnteredAtVariable)), ("value", Script("Object", "return new Date().toISOString();"))], null);
    }

    /// <summary>The variable a timer counts from, and the field's type when it is a field.</summary>
    private (string Variable, FieldType? FieldType) AnchorVariable(Anchor anchor) => anchor.Kind switch
    {
        AnchorKind.StateEntry => (Declare(ElsaVariable.Named(ElsaExporter.StateEnteredAtVariable, "String")).Name, null),
        AnchorKind.Event => (Declare(ElsaVariable.Named(ElsaExporter.RecordedAtPrefix + anchor.Name, "String")).Name, null),
        _ => (anchor.Name!, definition.FindField(anchor.Name!)?.Type),
    };

    private bool IsAnchor(string eventName) =>
        definition.States.Any(s => s.Timers.Any(t => t.Delay.Anchor.Kind == AnchorKind.Event && t.Delay.Anchor.Name == eventName));

    private static bool NeedsEntryTime(StateDefinition state) => state.Timers.Any(t => t.Delay.Anchor.Kind == AnchorKind.StateEntry);

    private ElsaVariable Declare(ElsaVariable variable)
    {
        if (_variables.TryAdd(variable.Name, variable))
        {
            _declared.Add(variable);
        }

        return _variables[variable.Name];
    }

    private JsonObject VariableReference(string name) =>
        ElsaJson.Variable(_variables.TryGetValue(name, out var known) ? known with { Default = null } : ElsaVariable.Named(name, "Object"));

    private static JsonObject Script(string typeName, string script) => ElsaJson.Expression(typeName, ElsaScript.ExpressionType, script);

    private static JsonObject WaitAny() => ElsaJson.Literal("Elsa.Workflows.Activities.Flowchart.Models.FlowJoinMode, Elsa.Workflows.Core", "WaitAny");

    /// <summary>What Elsa writes on every activity, plus the pathway's own facts under <see cref="ElsaExporter.PropertyKey"/>.</summary>
    private static JsonObject ElsaProperties(JsonObject? custom)
    {
        var properties = new JsonObject { ["canStartWorkflow"] = false, ["runAsynchronously"] = false };
        if (custom is not null)
        {
            properties[ElsaExporter.PropertyKey] = custom;
        }

        return properties;
    }

    private void Add(string id, string type, int column, string displayText, IReadOnlyList<(string Name, JsonNode Value)>? inputs, JsonObject? custom)
    {
        var activity = new JsonObject();
        foreach (var (name, value) in inputs ?? [])
        {
            activity[name] = value;
        }

        activity["id"] = id;
        activity["name"] = id;
        activity["type"] = type;
        activity["version"] = 1;
        activity["customProperties"] = ElsaProperties(custom);
        activity["metadata"] = new JsonObject
        {
            ["designer"] = new JsonObject
            {
                ["position"] = new JsonObject { ["x"] = column * Column, ["y"] = _row * Row },
            },
            ["displayText"] = displayText,
        };
        _activities.Add(activity);
    }

    private void Connect(string source, string port, string target) =>
        _connections.Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
            ["vertices"] = new JsonArray(),
        });
}
