using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Syntax;

/// <summary>A node of the pathway syntax tree: immutable, with the exact span it was read from.</summary>
public abstract record SyntaxNode(TextSpan Span);

/// <summary>A name the user wrote, such as a state or agency id.</summary>
public sealed record IdentifierSyntax(string Name, TextSpan Span) : SyntaxNode(Span)
{
    public override string ToString() => Name;
}

/// <summary>A quoted string, unescaped.</summary>
public sealed record StringSyntax(string Value, TextSpan Span) : SyntaxNode(Span);

/// <summary>A comment, from its '#' to the end of the line.</summary>
public sealed record CommentSyntax(string Text, TextSpan Span) : SyntaxNode(Span);

/// <summary>A whole pathway file: its declarations in order and its comments.</summary>
public sealed record PathwayFileSyntax(
    ImmutableArray<DeclarationSyntax> Declarations,
    ImmutableArray<CommentSyntax> Comments,
    TextSpan Span) : SyntaxNode(Span);

/// <summary>A top-level declaration.</summary>
public abstract record DeclarationSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>The pathway header: id, title, partnership, time zone, calendar, and the base it changes if any.</summary>
public sealed record HeaderSyntax(
    IdentifierSyntax Id,
    ImmutableArray<HeaderPropertySyntax> Properties,
    TextSpan Span,
    BasedOnSyntax? BasedOn = null) : DeclarationSyntax(Span);

/// <summary>Which property of the header a line sets.</summary>
public enum HeaderPropertyKind
{
    Title,
    Partnership,
    TimeZone,
    Calendar,

    /// <summary><c>based on pathway-id version N</c>; its parts are in <see cref="HeaderSyntax.BasedOn"/>.</summary>
    BasedOn,
}

/// <summary>One header property and the text of its value.</summary>
public sealed record HeaderPropertySyntax(HeaderPropertyKind Kind, string Value, TextSpan ValueSpan, TextSpan Span) : SyntaxNode(Span);

/// <summary><c>agency cjit "Criminal justice drug team"</c>.</summary>
public sealed record AgencySyntax(IdentifierSyntax Id, StringSyntax Name, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>field release-date: date "Expected release date"</c>.</summary>
public sealed record FieldSyntax(IdentifierSyntax Id, FieldTypeSyntax Type, StringSyntax? Label, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>A field's type; options only for <c>one of</c>.</summary>
public sealed record FieldTypeSyntax(FieldType Type, ImmutableArray<IdentifierSyntax> Options, TextSpan Span) : SyntaxNode(Span);

/// <summary>A notification template with its subject and a body inline or in a file.</summary>
public sealed record TemplateSyntax(IdentifierSyntax Id, StringSyntax Subject, TemplateBodySyntax Body, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>Where a template's text comes from.</summary>
public abstract record TemplateBodySyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// Template text between <c>"""</c> lines, with its common indentation removed. <see cref="LineOffsets"/>
/// gives, for each line of <see cref="Text"/>, the source offset of its first character, so template
/// errors can be reported at the pathway's line and column. <see cref="Closed"/> is false when the
/// closing <c>"""</c> line is missing and the text ran to the end of the declaration.
/// </summary>
public sealed record InlineTemplateBodySyntax(string Text, ImmutableArray<int> LineOffsets, bool Closed, TextSpan Span) : TemplateBodySyntax(Span);

/// <summary><c>from "templates/alert.sbn"</c>: template text in a file beside the pathway.</summary>
public sealed record FileTemplateBodySyntax(StringSyntax Path, TextSpan Span) : TemplateBodySyntax(Span);

/// <summary>
/// A declaration that could not be read. It keeps the name it declares, when that much was
/// readable, so references to it are not reported again as unknown: one typo, one message.
/// </summary>
public sealed record ErrorDeclarationSyntax(string Keyword, IdentifierSyntax? Id, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>A state (process point) with its members; <see cref="HasSyntaxErrors"/> when some member could not be read.</summary>
/// <param name="Was">The id the state had in the previous version (<c>state x (was y) "..."</c>), if renamed.</param>
public sealed record StateSyntax(
    StateKind Kind,
    IdentifierSyntax Id,
    StringSyntax Title,
    ImmutableArray<StateMemberSyntax> Members,
    TextSpan Span,
    bool HasSyntaxErrors = false,
    IdentifierSyntax? Was = null) : DeclarationSyntax(Span)
{
    public IEnumerable<ActionSyntax> Actions => Members.OfType<ActionSyntax>();

    public IEnumerable<TransitionSyntax> Transitions => Members.OfType<TransitionSyntax>();

    public IEnumerable<TimerSyntax> Timers => Members.OfType<TimerSyntax>();
}

/// <summary>Something a state contains.</summary>
public abstract record StateMemberSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>stage "Release planning"</c>.</summary>
public sealed record StageSyntax(StringSyntax Name, TextSpan Span) : StateMemberSyntax(Span);

/// <summary><c>owner carats</c>.</summary>
public sealed record OwnerSyntax(IdentifierSyntax Agency, TextSpan Span) : StateMemberSyntax(Span);

/// <summary><c>outcome continuity-achieved</c>.</summary>
public sealed record OutcomeSyntax(IdentifierSyntax Outcome, TextSpan Span) : StateMemberSyntax(Span);

/// <summary>A required action: who must do what, by when, and what happens if they do not.</summary>
public sealed record ActionSyntax(
    IdentifierSyntax Id,
    StringSyntax Description,
    IdentifierSyntax? Agency,
    DeadlineSyntax? Deadline,
    ImmutableArray<EffectSyntax> OnMissed,
    TextSpan Span) : StateMemberSyntax(Span);

/// <summary><c>on event [with fields] [by agencies] [when condition] [-> state]</c> and its effects.</summary>
public sealed record TransitionSyntax(
    IdentifierSyntax Event,
    ImmutableArray<IdentifierSyntax> AskedFields,
    ImmutableArray<IdentifierSyntax> AllowedAgencies,
    ConditionSyntax? Condition,
    IdentifierSyntax? Target,
    ImmutableArray<EffectSyntax> Effects,
    TextSpan Span) : StateMemberSyntax(Span);

/// <summary><c>after 21 days of released -> not-engaged</c> and its effects.</summary>
public sealed record TimerSyntax(
    DurationSyntax Duration,
    IdentifierSyntax? Anchor,
    IdentifierSyntax Target,
    ImmutableArray<EffectSyntax> Effects,
    TextSpan Span) : StateMemberSyntax(Span);

/// <summary>An amount and a unit, e.g. <c>5 working days</c>.</summary>
public sealed record DurationSyntax(int Amount, DurationUnit Unit, TextSpan Span) : SyntaxNode(Span);

/// <summary>When an action is due.</summary>
public abstract record DeadlineSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>within 24 hours [of anchor] [or by 09:00 next working day]</c>.</summary>
public sealed record WithinDeadlineSyntax(
    DurationSyntax Duration,
    IdentifierSyntax? Anchor,
    TimeOfDaySyntax? NextWorkingDayAt,
    TextSpan Span) : DeadlineSyntax(Span);

/// <summary><c>6 weeks before release-date</c>.</summary>
public sealed record BeforeDeadlineSyntax(DurationSyntax Duration, IdentifierSyntax Field, TextSpan Span) : DeadlineSyntax(Span);

/// <summary><c>by release-date</c>.</summary>
public sealed record ByDateDeadlineSyntax(IdentifierSyntax Field, TextSpan Span) : DeadlineSyntax(Span);

/// <summary>A local time of day written HH:MM.</summary>
public sealed record TimeOfDaySyntax(int Hour, int Minute, TextSpan Span) : SyntaxNode(Span)
{
    public override string ToString() => $"{Hour:00}:{Minute:00}";
}

/// <summary>Something done when a transition is taken or a deadline is missed.</summary>
public abstract record EffectSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// <c>notify cjit, probation with alert-change</c>, or with <c>without consent</c> at the end for a
/// notice that must go even when the person has not consented to sharing (risk of harm).
/// </summary>
public sealed record NotifySyntax(ImmutableArray<IdentifierSyntax> Agencies, IdentifierSyntax Template, TextSpan Span, bool WithoutConsent = false) : EffectSyntax(Span);

/// <summary><c>set contact-made = yes</c>.</summary>
public sealed record SetSyntax(IdentifierSyntax Field, ValueSyntax Value, TextSpan Span) : EffectSyntax(Span);

/// <summary><c>raise escalated</c> (only after <c>if missed</c>).</summary>
public sealed record RaiseSyntax(IdentifierSyntax Event, TextSpan Span) : EffectSyntax(Span);

/// <summary>A guard over case fields.</summary>
public abstract record ConditionSyntax(TextSpan Span) : SyntaxNode(Span);

public sealed record AndSyntax(ConditionSyntax Left, ConditionSyntax Right, TextSpan Span) : ConditionSyntax(Span);

public sealed record OrSyntax(ConditionSyntax Left, ConditionSyntax Right, TextSpan Span) : ConditionSyntax(Span);

public sealed record NotSyntax(ConditionSyntax Operand, TextSpan Span) : ConditionSyntax(Span);

/// <summary>A condition in parentheses, kept so the formatter can write them back.</summary>
public sealed record ParenthesizedSyntax(ConditionSyntax Inner, TextSpan Span) : ConditionSyntax(Span);

/// <summary><c>field is set</c> or <c>field is not set</c>.</summary>
public sealed record IsSetSyntax(IdentifierSyntax Field, bool Negated, TextSpan Span) : ConditionSyntax(Span);

/// <summary><c>field = value</c> and the other comparisons.</summary>
public sealed record CompareSyntax(IdentifierSyntax Field, ComparisonOperator Operator, string OperatorText, ValueSyntax Value, TextSpan Span) : ConditionSyntax(Span);

/// <summary>A yes/no field on its own, meaning "the field is yes".</summary>
public sealed record FieldTestSyntax(IdentifierSyntax Field, TextSpan Span) : ConditionSyntax(Span);

/// <summary>How a value was written.</summary>
public enum ValueSyntaxKind
{
    Text,
    Number,
    Date,
    DateTime,

    /// <summary>A bare word: yes, no, today, now, or an option of a one-of field.</summary>
    Word,
}

/// <summary>A constant as written; the checker decides its type from the field it meets.</summary>
public sealed record ValueSyntax(ValueSyntaxKind Kind, string Text, TextSpan Span) : SyntaxNode(Span);
