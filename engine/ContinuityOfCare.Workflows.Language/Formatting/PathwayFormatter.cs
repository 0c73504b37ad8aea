using System.Text;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Parsing;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Formatting;

/// <summary>
/// The outcome of formatting one file: the formatted text, or null with the syntax errors that
/// stopped it (a file that cannot be read is never rewritten).
/// </summary>
public sealed record FormatResult(string? Text, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool Succeeded => Text is not null;
}

/// <summary>
/// Writes a pathway in the one canonical layout:
/// <list type="bullet">
/// <item>declarations start at column 1; header properties and state members are indented two
/// spaces; an action's <c>by</c> and <c>if missed</c> clauses and a transition's or timer's effects
/// go on their own lines, indented four;</item>
/// <item>single spaces between words, <c>, </c> between list items, one blank line around every
/// header, template and state, and at most one blank line wherever the author left some;</item>
/// <item>a transition longer than <see cref="LineWidth"/> characters breaks before <c>when</c>;</item>
/// <item>comments stay where they were, own-line comments indented like the line they precede;
/// quoted texts and template text are kept exactly as written.</item>
/// </list>
/// Formatting is idempotent, and the formatted file compiles to the same definition and content hash.
/// </summary>
public static partial class PathwayFormatter
{
    /// <summary>The width beyond which a transition is broken before its condition.</summary>
    public const int LineWidth = 100;

    public static FormatResult Format(SourceText source)
    {
        var parsed = PathwayParser.Parse(source);
        if (parsed.HasErrors)
        {
            return new FormatResult(null, parsed.Diagnostics);
        }

        var writer = new LayoutWriter(source);
        foreach (var declaration in parsed.Syntax.Declarations)
        {
            writer.Declaration(declaration);
        }

        return new FormatResult(writer.Finish(parsed.Syntax.Comments), parsed.Diagnostics);
    }

    public static FormatResult Format(string text, string path = "") => Format(new SourceText(text, path));

    private enum LineKind
    {
        /// <summary>The first line of a top-level declaration.</summary>
        Head,

        /// <summary>A header property or a state member.</summary>
        Member,

        /// <summary>A continuation line of a member: an action clause or an effect.</summary>
        Clause,

        /// <summary>A line of template text, written exactly as it is.</summary>
        Verbatim,

        Comment,
    }

    private sealed class Line(LineKind kind, int indent, string text, int anchor, bool multiLineDeclaration = false)
    {
        public LineKind Kind { get; } = kind;

        public int Indent { get; set; } = indent;

        public string Text { get; set; } = text;

        /// <summary>Where in the source the syntax this line starts with begins.</summary>
        public int Anchor { get; } = anchor;

        /// <summary>For a head line: whether its declaration spans several lines (header, template, state).</summary>
        public bool MultiLineDeclaration { get; } = multiLineDeclaration;
    }

    private sealed partial class LayoutWriter(SourceText source)
    {
        private readonly List<Line> _lines = [];

        public void Declaration(DeclarationSyntax declaration)
        {
            switch (declaration)
            {
                case HeaderSyntax header:
                    Add(LineKind.Head, 0, $"pathway {header.Id.Name}", header.Span.Start, multiLine: true);
                    foreach (var property in header.Properties)
                    {
                        Add(LineKind.Member, 2, Property(property), property.Span.Start);
                    }

                    break;
                case AgencySyntax agency:
                    Add(LineKind.Head, 0, $"agency {agency.Id.Name} {Token(agency.Name)}", agency.Span.Start);
                    break;
                case FieldSyntax field:
                    var label = field.Label is null ? "" : " " + Token(field.Label);
                    Add(LineKind.Head, 0, $"field {field.Id.Name}: {FieldType(field.Type)}{label}", field.Span.Start);
                    break;
                case TemplateSyntax template:
                    Template(template);
                    break;
                case StateSyntax state:
                    State(state);
                    break;
                case ReportSyntax report:
                    Add(LineKind.Head, 0, "report", report.Span.Start, multiLine: true);
                    foreach (var line in report.Lines)
                    {
                        Add(LineKind.Member, 2, ReportLine(line), line.Span.Start);
                    }

                    break;
                case DeclarationChangeSyntax change:
                    Prefixed(change.Verb == ChangeVerb.Add ? "add " : "replace ", change.Span.Start, () => Declaration(change.Declaration));
                    break;
                case RemoveDeclarationSyntax remove:
                    Add(LineKind.Head, 0, $"remove {remove.Kind} {remove.Id.Name}", remove.Span.Start);
                    break;
                case RenameAgencySyntax rename:
                    Add(LineKind.Head, 0, $"rename agency {rename.Id.Name} {Token(rename.Name)}", rename.Span.Start);
                    break;
                case ChangeStateSyntax change:
                    ChangeState(change);
                    break;
                default:
                    throw new InvalidOperationException($"A {declaration.GetType().Name} cannot be formatted; the parser reported it as an error.");
            }
        }

        public string Finish(IEnumerable<CommentSyntax> comments)
        {
            PlaceComments(comments);
            var output = new StringBuilder();
            for (var i = 0; i < _lines.Count; i++)
            {
                var line = _lines[i];
                if (i > 0 && BlankBefore(i))
                {
                    output.Append('\n');
                }

                if (line.Kind == LineKind.Verbatim)
                {
                    output.Append(line.Text).Append('\n');
                    continue;
                }

                output.Append(' ', line.Indent).Append(line.Text).Append('\n');
            }

            return output.ToString();
        }

        private void Template(TemplateSyntax template)
        {
            var head = $"template {template.Id.Name} {Token(template.Subject)}";
            if (template.Body is FileTemplateBodySyntax file)
            {
                Add(LineKind.Head, 0, $"{head} from {Token(file.Path)}", template.Span.Start);
                return;
            }

            var body = (InlineTemplateBodySyntax)template.Body;
            Add(LineKind.Head, 0, head, template.Span.Start, multiLine: true);
            Add(LineKind.Member, 2, "\"\"\"", body.Span.Start);
            foreach (var text in body.Text.Split('\n'))
            {
                Add(LineKind.Verbatim, 0, text.Length == 0 ? "" : "  " + text, body.Span.Start);
            }

            Add(LineKind.Verbatim, 0, "  \"\"\"", body.Span.Start);
        }

        private void State(StateSyntax state)
        {
            var kind = state.Kind switch
            {
                StateKind.Start => "start state",
                StateKind.Final => "final state",
                _ => "state",
            };
            var was = state.Was is { } old ? $" (was {old.Name})" : "";
            Add(LineKind.Head, 0, $"{kind} {state.Id.Name}{was} {Token(state.Title)}", state.Span.Start, multiLine: true);
            foreach (var member in state.Members)
            {
                Member(member);
            }
        }

        /// <summary>Writes something, then puts a word (add, replace) before its first line.</summary>
        private void Prefixed(string prefix, int anchor, Action write)
        {
            var first = _lines.Count;
            write();
            var line = _lines[first];
            _lines[first] = new Line(line.Kind, line.Indent, prefix + line.Text, anchor, line.MultiLineDeclaration);
        }

        private void ChangeState(ChangeStateSyntax change)
        {
            var title = change.Title is null ? "" : " " + Token(change.Title);
            Add(LineKind.Head, 0, $"change state {change.Id.Name}{title}", change.Span.Start, multiLine: change.Changes.Length > 0);
            foreach (var memberChange in change.Changes)
            {
                switch (memberChange)
                {
                    case MemberReplacementSyntax { Member: StageSyntax or OwnerSyntax or OutcomeSyntax } property:
                        Member(property.Member);
                        break;
                    case MemberReplacementSyntax put:
                        Prefixed(put.Verb == ChangeVerb.Add ? "add " : "replace ", put.Span.Start, () => Member(put.Member));
                        break;
                    case MemberRemovalSyntax removal:
                        var removed = removal.Kind == "after" ? $"after -> {removal.Id.Name}" : $"{removal.Kind} {removal.Id.Name}";
                        Add(LineKind.Member, 2, $"remove {removed}", removal.Span.Start);
                        break;
                    case ActionChangeSyntax edit:
                        Add(LineKind.Member, 2, $"change action {edit.Id.Name}", edit.Span.Start);
                        if (edit.Agency is not null)
                        {
                            var deadline = edit.Deadline is null ? "" : " " + Deadline(edit.Deadline);
                            Add(LineKind.Clause, 4, $"by {edit.Agency.Name}{deadline}", ClauseStart(edit.Agency.Span.Start));
                        }
                        else if (edit.Deadline is not null)
                        {
                            Add(LineKind.Clause, 4, Deadline(edit.Deadline), edit.Deadline.Span.Start);
                        }

                        foreach (var effect in edit.OnMissed)
                        {
                            Add(LineKind.Clause, 4, $"if missed: {Effect(effect)}", ClauseStart(effect.Span.Start));
                        }

                        break;
                }
            }
        }

        private void Member(StateMemberSyntax member)
        {
            switch (member)
            {
                case StageSyntax stage:
                    Add(LineKind.Member, 2, $"stage {Token(stage.Name)}", stage.Span.Start);
                    break;
                case OwnerSyntax owner:
                    Add(LineKind.Member, 2, $"owner {owner.Agency.Name}", owner.Span.Start);
                    break;
                case OutcomeSyntax outcome:
                    Add(LineKind.Member, 2, $"outcome {outcome.Outcome.Name}", outcome.Span.Start);
                    break;
                case ActionSyntax action:
                    Add(LineKind.Member, 2, $"action {action.Id.Name} {Token(action.Description)}", action.Span.Start);
                    if (action.Agency is not null)
                    {
                        var deadline = action.Deadline is null ? "" : " " + Deadline(action.Deadline);
                        Add(LineKind.Clause, 4, $"by {action.Agency.Name}{deadline}", ClauseStart(action.Agency.Span.Start));
                    }

                    foreach (var effect in action.OnMissed)
                    {
                        Add(LineKind.Clause, 4, $"if missed: {Effect(effect)}", ClauseStart(effect.Span.Start));
                    }

                    break;
                case TransitionSyntax transition:
                    Transition(transition);
                    break;
                case TimerSyntax timer:
                    var anchor = timer.Anchor is null ? "" : $" of {timer.Anchor.Name}";
                    Add(LineKind.Member, 2, $"after {Duration(timer.Duration)}{anchor} -> {timer.Target.Name}", timer.Span.Start);
                    Effects(timer.Effects);
                    break;
                default:
                    throw new InvalidOperationException($"A {member.GetType().Name} cannot be formatted.");
            }
        }

        private void Transition(TransitionSyntax transition)
        {
            var head = new StringBuilder("on ").Append(transition.Event.Name);
            if (transition.AskedFields.Length > 0)
            {
                head.Append(" with ").AppendJoin(", ", transition.AskedFields.Select(f => f.Name));
            }

            if (transition.AllowedAgencies.Length > 0)
            {
                head.Append(" by ").AppendJoin(", ", transition.AllowedAgencies.Select(a => a.Name));
            }

            var target = transition.Target is null ? "" : $" -> {transition.Target.Name}";
            if (transition.Condition is null)
            {
                Add(LineKind.Member, 2, head + target, transition.Span.Start);
            }
            else
            {
                var when = $"when {Condition(transition.Condition)}{target}";
                if (2 + head.Length + 1 + when.Length <= LineWidth)
                {
                    Add(LineKind.Member, 2, $"{head} {when}", transition.Span.Start);
                }
                else
                {
                    Add(LineKind.Member, 2, head.ToString(), transition.Span.Start);
                    Add(LineKind.Clause, 4, when, ClauseStart(transition.Condition.Span.Start));
                }
            }

            Effects(transition.Effects);
        }

        private void Effects(IEnumerable<EffectSyntax> effects)
        {
            foreach (var effect in effects)
            {
                Add(LineKind.Clause, 4, Effect(effect), effect.Span.Start);
            }
        }

        private string Effect(EffectSyntax effect) => effect switch
        {
            NotifySyntax notify => $"notify {string.Join(", ", notify.Agencies.Select(a => a.Name))} with {notify.Template.Name}{(notify.WithoutConsent ? " without consent" : "")}",
            SetSyntax set => $"set {set.Field.Name} = {Token(set.Value)}",
            RaiseSyntax raise => $"raise {raise.Event.Name}",
            _ => throw new InvalidOperationException($"A {effect.GetType().Name} cannot be formatted."),
        };

        private string Deadline(DeadlineSyntax deadline) => deadline switch
        {
            WithinDeadlineSyntax within =>
                $"within {Duration(within.Duration)}"
                + (within.Anchor is null ? "" : $" of {within.Anchor.Name}")
                + (within.NextWorkingDayAt is null ? "" : $" or by {within.NextWorkingDayAt} next working day"),
            BeforeDeadlineSyntax before => $"{Duration(before.Duration)} before {before.Field.Name}",
            ByDateDeadlineSyntax by => $"by {by.Field.Name}",
            _ => throw new InvalidOperationException($"A {deadline.GetType().Name} cannot be formatted."),
        };

        private string ReportLine(ReportLineSyntax line) => line switch
        {
            ReleaseLineSyntax release => $"release on {release.Event.Name}",
            ContinuityLineSyntax continuity => $"continuity {string.Join(", ", continuity.Outcomes.Select(o => o.Name))}"
                + (continuity.Window is { } window ? $" within {Duration(window)}" : ""),
            ExcludeLineSyntax exclude => $"exclude {exclude.Outcome.Name} {Token(exclude.Reason)}",
            FunnelLineSyntax funnel => $"funnel {string.Join(", ", funnel.Stages.Select(Token))}",
            _ => throw new InvalidOperationException($"A {line.GetType().Name} cannot be formatted."),
        };

        private string Duration(DurationSyntax duration)
        {
            // The amount as written (the checker, not the formatter, judges whether it is sensible).
            var written = source[duration.Span];
            var amount = written[..Math.Max(1, written.IndexOfAny([' ', '\t', '\r', '\n']))];
            var one = amount == "1";
            var unit = duration.Unit switch
            {
                DurationUnit.Hours => one ? "hour" : "hours",
                DurationUnit.Days => one ? "day" : "days",
                DurationUnit.Weeks => one ? "week" : "weeks",
                DurationUnit.WorkingDays => one ? "working day" : "working days",
                _ => throw new InvalidOperationException($"Unknown unit {duration.Unit}."),
            };
            return $"{amount} {unit}";
        }

        private string Condition(ConditionSyntax condition) => condition switch
        {
            AndSyntax and => $"{Condition(and.Left)} and {Condition(and.Right)}",
            OrSyntax or => $"{Condition(or.Left)} or {Condition(or.Right)}",
            NotSyntax not => $"not {Condition(not.Operand)}",
            ParenthesizedSyntax parenthesized => $"({Condition(parenthesized.Inner)})",
            IsSetSyntax isSet => isSet.Negated ? $"{isSet.Field.Name} is not set" : $"{isSet.Field.Name} is set",
            CompareSyntax compare => $"{compare.Field.Name} {compare.OperatorText} {Token(compare.Value)}",
            FieldTestSyntax test => test.Field.Name,
            _ => throw new InvalidOperationException($"A {condition.GetType().Name} cannot be formatted."),
        };

        private string Property(HeaderPropertySyntax property) => property.Kind switch
        {
            HeaderPropertyKind.Title => $"title {source[property.ValueSpan]}",
            HeaderPropertyKind.Partnership => $"partnership {source[property.ValueSpan]}",
            HeaderPropertyKind.TimeZone => $"time zone {property.Value}",
            HeaderPropertyKind.Calendar => $"calendar {property.Value}",
            HeaderPropertyKind.BasedOn => $"based on {property.Value}",
            _ => throw new InvalidOperationException($"Unknown header property {property.Kind}."),
        };

        private static string FieldType(FieldTypeSyntax type) => type.Type switch
        {
            Definitions.FieldType.Text => "text",
            Definitions.FieldType.Date => "date",
            Definitions.FieldType.DateTime => "date-time",
            Definitions.FieldType.YesNo => "yes/no",
            Definitions.FieldType.Number => "number",
            Definitions.FieldType.OneOf => "one of " + string.Join(", ", type.Options.Select(o => o.Name)),
            _ => throw new InvalidOperationException($"Unknown field type {type.Type}."),
        };

        /// <summary>A quoted text or value exactly as the author wrote it, escapes included.</summary>
        private string Token(SyntaxNode node) => source[node.Span];

        /// <summary>The start of the clause a name or effect belongs to: back over the keyword before it on its line.</summary>
        private int ClauseStart(int position)
        {
            var text = source.Text;
            var i = position;
            while (i > 0 && text[i - 1] is ' ' or '\t')
            {
                i--;
            }

            // Step back over one keyword ("by", "when", "if missed:") so a comment between two
            // clauses stays between them.
            var wordEnd = i;
            while (i > 0 && text[i - 1] is not (' ' or '\t' or '\n' or '\r'))
            {
                i--;
            }

            var word = text[i..wordEnd];
            if (word is "missed:" or "missed")
            {
                while (i > 0 && text[i - 1] is ' ' or '\t')
                {
                    i--;
                }

                while (i > 0 && text[i - 1] is not (' ' or '\t' or '\n' or '\r'))
                {
                    i--;
                }

                return i;
            }

            return word is "by" or "when" or "if" ? i : position;
        }

        private void Add(LineKind kind, int indent, string text, int anchor, bool multiLine = false) =>
            _lines.Add(new Line(kind, indent, text, anchor, multiLine));
    }
}
