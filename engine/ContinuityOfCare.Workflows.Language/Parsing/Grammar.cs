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
internal static partial class Grammar
{
    /// <summary>Words that start a top-level declaration.</summary>
    public static readonly ImmutableArray<string> DeclarationKeywords = ["pathway", "agency", "field", "template", "start", "state", "final", "report"];

    /// <summary>Words that start a member of a state.</summary>
    public static readonly ImmutableArray<string> MemberKeywords = ["stage", "owner", "outcome", "action", "on", "after"];

    private static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> MemberKeywordLookup =
        MemberKeywords.ToFrozenSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Whether the word at a position starts a state member (without allocating the word).</summary>
    public static bool StartsMember(string text, int position, int end)
    {
        var length = IdentifierLength(text, position, end);
        return length > 0 && MemberKeywordLookup.Contains(text.AsSpan(position, length));
    }

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

    private static readonly Parser<BasedOnSyntax> BasedOn = Node(
        from _ in Keyword("based")
        from __ in Keyword("on")
        from id in Identifier
        from ___ in Keyword("version")
        from number in WholeNumber.Named("a version number")
        select (id, number),
        (x, span) => new BasedOnSyntax(x.id, ParseAmount(x.number.Text), x.number.Span, span));

    private static readonly Parser<(HeaderPropertySyntax Property, BasedOnSyntax? BasedOn)> HeaderLine =
        HeaderProperty.Select(p => (p, (BasedOnSyntax?)null))
        .Or(BasedOn.Select(b => (new HeaderPropertySyntax(HeaderPropertyKind.BasedOn, $"{b.Pathway.Name} version {b.Version}", b.Pathway.Span.Cover(b.VersionSpan), b.Span), (BasedOnSyntax?)b)));

    public static readonly Parser<HeaderSyntax> Header = Node(
        from _ in Keyword("pathway")
        from id in Identifier
        from lines in Repeated(HeaderLine)
        select (id, lines: lines.ToList()),
        (x, span) => new HeaderSyntax(x.id, [.. x.lines.Select(l => l.Property)], span, x.lines.Select(l => l.BasedOn).FirstOrDefault(b => b is not null)));

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
    //
    // The rules below run for every line of every state, so they are written with Sequence rather
    // than Sprache's query syntax, which allocates new closures and parsers on every call.

    private static readonly Parser<string> StateWord = Keyword("state");

    private static readonly Parser<StateKind> StateKindWord = Dispatch(
        ("start", KeywordFor("start", StateKind.Start)), ("final", KeywordFor("final", StateKind.Final)));

    // "(was old-id)": the id the state had in the previous version of the pathway.
    private static readonly Parser<IdentifierSyntax> WasClause = input =>
    {
        var s = new Sequence(input);
        if (!s.Take(Symbol("(")) || !s.Take(Keyword("was")) || !s.Take(Identifier, out var was) || !s.Take(Symbol(")")))
        {
            return s.Failure<IdentifierSyntax>();
        }

        return s.Success(was);
    };

    public static readonly Parser<(StateKind Kind, IdentifierSyntax Id, IdentifierSyntax? Was, StringSyntax Title, TextSpan Span)> StateHead = Node(
        input =>
        {
            var s = new Sequence(input);
            if (!s.Optional(StateKindWord, out var kind, out var hasKind) || !s.Take(StateWord)
                || !s.Take(Identifier, out var id) || !s.Optional(WasClause, out var was, out var hasWas)
                || !s.Take(QuotedText, out var title))
            {
                return s.Failure<(StateKind, IdentifierSyntax, IdentifierSyntax?, StringSyntax)>();
            }

            return s.Success((hasKind ? kind : StateKind.Normal, id, hasWas ? was : null, title));
        },
        (x, span) => (x.Item1, x.Item2, x.Item3, x.Item4, span));

    // Durations and deadlines.

    private static readonly Parser<DurationUnit> Unit = OneOf(
        "a unit (hours, days, weeks or working days)",
        ("hour", DurationUnit.Hours), ("hours", DurationUnit.Hours),
        ("day", DurationUnit.Days), ("days", DurationUnit.Days),
        ("week", DurationUnit.Weeks), ("weeks", DurationUnit.Weeks),
        ("working day", DurationUnit.WorkingDays), ("working days", DurationUnit.WorkingDays));

    public static readonly Parser<DurationSyntax> Duration = Node(
        input =>
        {
            var s = new Sequence(input);
            return s.Take(WholeNumber, out var amount) && s.Take(Unit, out var unit)
                ? s.Success((amount, unit))
                : s.Failure<((string Text, TextSpan Span), DurationUnit)>();
        },
        (x, span) => new DurationSyntax(ParseAmount(x.Item1.Text), x.Item2, span));

    private static readonly Parser<TimeOfDaySyntax> TimeOfDay = Scan(
        ScanTimeOfDay,
        (text, span) => new TimeOfDaySyntax(
            int.Parse(text.AsSpan(0, text.IndexOf(':')), System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(text.AsSpan(text.IndexOf(':') + 1), System.Globalization.CultureInfo.InvariantCulture),
            span),
        "a time of day such as 09:00");

    private static readonly Parser<string> Or = Keyword("or");
    private static readonly Parser<string> By = Keyword("by");
    private static readonly Parser<string> Next = Keyword("next");
    private static readonly Parser<string> Working = Keyword("working");
    private static readonly Parser<string> Day = Keyword("day");
    private static readonly Parser<string> Within = Keyword("within");
    private static readonly Parser<string> BeforeWord = Keyword("before");
    private static readonly Parser<IdentifierSyntax> OfName = After("of", Identifier);

    private static readonly Parser<TimeOfDaySyntax> NextWorkingDayRule = input =>
    {
        var s = new Sequence(input);
        return s.Take(Or) && s.Take(By) && s.Take(TimeOfDay, out var time) && s.Take(Next) && s.Take(Working) && s.Take(Day)
            ? s.Success(time)
            : s.Failure<TimeOfDaySyntax>();
    };

    private static readonly Parser<DeadlineSyntax> WithinDeadline = Node(
        input =>
        {
            var s = new Sequence(input);
            if (!s.Take(Within) || !s.Take(Duration, out var duration) || !s.OptionalAfter("of", OfName, out var anchor)
                || !s.OptionalAfter("or", NextWorkingDayRule, out var rule))
            {
                return s.Failure<(DurationSyntax, IdentifierSyntax?, TimeOfDaySyntax?)>();
            }

            return s.Success<(DurationSyntax, IdentifierSyntax?, TimeOfDaySyntax?)>((duration, anchor, rule));
        },
        (x, span) => (DeadlineSyntax)new WithinDeadlineSyntax(x.Item1, x.Item2, x.Item3, span));

    private static readonly Parser<DeadlineSyntax> BeforeDeadline = Node(
        input =>
        {
            var s = new Sequence(input);
            return s.Take(Duration, out var duration) && s.Take(BeforeWord) && s.Take(Identifier, out var field)
                ? s.Success((duration, field))
                : s.Failure<(DurationSyntax, IdentifierSyntax)>();
        },
        (x, span) => (DeadlineSyntax)new BeforeDeadlineSyntax(x.Item1, x.Item2, span));

    private static readonly Parser<DeadlineSyntax> ByDate = Node(
        After("by", Identifier),
        (field, span) => (DeadlineSyntax)new ByDateDeadlineSyntax(field, span));

    private static readonly string[] DeadlineExpected = ["'within'", "a whole number", "'by'"];

    /// <summary>Chosen by the first word, so an action without a deadline costs one failure, not three.</summary>
    private static readonly Parser<DeadlineSyntax> Deadline = input =>
    {
        var source = input.Source;
        var end = ((SourceInput)input).End;
        var position = input.Position;
        if (StartsWithKeyword(source, position, end, "within"))
        {
            return WithinDeadline(input);
        }

        if (position < end && char.IsAsciiDigit(source[position]))
        {
            return BeforeDeadline(input);
        }

        return StartsWithKeyword(source, position, end, "by")
            ? ByDate(input)
            : Result.Failure<DeadlineSyntax>(input, "expected a deadline", DeadlineExpected);
    };

    // Values and conditions.

    private static readonly Parser<ValueSyntax> Literal = Scan(ScanLiteral, LiteralValue, "a number or a date");

    private static readonly string[] ValueExpected = ["a value (a quoted text, a number, a date, yes, no or an option)"];

    public static readonly Parser<ValueSyntax> Value = input =>
    {
        if (!input.AtEnd && input.Current == '"')
        {
            var text = QuotedText(input);
            return text.WasSuccessful
                ? Result.Success(new ValueSyntax(ValueSyntaxKind.Text, text.Value.Value, text.Value.Span), text.Remainder)
                : Fail<StringSyntax, ValueSyntax>(text);
        }

        var literal = Literal(input);
        if (literal.WasSuccessful)
        {
            return literal;
        }

        var word = Identifier(input);
        if (word.WasSuccessful)
        {
            return Result.Success(new ValueSyntax(ValueSyntaxKind.Word, word.Value.Name, word.Value.Span), word.Remainder);
        }

        return Result.Failure<ValueSyntax>(input, "expected a value", ValueExpected);
    };

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

    private static readonly Parser<string> Is = Keyword("is");
    private static readonly Parser<string> NotWord = Keyword("not");
    private static readonly Parser<string> SetWord = Keyword("set");

    /// <summary>A field and what follows it: <c>is set</c>, <c>is not set</c>, a comparison, or nothing (a yes/no test).</summary>
    private static readonly Parser<ConditionSyntax> FieldAtom = input =>
    {
        var field = Identifier(input);
        if (!field.WasSuccessful)
        {
            return Fail<IdentifierSyntax, ConditionSyntax>(field);
        }

        var name = field.Value;
        var start = input.Position;
        var after = field.Remainder;
        TextSpan SpanTo(IInput remainder) => TextSpan.FromBounds(start, ((SourceInput)remainder).TokenEnd);

        // Every tail starts with "is" or an operator; anything else leaves the field as a yes/no test.
        if (after.AtEnd || after.Current is not ('i' or '=' or '!' or '<' or '>'))
        {
            return Result.Success<ConditionSyntax>(new FieldTestSyntax(name, SpanTo(after)), after);
        }

        var notSet = new Sequence(after);
        if (notSet.Take(Is) && notSet.Take(NotWord) && notSet.Take(SetWord, out _))
        {
            var done = notSet.Input;
            return Result.Success<ConditionSyntax>(new IsSetSyntax(name, true, SpanTo(done)), done);
        }

        var isSet = new Sequence(after);
        if (isSet.Take(Is) && isSet.Take(SetWord))
        {
            var done = isSet.Input;
            return Result.Success<ConditionSyntax>(new IsSetSyntax(name, false, SpanTo(done)), done);
        }

        var compare = new Sequence(after);
        if (compare.Take(Operator, out var op) && compare.Take(Value, out var value))
        {
            var done = compare.Input;
            return Result.Success<ConditionSyntax>(new CompareSyntax(name, op.Op, op.Text, value, SpanTo(done)), done);
        }

        // None of the tails fitted. If one read something before failing, that is the error;
        // otherwise the field stands alone as a yes/no test.
        var failure = BestFailure(BestFailure(notSet.Failure<int>(), isSet.Failure<int>()), compare.Failure<int>());
        return failure.Remainder.Position != after.Position
            ? Fail<int, ConditionSyntax>(failure)
            : Result.Success<ConditionSyntax>(new FieldTestSyntax(name, SpanTo(after)), after);
    };

    private static readonly Parser<string> OpenParenthesis = Symbol("(");
    private static readonly Parser<string> CloseParenthesis = Symbol(")");

    private static readonly Parser<ConditionSyntax> Parenthesized = Node(
        input =>
        {
            var s = new Sequence(input);
            return s.Take(OpenParenthesis) && s.Take(Condition!, out var inner) && s.Take(CloseParenthesis)
                ? s.Success(inner)
                : s.Failure<ConditionSyntax>();
        },
        (inner, span) => (ConditionSyntax)new ParenthesizedSyntax(inner, span));

    private static readonly Parser<ConditionSyntax> Atom = Expecting<ConditionSyntax>(
        input => !input.AtEnd && input.Current == '(' ? Parenthesized(input) : FieldAtom(input),
        "a condition");

    private static readonly Parser<ConditionSyntax> Negation = input =>
    {
        var not = NotWord(input);
        if (!not.WasSuccessful)
        {
            return Atom(input);
        }

        var operand = Negation!(not.Remainder);
        if (!operand.WasSuccessful)
        {
            return operand;
        }

        var span = TextSpan.FromBounds(input.Position, Math.Max(input.Position, ((SourceInput)operand.Remainder).TokenEnd));
        return Result.Success<ConditionSyntax>(new NotSyntax(operand.Value, span), operand.Remainder);
    };

    private static readonly Parser<ConditionSyntax> Conjunction = Chain(
        Keyword("and"), Negation, (left, right) => new AndSyntax(left, right, left.Span.Cover(right.Span)));

    public static readonly Parser<ConditionSyntax> Condition = Chain(
        Keyword("or"), Conjunction, (left, right) => new OrSyntax(left, right, left.Span.Cover(right.Span)));

    // Effects.

    private static readonly Parser<string> NotifyWord = Keyword("notify");
    private static readonly Parser<string> With = Keyword("with");
    private static readonly Parser<ImmutableArray<IdentifierSyntax>> Names = CommaList(Identifier);
    private static readonly Parser<string> Assign = input =>
    {
        var equals = Symbol("=")(input);
        return equals.WasSuccessful ? equals : BestFailure(equals, Keyword("to")(input));
    };

    private static readonly Parser<string> WithoutConsent = After("without", Keyword("consent"));

    private static readonly Parser<EffectSyntax> Notify = Node(
        input =>
        {
            var s = new Sequence(input);
            return s.Take(NotifyWord) && s.Take(Names, out var agencies) && s.Take(With) && s.Take(Identifier, out var template)
                && s.OptionalAfter("without", WithoutConsent, out _, out var withoutConsent)
                ? s.Success((agencies, template, withoutConsent))
                : s.Failure<(ImmutableArray<IdentifierSyntax>, IdentifierSyntax, bool)>();
        },
        (x, span) => (EffectSyntax)new NotifySyntax(x.Item1, x.Item2, span, x.Item3));

    private static readonly Parser<EffectSyntax> Set = Node(
        input =>
        {
            var s = new Sequence(input);
            return s.Take(SetWord) && s.Take(Identifier, out var field) && s.Take(Assign) && s.Take(Value, out var value)
                ? s.Success((field, value))
                : s.Failure<(IdentifierSyntax, ValueSyntax)>();
        },
        (x, span) => (EffectSyntax)new SetSyntax(x.Item1, x.Item2, span));

    private static readonly Parser<EffectSyntax> Raise = Node(
        After("raise", Identifier),
        (name, span) => (EffectSyntax)new RaiseSyntax(name, span));

    private static readonly Parser<EffectSyntax> Effect = Dispatch(("notify", Notify), ("set", Set));

    private static readonly Parser<EffectSyntax> MissedEffect = Expecting(
        Dispatch(("notify", Notify), ("set", Set), ("raise", Raise)),
        "what happens when the deadline is missed (notify ... with ..., set ... or raise ...)");

    private static readonly Parser<IEnumerable<EffectSyntax>> Effects = Repeated(Effect);

    // Members.

    private static readonly Parser<StateMemberSyntax> Stage =
        Node(After("stage", QuotedText), (name, span) => (StateMemberSyntax)new StageSyntax(name, span));

    private static readonly Parser<StateMemberSyntax> Owner =
        Node(After("owner", Identifier), (agency, span) => (StateMemberSyntax)new OwnerSyntax(agency, span));

    private static readonly Parser<StateMemberSyntax> Outcome =
        Node(After("outcome", Identifier), (outcome, span) => (StateMemberSyntax)new OutcomeSyntax(outcome, span));

    private abstract record ActionClause;

    private sealed record ByClause(IdentifierSyntax Agency, DeadlineSyntax? Deadline) : ActionClause;

    private sealed record MissedClause(EffectSyntax Effect) : ActionClause;

    private static readonly Parser<string> If = Keyword("if");
    private static readonly Parser<string> Missed = Keyword("missed");
    private static readonly Parser<string> Colon = Symbol(":");
    private static readonly Parser<string> Arrow = Symbol("->");

    private static readonly Parser<ActionClause> ActionBy = input =>
    {
        var s = new Sequence(input);
        return s.Take(By) && s.Take(Identifier, out var agency) && s.Optional(Deadline, out var deadline)
            ? s.Success<ActionClause>(new ByClause(agency, deadline))
            : s.Failure<ActionClause>();
    };

    private static readonly Parser<ActionClause> ActionMissed = input =>
    {
        var s = new Sequence(input);
        return s.Take(If) && s.Take(Missed) && s.OptionalAfter(":", Colon, out _) && s.Take(MissedEffect, out var effect)
            ? s.Success<ActionClause>(new MissedClause(effect))
            : s.Failure<ActionClause>();
    };

    private static readonly Parser<IEnumerable<ActionClause>> ActionClauses = Repeated(Dispatch(("by", ActionBy), ("if", ActionMissed)));

    private static readonly Parser<string> ActionWord = Keyword("action");

    private static readonly Parser<StateMemberSyntax> Action = Node(
        input =>
        {
            var s = new Sequence(input);
            return s.Take(ActionWord) && s.Take(Identifier, out var id) && s.Take(QuotedText, out var description)
                && s.Take(ActionClauses, out var clauses)
                ? s.Success((id, description, clauses))
                : s.Failure<(IdentifierSyntax, StringSyntax, IEnumerable<ActionClause>)>();
        },
        (x, span) =>
        {
            ByClause? by = null;
            var missed = ImmutableArray.CreateBuilder<EffectSyntax>();
            foreach (var clause in x.Item3)
            {
                switch (clause)
                {
                    case ByClause b:
                        by ??= b;
                        break;
                    case MissedClause m:
                        missed.Add(m.Effect);
                        break;
                }
            }

            return (StateMemberSyntax)new ActionSyntax(x.Item1, x.Item2, by?.Agency, by?.Deadline, missed.ToImmutable(), span);
        });

    private static readonly Parser<string> On = Keyword("on");
    private static readonly Parser<ImmutableArray<IdentifierSyntax>> WithNames = After("with", Names);
    private static readonly Parser<ImmutableArray<IdentifierSyntax>> ByNames = After("by", Names);
    private static readonly Parser<ConditionSyntax> When = After("when", Condition);
    private static readonly Parser<IdentifierSyntax> ToTarget = After("->", Identifier);

    private static readonly Parser<StateMemberSyntax> Transition = Node(
        input =>
        {
            var s = new Sequence(input);
            if (!s.Take(On) || !s.Take(Identifier, out var name)
                || !s.OptionalAfter("with", WithNames, out var asked, out var hasAsked)
                || !s.OptionalAfter("by", ByNames, out var agencies, out var hasAgencies)
                || !s.OptionalAfter("when", When, out var condition)
                || !s.OptionalAfter("->", ToTarget, out var target)
                || !s.OptionalAfter(":", Colon, out _)
                || !s.Take(Effects, out var effects))
            {
                return s.Failure<TransitionSyntax>();
            }

            return s.Success(new TransitionSyntax(
                name,
                hasAsked ? asked : [],
                hasAgencies ? agencies : [],
                condition,
                target,
                [.. effects],
                default));
        },
        (x, span) => (StateMemberSyntax)(x with { Span = span }));

    private static readonly Parser<string> AfterWord = Keyword("after");

    private static readonly Parser<StateMemberSyntax> Timer = Node(
        input =>
        {
            var s = new Sequence(input);
            if (!s.Take(AfterWord) || !s.Take(Duration, out var duration) || !s.OptionalAfter("of", OfName, out var anchor)
                || !s.Take(Arrow) || !s.Take(Identifier, out var target) || !s.OptionalAfter(":", Colon, out _)
                || !s.Take(Effects, out var effects))
            {
                return s.Failure<TimerSyntax>();
            }

            return s.Success(new TimerSyntax(duration, anchor, target, [.. effects], default));
        },
        (x, span) => (StateMemberSyntax)(x with { Span = span }));

    public static readonly Parser<StateMemberSyntax> Member = Dispatch(
        ("stage", Stage), ("owner", Owner), ("outcome", Outcome), ("action", Action), ("on", Transition), ("after", Timer));

    /// <summary>HH:MM or H:MM; the checker, not the parser, judges whether the hour and minute exist.</summary>
    private static int ScanTimeOfDay(string source, int position, int end)
    {
        var i = position;
        while (i < end && i - position < 2 && char.IsAsciiDigit(source[i]))
        {
            i++;
        }

        if (i == position || i + 2 >= end || source[i] != ':' || !char.IsAsciiDigit(source[i + 1]) || !char.IsAsciiDigit(source[i + 2]))
        {
            return position;
        }

        return i + 3;
    }

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

    // ---- Reporting rules -------------------------------------------------------------------------

    private static readonly Parser<ReportLineSyntax> ReportLine =
        Node(
            from _ in Keyword("release")
            from __ in Keyword("on")
            from name in Identifier
            select name,
            (name, span) => (ReportLineSyntax)new ReleaseLineSyntax(name, span))
        .Or(Node(
            from _ in Keyword("continuity")
            from outcomes in CommaList(Identifier)
            from window in After("within", Duration).XOptional()
            select (outcomes, window),
            (x, span) => (ReportLineSyntax)new ContinuityLineSyntax(x.outcomes, x.window.GetOrDefault(), span)))
        .Or(Node(
            from _ in Keyword("exclude")
            from outcome in Identifier
            from reason in QuotedText
            select (outcome, reason),
            (x, span) => (ReportLineSyntax)new ExcludeLineSyntax(x.outcome, x.reason, span)))
        .Or(Node(
            from _ in Keyword("funnel")
            from stages in CommaList(QuotedText)
            select stages,
            (stages, span) => (ReportLineSyntax)new FunnelLineSyntax(stages, span)));

    public static readonly Parser<ReportSyntax> Report = Node(
        from _ in Keyword("report")
        from lines in Repeated(ReportLine)
        select lines,
        (lines, span) => new ReportSyntax([.. lines], span));

    private static ValueSyntax LiteralValue(string text, TextSpan span) =>
        new(text.Contains('T') ? ValueSyntaxKind.DateTime : text.Length == 10 && text[4] == '-' ? ValueSyntaxKind.Date : ValueSyntaxKind.Number, text, span);

    private static HeaderPropertySyntax Property((HeaderPropertyKind Kind, string Value, TextSpan ValueSpan) x, TextSpan span) =>
        new(x.Kind, x.Value, x.ValueSpan, span);

    /// <summary>The amount, or -1 when it is too long to be a sensible amount (the checker reports it).</summary>
    private static int ParseAmount(string text) =>
        text.Length <= 6 ? int.Parse(text, System.Globalization.CultureInfo.InvariantCulture) : -1;
}
