using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Syntax;

/// <summary>The pathway's reporting rules: <c>report</c> followed by its lines, each optional.</summary>
public sealed record ReportSyntax(ImmutableArray<ReportLineSyntax> Lines, TextSpan Span) : DeclarationSyntax(Span);

/// <summary>One line of a <c>report</c> declaration.</summary>
public abstract record ReportLineSyntax(TextSpan Span) : SyntaxNode(Span);

/// <summary><c>release on released</c>: the event that marks release to the community.</summary>
public sealed record ReleaseLineSyntax(IdentifierSyntax Event, TextSpan Span) : ReportLineSyntax(Span);

/// <summary><c>continuity continuity-achieved within 21 days</c>: the outcomes that count, and the window.</summary>
public sealed record ContinuityLineSyntax(ImmutableArray<IdentifierSyntax> Outcomes, DurationSyntax? Window, TextSpan Span) : ReportLineSyntax(Span);

/// <summary><c>exclude died "Died"</c>: an outcome that takes a case out of the indicator, with the reason shown.</summary>
public sealed record ExcludeLineSyntax(IdentifierSyntax Outcome, StringSyntax Reason, TextSpan Span) : ReportLineSyntax(Span);

/// <summary><c>funnel "Released", "Referral", ...</c>: the stages of the attrition funnel, in order.</summary>
public sealed record FunnelLineSyntax(ImmutableArray<StringSyntax> Stages, TextSpan Span) : ReportLineSyntax(Span);
