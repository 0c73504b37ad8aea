using System.Collections.Immutable;
using System.Globalization;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Language.Tests.Export.SchedulingModel;

/// <summary>What driving a pathway's export along its routes found.</summary>
public sealed record RouteReport(int Routes, int Steps, int Infeasible, IReadOnlyList<string> Failures, IReadOnlySet<string> TakenExits, IReadOnlySet<string> Finals);

/// <summary>
/// Drives the Elsa export of a pathway through <see cref="FlowchartRun"/> along every route of the
/// pathway: from the start state to a final state, each state at most twice and each way out of a
/// state at most once, so every loop is run once. At every step the pathway itself (through the
/// runtime's own condition evaluator) says which transition the recorded values take; the run must
/// then be in that transition's target, waiting for exactly that state's events and timers, having
/// handed the host exactly that transition's notices, and finished at a final state.
/// </summary>
public sealed class RouteDriver(PathwayDefinition definition, FlowGraph graph)
{
    public static readonly DateTimeOffset Beginning = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly DateTimeZone _zone = DateTimeZoneProviders.Tzdb[definition.TimeZone];
    private readonly List<string> _failures = [];
    private readonly HashSet<string> _taken = new(StringComparer.Ordinal);
    private readonly HashSet<string> _finals = new(StringComparer.Ordinal);
    private int _routes;
    private int _steps;
    private int _infeasible;

    /// <summary>A way out of a state: a transition on an event (its index among that event's transitions) or a timer.</summary>
    public sealed record Exit(string State, string? Event, int Index, string Target)
    {
        public override string ToString() => Event is null ? $"{State} after timer {Index + 1} -> {Target}" : $"{State} on {Event} ({Index + 1}) -> {Target}";
    }

    /// <summary>The case as the driver follows it: the run, the fields the pathway would hold, and when each event was recorded.</summary>
    public sealed record Position(FlowchartRun Run, ImmutableDictionary<string, FieldValue> Fields, ImmutableHashSet<string> Recorded, ImmutableList<string> Trail);

    /// <summary>The run just started, waiting in the start state.</summary>
    public Position Begin() => new(new FlowchartRun(graph, Beginning).Start(), ImmutableDictionary<string, FieldValue>.Empty, [], []);

    public RouteReport DriveEveryRoute(int maxFailures = 20)
    {
        var start = Begin();
        if (Check(start, definition.StartState) is { } problem)
        {
            _failures.Add(problem);
        }
        else
        {
            Explore(start, definition.StartState, ImmutableDictionary<string, int>.Empty.Add(definition.StartState, 1), [], maxFailures);
        }

        return new RouteReport(_routes, _steps, _infeasible, _failures, _taken, _finals);
    }

    /// <summary>The ways out of a state that move the case (stays are not routes).</summary>
    public IEnumerable<Exit> Exits(StateDefinition state)
    {
        foreach (var group in state.Transitions.GroupBy(t => t.Event, StringComparer.Ordinal))
        {
            var list = group.ToList();
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Target is { } target && target != state.Id)
                {
                    yield return new Exit(state.Id, group.Key, i, target);
                }
            }
        }

        for (var i = 0; i < state.Timers.Length; i++)
        {
            yield return new Exit(state.Id, null, i, state.Timers[i].Target);
        }
    }

    /// <summary>Records an event at a position, with values chosen so that the pathway takes its <paramref name="index"/>-th transition; null when no values can.</summary>
    public Position? Record(Position at, string stateId, string eventName, int index)
    {
        var state = definition.FindState(stateId)!;
        var transitions = state.Transitions.Where(t => t.Event == eventName).ToList();
        foreach (var values in Candidates([.. transitions.SelectMany(t => t.AskedFields).Distinct(StringComparer.Ordinal)]))
        {
            var fields = at.Fields.SetItems(values.Select(v => KeyValuePair.Create(v.Key, v.Value.Field)));
            var now = Instant.FromDateTimeOffset(at.Run.Now);
            var chosen = transitions.FindIndex(t => t.Condition is null || ConditionEvaluator.Holds(t.Condition, definition, fields, now, _zone));
            if (chosen != index)
            {
                continue;
            }

            var run = at.Run.Clone();
            run.AdvanceTo(run.Now.AddHours(1));
            var published = run.Published.Count;
            var resumed = run.Publish(eventName, values.ToDictionary(v => v.Key, v => (object?)v.Value.Sent, StringComparer.Ordinal));
            var next = new Position(run, fields, at.Recorded.Add(eventName), at.Trail.Add($"{stateId}: {eventName} {Describe(values)}"));
            if (resumed != 1)
            {
                _failures.Add($"{Route(next)}: '{eventName}' resumed {resumed} bookmarks, not 1.");
                return null;
            }

            var transition = transitions[index];
            var problem = CheckNotices(run, published, transition.Effects, next);
            return problem is null ? next : Fail(problem);
        }

        return null;
    }

    /// <summary>Lets a timer of the state fire; null (and a failure) when the run is not waiting for it.</summary>
    public Position? Fire(Position at, string stateId, int index)
    {
        var activity = $"{stateId}.after.{index + 1}";
        var run = at.Run.Clone();
        var bookmark = run.Bookmarks.SingleOrDefault(b => b.Activity == activity);
        var next = at with { Run = run, Trail = at.Trail.Add($"{stateId}: timer {index + 1}") };
        if (bookmark?.At is not { } due)
        {
            return Fail($"{Route(next)}: no bookmark waits for {activity}.");
        }

        var published = run.Published.Count;
        run.AdvanceTo(due);
        return CheckNotices(run, published, definition.FindState(stateId)!.Timers[index].Effects, next) is { } problem ? Fail(problem) : next;
    }

    /// <summary>Whether the run stands where the pathway says the case is: in the state, waiting for exactly its events and timers, or finished.</summary>
    public string? Check(Position at, string stateId)
    {
        var run = at.Run;
        var state = definition.FindState(stateId)!;
        if (state.Kind == StateKind.Final)
        {
            return run.Status == RunStatus.Finished && run.Bookmarks.Count == 0
                ? null
                : $"{Route(at)}: expected to finish at '{stateId}', but the run is {run.Status} {run.Fault} waiting for {Waits(run)}.";
        }

        if (run.Status != RunStatus.Running)
        {
            return $"{Route(at)}: expected to wait in '{stateId}', but the run is {run.Status}: {run.Fault}";
        }

        if (run.Variables[Definitions.Export.ElsaExporter.StateVariable] as string != stateId)
        {
            return $"{Route(at)}: expected state '{stateId}', the run says '{run.Variables[Definitions.Export.ElsaExporter.StateVariable]}'.";
        }

        var expected = state.Transitions.Select(t => $"{stateId}.on.{t.Event}")
            .Concat(state.Timers.Select((t, i) => (t, i)).Where(x => AnchorKnown(at, x.t.Delay.Anchor)).Select(x => $"{stateId}.after.{x.i + 1}"))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var waiting = run.Bookmarks.Select(b => b.Activity).Order(StringComparer.Ordinal).ToList();
        return expected.SequenceEqual(waiting) ? null : $"{Route(at)}: in '{stateId}' expected to wait for [{string.Join(", ", expected)}], waits for [{string.Join(", ", waiting)}].";
    }

    private void Explore(Position at, string stateId, ImmutableDictionary<string, int> visits, ImmutableHashSet<Exit> used, int maxFailures)
    {
        var state = definition.FindState(stateId)!;
        if (state.Kind == StateKind.Final)
        {
            _routes++;
            _finals.Add(stateId);
            return;
        }

        foreach (var exit in Exits(state))
        {
            if (_failures.Count >= maxFailures)
            {
                return;
            }

            if (used.Contains(exit) || visits.GetValueOrDefault(exit.Target) >= 2)
            {
                continue;
            }

            var next = Take(at, exit);
            if (next is null)
            {
                continue;
            }

            _steps++;
            _taken.Add(exit.ToString());
            if (Check(next, exit.Target) is { } problem)
            {
                _failures.Add(problem);
                continue;
            }

            Explore(next, exit.Target, visits.SetItem(exit.Target, visits.GetValueOrDefault(exit.Target) + 1), used.Add(exit), maxFailures);
        }
    }

    /// <summary>Takes a way out; when the values asked for cannot make the pathway take it, first records a stay of the state that sets what its guard needs.</summary>
    public Position? Take(Position at, Exit exit)
    {
        if (exit.Event is null)
        {
            return Fire(at, exit.State, exit.Index);
        }

        var failures = _failures.Count;
        if (Record(at, exit.State, exit.Event, exit.Index) is { } direct)
        {
            return direct;
        }

        if (_failures.Count > failures)
        {
            return null;
        }

        var state = definition.FindState(exit.State)!;
        foreach (var stay in state.Transitions.Where(t => t.Target is null || t.Target == state.Id).Select(t => t.Event).Distinct(StringComparer.Ordinal))
        {
            var stayIndex = state.Transitions.Where(t => t.Event == stay).ToList().FindIndex(t => t.Target is null || t.Target == state.Id);
            if (Record(at, exit.State, stay, stayIndex) is { } stayed && Check(stayed, exit.State) is null
                && Record(stayed, exit.State, exit.Event, exit.Index) is { } after)
            {
                return after;
            }
        }

        _infeasible++;
        return null;
    }

    private string? CheckNotices(FlowchartRun run, int before, IReadOnlyList<Effect> effects, Position at)
    {
        var expected = effects.OfType<NotifyEffect>().Select(n => $"{n.Template} to {string.Join(",", n.Agencies)}").ToList();
        var handed = run.Published.Skip(before)
            .Select(p => $"{p.Payload["template"]} to {string.Join(",", ((object?[])p.Payload["agencies"]!).Select(a => a?.ToString()))}").ToList();
        return expected.SequenceEqual(handed) ? null : $"{Route(at)}: expected notices [{string.Join("; ", expected)}], the host was handed [{string.Join("; ", handed)}].";
    }

    private bool AnchorKnown(Position at, Anchor anchor) => anchor.Kind switch
    {
        AnchorKind.StateEntry => true,
        AnchorKind.Event => at.Recorded.Contains(anchor.Name!),
        _ => at.Fields.ContainsKey(anchor.Name!),
    };

    /// <summary>Every combination of plausible values for the fields an event asks for.</summary>
    private IEnumerable<Dictionary<string, (FieldValue Field, object Sent)>> Candidates(IReadOnlyList<string> asked)
    {
        IEnumerable<Dictionary<string, (FieldValue, object)>> combinations = [new(StringComparer.Ordinal)];
        foreach (var id in asked)
        {
            var field = definition.FindField(id)!;
            var options = ValuesFor(field).ToList();
            combinations = combinations.SelectMany(c => options.Select(o => new Dictionary<string, (FieldValue, object)>(c, StringComparer.Ordinal) { [id] = o }));
        }

        return combinations;
    }

    private IEnumerable<(FieldValue, object)> ValuesFor(FieldDefinition field)
    {
        IEnumerable<string> texts = field.Type switch
        {
            FieldType.YesNo => ["yes", "no"],
            FieldType.OneOf => field.Options,
            FieldType.Date => ["2026-09-14"],
            FieldType.DateTime => ["2026-04-01T10:30"],
            FieldType.Number => ["1", "4"],
            _ => ["Fictional text"],
        };
        foreach (var text in texts)
        {
            if (FieldValues.TryParse(field, text, _zone, out var value, out _) && value is not null)
            {
                yield return (value, field.Type == FieldType.YesNo ? text == "yes" : text);
            }
        }
    }

    private Position? Fail(string problem)
    {
        _failures.Add(problem);
        return null;
    }

    private static string Describe(Dictionary<string, (FieldValue Field, object Sent)> values) =>
        values.Count == 0 ? "" : "(" + string.Join(", ", values.Select(v => $"{v.Key}={Convert.ToString(v.Value.Sent, CultureInfo.InvariantCulture)}")) + ")";

    private static string Route(Position at) => string.Join(" > ", at.Trail);

    private static string Waits(FlowchartRun run) => string.Join(", ", run.Bookmarks.Select(b => b.Activity));
}
