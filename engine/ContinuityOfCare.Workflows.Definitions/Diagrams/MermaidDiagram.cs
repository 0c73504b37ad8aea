using System.Text;

namespace ContinuityOfCare.Workflows.Definitions.Diagrams;

/// <summary>
/// Draws a pathway as a Mermaid <c>stateDiagram-v2</c>, which GitHub, GitLab and the designer
/// render. Each state shows its title; each arrow the event that moves a case along (with its
/// condition) or the time after which the clock does. Events that keep a case in its state are
/// left out, so the diagram shows the journey rather than everything that can be recorded.
/// </summary>
public static class MermaidDiagram
{
    /// <summary>The style given to the highlighted state: GOV.UK yellow with a heavy black border.</summary>
    public const string HighlightStyle = "fill:#ffdd00,stroke:#0b0c0c,stroke-width:3px,color:#0b0c0c";

    private static readonly HashSet<string> MermaidWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "state", "note", "end", "direction", "class", "classDef", "click", "style", "as", "graph", "flowchart",
    };

    /// <param name="definition">The compiled pathway.</param>
    /// <param name="highlightState">A state to pick out, e.g. where a case is now or the state under the editor's cursor.</param>
    public static string Write(PathwayDefinition definition, string? highlightState = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var ids = SafeIds(definition);
        var text = new StringBuilder();
        text.Append("---\ntitle: \"")
            .Append(definition.Title.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).ReplaceLineEndings(" "))
            .Append("\"\n---\n");
        text.Append("stateDiagram-v2\n");
        foreach (var state in definition.States)
        {
            text.Append("    state \"").Append(Label(state.Title)).Append("\" as ").Append(ids[state.Id]).Append('\n');
        }

        text.Append('\n');
        foreach (var state in definition.States)
        {
            var id = ids[state.Id];
            if (state.Kind == StateKind.Start)
            {
                text.Append("    [*] --> ").Append(id).Append('\n');
            }

            foreach (var transition in state.Transitions.Where(t => t.Target is not null && t.Target != state.Id))
            {
                var label = transition.Condition is null
                    ? transition.Event
                    : $"{transition.Event} [{ConditionText.Write(transition.Condition)}]";
                Arrow(text, id, ids.GetValueOrDefault(transition.Target!, transition.Target!), label);
            }

            foreach (var timer in state.Timers)
            {
                var anchor = timer.Delay.Anchor.Kind == AnchorKind.StateEntry ? "" : $" of {timer.Delay.Anchor.Name}";
                Arrow(text, id, ids.GetValueOrDefault(timer.Target, timer.Target), $"after {timer.Delay.Duration}{anchor}");
            }

            if (state.Kind == StateKind.Final)
            {
                text.Append("    ").Append(id).Append(" --> [*]\n");
            }
        }

        if (highlightState is not null && ids.TryGetValue(highlightState, out var highlighted))
        {
            text.Append("\n    classDef highlighted ").Append(HighlightStyle).Append('\n');
            text.Append("    class ").Append(highlighted).Append(" highlighted\n");
        }

        return text.ToString();
    }

    private static void Arrow(StringBuilder text, string from, string to, string label) =>
        text.Append("    ").Append(from).Append(" --> ").Append(to).Append(" : ").Append(Label(label)).Append('\n');

    /// <summary>
    /// Each state's id in the diagram (state id → Mermaid id): Mermaid ids allow letters, digits and
    /// underscores; a clash or a Mermaid keyword gets a suffix. An editor uses them to find a state's node.
    /// </summary>
    public static IReadOnlyDictionary<string, string> NodeIds(PathwayDefinition definition) => SafeIds(definition);

    private static Dictionary<string, string> SafeIds(PathwayDefinition definition)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        var used = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var state in definition.States)
        {
            var safe = new string([.. state.Id.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_')]);
            if (safe.Length == 0 || !char.IsAsciiLetter(safe[0]))
            {
                safe = "s_" + safe;
            }

            var candidate = MermaidWords.Contains(safe) ? safe + "_state" : safe;
            for (var n = 2; !used.Add(candidate); n++)
            {
                candidate = $"{safe}_{n}";
            }

            ids[state.Id] = candidate;
        }

        return ids;
    }

    /// <summary>Text Mermaid shows as written: quotes, semicolons, hashes and colons become entity codes.</summary>
    private static string Label(string text)
    {
        var safe = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            switch (c)
            {
                case '"':
                    safe.Append("#quot;");
                    break;
                case ';':
                    safe.Append("#59;");
                    break;
                case '#':
                    safe.Append("#35;");
                    break;
                case ':':
                    safe.Append("#58;");
                    break;
                case '\r' or '\n':
                    safe.Append(' ');
                    break;
                default:
                    safe.Append(c);
                    break;
            }
        }

        return safe.ToString();
    }
}
