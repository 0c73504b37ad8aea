using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Syntax;
using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticCatalog;

namespace ContinuityOfCare.Workflows.Language.Semantics;

public sealed partial class PathwayChecker
{
    /// <summary>Unreachable states, and states from which no final state can be reached. Linear in states and transitions.</summary>
    private void CheckGraph()
    {
        // A broken state may have lost transitions, so the graph would show false dead ends.
        var start = _model.States.Values.FirstOrDefault(s => s.Kind == StateKind.Start);
        if (start is null || _model.States.Values.Any(s => s.HasSyntaxErrors) || _model.Broken.Any(b => b.Keyword == "state"))
        {
            return;
        }

        var successors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var predecessors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var state in _model.States.Values)
        {
            successors[state.Id.Name] = [];
            predecessors[state.Id.Name] = [];
        }

        foreach (var state in _model.States.Values)
        {
            var targets = state.Transitions.Select(t => t.Target).Concat(state.Timers.Select(t => (IdentifierSyntax?)t.Target));
            foreach (var target in targets)
            {
                if (target is not null && _model.States.ContainsKey(target.Name))
                {
                    successors[state.Id.Name].Add(target.Name);
                    predecessors[target.Name].Add(state.Id.Name);
                }
            }
        }

        var reachable = Walk([start.Id.Name], successors);
        var finals = _model.States.Values.Where(s => s.Kind == StateKind.Final).Select(s => s.Id.Name).ToList();
        var canFinish = Walk(finals, predecessors);
        foreach (var state in _model.States.Values)
        {
            if (!reachable.Contains(state.Id.Name))
            {
                _bag.Report(state.Id.Span, Unreachable(state.Id.Name));
            }
            else if (finals.Count > 0 && !canFinish.Contains(state.Id.Name))
            {
                _bag.Report(state.Id.Span, CannotFinish(state.Id.Name));
            }
        }
    }

    private static HashSet<string> Walk(IEnumerable<string> roots, Dictionary<string, List<string>> edges)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>();
        foreach (var root in roots)
        {
            if (seen.Add(root))
            {
                pending.Push(root);
            }
        }

        while (pending.Count > 0)
        {
            foreach (var next in edges[pending.Pop()])
            {
                if (seen.Add(next))
                {
                    pending.Push(next);
                }
            }
        }

        return seen;
    }

    /// <summary>Warns when two transitions on one event from one state can both apply.</summary>
    private void CheckOverlaps()
    {
        foreach (var state in _model.States.Values)
        {
            var transitions = state.Transitions.ToList();
            for (var j = 1; j < transitions.Count; j++)
            {
                for (var i = 0; i < j; i++)
                {
                    if (transitions[i].Event.Name == transitions[j].Event.Name &&
                        !OverlapAnalysis.AreExclusive(transitions[i].Condition, transitions[j].Condition, _model))
                    {
                        _bag.Report(transitions[j].Event.Span, Overlap(state.Id.Name, transitions[j].Event.Name, Source.GetPosition(transitions[i].Span.Start).Line));
                        break;
                    }
                }
            }
        }
    }
}
