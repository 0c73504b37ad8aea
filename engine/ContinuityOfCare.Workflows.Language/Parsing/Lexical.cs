using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;
using Sprache;

namespace ContinuityOfCare.Workflows.Language.Parsing;

/// <summary>The grammar's smallest pieces: trivia, keywords, identifiers, strings, numbers and template blocks.</summary>
internal static class Lexical
{
    public const string ClosingQuote = "a closing quote (\")";

    /// <summary>Spaces, line breaks and comments between tokens.</summary>
    public static readonly Parser<Unit> Trivia = input =>
    {
        var position = SkipTrivia(input.Source, input.Position, ((SourceInput)input).End);
        return Result.Success(Unit.Value, AdvanceTo(input, position, tokenEnd: input.Position));
    };

    /// <summary>An identifier: a letter, then letters, digits, and single '-' or '_' between them.</summary>
    public static readonly Parser<IdentifierSyntax> Identifier = Token(RawIdentifier()).Named("a name");

    /// <summary>A double-quoted string on one line, with \" and \\ escapes.</summary>
    public static readonly Parser<StringSyntax> QuotedText = Token(RawString()).Named("a quoted text");

    /// <summary>A whole number, kept as text so the checker can say why it is out of range.</summary>
    public static readonly Parser<(string Text, TextSpan Span)> WholeNumber =
        Token(Spanned(Parse.Digit.AtLeastOnce().Text())).Named("a whole number");

    /// <summary>Skips trivia from an offset; returns the first offset that is not trivia.</summary>
    public static int SkipTrivia(string source, int position, int end)
    {
        while (position < end)
        {
            var c = source[position];
            if (c == '#')
            {
                while (position < end && source[position] != '\n')
                {
                    position++;
                }
            }
            else if (char.IsWhiteSpace(c))
            {
                position++;
            }
            else
            {
                break;
            }
        }

        return position;
    }

    /// <summary>Skips spaces and tabs (not line breaks) from an offset.</summary>
    public static int SkipWhitespaceOnLine(string source, int position, int end)
    {
        while (position < end && source[position] is ' ' or '\t' or '\r')
        {
            position++;
        }

        return position;
    }

    public static bool IsIdentifierStart(char c) => char.IsAsciiLetter(c);

    public static bool IsIdentifierPart(char c) => char.IsAsciiLetterOrDigit(c) || c == '-' || c == '_';

    /// <summary>The length of the identifier starting at an offset, or 0.</summary>
    public static int IdentifierLength(string source, int position, int end)
    {
        if (position >= end || !IsIdentifierStart(source[position]))
        {
            return 0;
        }

        var i = position + 1;
        while (i < end)
        {
            var c = source[i];
            if (char.IsAsciiLetterOrDigit(c))
            {
                i++;
            }
            else if ((c == '-' || c == '_') && i + 1 < end && char.IsAsciiLetterOrDigit(source[i + 1]))
            {
                i++;
            }
            else
            {
                break;
            }
        }

        return i - position;
    }

    /// <summary>A keyword: the word itself, not the start of a longer name.</summary>
    public static Parser<string> Keyword(string word) =>
        Token(input =>
        {
            var source = input.Source;
            var end = ((SourceInput)input).End;
            var position = input.Position;
            if (position + word.Length <= end &&
                string.CompareOrdinal(source, position, word, 0, word.Length) == 0 &&
                (position + word.Length == end || !IsIdentifierPart(source[position + word.Length]) ||
                 !char.IsAsciiLetter(word[^1])))
            {
                return Result.Success(word, AdvanceTo(input, position + word.Length));
            }

            return Result.Failure<string>(input, $"expected '{word}'", [$"'{word}'"]);
        });

    /// <summary>Punctuation such as '->', ':' or ','.</summary>
    public static Parser<string> Symbol(string symbol) => Keyword(symbol);

    /// <summary>A parser followed by trivia.</summary>
    public static Parser<T> Token<T>(Parser<T> parser) =>
        from value in parser
        from _ in Trivia
        select value;

    /// <summary>A parser's value with the span it consumed (before any trailing trivia).</summary>
    public static Parser<(T Value, TextSpan Span)> Spanned<T>(Parser<T> parser) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful
            ? Result.Success((result.Value, TextSpan.FromBounds(input.Position, Math.Max(input.Position, ((SourceInput)result.Remainder).TokenEnd))), result.Remainder)
            : Result.Failure<(T, TextSpan)>(result.Remainder, result.Message, result.Expectations);
    };

    /// <summary>Builds a node from a parser's value and the span it covers, trailing trivia excluded.</summary>
    public static Parser<TNode> Node<T, TNode>(Parser<T> parser, Func<T, TextSpan, TNode> build) =>
        Spanned(parser).Select(x => build(x.Value, x.Span));

    /// <summary>One or more items separated by commas.</summary>
    public static Parser<ImmutableArray<T>> CommaList<T>(Parser<T> item) =>
        from first in item
        from rest in Symbol(",").Then(_ => item).Many()
        select ImmutableArray.Create(first).AddRange(rest);

    /// <summary>
    /// A template block: <c>"""</c> ending its line, body lines, and a line holding only <c>"""</c>.
    /// The common indentation of the body is removed. A block that is never closed runs to the end
    /// of its declaration and is marked as such, so the checker reports it once.
    /// </summary>
    public static readonly Parser<InlineTemplateBodySyntax> TemplateBlock = Token<InlineTemplateBodySyntax>(input =>
    {
        var source = input.Source;
        var end = ((SourceInput)input).End;
        var start = input.Position;
        if (start + 3 > end || string.CompareOrdinal(source, start, "\"\"\"", 0, 3) != 0)
        {
            return Result.Failure<InlineTemplateBodySyntax>(input, "expected '\"\"\"'", ["'\"\"\"' starting the template text"]);
        }

        var lineEnd = source.IndexOf('\n', start + 3, end - start - 3);
        if (lineEnd < 0 || !string.IsNullOrWhiteSpace(source[(start + 3)..lineEnd]))
        {
            return Result.Failure<InlineTemplateBodySyntax>(AdvanceTo(input, start + 3), "expected a line break", ["a line break after '\"\"\"'"]);
        }

        var lines = new List<(int Start, int End)>();
        var position = lineEnd + 1;
        var closed = false;
        var blockEnd = end;
        while (position < end)
        {
            var next = source.IndexOf('\n', position, end - position);
            var thisEnd = next < 0 ? end : next;
            if (source.AsSpan(position, thisEnd - position).Trim() is "\"\"\"")
            {
                closed = true;
                blockEnd = source.IndexOf("\"\"\"", position, StringComparison.Ordinal) + 3;
                break;
            }

            lines.Add((position, thisEnd));
            position = next < 0 ? end : next + 1;
        }

        if (!closed)
        {
            blockEnd = lines.Count > 0 ? lines[^1].End : lineEnd;
        }

        var indent = int.MaxValue;
        foreach (var (s, e) in lines)
        {
            var text = source.AsSpan(s, e - s).TrimEnd('\r');
            if (!text.IsWhiteSpace())
            {
                indent = Math.Min(indent, text.Length - text.TrimStart().Length);
            }
        }

        indent = indent == int.MaxValue ? 0 : indent;
        var body = new System.Text.StringBuilder();
        var offsets = ImmutableArray.CreateBuilder<int>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            var (s, e) = lines[i];
            var text = source.AsSpan(s, e - s).TrimEnd('\r');
            var cut = Math.Min(indent, text.Length);
            offsets.Add(s + cut);
            body.Append(text[cut..]);
            if (i < lines.Count - 1)
            {
                body.Append('\n');
            }
        }

        var node = new InlineTemplateBodySyntax(body.ToString(), offsets.MoveToImmutable(), closed, TextSpan.FromBounds(start, blockEnd));
        return Result.Success(node, AdvanceTo(input, blockEnd));
    });

    /// <summary>Moves an input forward; <paramref name="tokenEnd"/> is where the last token ended (default: the new position).</summary>
    public static IInput AdvanceTo(IInput input, int position, int? tokenEnd = null)
    {
        var source = (SourceInput)input;
        if (position == input.Position)
        {
            return input;
        }

        var line = input.Line;
        var column = input.Column;
        for (var i = input.Position; i < position; i++)
        {
            if (source.Source[i] == '\n')
            {
                line++;
                column = 1;
            }
            else
            {
                column++;
            }
        }

        return new SourceInput(source.Source, position, source.End, line, column, tokenEnd ?? position);
    }

    private static Parser<IdentifierSyntax> RawIdentifier() => input =>
    {
        var length = IdentifierLength(input.Source, input.Position, ((SourceInput)input).End);
        if (length == 0)
        {
            return Result.Failure<IdentifierSyntax>(input, "expected a name", ["a name"]);
        }

        var node = new IdentifierSyntax(input.Source.Substring(input.Position, length), new TextSpan(input.Position, length));
        return Result.Success(node, AdvanceTo(input, input.Position + length));
    };

    private static Parser<StringSyntax> RawString() => input =>
    {
        var source = input.Source;
        var end = ((SourceInput)input).End;
        var start = input.Position;
        if (start >= end || source[start] != '"' || (start + 2 < end && source[start + 1] == '"' && source[start + 2] == '"'))
        {
            return Result.Failure<StringSyntax>(input, "expected a quoted text", ["a quoted text"]);
        }

        var value = new System.Text.StringBuilder();
        var i = start + 1;
        while (i < end && source[i] != '"' && source[i] != '\n' && source[i] != '\r')
        {
            if (source[i] == '\\' && i + 1 < end && source[i + 1] is '"' or '\\')
            {
                i++;
            }

            value.Append(source[i]);
            i++;
        }

        if (i >= end || source[i] != '"')
        {
            return Result.Failure<StringSyntax>(AdvanceTo(input, i), "expected a closing quote", [ClosingQuote]);
        }

        return Result.Success(new StringSyntax(value.ToString(), TextSpan.FromBounds(start, i + 1)), AdvanceTo(input, i + 1));
    };
}

/// <summary>The empty value of a parser that only consumes.</summary>
internal readonly record struct Unit
{
    public static Unit Value => default;
}
