using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;
using Scriban;
using Scriban.Parsing;
using Scriban.Syntax;
using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticCatalog;

namespace ContinuityOfCare.Workflows.Language.Semantics;

public sealed partial class PathwayChecker
{
    /// <summary>
    /// The objects a notification template can read, and their members. Case fields are read through
    /// "fields" (hyphens become underscores: fields.release_date); "case" itself is a Scriban keyword.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<string>> TemplateObjects = new Dictionary<string, IReadOnlyList<string>>
    {
        ["person"] = ["name", "prison_number", "date_of_birth", "consent"],
        ["fields"] = [],
        ["pathway"] = ["id", "title", "partnership"],
        ["state"] = ["id", "title", "stage"],
        ["recipient"] = ["id", "name"],
        ["action"] = ["id", "description", "due"],
        ["event"] = ["id", "at", "note"],
        ["now"] = [],
    };

    /// <summary>Scriban's built-in function objects, which templates may call.</summary>
    private static readonly HashSet<string> Builtins =
        ["array", "date", "html", "math", "object", "regex", "string", "timespan", "empty", "true", "false", "null", "for", "this", "blank"];

    private void CheckTemplates()
    {
        foreach (var template in _model.Templates.Values)
        {
            string text;
            Func<int, int, TextSpan> locate;
            switch (template.Body)
            {
                case InlineTemplateBodySyntax inline:
                    text = inline.Text;
                    // Scriban counts from zero; its end-of-text errors point past the last line.
                    locate = (line, column) => line >= 0 && line < inline.LineOffsets.Length
                        ? new TextSpan(Math.Clamp(inline.LineOffsets[line] + Math.Max(0, column), inline.Span.Start, Math.Max(inline.Span.Start, inline.Span.End - 1)), 1)
                        : new TextSpan(inline.Span.Start, 3);
                    break;
                case FileTemplateBodySyntax file:
                    var read = _environment.TemplateFiles.Read(Source.Path, file.Path.Value);
                    if (read is null)
                    {
                        _bag.Report(file.Path.Span, TemplateFileMissing(file.Path.Value));
                        continue;
                    }

                    text = read.Replace("\r\n", "\n").TrimEnd('\n');
                    locate = (_, _) => file.Path.Span;
                    break;
                default:
                    continue;
            }

            _model.TemplateTexts[template.Id.Name] = text;
            CheckTemplateText(template, text, locate, template.Body is FileTemplateBodySyntax f ? f.Path.Value : null);
        }
    }

    private void CheckTemplateText(TemplateSyntax template, string text, Func<int, int, TextSpan> locate, string? file)
    {
        var parsed = Template.Parse(text);
        var where = (SourceSpan span) => file is null ? "" : $" (line {span.Start.Line + 1}, column {span.Start.Column + 1} of {file})";
        if (parsed.HasErrors)
        {
            foreach (var message in parsed.Messages.Where(m => m.Type == ParserMessageType.Error))
            {
                _bag.Report(locate(message.Span.Start.Line, message.Span.Start.Column), TemplateSyntax(template.Id.Name, TrimScribanMessage(message.Message) + where(message.Span)));
            }

            return;
        }

        var locals = new HashSet<string>(StringComparer.Ordinal);
        var references = new List<(string Name, string? Member, SourceSpan Span)>();
        Collect(parsed.Page, locals, references);
        var fields = _model.Fields.Keys.ToDictionary(k => k.Replace('-', '_'), k => k, StringComparer.Ordinal);
        foreach (var (name, member, span) in references)
        {
            if (locals.Contains(name) || Builtins.Contains(name))
            {
                continue;
            }

            if (!TemplateObjects.TryGetValue(name, out var members))
            {
                var suggestion = SpellChecker.Suggest(name, TemplateObjects.Keys);
                _bag.Report(locate(span.Start.Line, span.Start.Column), TemplateVariable(name + where(span), suggestion));
                continue;
            }

            if (member is null || name == "now")
            {
                continue;
            }

            if (name == "fields" && fields.TryGetValue(member, out var fieldId))
            {
                _usedFields.Add(fieldId);
                continue;
            }

            if (!members.Contains(member))
            {
                IEnumerable<string> candidates = name == "fields" ? fields.Keys : members;
                var suggestion = SpellChecker.Suggest(member, candidates);
                _bag.Report(locate(span.Start.Line, span.Start.Column), TemplateVariable($"{name}.{member}" + where(span), suggestion is null ? null : $"{name}.{suggestion}"));
            }
        }
    }

    /// <summary>Finds global variables read by the template, with the member read from each, and names it assigns.</summary>
    private static void Collect(ScriptNode? node, HashSet<string> locals, List<(string, string?, SourceSpan)> references)
    {
        if (node is null)
        {
            return;
        }

        switch (node)
        {
            case ScriptMemberExpression { Target: ScriptVariableGlobal target } member:
                references.Add((target.Name, member.Member is ScriptVariable m ? m.Name : null, member.Span));
                return;
            case ScriptVariableGlobal global:
                references.Add((global.Name, null, global.Span));
                return;
            case ScriptAssignExpression { Target: ScriptVariable assigned } assign:
                locals.Add(assigned.Name);
                Collect(assign.Value, locals, references);
                return;
            case ScriptForStatement { Variable: ScriptVariable loop } forStatement:
                locals.Add(loop.Name);
                break;
        }

        for (var i = 0; i < node.ChildrenCount; i++)
        {
            Collect(node.GetChildren(i), locals, references);
        }
    }

    private static string TrimScribanMessage(string message)
    {
        var text = message.Trim();
        return text.EndsWith('.') ? text : text + ".";
    }
}
