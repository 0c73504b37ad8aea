using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Syntax;

/// <summary><c>based on custody-to-community version 3</c>: the published pathway version a local protocol changes.</summary>
public sealed record BasedOnSyntax(IdentifierSyntax Pathway, int Version, TextSpan VersionSpan, TextSpan Span) : SyntaxNode(Span);

/// <summary>What a change does to a part of the base.</summary>
public enum ChangeVerb
{
    /// <summary>Adds something the base does not have.</summary>
    Add,

    /// <summary>Replaces something the base has with what is written.</summary>
    Replace,

    /// <summary>Takes something the base has away.</summary>
    Remove,
}

/// <summary>
/// <c>add agency ...</c>, <c>replace template ...</c>, <c>add state ...</c>: a whole declaration
/// written as usual, added to the base or put in place of the base's one with the same id.
/// </summary>
public sealed record DeclarationChangeSyntax(ChangeVerb Verb, DeclarationSyntax Declaration, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>remove field court-date</c>: takes an agency, field, template or state of the base away.</summary>
public sealed record RemoveDeclarationSyntax(string Kind, IdentifierSyntax Id, TextSpan Span) : DeclarationSyntax(Span);

/// <summary><c>rename agency treatment "Riverside Community Recovery Service"</c>: a new display name for an agency of the base.</summary>
public sealed record RenameAgencySyntax(IdentifierSyntax Id, StringSyntax Name, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>
/// <c>change state pre-release</c>, with a new title if one follows, and the changes to its
/// actions, transitions and timers under it.
/// </summary>
public sealed record ChangeStateSyntax(IdentifierSyntax Id, StringSyntax? Title, ImmutableArray<MemberChangeSyntax> Changes, TextSpan Span, bool HasSyntaxErrors = false) : DeclarationSyntax(Span);

/// <summary>One change inside a <c>change state</c> block.</summary>
public abstract record MemberChangeSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary>
/// <c>add action ...</c>, <c>replace on released ...</c>, <c>add after ...</c>, or a plain <c>stage</c>,
/// <c>owner</c> or <c>outcome</c> line that sets the state's property.
/// </summary>
public sealed record MemberReplacementSyntax(ChangeVerb Verb, StateMemberSyntax Member, TextSpan Span) : MemberChangeSyntax(Span);

/// <summary>
/// <c>remove action follow-up</c>, <c>remove on referral-acknowledged</c> (every transition on that
/// event) or <c>remove after -> not-engaged</c> (the timer that leads there).
/// </summary>
public sealed record MemberRemovalSyntax(string Kind, IdentifierSyntax Id, TextSpan Span) : MemberChangeSyntax(Span);

/// <summary>
/// <c>change action acknowledge-referral by treatment within 2 working days</c>: a new responsible
/// agency, deadline or escalation for an action of the base, the rest left as it is.
/// </summary>
public sealed record ActionChangeSyntax(
    IdentifierSyntax Id,
    IdentifierSyntax? Agency,
    DeadlineSyntax? Deadline,
    ImmutableArray<EffectSyntax> OnMissed,
    TextSpan Span) : MemberChangeSyntax(Span);
