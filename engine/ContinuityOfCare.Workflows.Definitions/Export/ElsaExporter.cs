using System.Globalization;
using System.Text.Json.Nodes;

namespace ContinuityOfCare.Workflows.Definitions.Export;

/// <summary>Settings of one Elsa export: the version number and flags the Elsa store files it under.</summary>
public sealed record ElsaExportOptions(int Version = 1, bool IsLatest = true, bool IsPublished = true);

/// <summary>
/// Writes a pathway definition as an Elsa 3 workflow definition (the JSON Elsa Studio imports and
/// the Elsa server stores): a flowchart in which every state is a
/// <c>ContinuityOfCare.EnterState</c> activity, every event a caseworker records an
/// <c>Elsa.Event</c>, every guard an <c>Elsa.FlowDecision</c>, every timer an <c>Elsa.Delay</c>
/// (or a <c>ContinuityOfCare.Timer</c> when Elsa cannot count it), and every transition a chain of
/// connections through its effects to the next state.
/// </summary>
/// <remarks>
/// The export is pure and deterministic: activity ids are derived from state ids and declaration
/// order, so the same definition always gives the same text and a change to a pathway is a
/// readable diff. What Elsa has no construct for (working days, deadlines before a date, required
/// actions and their escalations, consent) travels in <c>customProperties.continuityOfCare</c>;
/// docs/elsa-export.md lists those limits.
/// </remarks>
public static class ElsaExporter
{
    /// <summary>The expression type of guards and computed values: the pathway language, evaluated over the case's fields.</summary>
    public const string ExpressionType = "ContinuityOfCare";

    /// <summary>The key under <c>customProperties</c> that holds what only this engine understands.</summary>
    public const string PropertyKey = "continuityOfCare";

    public const string FlowchartId = "pathway.flowchart";
    public const string StartId = "pathway.start";

    /// <summary>The Elsa 3 workflow-definition JSON, indented, with "\n" line ends and no trailing newline.</summary>
    /// <param name="definition">The compiled pathway.</param>
    /// <param name="contentHash">Its content hash (<see cref="DefinitionJson.ContentHash"/>), which names this version.</param>
    /// <param name="options">Version number and flags; version 1, latest and published when left out.</param>
    public static string Export(PathwayDefinition definition, string contentHash, ElsaExportOptions? options = null) =>
        ToJson(definition, contentHash, options).ToJsonString(ElsaJson.Options);

    /// <summary>The same document as a JSON tree, for callers that embed or inspect it.</summary>
    public static JsonObject ToJson(PathwayDefinition definition, string contentHash, ElsaExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentHash);
        options ??= new ElsaExportOptions();
        if (options.Version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Version, "An Elsa workflow version starts at 1.");
        }

        var flowchart = new FlowchartBuilder(definition).Build();
        return new JsonObject
        {
            ["id"] = VersionId(definition.Id, contentHash),
            ["definitionId"] = definition.Id,
            ["name"] = definition.Title,
            ["description"] = definition.Partnership,
            ["version"] = options.Version,
            ["isLatest"] = options.IsLatest,
            ["isPublished"] = options.IsPublished,
            ["isReadonly"] = false,
            ["isSystem"] = false,
            ["materializerName"] = "Json",
            ["variables"] = new JsonArray([.. definition.Fields.Select(ElsaJson.Variable)]),
            ["inputs"] = new JsonArray(),
            ["outputs"] = new JsonArray(),
            ["outcomes"] = new JsonArray([.. OutcomesOf(definition).Select(o => (JsonNode?)o)]),
            ["customProperties"] = new JsonObject { [PropertyKey] = PathwayProperties(definition, contentHash) },
            ["options"] = new JsonObject(),
            ["root"] = flowchart,
        };
    }

    /// <summary>The Elsa activity id of a state's entry activity; every other activity of the state starts with it and a dot.</summary>
    public static string StateActivityId(string stateId) => stateId;

    /// <summary>
    /// One id per exported version: the pathway id and the first 16 hex digits of the content hash,
    /// so re-exporting the same content gives the same id and any change gives a new one.
    /// </summary>
    public static string VersionId(string pathwayId, string contentHash)
    {
        var hex = contentHash.StartsWith("sha256:", StringComparison.Ordinal) ? contentHash["sha256:".Length..] : contentHash;
        return $"{pathwayId}-{hex[..Math.Min(16, hex.Length)]}";
    }

    private static IEnumerable<string> OutcomesOf(PathwayDefinition definition) =>
        definition.States.Where(s => s.Outcome is not null).Select(s => s.Outcome!).Distinct(StringComparer.Ordinal);

    private static JsonObject PathwayProperties(PathwayDefinition definition, string contentHash) => new()
    {
        ["pathway"] = definition.Id,
        ["contentHash"] = contentHash,
        ["partnership"] = definition.Partnership,
        ["timeZone"] = definition.TimeZone,
        ["calendar"] = definition.Calendar,
        ["expressionType"] = ExpressionType,
        ["agencies"] = new JsonArray([.. definition.Agencies.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["name"] = a.Name })]),
        ["fields"] = new JsonArray([.. definition.Fields.Select(ElsaJson.Field)]),
        ["templates"] = new JsonArray([.. definition.Templates.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id,
            ["subject"] = t.Subject,
            ["body"] = t.Body,
        })]),
    };

    /// <summary>Lays out one flowchart: activities in state order, each followed by its branches; connections in the same order.</summary>
    private sealed class FlowchartBuilder(PathwayDefinition definition)
    {
        private const int Column = 320;
        private const int Row = 140;

        private readonly JsonArray _activities = [];
        private readonly JsonArray _connections = [];
        private int _row;

        public JsonObject Build()
        {
            Add(StartId, "Elsa.Start", 0, "Start", inputs: null, custom: null);
            Connect(StartId, "Done", StateActivityId(definition.StartState));
            _row++;
            foreach (var state in definition.States)
            {
                AddState(state);
            }

            return new JsonObject
            {
                ["id"] = FlowchartId,
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["customProperties"] = new JsonObject(),
                ["metadata"] = new JsonObject(),
                ["activities"] = _activities,
                ["connections"] = _connections,
            };
        }

        private void AddState(StateDefinition state)
        {
            var id = StateActivityId(state.Id);
            var inputs = new List<(string, JsonNode)>
            {
                ("title", ElsaJson.Literal("String", state.Title)),
                ("stage", ElsaJson.Literal("String", state.Stage)),
                ("owner", ElsaJson.Literal("String", state.Owner)),
            };
            if (state.Outcome is not null)
            {
                inputs.Add(("outcome", ElsaJson.Literal("String", state.Outcome)));
            }

            Add(id, "ContinuityOfCare.EnterState", 0, state.Title, inputs, new JsonObject
            {
                ["state"] = state.Id,
                ["kind"] = ElsaJson.Name(state.Kind),
                ["actions"] = new JsonArray([.. state.Actions.Select(ElsaJson.Action)]),
            });

            if (state.Kind == StateKind.Final)
            {
                // Finish ends the whole workflow, so events and timers still waiting elsewhere end with it.
                var finish = id + ".finish";
                Add(finish, "Elsa.Finish", 1, "Finished: " + state.Outcome, inputs: null, custom: null);
                Connect(id, "Done", finish);
                _row++;
                return;
            }

            foreach (var group in state.Transitions.GroupBy(t => t.Event, StringComparer.Ordinal))
            {
                AddEvent(state, id, group.Key, [.. group]);
            }

            for (var i = 0; i < state.Timers.Length; i++)
            {
                AddTimer(id, i + 1, state.Timers[i]);
            }

            if (state.Transitions.IsEmpty && state.Timers.IsEmpty)
            {
                _row++;
            }
        }

        /// <summary>
        /// One Event per event name; its transitions are tried in declaration order, each guard's
        /// False port leading to the next. When no guard holds the event is not recorded and the
        /// state waits for it again, as the engine refuses it.
        /// </summary>
        private void AddEvent(StateDefinition state, string stateId, string eventName, IReadOnlyList<TransitionDefinition> transitions)
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
            Connect(stateId, "Done", eventId);

            // Each guard's False port leads to the next transition; an unguarded transition ends the chain.
            (string Activity, string Port)? next = (eventId, "Done");
            for (var i = 0; i < transitions.Count && next is { } from; i++)
            {
                var transition = transitions[i];
                var transitionId = $"{eventId}.{i + 1}";
                _row += i > 0 ? 1 : 0;
                var then = transition.Target is null ? eventId : StateActivityId(transition.Target);
                if (transition.Condition is null)
                {
                    AddEffects(from.Activity, from.Port, transitionId, transition.Effects, column: 2, then);
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

                Add(transitionId, "Elsa.FlowDecision", 2, $"when {condition}", [("condition", ElsaJson.Expression("Boolean", ExpressionType, condition))], decision);
                Connect(from.Activity, from.Port, transitionId);
                AddEffects(transitionId, "True", transitionId, transition.Effects, column: 3, then);
                next = (transitionId, "False");
            }

            if (next is { } unmatched)
            {
                Connect(unmatched.Activity, unmatched.Port, eventId);
            }

            _row++;
        }

        private void AddTimer(string stateId, int index, TimerDefinition timer)
        {
            var timerId = $"{stateId}.after.{index}";
            var text = ElsaJson.DelayText(timer.Delay);
            var custom = new JsonObject { ["delay"] = ElsaJson.Delay(timer.Delay), ["text"] = text };
            if (ElsaJson.FixedTimeSpan(timer.Delay) is { } span)
            {
                Add(timerId, "Elsa.Delay", 1, text, [("timeSpan", ElsaJson.Literal("TimeSpan", span.ToString("c", CultureInfo.InvariantCulture)))], custom);
            }
            else
            {
                Add(timerId, "ContinuityOfCare.Timer", 1, text, inputs: null, custom);
            }

            Connect(stateId, "Done", timerId);
            AddEffects(timerId, "Done", timerId, timer.Effects, column: 2, then: StateActivityId(timer.Target));
            _row++;
        }

        /// <summary>Chains the effects one after another from a port, then connects the last to <paramref name="then"/>.</summary>
        private void AddEffects(string from, string port, string prefix, IReadOnlyList<Effect> effects, int column, string then)
        {
            for (var i = 0; i < effects.Count; i++)
            {
                var effectId = $"{prefix}.effect.{i + 1}";
                AddEffect(effectId, effects[i], column + i);
                Connect(from, port, effectId);
                (from, port) = (effectId, "Done");
            }

            Connect(from, port, then);
        }

        private void AddEffect(string id, Effect effect, int column)
        {
            switch (effect)
            {
                case NotifyEffect notify:
                    Add(id, "ContinuityOfCare.Notify", column, $"notify {string.Join(", ", notify.Agencies)} with {notify.Template}",
                        [("template", ElsaJson.Literal("String", notify.Template)), ("withoutConsent", ElsaJson.Literal("Boolean", notify.WithoutConsent ? "true" : "false"))],
                        new JsonObject
                        {
                            ["agencies"] = ElsaJson.Strings(notify.Agencies),
                            ["subject"] = definition.FindTemplate(notify.Template)?.Subject,
                        });
                    break;
                case SetFieldEffect set:
                    var field = definition.FindField(set.Field);
                    var value = set.Value.Kind is ValueKind.Today or ValueKind.Now
                        ? ElsaJson.Expression("Object", ExpressionType, ConditionText.Write(set.Value))
                        : ElsaJson.Literal("Object", set.Value.Text);
                    Add(id, "Elsa.SetVariable", column, $"set {set.Field} to {ConditionText.Write(set.Value)}",
                        [("variable", field is null ? ElsaJson.VariableReference(set.Field, "Object") : ElsaJson.Variable(field)), ("value", value)],
                        new JsonObject { ["field"] = set.Field, ["value"] = ConditionText.Write(set.Value) });
                    break;
                case RaiseEffect raise:
                    Add(id, "Elsa.PublishEvent", column, $"raise {raise.Event}",
                        [("eventName", ElsaJson.Literal("String", raise.Event)), ("isLocal", ElsaJson.Literal("Boolean", "true"))],
                        new JsonObject { ["raise"] = raise.Event });
                    break;
                default:
                    throw new ArgumentException($"Unknown effect {effect.GetType().Name}.", nameof(effect));
            }
        }

        private void Add(string id, string type, int column, string displayText, IReadOnlyList<(string Name, JsonNode Value)>? inputs, JsonObject? custom)
        {
            var activity = new JsonObject
            {
                ["id"] = id,
                ["type"] = type,
                ["version"] = 1,
            };
            foreach (var (name, value) in inputs ?? [])
            {
                activity[name] = value;
            }

            activity["customProperties"] = custom is null ? new JsonObject() : new JsonObject { [PropertyKey] = custom };
            activity["metadata"] = new JsonObject
            {
                ["displayText"] = displayText,
                ["designer"] = new JsonObject
                {
                    ["position"] = new JsonObject { ["x"] = column * Column, ["y"] = _row * Row },
                },
            };
            _activities.Add(activity);
        }

        private void Connect(string source, string port, string target) =>
            _connections.Add(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
                ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
            });
    }
}
