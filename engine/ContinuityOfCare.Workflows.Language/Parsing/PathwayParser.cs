using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;
using Sprache;

namespace ContinuityOfCare.Workflows.Language.Parsing;

/// <summary>The syntax tree of a file and the syntax errors found while reading it.</summary>
public sealed record ParseResult(SourceText Source, PathwayFileSyntax Syntax, IReadOnlyList<Diagnostic> Diagnostics)
{
    public bool HasErrors => Diagnostics.Any(d => d.IsError);
}

/// <summary>
/// Reads a pathway file into a syntax tree. It never throws on bad input: each declaration and each
/// state member is read on its own, so an error is reported and reading resumes at the next one.
/// </summary>
public static class PathwayParser
{
    public static ParseResult Parse(SourceText source)
    {
        var bag = new DiagnosticBag(source);
        var text = source.Text;
        var scan = Scanner.Scan(text);
        var names = new NameTable();
        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        foreach (var segment in scan.Segments)
        {
            var start = Lexical.SkipTrivia(text, segment.Start, segment.End);
            if (start >= segment.End)
            {
                continue;
            }

            var declaration = ParseDeclaration(source, bag, names, start, segment.End)
                ?? Salvage(text, start, segment.End);
            if (declaration is not null)
            {
                declarations.Add(declaration);
            }
        }

        var syntax = new PathwayFileSyntax(declarations.ToImmutable(), scan.Comments, new TextSpan(0, text.Length));
        return new ParseResult(source, syntax, bag.ToSortedList());
    }

    public static ParseResult Parse(string text, string path = "") => Parse(new SourceText(text, path));

    private static DeclarationSyntax? ParseDeclaration(SourceText source, DiagnosticBag bag, NameTable names, int start, int end)
    {
        var text = source.Text;
        var word = Scanner.FirstWord(text, start, end);
        switch (word)
        {
            case "pathway":
                return Whole(source, bag, names, Grammar.Header, start, end, "'title'", "'partnership'", "'time zone'", "'calendar'", "a new declaration");
            case "agency":
                return Whole(source, bag, names, Grammar.Agency, start, end, "a new declaration");
            case "field":
                return Whole(source, bag, names, Grammar.Field, start, end, "a new declaration");
            case "template":
                var template = Whole(source, bag, names, Grammar.Template, start, end, "a new declaration");
                if (template?.Body is InlineTemplateBodySyntax { Closed: false } body)
                {
                    bag.Report(new TextSpan(body.Span.Start, 3), DiagnosticCatalog.TemplateBlockNotClosed());
                }

                return template;
            case "report":
                return Whole(source, bag, names, Grammar.Report, start, end, "'release'", "'continuity'", "'exclude'", "'funnel'", "a new declaration");
            case "start" or "final" or "state":
                return ParseState(source, bag, names, start, end);
            case "add" or "replace":
                return ParseDeclarationChange(source, bag, names, word == "add" ? ChangeVerb.Add : ChangeVerb.Replace, start, end);
            case "remove":
                return Whole(source, bag, names, Grammar.Changes.RemoveDeclaration, start, end, "a new declaration");
            case "rename":
                return Whole(source, bag, names, Grammar.Changes.RenameAgency, start, end, "a new declaration");
            case "change":
                return ParseChangeState(source, bag, names, start, end);
            default:
                var span = TokenSpan(text, start, end);
                var found = text.Substring(span.Start, span.Length);
                var suggestion = word is null ? null : SpellChecker.Suggest(word, [.. Grammar.DeclarationKeywords, .. Grammar.ChangeKeywords]);
                bag.Report(span, DiagnosticCatalog.NotADeclaration(found, suggestion));
                return null;
        }
    }

    /// <summary><c>add</c> or <c>replace</c> and then a declaration written as usual.</summary>
    private static DeclarationSyntax? ParseDeclarationChange(SourceText source, DiagnosticBag bag, NameTable names, ChangeVerb verb, int start, int end)
    {
        var text = source.Text;
        var inner = Lexical.SkipTrivia(text, start + (verb == ChangeVerb.Add ? 3 : 7), end);
        var word = Scanner.FirstWord(text, inner, end);
        if (word is null || !Grammar.ChangeableDeclarations.Contains(word))
        {
            var span = TokenSpan(text, inner, end);
            var found = span.Length == 0 ? "the end of the line" : $"'{text.Substring(span.Start, span.Length)}'";
            var suggestion = word is null ? null : SpellChecker.Suggest(word, ["agency", "field", "template", "state"]);
            var info = DiagnosticCatalog.Syntax("agency, field, template or state", found);
            bag.Report(span, suggestion is null ? info : info with { Message = info.Message + $" Did you mean '{suggestion}'?", Replacement = suggestion });
            return null;
        }

        DeclarationSyntax? declaration = word switch
        {
            "agency" => Whole(source, bag, names, Grammar.Agency, inner, end, "a new declaration"),
            "field" => Whole(source, bag, names, Grammar.Field, inner, end, "a new declaration"),
            "template" => ParseDeclaration(source, bag, names, inner, end),
            _ => ParseState(source, bag, names, inner, end),
        };
        return declaration is null ? null : new DeclarationChangeSyntax(verb, declaration, TextSpan.FromBounds(start, declaration.Span.End));
    }

    /// <summary><c>change state id</c> and the changes under it, each read on its own so that one mistake leaves the others readable.</summary>
    private static ChangeStateSyntax? ParseChangeState(SourceText source, DiagnosticBag bag, NameTable names, int start, int end)
    {
        var text = source.Text;
        var head = Run(Grammar.Changes.ChangeStateHead, Input(source, names, start, end));
        if (!head.WasSuccessful)
        {
            ReportFailure(source, bag, head.Remainder.Position, end, head.Expectations);
            return null;
        }

        var changes = ImmutableArray.CreateBuilder<MemberChangeSyntax>();
        var errorsBefore = bag.Items.Count;
        var position = head.Remainder.Position;
        var lastEnd = (head.Value.Title?.Span ?? head.Value.Id.Span).End;
        while (position < end)
        {
            if (Grammar.StartsMemberChange(text, position, end))
            {
                var result = Run(Grammar.Changes.MemberChange, Input(source, names, position, end));
                if (result.WasSuccessful)
                {
                    changes.Add(result.Value);
                    lastEnd = result.Value.Span.End;
                    position = result.Remainder.Position;
                    continue;
                }

                ReportFailure(source, bag, result.Remainder.Position, end, result.Expectations);
            }
            else
            {
                var word = Scanner.FirstWord(text, position, end);
                var span = TokenSpan(text, position, end);
                var found = text.Substring(span.Start, span.Length);
                var suggestion = word is null ? null : SpellChecker.Suggest(word, Grammar.MemberChangeKeywords);
                var info = DiagnosticCatalog.Syntax("add, replace, remove or change (or stage, owner, outcome)", $"'{found}'");
                bag.Report(span, suggestion is null ? info : info with { Message = info.Message + $" Did you mean '{suggestion}'?", Replacement = suggestion });
            }

            position = NextLineStartingWith(text, position, end, Grammar.StartsMemberChange);
        }

        return new ChangeStateSyntax(head.Value.Id, head.Value.Title, changes.ToImmutable(), TextSpan.FromBounds(start, lastEnd), bag.Items.Count > errorsBefore);
    }

    /// <summary>Keeps the name a broken declaration declares, so references to it are not reported twice.</summary>
    private static ErrorDeclarationSyntax? Salvage(string text, int start, int end)
    {
        var keyword = Scanner.FirstWord(text, start, end);
        if (keyword is null || !Grammar.DeclarationKeywords.Contains(keyword))
        {
            return null;
        }

        var position = Lexical.SkipTrivia(text, start + keyword.Length, end);
        if (keyword is "start" or "final" && Scanner.FirstWord(text, position, end) == "state")
        {
            keyword = "state";
            position = Lexical.SkipTrivia(text, position + 5, end);
        }

        var length = Lexical.IdentifierLength(text, position, end);
        var id = length == 0 ? null : new IdentifierSyntax(text.Substring(position, length), new TextSpan(position, length));
        return new ErrorDeclarationSyntax(keyword, id, TextSpan.FromBounds(start, end));
    }

    private static T? Whole<T>(SourceText source, DiagnosticBag bag, NameTable names, Parser<T> parser, int start, int end, params string[] next)
        where T : class
    {
        var result = Run(parser, Input(source, names, start, end));
        if (!result.WasSuccessful)
        {
            ReportFailure(source, bag, result.Remainder.Position, end, result.Expectations);
            return null;
        }

        var rest = result.Remainder.Position;
        if (rest < end && StartsLine(source.Text, rest) && Scanner.FirstWord(source.Text, rest, end) is { } word)
        {
            // A line that starts with an unknown word is most likely a misspelt declaration.
            var candidates = next.Where(n => n.StartsWith('\'')).Select(n => n.Trim('\'').Split(' ')[0]).Concat(Grammar.DeclarationKeywords);
            bag.Report(new TextSpan(rest, word.Length), DiagnosticCatalog.NotADeclaration(word, SpellChecker.Suggest(word, candidates)));
        }
        else if (rest < end)
        {
            ReportFailure(source, bag, rest, end, next);
        }

        return result.Value;
    }

    private static StateSyntax? ParseState(SourceText source, DiagnosticBag bag, NameTable names, int start, int end)
    {
        var text = source.Text;
        var head = Run(Grammar.StateHead, Input(source, names, start, end));
        if (!head.WasSuccessful)
        {
            ReportFailure(source, bag, head.Remainder.Position, end, head.Expectations);
            return null;
        }

        var (kind, id, was, title, headSpan) = head.Value;
        var members = ImmutableArray.CreateBuilder<StateMemberSyntax>();
        var errorsBefore = bag.Items.Count;
        var position = head.Remainder.Position;
        var lastEnd = headSpan.End;
        while (position < end)
        {
            if (Grammar.StartsMember(text, position, end))
            {
                var result = Run(Grammar.Member, Input(source, names, position, end));
                if (result.WasSuccessful)
                {
                    members.Add(result.Value);
                    lastEnd = result.Value.Span.End;
                    position = result.Remainder.Position;
                    continue;
                }

                ReportFailure(source, bag, result.Remainder.Position, end, result.Expectations);
            }
            else
            {
                var word = Scanner.FirstWord(text, position, end);
                var span = TokenSpan(text, position, end);
                var found = text.Substring(span.Start, span.Length);
                var suggestion = word is null
                    ? null
                    : SpellChecker.Suggest(word, [.. Grammar.MemberKeywords, .. Grammar.ClauseKeywords, .. Grammar.DeclarationKeywords]);
                if (StartsLine(text, position))
                {
                    bag.Report(span, DiagnosticCatalog.NotAStateMember(found, suggestion));
                }
                else
                {
                    // Left over at the end of a line the grammar has finished reading.
                    var info = DiagnosticCatalog.Syntax("the end of the line", $"'{found}'");
                    bag.Report(span, suggestion is null ? info : info with { Message = info.Message + $" Did you mean '{suggestion}'?", Replacement = suggestion });
                }
            }

            position = NextMemberStart(text, position, end);
        }

        return new StateSyntax(kind, id, title, members.ToImmutable(), TextSpan.FromBounds(start, lastEnd), bag.Items.Count > errorsBefore, was);
    }

    private static bool StartsLine(string text, int position)
    {
        var lineStart = text.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
        return position == 0 || Lexical.SkipWhitespaceOnLine(text, lineStart, position) == position;
    }

    /// <summary>The start of the next line, after the one holding <paramref name="position"/>, that begins with a member keyword.</summary>
    private static int NextMemberStart(string text, int position, int end) => NextLineStartingWith(text, position, end, Grammar.StartsMember);

    private static int NextLineStartingWith(string text, int position, int end, Func<string, int, int, bool> starts)
    {
        var lineEnd = text.IndexOf('\n', position, end - position);
        while (lineEnd >= 0 && lineEnd + 1 < end)
        {
            var first = Lexical.SkipWhitespaceOnLine(text, lineEnd + 1, end);
            if (starts(text, first, end))
            {
                return first;
            }

            lineEnd = text.IndexOf('\n', lineEnd + 1, end - lineEnd - 1);
        }

        return end;
    }

    private static void ReportFailure(SourceText source, DiagnosticBag bag, int position, int end, IEnumerable<string> expectations)
    {
        var text = source.Text;
        var expected = expectations.Distinct().ToList();
        if (expected.Contains(Lexical.ClosingQuote))
        {
            var lineStart = text.LastIndexOf('\n', Math.Max(0, position - 1)) + 1;
            var quote = text.LastIndexOf('"', Math.Max(lineStart, position - 1), Math.Max(1, position - lineStart));
            var from = quote >= lineStart ? quote : position;
            bag.Report(TextSpan.FromBounds(from, position), DiagnosticCatalog.StringNotClosed());
            return;
        }

        var span = TokenSpan(text, position, end);
        string found;
        string? suggestion = null;
        if (span.Length == 0)
        {
            found = end >= text.Length ? "the end of the file" : "the end of the declaration";

            // Point just after the last thing written, not at the blank line or next declaration.
            var after = Math.Min(position, text.Length);
            while (after > 0 && char.IsWhiteSpace(text[after - 1]))
            {
                after--;
            }

            span = new TextSpan(after, 0);
        }
        else
        {
            var token = text.Substring(span.Start, span.Length);
            found = $"'{token}'";
            var keywords = expected.Where(e => e.Length > 2 && e[0] == '\'' && e[^1] == '\'').Select(e => e[1..^1]);
            if (Lexical.IdentifierLength(text, span.Start, end) == span.Length)
            {
                suggestion = SpellChecker.Suggest(token, keywords);
            }
        }

        var info = DiagnosticCatalog.Syntax(JoinExpectations(expected), found);
        if (suggestion is not null)
        {
            info = info with { Message = info.Message + $" Did you mean '{suggestion}'?", Replacement = suggestion };
        }

        bag.Report(span, info);
    }

    private static string JoinExpectations(List<string> expected) => expected.Count switch
    {
        0 => "something else",
        1 => expected[0],
        _ => string.Join(", ", expected.Take(expected.Count - 1)) + " or " + expected[^1],
    };

    /// <summary>The span of the token at an offset: a name, a quoted text, or one character.</summary>
    private static TextSpan TokenSpan(string text, int position, int end)
    {
        if (position >= end || position >= text.Length || text[position] is '\n' or '\r')
        {
            return new TextSpan(Math.Min(position, text.Length), 0);
        }

        var length = Lexical.IdentifierLength(text, position, end);
        if (length > 0)
        {
            return new TextSpan(position, length);
        }

        var i = position;
        while (i < end && !char.IsWhiteSpace(text[i]) && !char.IsAsciiLetterOrDigit(text[i]) && text[i] != '"')
        {
            i++;
        }

        if (i == position)
        {
            while (i < end && (char.IsAsciiLetterOrDigit(text[i]) || text[i] is ':' or '.'))
            {
                i++;
            }
        }

        return TextSpan.FromBounds(position, Math.Max(i, position + 1));
    }

    /// <summary>
    /// Runs a rule. Sprache signals left recursion found through <c>Parse.Ref</c> with an exception;
    /// the grammar has none, but a user's text must never be able to crash the parser, so any such
    /// exception becomes an ordinary failure at the rule's start.
    /// </summary>
    private static IResult<T> Run<T>(Parser<T> rule, SourceInput input)
    {
        try
        {
            return rule(input);
        }
        catch (ParseException exception)
        {
            return Result.Failure<T>(input, exception.Message, ["a well-formed line"]);
        }
    }

    private static SourceInput Input(SourceText source, NameTable names, int start, int end) => new(source.Text, start, end, names);
}
