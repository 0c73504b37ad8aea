using System.Text.Json;

namespace ContinuityOfCare.Workflows.Language.Tests.Export.SchedulingModel;

/// <summary>One connection of a flowchart: from an activity's port to another activity.</summary>
public sealed record FlowConnection(string Source, string Port, string Target);

/// <summary>
/// A flowchart read from an Elsa workflow definition, with the structure Elsa 3.7's counter-based
/// scheduling works out before it runs: which connections go forward from the start and which
/// loop back, whether each loop is one Elsa accepts, and each activity's ancestors.
/// </summary>
/// <remarks>
/// The rules follow Elsa 3.7.1's <c>FlowGraph</c>: connections are taken breadth-first from the
/// start, and a connection whose target already reaches its source is a backward one. A backward
/// connection is valid only when every forward path from its source back to the start passes
/// through its target; Elsa checks that by listing the paths, this model by asking whether the
/// start can be reached from the source without passing the target, which is the same question.
/// </remarks>
public sealed class FlowGraph
{
    private readonly Dictionary<string, List<FlowConnection>> _outbound = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<FlowConnection>> _forwardInbound = new(StringComparer.Ordinal);
    private readonly HashSet<FlowConnection> _forward = [];
    private readonly Dictionary<string, HashSet<string>> _ancestors = new(StringComparer.Ordinal);
    private readonly Dictionary<FlowConnection, bool> _validBackward = [];

    public FlowGraph(JsonElement workflow)
    {
        var flowchart = workflow.GetProperty("root");
        Activities = flowchart.GetProperty("activities").EnumerateArray()
            .ToDictionary(a => a.GetProperty("id").GetString()!, a => a.Clone(), StringComparer.Ordinal);
        Connections = [.. flowchart.GetProperty("connections").EnumerateArray().Select(c => new FlowConnection(
            c.GetProperty("source").GetProperty("activity").GetString()!,
            c.GetProperty("source").GetProperty("port").GetString()!,
            c.GetProperty("target").GetProperty("activity").GetString()!))];
        Variables = workflow.GetProperty("variables").EnumerateArray().Select(v => v.Clone()).ToList();
        foreach (var connection in Connections)
        {
            Outbound(connection.Source).Add(connection);
        }

        Root = StartActivity();
        foreach (var connection in ForwardConnections())
        {
            _forward.Add(connection);
            if (!_forwardInbound.TryGetValue(connection.Target, out var inbound))
            {
                _forwardInbound[connection.Target] = inbound = [];
            }

            inbound.Add(connection);
        }
    }

    public IReadOnlyDictionary<string, JsonElement> Activities { get; }

    public IReadOnlyList<FlowConnection> Connections { get; }

    public IReadOnlyList<JsonElement> Variables { get; }

    /// <summary>The activity the flowchart starts at (Elsa's <c>Elsa.Start</c>, or the one nothing leads to).</summary>
    public string Root { get; }

    public string TypeOf(string activity) => Activities[activity].GetProperty("type").GetString()!;

    public List<FlowConnection> Outbound(string activity)
    {
        if (!_outbound.TryGetValue(activity, out var list))
        {
            _outbound[activity] = list = [];
        }

        return list;
    }

    public IReadOnlyList<FlowConnection> ForwardInbound(string activity) =>
        _forwardInbound.TryGetValue(activity, out var inbound) ? inbound : [];

    public bool IsBackward(FlowConnection connection) => !_forward.Contains(connection);

    /// <summary>Whether Elsa accepts a backward connection (every path from its source to the start passes its target).</summary>
    public bool IsValidBackward(FlowConnection connection)
    {
        if (!_validBackward.TryGetValue(connection, out var valid))
        {
            _validBackward[connection] = valid = !ReachesRootAvoiding(connection.Source, connection.Target);
        }

        return valid;
    }

    /// <summary>Every activity with a forward path to the given one.</summary>
    public IReadOnlySet<string> Ancestors(string activity)
    {
        if (_ancestors.TryGetValue(activity, out var known))
        {
            return known;
        }

        var ancestors = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([activity]);
        while (queue.TryDequeue(out var current))
        {
            foreach (var connection in ForwardInbound(current))
            {
                if (ancestors.Add(connection.Source))
                {
                    queue.Enqueue(connection.Source);
                }
            }
        }

        _ancestors[activity] = ancestors;
        return ancestors;
    }

    /// <summary>Whether an activity is reachable from the start at all (Elsa refuses to schedule past one that is not).</summary>
    public bool IsDangling(string activity) => activity != Root && ForwardInbound(activity).Count == 0;

    private string StartActivity() =>
        Activities.Keys.FirstOrDefault(id => TypeOf(id) == "Elsa.Start")
        ?? Activities.Keys.First(id => Connections.All(c => c.Target != id));

    /// <summary>Elsa's breadth-first walk from the start that leaves out every connection closing a cycle.</summary>
    private List<FlowConnection> ForwardConnections()
    {
        var edges = new List<(string Source, string Target)>();
        var reach = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var visitedEdges = new HashSet<(string, string)>();
        var visited = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>([Root]);
        while (queue.TryDequeue(out var source))
        {
            visited.Add(source);
            foreach (var target in Outbound(source).Select(c => c.Target))
            {
                if (visitedEdges.Contains((source, target)) || HasPath(reach, target, source))
                {
                    continue;
                }

                visitedEdges.Add((source, target));
                edges.Add((source, target));
                if (!reach.TryGetValue(source, out var next))
                {
                    reach[source] = next = [];
                }

                next.Add(target);
                if (!visited.Contains(target))
                {
                    queue.Enqueue(target);
                }
            }
        }

        return [.. edges.SelectMany(e => Connections.Where(c => c.Source == e.Source && c.Target == e.Target)).Distinct()];
    }

    private static bool HasPath(Dictionary<string, List<string>> reach, string from, string to)
    {
        if (from == to)
        {
            return true;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var stack = new Stack<string>([from]);
        while (stack.TryPop(out var current))
        {
            if (current == to)
            {
                return true;
            }

            if (seen.Add(current) && reach.TryGetValue(current, out var next))
            {
                foreach (var n in next)
                {
                    stack.Push(n);
                }
            }
        }

        return false;
    }

    private bool ReachesRootAvoiding(string from, string avoid)
    {
        if (from == avoid)
        {
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal) { from };
        var queue = new Queue<string>([from]);
        while (queue.TryDequeue(out var current))
        {
            if (current == Root)
            {
                return true;
            }

            foreach (var connection in ForwardInbound(current))
            {
                if (connection.Source != avoid && seen.Add(connection.Source))
                {
                    queue.Enqueue(connection.Source);
                }
            }
        }

        return false;
    }
}
