using System.Dynamic;
using System.Globalization;
using System.Text.Json;

namespace ContinuityOfCare.Workflows.Language.Tests.Export.SchedulingModel;

/// <summary>How a modelled workflow instance stands.</summary>
public enum RunStatus
{
    Running,

    /// <summary>An <c>Elsa.Finish</c> ended it.</summary>
    Finished,

    /// <summary>Nothing is scheduled and nothing waits, but no Finish was reached: the flowchart simply ran out.</summary>
    RanOut,

    Faulted,
}

/// <summary>Something an instance waits for: an event name, or an instant.</summary>
public sealed record Bookmark(string Activity, string? EventName, DateTimeOffset? At);

/// <summary>An event published to the host (not to this instance), with its payload.</summary>
public sealed record PublishedEvent(string EventName, IReadOnlyDictionary<string, object?> Payload);

/// <summary>
/// One workflow instance of a <see cref="FlowGraph"/> run the way Elsa 3.7's counter-based flowchart
/// runs it: an activity waits until all its forward inbound connections have been visited and goes
/// on when one was followed (none followed: it is skipped and the skip travels on); an explicit
/// <c>Elsa.FlowJoin</c> waits as its mode says, and in WaitAny mode cancels whatever is still
/// running upstream of it; a followed backward connection schedules its target straight away.
/// Events and timers wait as bookmarks; JavaScript runs in Jint with Elsa's variable functions.
/// </summary>
/// <remarks>
/// An activity type that is not one of Elsa's (see <see cref="StockTypes"/>) faults the instance, as
/// an activity Elsa cannot find does; <see cref="PassThroughUnknown"/> lets such an activity simply
/// complete instead, to see what the flowchart would do if its host had registered it.
/// </remarks>
public sealed partial class FlowchartRun
{
    /// <summary>The activity types of Elsa's workflow, runtime, scheduling and JavaScript modules this model knows.</summary>
    public static readonly IReadOnlySet<string> StockTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        "Elsa.Start", "Elsa.Finish", "Elsa.FlowJoin", "Elsa.FlowDecision", "Elsa.SetVariable", "Elsa.Event",
        "Elsa.PublishEvent", "Elsa.StartAt", "Elsa.Delay", "Elsa.RunJavaScript",
    };

    private const int MaxStepsPerBurst = 100_000;

    private readonly FlowGraph _graph;
    private readonly ScriptHost _scripts;
    private Dictionary<string, object?> _variables;
    private Dictionary<string, long> _activityVisits;
    private Dictionary<FlowConnection, long> _connectionVisits;
    private Dictionary<FlowConnection, bool> _connectionFollowed;
    private List<Bookmark> _bookmarks;
    private List<(string Activity, bool Backward)> _scheduled;
    private Queue<(string EventName, object? Payload)> _localEvents;
    private List<PublishedEvent> _published;
    private object? _lastResult;

    public FlowchartRun(FlowGraph graph, DateTimeOffset now, bool passThroughUnknown = false, IReadOnlyDictionary<string, Delegate>? hostFunctions = null)
    {
        _graph = graph;
        _scripts = new ScriptHost(hostFunctions);
        PassThroughUnknown = passThroughUnknown;
        Now = now;
        _variables = new(StringComparer.Ordinal);
        foreach (var variable in graph.Variables)
        {
            var name = variable.GetProperty("name").GetString()!;
            _variables[name] = variable.TryGetProperty("value", out var value) ? Typed(variable.GetProperty("typeName").GetString()!, value.GetString()) : null;
        }

        _activityVisits = new(StringComparer.Ordinal);
        _connectionVisits = [];
        _connectionFollowed = [];
        _bookmarks = [];
        _scheduled = [];
        _localEvents = new();
        _published = [];
    }

    private FlowchartRun(FlowchartRun other)
    {
        _graph = other._graph;
        _scripts = other._scripts;
        PassThroughUnknown = other.PassThroughUnknown;
        Now = other.Now;
        Status = other.Status;
        Fault = other.Fault;
        _variables = new(other._variables, StringComparer.Ordinal);
        _activityVisits = new(other._activityVisits, StringComparer.Ordinal);
        _connectionVisits = new(other._connectionVisits);
        _connectionFollowed = new(other._connectionFollowed);
        _bookmarks = [.. other._bookmarks];
        _scheduled = [.. other._scheduled];
        _localEvents = new(other._localEvents);
        _published = [.. other._published];
        _lastResult = other._lastResult;
    }

    public bool PassThroughUnknown { get; }

    public DateTimeOffset Now { get; private set; }

    public RunStatus Status { get; private set; } = RunStatus.Running;

    public string? Fault { get; private set; }

    public IReadOnlyList<Bookmark> Bookmarks => _bookmarks;

    public IReadOnlyList<PublishedEvent> Published => _published;

    public IReadOnlyDictionary<string, object?> Variables => _variables;

    /// <summary>A copy that goes on independently, so a search can try each way on from one point.</summary>
    public FlowchartRun Clone() => new(this);

    /// <summary>Runs the workflow from its start until it waits, finishes or faults.</summary>
    public FlowchartRun Start()
    {
        Schedule(_graph.Root, backward: false);
        RunBursts();
        return this;
    }

    /// <summary>Publishes an event to this instance, as Elsa's trigger endpoint does with its workflow instance id; returns the bookmarks it resumed.</summary>
    public int Publish(string eventName, IReadOnlyDictionary<string, object?>? input = null)
    {
        var resumed = Resume(b => b.EventName == eventName, ToExpando(input));
        RunBursts();
        return resumed;
    }

    /// <summary>Moves the clock on and resumes every timer due by then, earliest first.</summary>
    public int AdvanceTo(DateTimeOffset instant)
    {
        Now = instant;
        var fired = 0;
        while (Status == RunStatus.Running && _bookmarks.Where(b => b.At is { } at && at <= Now).OrderBy(b => b.At).FirstOrDefault() is { } due)
        {
            fired += Resume(b => b == due, null);
            RunBursts();
        }

        return fired;
    }

    // ---- Scheduling, as Elsa's counter-based flowchart does it ---------------------------------

    private void RunBursts()
    {
        RunScheduled();
        // A local event is delivered once the burst that published it is over.
        while (Status == RunStatus.Running && _localEvents.TryDequeue(out var local))
        {
            Resume(b => b.EventName == local.EventName, local.Payload);
            RunScheduled();
        }

        if (Status == RunStatus.Running && _scheduled.Count == 0 && _bookmarks.Count == 0)
        {
            Status = RunStatus.RanOut;
        }
    }

    private void RunScheduled()
    {
        var steps = 0;
        while (Status == RunStatus.Running && _scheduled.Count > 0)
        {
            if (++steps > MaxStepsPerBurst)
            {
                Faulted("The flowchart does not come to rest.");
                return;
            }

            var (activity, backward) = _scheduled[0];
            _scheduled.RemoveAt(0);
            Execute(activity, backward);
        }
    }

    private int Resume(Func<Bookmark, bool> matches, object? payload)
    {
        var resumed = _bookmarks.Where(matches).ToList();
        foreach (var bookmark in resumed)
        {
            _bookmarks.Remove(bookmark);
            _lastResult = payload;
            Completed(bookmark.Activity, ["Done"], backward: false);
        }

        return resumed.Count;
    }

    private void Schedule(string activity, bool backward) => _scheduled.Add((activity, backward));

    private void Completed(string activity, IReadOnlyCollection<string> outcomes, bool backward)
    {
        if (Status != RunStatus.Running)
        {
            return;
        }

        if (_graph.TypeOf(activity) == "Elsa.Finish")
        {
            // A terminal node ends the flowchart, and with it every bookmark still waiting.
            Status = RunStatus.Finished;
            _bookmarks.Clear();
            _scheduled.Clear();
            return;
        }

        ScheduleOutbound(activity, outcomes, backward);
    }

    private void ScheduleOutbound(string activity, IReadOnlyCollection<string> outcomes, bool backward)
    {
        if (_graph.IsDangling(activity))
        {
            Faulted($"Activity {activity} is not reachable from the flowchart graph.");
            return;
        }

        if (!backward)
        {
            _activityVisits[activity] = Visits(activity) + 1;
        }

        foreach (var connection in _graph.Outbound(activity))
        {
            if (Status != RunStatus.Running)
            {
                return;
            }

            var followed = outcomes.Contains(connection.Port);
            _connectionVisits[connection] = Visits(connection) + 1;
            _connectionFollowed[connection] = followed;
            if (_graph.IsBackward(connection))
            {
                if (!followed)
                {
                    continue;
                }

                if (!_graph.IsValidBackward(connection))
                {
                    Faulted($"Invalid backward connection from {connection.Source} to {connection.Target}.");
                    return;
                }

                Schedule(connection.Target, backward: true);
                continue;
            }

            var target = connection.Target;
            switch (JoinMode(target))
            {
                case "WaitAll":
                    if (AllInboundVisited(target))
                    {
                        if (AllInboundFollowed(target))
                        {
                            Schedule(target, backward: false);
                        }
                        else
                        {
                            ScheduleOutbound(target, [], backward: false);
                        }
                    }

                    break;
                case "WaitAny":
                    if (Visits(connection) <= Visits(target) || _scheduled.Any(s => s.Activity == target))
                    {
                        break;
                    }

                    if (AnyInboundFollowed(target))
                    {
                        Schedule(target, backward: false);
                        CancelAncestors(target);
                    }
                    else if (AllInboundVisited(target))
                    {
                        ScheduleOutbound(target, [], backward: false);
                    }

                    break;
                default:
                    // An implicit join: wait until every inbound connection has been visited.
                    if (AllInboundVisited(target))
                    {
                        if (AnyInboundFollowed(target))
                        {
                            Schedule(target, backward: false);
                        }
                        else
                        {
                            ScheduleOutbound(target, [], backward: false);
                        }
                    }

                    break;
            }
        }
    }

    /// <summary>A WaitAny join cancels whatever is still running upstream of it; each cancelled activity's outbound connections count as visited and not followed.</summary>
    private void CancelAncestors(string join)
    {
        var ancestors = _graph.Ancestors(join);
        foreach (var bookmark in _bookmarks.Where(b => ancestors.Contains(b.Activity)).ToList())
        {
            _bookmarks.Remove(bookmark);
            ScheduleOutbound(bookmark.Activity, [], backward: false);
        }
    }

    private string JoinMode(string activity) =>
        _graph.TypeOf(activity) == "Elsa.FlowJoin" ? InputText(activity, "mode") ?? "WaitAny" : "WaitAllActive";

    private bool AllInboundVisited(string activity)
    {
        var inbound = _graph.ForwardInbound(activity);
        return inbound.Min(Visits) > Visits(activity);
    }

    private bool AnyInboundFollowed(string activity)
    {
        var inbound = _graph.ForwardInbound(activity);
        var max = inbound.Max(Visits);
        return max > Visits(activity) && inbound.Any(c => Visits(c) == max && _connectionFollowed.GetValueOrDefault(c));
    }

    private bool AllInboundFollowed(string activity)
    {
        var inbound = _graph.ForwardInbound(activity);
        var max = inbound.Max(Visits);
        return max > Visits(activity) && inbound.All(c => Visits(c) == max && _connectionFollowed.GetValueOrDefault(c));
    }

    private long Visits(string activity) => _activityVisits.GetValueOrDefault(activity);

    private long Visits(FlowConnection connection) => _connectionVisits.GetValueOrDefault(connection);
}
