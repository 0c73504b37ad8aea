using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Language.Syntax;
using Sprache;
using static ContinuityOfCare.Workflows.Language.Parsing.Lexical;

namespace ContinuityOfCare.Workflows.Language.Parsing;

/// <summary>The rules of a pathway written as changes to a base: <c>add</c>, <c>replace</c>, <c>remove</c>, <c>rename</c> and <c>change</c>.</summary>
internal static partial class Grammar
{
    /// <summary>Words that start a change to the base; only at the start of a line, so that a change block can hold them indented.</summary>
    public static readonly ImmutableArray<string> ChangeKeywords = ["add", "replace", "remove", "rename", "change"];

    /// <summary>What <c>add</c> and <c>replace</c> may be followed by at the top level.</summary>
    public static readonly ImmutableArray<string> ChangeableDeclarations = ["agency", "field", "template", "state", "start", "final"];

    /// <summary>Words that start a line inside a <c>change state</c> block.</summary>
    public static readonly ImmutableArray<string> MemberChangeKeywords = ["add", "replace", "remove", "change", "stage", "owner", "outcome"];

    /// <summary>
    /// The rules for changes, in a class of their own so that they are built after the rules they
    /// reuse (static fields in the parts of one partial class are not built in a fixed order).
    /// </summary>
    internal static class Changes
    {
        private static readonly Parser<string> ChangeWord = Keyword("change");

        internal static readonly Parser<string> RemovableKind =
            Keyword("agency").Or(Keyword("field")).Or(Keyword("template")).Or(Keyword("state"))
            .Named("agency, field, template or state");

        internal static readonly Parser<RemoveDeclarationSyntax> RemoveDeclaration = Node(
            from _ in Keyword("remove")
            from kind in RemovableKind
            from id in Identifier
            select (kind, id),
            (x, span) => new RemoveDeclarationSyntax(x.kind, x.id, span));

        internal static readonly Parser<RenameAgencySyntax> RenameAgency = Node(
            from _ in Keyword("rename")
            from __ in Keyword("agency")
            from id in Identifier
            from name in QuotedText
            select (id, name),
            (x, span) => new RenameAgencySyntax(x.id, x.name, span));

        internal static readonly Parser<(IdentifierSyntax Id, StringSyntax? Title)> ChangeStateHead =
            from _ in Keyword("change")
            from __ in Keyword("state")
            from id in Identifier
            from title in QuotedText.XOptional()
            select (id, title.GetOrDefault());

        internal static readonly Parser<StateMemberSyntax> ChangeableMember = Expecting(
            Dispatch(("action", Action), ("on", Transition), ("after", Timer)),
            "action, on or after");

        internal static readonly Parser<MemberChangeSyntax> AddMember = Node(
            from _ in Keyword("add")
            from member in ChangeableMember
            select member,
            (member, span) => (MemberChangeSyntax)new MemberReplacementSyntax(ChangeVerb.Add, member, span));

        internal static readonly Parser<MemberChangeSyntax> ReplaceMember = Node(
            from _ in Keyword("replace")
            from member in ChangeableMember
            select member,
            (member, span) => (MemberChangeSyntax)new MemberReplacementSyntax(ChangeVerb.Replace, member, span));

        internal static readonly Parser<MemberChangeSyntax> SetProperty = Node(
            Dispatch(("stage", Stage), ("owner", Owner), ("outcome", Outcome)),
            (member, span) => (MemberChangeSyntax)new MemberReplacementSyntax(ChangeVerb.Replace, member, span));

        internal static readonly Parser<(string Kind, IdentifierSyntax Id)> RemovedMember =
            (from _ in Keyword("action") from id in Identifier select ("action", id))
            .Or(from _ in Keyword("on") from id in Identifier select ("on", id))
            .Or(from _ in Keyword("after") from __ in Arrow from id in Identifier select ("after", id))
            .Named("action <id>, on <event> or after -> <state>");

        internal static readonly Parser<MemberChangeSyntax> RemoveMember = Node(
            from _ in Keyword("remove")
            from removed in RemovedMember
            select removed,
            (x, span) => (MemberChangeSyntax)new MemberRemovalSyntax(x.Kind, x.Id, span));

        internal static readonly Parser<DeadlineSyntax> BareDeadline = input =>
        {
            // "by" after "change action x" always names the agency, so a bare deadline is "within ..." or "N ... before ...".
            var position = input.Position;
            var end = ((SourceInput)input).End;
            return StartsWithKeyword(input.Source, position, end, "within") || (position < end && char.IsAsciiDigit(input.Source[position]))
                ? Deadline(input)
                : Result.Failure<DeadlineSyntax>(input, "expected a deadline", DeadlineExpected);
        };

        internal static readonly Parser<MemberChangeSyntax> ChangeAction = Node(
            input =>
            {
                var s = new Sequence(input);
                if (!s.Take(ChangeWord) || !s.Take(ActionWord) || !s.Take(Identifier, out var id))
                {
                    return s.Failure<(IdentifierSyntax, IdentifierSyntax?, DeadlineSyntax?, IEnumerable<ActionClause>)>();
                }

                IdentifierSyntax? agency = null;
                DeadlineSyntax? deadline = null;
                if (StartsWithKeyword(input.Source, s.Input.Position, ((SourceInput)input).End, "by"))
                {
                    if (!s.Take(ActionBy, out var by))
                    {
                        return s.Failure<(IdentifierSyntax, IdentifierSyntax?, DeadlineSyntax?, IEnumerable<ActionClause>)>();
                    }

                    agency = ((ByClause)by).Agency;
                    deadline = ((ByClause)by).Deadline;
                }
                else if (!s.Optional(BareDeadline, out deadline))
                {
                    return s.Failure<(IdentifierSyntax, IdentifierSyntax?, DeadlineSyntax?, IEnumerable<ActionClause>)>();
                }

                return s.Take(Repeated(ActionMissed), out var missed)
                    ? s.Success<(IdentifierSyntax, IdentifierSyntax?, DeadlineSyntax?, IEnumerable<ActionClause>)>((id, agency, deadline, missed))
                    : s.Failure<(IdentifierSyntax, IdentifierSyntax?, DeadlineSyntax?, IEnumerable<ActionClause>)>();
            },
            (x, span) => (MemberChangeSyntax)new ActionChangeSyntax(
                x.Item1, x.Item2, x.Item3, [.. x.Item4.OfType<MissedClause>().Select(m => m.Effect)], span));

        internal static readonly Parser<MemberChangeSyntax> MemberChange = Dispatch(
            ("add", AddMember), ("replace", ReplaceMember), ("remove", RemoveMember), ("change", ChangeAction),
            ("stage", SetProperty), ("owner", SetProperty), ("outcome", SetProperty));
    }

    /// <summary>Whether the word at a position starts a line of a <c>change state</c> block.</summary>
    public static bool StartsMemberChange(string text, int position, int end)
    {
        var length = IdentifierLength(text, position, end);
        return length > 0 && MemberChangeKeywords.Contains(text.Substring(position, length));
    }
}
