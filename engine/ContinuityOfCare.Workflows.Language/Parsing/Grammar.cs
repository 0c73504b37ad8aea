using System.Collections.Frozen;
using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;
using Sprache;
using static ContinuityOfCare.Workflows.Language.Parsing.Lexical;

namespace ContinuityOfCare.Workflows.Language.Parsing;

/// <summary>
/// The pathway grammar. Each rule reads one declaration or one state member; <see cref="PathwayParser"/>
/// drives them over the file so that an error in one leaves the others readable.
/// </summary>
internal static class Grammar
{
    /// <summary>Words that start a top-level declaration.</summary>
    public static readonly ImmutableArray<string> DeclarationKeywords = ["pathway", "agency", "field", "template", "start", "state", "final"];

    /// <summary>Words that start a member of a state.</summary>
    public static readonly ImmutableArray<string> MemberKeywords = ["stage", "owner", "outcome", "action", "on", "after"];

    /// <summary>Words that continue an action or a transition.</summary>
    public static readonly ImmutableArray<string> ClauseKeywords = ["by", "if", "missed", "notify", "set", "raise", "within", "before", "of", "with", "when"];

    /// <summary>Words that cannot be names, because a name in their place would change how a line reads.</summary>
    public static readonly FrozenSet<string> ReservedWords = FrozenSet.Create(
        StringComparer.Ordinal,
        ["stage", "owner", "outcome", "action", "on", "after", "by", "if", "notify", "set", "raise", "within", "before", "when", "with", "and", "or", "not"]);

    // ---- Header -------------------------------------------------------------------------------

    private static readonly Parser<string> TimeZoneName =
        Token(Parse.Char(c => char.IsAsciiLetterOrDigit(c) || c is '/' or '_' or '-' or '+', "time zone character").AtLeastOnce().Text())
            .Named("a time zone such as Europe/London");

    private static readonly Parser<HeaderPropertySyntax> HeaderProperty =
        Node(Keyword("title").Then(_ => QuotedText).Select(s => (HeaderPropertyKind.Title, s.Value, s.Span)), Property)
        .Or(Node(Keyword("partnership").Then(_ => QuotedText).Select(s => (HeaderPropertyKind.Partnership, s.Value, s.Span)), Property))
        .Or(Node(
            from _ in Keyword("time")
            from __ in Keyword("zone")
            from zone in Spanned(TimeZoneName)
            select (HeaderPropertyKind.TimeZone, zone.Value, zone.Span), Property))
        .Or(Node(Keyword("calendar").Then(_ => Identifier).Select(i => (HeaderPropertyKind.Calendar, i.Name, i.Span)), Property));

    public static readonly Parser<HeaderSyntax> Header = Node(
        from _ in Keyword("pathway")
        from id in Identifier
        from properties in Repeated(HeaderProperty)
        select (id, properties),
        (x, span) => new HeaderSyntax(x.id, [.. x.properties], span));

    // ---- Agencies, fields, templates -------------------------------------------------------------

    public static readonly Parser<AgencySyntax> Agency = Node(
        from _ in Keyword("agency")
        from id in Identifier
        from name in QuotedText
        select (id, name),
        (x, span) => new AgencySyntax(x.id, x.name, span));

    private static readonly Parser<FieldTypeSyntax> FieldType =
        Node(Keyword("text"), (_, span) => new FieldTypeSyntax(Definitions.FieldType.Text, [], span))
        .Or(Node(Keyword("date-time"), (_, span) => new FieldTypeSyntax(Definitions.FieldType.DateTime, [], span)))
        .Or(Node(Keyword("date"), (_, span) => new FieldTypeSyntax(Definitions.FieldType.Date, [], span)))
        .Or(Node(Keyword("yes/no"), (_, span) => new FieldTypeSyntax(Definitions.FieldType.YesNo, [], span)))
        .Or(Node(Keyword("number"), (_, span) => new FieldTypeSyntax(Definitions.FieldType.Number, [], span)))
        .Or(Node(
            from _ in Keyword("one")
            from __ in Keyword("of")
            from options in CommaList(Identifier)
            select options,
            (options, span) => new FieldTypeSyntax(Definitions.FieldType.OneOf, options, span)))
        .Named("a field type (text, date, date-time, yes/no, number or one of ...)");

    public static readonly Parser<FieldSyntax> Field = Node(
        from _ in Keyword("field")
        from id in Identifier
        from colon in Symbol(":")
        from type in FieldType
        from label in QuotedText.XOptional()
        select (id, type, label),
        (x, span) => new FieldSyntax(x.id, x.type, x.label.GetOrDefault(), span));

    private static readonly Parser<TemplateBodySyntax> TemplateBody =
        TemplateBlock.Select(b => (TemplateBodySyntax)b)
        .Or(Node(Keyword("from").Then(_ => QuotedText), (path, span) => (TemplateBodySyntax)new FileTemplateBodySyntax(path, span)))
        .Named("the template text between \"\"\" lines, or 'from \"file\"'");

    public static readonly Parser<TemplateSyntax> Template = Node(
        from _ in Keyword("template")
        from id in Identifier
        from subject in QuotedText
        from body in TemplateBody
        select (id, subject, body),
        (x, span) => new TemplateSyntax(x.id, x.subject, x.body, span));

    // ---- States --------------------------------------------------------------------------------

    public static readonly Parser<(StateKind Kind, IdentifierSyntax Id, StringSyntax Title, TextSpan Span)> StateHead = Spanned(
        from kind in Keyword("start").Return(StateKind.Start)
            .Or(Keyword("final").Return(StateKind.Final))
            .XOptional()
        from _ in Keyword("state")
        from id in Identifier
        from title in QuotedText
        select (kind.GetOrElse(StateKind.Normal), id, title))
        .Select(x => (x.Value.Item1, x.Value.Item2, x.Value.Item3, x.Span));

    // Durations and deadlines.

    private static readonly Parser<DurationUnit> Unit = OneOf(
        "a unit (hours, days, weeks or working days)",
        ("hour", DurationUnit.Hours), ("hours", DurationUnit.Hours),
        ("day", DurationUnit.Days), ("days", DurationUnit.Days),
        ("week", DurationUnit.Weeks), ("weeks", DurationUnit.Weeks),
        ("working day", DurationUnit.WorkingDays), ("working days", DurationUnit.WorkingDays));

    public static readonly Parser<DurationSyntax> Duration = Node(
        from amount in WholeNumber
        from unit in Unit
        select (amount, unit),
        (x, span) => new DurationSyntax(ParseAmount(x.amount.Text), x.unit, span));

    private static readonly Parser<TimeOfDaySyntax> TimeOfDay = Node(
        Token(
            from hour in Parse.Digit.Repeat(1, 2).Text()
            from colon in Parse.Char(':')
            from minute in Parse.Digit.Repeat(2).Text()
            select (int.Parse(hour, System.Globalization.CultureInfo.InvariantCulture), int.Parse(minute, System.Globalization.CultureInfo.InvariantCulture))),
        (x, span) => new TimeOfDaySyntax(x.Item1, x.Item2, span))
        .Named("a time of day such as 09:00");

    private static readonly Parser<TimeOfDaySyntax> NextWorkingDayRule =
        from _ in Keyword("or")
        from __ in Keyword("by")
        from time in TimeOfDay
        from ___ in Keyword("next")
        from ____ in Keyword("working")
        from _____ in Keyword("day")
        select time;

    private static readonly Parser<DeadlineSyntax> Within = Node(
        from _ in Keyword("within")
        from duration in Duration
        from anchor in Keyword("of").Then(_ => Identifier).XOptional()
        from rule in NextWorkingDayRule.XOptional()
        select (duration, anchor, rule),
        (x, span) => (DeadlineSyntax)new WithinDeadlineSyntax(x.duration, x.anchor.GetOrDefault(), x.rule.GetOrDefault(), span));

    private static readonly Parser<DeadlineSyntax> Before = Node(
        from duration in Duration
        from _ in Keyword("before")
        from field in Identifier
        select (duration, field),
        (x, span) => (DeadlineSyntax)new BeforeDeadlineSyntax(x.duration, x.field, span));

    private static readonly Parser<DeadlineSyntax> ByDate = Node(
        Keyword("by").Then(_ => Identifier),
        (field, span) => (DeadlineSyntax)new ByDateDeadlineSyntax(field, span));

    private static readonly Parser<DeadlineSyntax> Deadline = Within.XOr(Before).XOr(ByDate);

    // Values and conditions.

    /// <summary>A number, a date (2026-03-01) or a date and time (2026-03-01T09:00), told apart by shape.</summary>
    private static readonly Parser<ValueSyntax> Literal = Scan(ScanLiteral, LiteralValue, "a number or a date");

    public static readonly Parser<ValueSyntax> Value =
        QuotedText.Select(s => new ValueSyntax(ValueSyntaxKind.Text, s.Value, s.Span))
        .Or(Literal)
        .Or(Identifier.Select(i => new ValueSyntax(ValueSyntaxKind.Word, i.Name, i.Span)))
        .Named("a value (a quoted text, a number, a date, yes, no or an option)");

    private static readonly Parser<(ComparisonOperator Op, string Text)> Operator = OneOf(
        "a comparison (=, !=, <, <=, >, >=, is or is not)",
        ("!=", (ComparisonOperator.NotEqual, "!=")),
        ("<=", (ComparisonOperator.LessOrEqual, "<=")),
        (">=", (ComparisonOperator.GreaterOrEqual, ">=")),
        ("<", (ComparisonOperator.Less, "<")),
        (">", (ComparisonOperator.Greater, ">")),
        ("=", (ComparisonOperator.Equal, "=")),
        ("is not", (ComparisonOperator.NotEqual, "is not")),
        ("is", (ComparisonOperator.Equal, "is")));

    private static readonly Parser<Func<IdentifierSyntax, TextSpan, ConditionSyntax>> AtomTail =
        Keyword("is").Then(_ => Keyword("not")).Then(_ => Keyword("set"))
            .Return<string, Func<IdentifierSyntax, TextSpan, ConditionSyntax>>((field, span) => new IsSetSyntax(field, true, span))
        .Or(Keyword("is").Then(_ => Keyword("set"))
            .Return<string, Func<IdentifierSyntax, TextSpan, ConditionSyntax>>((field, span) => new IsSetSyntax(field, false, span)))
        .Or(from op in Operator
            from value in Value
            select (Func<IdentifierSyntax, TextSpan, ConditionSyntax>)((field, span) => new CompareSyntax(field, op.Op, op.Text, value, span)));

    private static readonly Parser<ConditionSyntax> FieldAtom = Node(
        from field in Identifier
        from tail in AtomTail.XOptional()
        select (field, tail),
        (x, span) => x.tail.IsDefined ? x.tail.Get()(x.field, span) : new FieldTestSyntax(x.field, span));

    private static readonly Parser<ConditionSyntax> Parenthesized = Node(
        from open in Symbol("(")
        from inner in Parse.Ref(() => Condition)
        from close in Symbol(")")
        select inner,
        (inner, span) => (ConditionSyntax)new ParenthesizedSyntax(inner, span));

    private static readonly Parser<ConditionSyntax> Atom = Parenthesized.XOr(FieldAtom).Named("a condition");

    private static readonly Parser<ConditionSyntax> Negation =
        Node(Keyword("not").Then(_ => Parse.Ref(() => Negation)), (operand, span) => (ConditionSyntax)new NotSyntax(operand, span))
        .Or(Atom);

    private static readonly Parser<ConditionSyntax> Conjunction = Parse.XChainOperator(
        Keyword("and"), Negation, (_, left, right) => new AndSyntax(left, right, left.Span.Cover(right.Span)));

    public static readonly Parser<ConditionSyntax> Condition = Parse.XChainOperator(
        Keyword("or"), Conjunction, (_, left, right) => new OrSyntax(left, right, left.Span.Cover(right.Span)));

    // Effects.

    private static readonly Parser<EffectSyntax> Notify = Node(
        from _ in Keyword("notify")
        from agencies in CommaList(Identifier)
        from __ in Keyword("with")
        from template in Identifier
        select (agencies, template),
        (x, span) => (EffectSyntax)new NotifySyntax(x.agencies, x.template, span));

    private static readonly Parser<EffectSyntax> Set = Node(
        from _ in Keyword("set")
        from field in Identifier
        from __ in Symbol("=").Or(Keyword("to"))
        from value in Value
        select (field, value),
        (x, span) => (EffectSyntax)new SetSyntax(x.field, x.value, span));

    private static readonly Parser<EffectSyntax> Raise = Node(
        Keyword("raise").Then(_ => Identifier),
        (name, span) => (EffectSyntax)new RaiseSyntax(name, span));

    private static readonly Parser<EffectSyntax> Effect = Dispatch(("notify", Notify), ("set", Set));

    // Members.

    private static readonly Parser<StateMemberSyntax> Stage =
        Node(Keyword("stage").Then(_ => QuotedText), (name, span) => (StateMemberSyntax)new StageSyntax(name, span));

    private static readonly Parser<StateMemberSyntax> Owner =
        Node(Keyword("owner").Then(_ => Identifier), (agency, span) => (StateMemberSyntax)new OwnerSyntax(agency, span));

    private static readonly Parser<StateMemberSyntax> Outcome =
        Node(Keyword("outcome").Then(_ => Identifier), (outcome, span) => (StateMemberSyntax)new OutcomeSyntax(outcome, span));

    private abstract record ActionClause;

    private sealed record ByClause(IdentifierSyntax Agency, DeadlineSyntax? Deadline) : ActionClause;

    private sealed record MissedClause(EffectSyntax Effect) : ActionClause;

    private static readonly Parser<ActionClause> ActionBy =
        from _ in Keyword("by")
        from agency in Identifier
        from deadline in Deadline.XOptional()
        select (ActionClause)new ByClause(agency, deadline.GetOrDefault());

    private static readonly Parser<ActionClause> ActionMissed =
        from _ in Keyword("if")
        from __ in Keyword("missed")
        from colon in Symbol(":").XOptional()
        from effect in Dispatch(("notify", Notify), ("set", Set), ("raise", Raise)).Named("what happens when the deadline is missed (notify ... with ..., set ... or raise ...)")
        select (ActionClause)new MissedClause(effect);

    private static readonly Parser<StateMemberSyntax> Action = Node(
        from _ in Keyword("action")
        from id in Identifier
        from description in QuotedText
        from clauses in Repeated(Dispatch(("by", ActionBy), ("if", ActionMissed)))
        select (id, description, clauses: clauses.ToList()),
        (x, span) =>
        {
            var by = x.clauses.OfType<ByClause>().FirstOrDefault();
            return (StateMemberSyntax)new ActionSyntax(
                x.id,
                x.description,
                by?.Agency,
                by?.Deadline,
                [.. x.clauses.OfType<MissedClause>().Select(c => c.Effect)],
                span);
        });

    private static readonly Parser<StateMemberSyntax> Transition = Node(
        from _ in Keyword("on")
        from name in Identifier
        from asked in Keyword("with").Then(_ => CommaList(Identifier)).XOptional()
        from agencies in Keyword("by").Then(_ => CommaList(Identifier)).XOptional()
        from condition in Keyword("when").Then(_ => Condition).XOptional()
        from target in Symbol("->").Then(_ => Identifier).XOptional()
        from colon in Symbol(":").XOptional()
        from effects in Repeated(Effect)
        select (name, asked, agencies, condition, target, effects),
        (x, span) => (StateMemberSyntax)new TransitionSyntax(
            x.name,
            x.asked.GetOrElse([]),
            x.agencies.GetOrElse([]),
            x.condition.GetOrDefault(),
            x.target.GetOrDefault(),
            [.. x.effects],
            span));

    private static readonly Parser<StateMemberSyntax> Timer = Node(
        from _ in Keyword("after")
        from duration in Duration
        from anchor in Keyword("of").Then(_ => Identifier).XOptional()
        from arrow in Symbol("->")
        from target in Identifier
        from colon in Symbol(":").XOptional()
        from effects in Repeated(Effect)
        select (duration, anchor, target, effects),
        (x, span) => (StateMemberSyntax)new TimerSyntax(x.duration, x.anchor.GetOrDefault(), x.target, [.. x.effects], span));

    public static readonly Parser<StateMemberSyntax> Member = Dispatch(
        ("stage", Stage), ("owner", Owner), ("outcome", Outcome), ("action", Action), ("on", Transition), ("after", Timer));

    private static int ScanLiteral(string source, int position, int end)
    {
        static bool Digits(string s, int at, int count, int end)
        {
            for (var k = 0; k < count; k++)
            {
                if (at + k >= end || !char.IsAsciiDigit(s[at + k]))
                {
                    return false;
                }
            }

            return true;
        }

        var i = position;
        if (Digits(source, i, 4, end) && i + 4 < end && source[i + 4] == '-')
        {
            if (!(Digits(source, i + 5, 2, end) && i + 7 < end && source[i + 7] == '-' && Digits(source, i + 8, 2, end)))
            {
                return position;
            }

            i += 10;
            if (i < end && source[i] == 'T')
            {
                if (!(Digits(source, i + 1, 2, end) && i + 3 < end && source[i + 3] == ':' && Digits(source, i + 4, 2, end)))
                {
                    return position;
                }

                i += 6;
            }
        }
        else
        {
            if (i < end && source[i] == '-')
            {
                i++;
            }

            var digits = i;
            while (i < end && char.IsAsciiDigit(source[i]))
            {
                i++;
            }

            if (i == digits)
            {
                return position;
            }

            if (i + 1 < end && source[i] == '.' && char.IsAsciiDigit(source[i + 1]))
            {
                i++;
                while (i < end && char.IsAsciiDigit(source[i]))
                {
                    i++;
                }
            }
        }

        return i < end && IsIdentifierPart(source[i]) ? position : i;
    }

    private static ValueSyntax LiteralValue(string text, TextSpan span) =>
        new(text.Contains('T') ? ValueSyntaxKind.DateTime : text.Length == 10 && text[4] == '-' ? ValueSyntaxKind.Date : ValueSyntaxKind.Number, text, span);

    private static HeaderPropertySyntax Property((HeaderPropertyKind Kind, string Value, TextSpan ValueSpan) x, TextSpan span) =>
        new(x.Kind, x.Value, x.ValueSpan, span);

    /// <summary>The amount, or -1 when it is too long to be a sensible amount (the checker reports it).</summary>
    private static int ParseAmount(string text) =>
        text.Length <= 6 ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : -1;
}
