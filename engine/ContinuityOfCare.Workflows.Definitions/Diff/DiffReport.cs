using System.Net;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ContinuityOfCare.Workflows.Definitions.Diff;

/// <summary>
/// A comparison written for people: as terminal text (coloured on a terminal), as Markdown for a
/// governance paper, as HTML for the designer, and as JSON for tools (schema in docs/diff.md).
/// </summary>
public static class DiffReport
{
    /// <summary>The JSON document's schema name; a change to the schema changes it.</summary>
    public const string JsonSchema = "continuityofcare/pathway-diff/1";

    private const string NoChange = "No change in behaviour.";

    public static string Text(PathwayDiffResult diff, bool colour = false)
    {
        var paint = new Paint(colour);
        var text = new StringBuilder();
        text.Append(paint.Bold("Comparing pathway versions")).Append('\n');
        text.Append($"  from: {diff.From.Label} ({diff.From.PathwayId}, {Short(diff.From.ContentHash)})\n");
        text.Append($"  to:   {diff.To.Label} ({diff.To.PathwayId}, {Short(diff.To.ContentHash)})\n\n");
        if (!diff.BehaviourChanged)
        {
            text.Append(NoChange).Append(' ').Append(Same(diff)).Append('\n');
            return text.ToString();
        }

        text.Append(Count(diff)).Append(" (+ added, - removed, ~ changed, > renamed)\n");
        foreach (var section in Sections(diff))
        {
            text.Append('\n').Append(paint.Bold(section.Heading)).Append('\n');
            foreach (var group in section.Groups)
            {
                var indent = "  ";
                if (group.Heading is { } heading)
                {
                    text.Append("  ").Append(paint.Bold(heading)).Append('\n');
                    indent = "    ";
                }

                foreach (var change in group.Changes)
                {
                    text.Append(indent).Append(paint.Mark(change.Kind)).Append(' ').Append(change.Summary).Append('\n');
                    foreach (var line in TextDiff.WithContext(change.Lines))
                    {
                        text.Append(indent).Append("    ").Append(paint.Line(line)).Append('\n');
                    }
                }
            }
        }

        return text.ToString();
    }

    public static string Markdown(PathwayDiffResult diff)
    {
        var text = new StringBuilder();
        text.Append($"# Changes in behaviour: {Escape(diff.To.Title)}\n\n");
        text.Append("| | Pathway | Content hash |\n|---|---|---|\n");
        text.Append($"| From | {Escape(diff.From.Label)} (`{diff.From.PathwayId}`) | `{diff.From.ContentHash}` |\n");
        text.Append($"| To | {Escape(diff.To.Label)} (`{diff.To.PathwayId}`) | `{diff.To.ContentHash}` |\n\n");
        if (!diff.BehaviourChanged)
        {
            text.Append($"**{NoChange}** {Same(diff)}\n");
            return text.ToString();
        }

        text.Append($"**{Count(diff)}**\n");
        foreach (var section in Sections(diff))
        {
            text.Append($"\n## {section.Heading}\n");
            foreach (var group in section.Groups)
            {
                text.Append('\n');
                if (group.Heading is { } heading)
                {
                    text.Append($"### {Escape(heading)}\n\n");
                }

                foreach (var change in group.Changes)
                {
                    text.Append($"- **{Word(change.Kind)}:** {Escape(change.Summary)}\n");
                    if (!change.Lines.IsEmpty)
                    {
                        text.Append("\n  ```diff\n");
                        foreach (var line in TextDiff.WithContext(change.Lines))
                        {
                            text.Append("  ").Append(line.Mark == '…' ? "@@ " : line.Mark.ToString()).Append(line.Text).Append(line.Mark == '…' ? " @@" : "").Append('\n');
                        }

                        text.Append("  ```\n\n");
                    }
                }
            }
        }

        return text.ToString();
    }

    public static string Html(PathwayDiffResult diff)
    {
        var html = new StringBuilder();
        html.Append("<section class=\"coc-diff\">\n");
        html.Append($"  <h2 class=\"govuk-heading-l\">Changes in behaviour: {E(diff.To.Title)}</h2>\n");
        html.Append("  <dl class=\"govuk-summary-list\">\n");
        html.Append($"    <div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">From</dt><dd class=\"govuk-summary-list__value\">{E(diff.From.Label)} (<code>{E(diff.From.PathwayId)}</code>, <code>{E(diff.From.ContentHash)}</code>)</dd></div>\n");
        html.Append($"    <div class=\"govuk-summary-list__row\"><dt class=\"govuk-summary-list__key\">To</dt><dd class=\"govuk-summary-list__value\">{E(diff.To.Label)} (<code>{E(diff.To.PathwayId)}</code>, <code>{E(diff.To.ContentHash)}</code>)</dd></div>\n");
        html.Append("  </dl>\n");
        if (!diff.BehaviourChanged)
        {
            html.Append($"  <p class=\"govuk-body coc-diff__none\"><strong>{NoChange}</strong> {E(Same(diff))}</p>\n</section>\n");
            return html.ToString();
        }

        html.Append($"  <p class=\"govuk-body\"><strong>{E(Count(diff))}</strong></p>\n");
        foreach (var section in Sections(diff))
        {
            html.Append($"  <h3 class=\"govuk-heading-m\">{E(section.Heading)}</h3>\n");
            foreach (var group in section.Groups)
            {
                if (group.Heading is { } heading)
                {
                    html.Append($"  <h4 class=\"govuk-heading-s\">{E(heading)}</h4>\n");
                }

                html.Append("  <ul class=\"govuk-list coc-diff__changes\">\n");
                foreach (var change in group.Changes)
                {
                    var kind = change.Kind.ToString().ToLowerInvariant();
                    html.Append($"    <li class=\"coc-diff__change coc-diff__change--{kind}\"><strong class=\"govuk-tag coc-diff__kind\">{Word(change.Kind)}</strong> {E(change.Summary)}");
                    if (!change.Lines.IsEmpty)
                    {
                        html.Append("\n      <pre class=\"coc-diff__text\">");
                        foreach (var line in TextDiff.WithContext(change.Lines))
                        {
                            var lineKind = line.Mark switch { '+' => "added", '-' => "removed", '…' => "gap", _ => "kept" };
                            html.Append($"<span class=\"coc-diff__line coc-diff__line--{lineKind}\">{line.Mark}{E(line.Text)}</span>\n");
                        }

                        html.Append("</pre>\n    ");
                    }

                    html.Append("</li>\n");
                }

                html.Append("  </ul>\n");
            }
        }

        html.Append("</section>\n");
        return html.ToString();
    }

    public static string Json(PathwayDiffResult diff)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("schema", JsonSchema);
            Side(json, "from", diff.From);
            Side(json, "to", diff.To);
            json.WriteBoolean("behaviourChanged", diff.BehaviourChanged);
            json.WriteStartArray("changes");
            foreach (var change in diff.Changes)
            {
                json.WriteStartObject();
                json.WriteString("section", Camel(change.Section.ToString()));
                if (change.State is { } state)
                {
                    json.WriteString("state", state);
                    json.WriteString("stateTitle", diff.StateTitles.GetValueOrDefault(state));
                }

                json.WriteString("subject", change.Subject);
                json.WriteString("kind", Camel(change.Kind.ToString()));
                json.WriteString("summary", change.Summary);
                if (change.Before is { } before)
                {
                    json.WriteString("before", before);
                }

                if (change.After is { } after)
                {
                    json.WriteString("after", after);
                }

                if (!change.Lines.IsEmpty)
                {
                    json.WriteStartArray("lines");
                    foreach (var line in change.Lines)
                    {
                        json.WriteStartObject();
                        json.WriteString("mark", line.Mark.ToString());
                        json.WriteString("text", line.Text);
                        json.WriteEndObject();
                    }

                    json.WriteEndArray();
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    private const string SameHash = "Both versions compile to the same definition (same content hash); any difference is in comments, layout or whitespace.";

    private const string SameBehaviour = "The definitions differ only in the order their parts are listed or in the base they record (a local protocol written whole and the same one written as changes to its base): every case runs the same on both.";

    private static string Same(PathwayDiffResult diff) => diff.From.ContentHash == diff.To.ContentHash ? SameHash : SameBehaviour;

    private static void Side(Utf8JsonWriter json, string name, DiffSide side)
    {
        json.WriteStartObject(name);
        json.WriteString("label", side.Label);
        json.WriteString("pathwayId", side.PathwayId);
        json.WriteString("title", side.Title);
        json.WriteString("contentHash", side.ContentHash);
        json.WriteEndObject();
    }

    private sealed record Group(string? Heading, IReadOnlyList<PathwayChange> Changes);

    private sealed record Section(string Heading, IReadOnlyList<Group> Groups);

    /// <summary>The changes by section, and within States by state, in report order.</summary>
    private static IEnumerable<Section> Sections(PathwayDiffResult diff)
    {
        foreach (var section in Enum.GetValues<ChangeSection>())
        {
            var changes = diff.Changes.Where(c => c.Section == section).ToList();
            if (changes.Count == 0)
            {
                continue;
            }

            var heading = section switch
            {
                ChangeSection.Pathway => "Pathway",
                ChangeSection.Agencies => "Agencies",
                ChangeSection.Fields => "Case fields",
                ChangeSection.Templates => "Notification templates",
                _ => "States",
            };
            yield return section == ChangeSection.States
                ? new Section(heading, [.. changes.GroupBy(c => c.State).Select(g => new Group(StateHeading(diff, g.Key!), [.. g]))])
                : new Section(heading, [new Group(null, changes)]);
        }
    }

    private static string StateHeading(PathwayDiffResult diff, string state) =>
        diff.StateTitles.TryGetValue(state, out var title) ? $"{state}: {title}" : state;

    private static string Count(PathwayDiffResult diff) =>
        diff.Changes.Length == 1 ? "1 change in behaviour." : $"{diff.Changes.Length} changes in behaviour.";

    private static string Word(ChangeKind kind) => kind switch
    {
        ChangeKind.Added => "Added",
        ChangeKind.Removed => "Removed",
        ChangeKind.Renamed => "Renamed",
        _ => "Changed",
    };

    private static string Short(string hash) => hash.Length > 19 ? hash[..19] + "…" : hash;

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];

    private static string E(string text) => WebUtility.HtmlEncode(text);

    /// <summary>Markdown's special characters in running text, escaped.</summary>
    private static string Escape(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is '\\' or '`' or '*' or '_' or '|' or '<' or '>' or '[' or ']')
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>Terminal colours, or none.</summary>
    private sealed class Paint(bool on)
    {
        public string Bold(string text) => on ? $"\u001b[1m{text}\u001b[0m" : text;

        public string Mark(ChangeKind kind) => kind switch
        {
            ChangeKind.Added => Colour("32", "+"),
            ChangeKind.Removed => Colour("31", "-"),
            ChangeKind.Renamed => Colour("36", ">"),
            _ => Colour("33", "~"),
        };

        public string Line(TextLine line) => line.Mark switch
        {
            '+' => Colour("32", "+" + line.Text),
            '-' => Colour("31", "-" + line.Text),
            '…' => "… " + line.Text,
            _ => " " + line.Text,
        };

        private string Colour(string code, string text) => on ? $"\u001b[{code}m{text}\u001b[0m" : text;
    }
}
