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
    public static readonly Parser<IdentifierSyntax> Identifier = RawIdentifier();

    /// <summary>A double-quoted string on one line, with \" and \\ escapes.</summary>
    public static readonly Parser<StringSyntax> QuotedText = RawString();

    /// <summary>A whole number, kept as text so the checker can say why it is out of range.</summary>
    public static readonly Parser<(string Text, TextSpan Span)> WholeNumber = Scan(
        (source, position, end) =>
        {
            var i = position;
            while (i < end && char.IsAsciiDigit(source[i]))
            {
                i++;
            }

            return i < end && IsIdentifierPart(source[i]) ? position : i;
        },
        (text, span) => (text, span),
        "a whole number");

    /// <summary>
    /// A token recognised by a scanning function that returns where the token ends (or its start when
    /// there is none). Used for the small lexical shapes that run for almost every line, so they do not
    /// pay for a chain of character parsers.
    /// </summary>
    public static Parser<T> Scan<T>(Func<string, int, int, int> scan, Func<string, TextSpan, T> build, string expected)
    {
        var message = "expected " + expected;
        string[] expectations = [expected];
        return input =>
        {
            var end = ((SourceInput)input).End;
            var stop = scan(input.Source, input.Position, end);
            if (stop <= input.Position)
            {
                return Result.Failure<T>(input, message, expectations);
            }

            var span = TextSpan.FromBounds(input.Position, stop);
            return Succeed(input, build(input.Source.Substring(span.Start, span.Length), span), stop);
        };
    }

    /// <summary>
    /// Chooses a rule by the word at the input, as the grammar's XOr would, but without trying the
    /// rules that cannot match: each state member and effect starts with its own keyword.
    /// </summary>
    public static Parser<T> Dispatch<T>(params (string Word, Parser<T> Parser)[] rules)
    {
        var table = rules.ToDictionary(r => r.Word, r => r.Parser, StringComparer.Ordinal);
        string[] expectations = [.. rules.Select(r => $"'{r.Word}'")];
        var message = "expected " + string.Join(", ", expectations);
        return input =>
        {
            var length = IdentifierLength(input.Source, input.Position, ((SourceInput)input).End);
            if (length > 0 && table.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(input.Source.AsSpan(input.Position, length), out var rule))
            {
                return rule(input);
            }

            return Result.Failure<T>(input, message, expectations);
        };
    }

    /// <summary>
    /// Zero or more items, failing if an item fails after reading part of its input (like XMany),
    /// without XMany's second attempt at the end.
    /// </summary>
    public static Parser<IEnumerable<T>> Repeated<T>(Parser<T> item) => input =>
    {
        List<T>? items = null;
        var current = input;
        while (true)
        {
            var result = item(current);
            if (!result.WasSuccessful)
            {
                return result.Remainder.Position == current.Position
                    ? Result.Success<IEnumerable<T>>(items ?? (IEnumerable<T>)[], current)
                    : Result.Failure<IEnumerable<T>>(result.Remainder, result.Message, result.Expectations);
            }

            if (result.Remainder.Position == current.Position)
            {
                return Result.Success<IEnumerable<T>>(items ?? (IEnumerable<T>)[], current);
            }

            (items ??= []).Add(result.Value);
            current = result.Remainder;
        }
    };

    /// <summary>One of several keywords or phrases, each mapped to a value; the longest match wins.</summary>
    public static Parser<T> OneOf<T>(string expected, params (string Text, T Value)[] choices)
    {
        var ordered = choices.OrderByDescending(c => c.Text.Length).Select(c => (Words: c.Text.Split(' '), c.Value)).ToArray();
        var message = "expected " + expected;
        string[] expectations = [expected];
        return input =>
        {
            var source = input.Source;
            var end = ((SourceInput)input).End;
            var position = input.Position;
            foreach (var (words, value) in ordered)
            {
                var stop = MatchPhrase(source, position, end, words);
                if (stop > position)
                {
                    return Succeed(input, value, stop);
                }
            }

            return Result.Failure<T>(input, message, expectations);
        };
    }

    /// <summary>Matches a phrase whose words may be separated by any spaces; returns its end, or the start when it does not match.</summary>
    private static int MatchPhrase(string source, int position, int end, string[] words)
    {
        var i = position;
        foreach (var word in words)
        {
            if (i > position)
            {
                var spaced = SkipWhitespaceOnLine(source, i, end);
                if (spaced == i)
                {
                    return position;
                }

                i = spaced;
            }

            if (i + word.Length > end || string.CompareOrdinal(source, i, word, 0, word.Length) != 0)
            {
                return position;
            }

            i += word.Length;
            if (char.IsAsciiLetter(word[^1]) && i < end && IsIdentifierPart(source[i]))
            {
                return position;
            }
        }

        return i;
    }

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

    /// <summary>A keyword: the word itself, not the start of a longer name; trailing trivia is skipped.</summary>
    public static Parser<string> Keyword(string word)
    {
        // Parsers run once per token, so the failure's message and expectations are built once here.
        var message = $"expected '{word}'";
        string[] expectations = [$"'{word}'"];
        var needsBoundary = char.IsAsciiLetter(word[^1]);
        return input =>
        {
            var source = input.Source;
            var end = ((SourceInput)input).End;
            var position = input.Position;
            if (position + word.Length <= end &&
                string.CompareOrdinal(source, position, word, 0, word.Length) == 0 &&
                (!needsBoundary || position + word.Length == end || !IsIdentifierPart(source[position + word.Length])))
            {
                return Succeed(input, word, position + word.Length);
            }

            return Result.Failure<string>(input, message, expectations);
        };
    }

    /// <summary>Punctuation such as '->', ':' or ','.</summary>
    public static Parser<string> Symbol(string symbol) => Keyword(symbol);

    /// <summary>Whether a keyword (or symbol) is next in the text: the test <see cref="Keyword"/> makes, without a result.</summary>
    public static bool StartsWithKeyword(string source, int position, int end, string word) =>
        position + word.Length <= end &&
        string.CompareOrdinal(source, position, word, 0, word.Length) == 0 &&
        (!char.IsAsciiLetter(word[^1]) || position + word.Length == end || !IsIdentifierPart(source[position + word.Length]));

    /// <summary>A parser followed by trivia.</summary>
    public static Parser<T> Token<T>(Parser<T> parser) => input =>
    {
        var result = parser(input);
        if (!result.WasSuccessful)
        {
            return result;
        }

        var tokenEnd = result.Remainder.Position;
        var after = SkipTrivia(input.Source, tokenEnd, ((SourceInput)input).End);
        return Result.Success(result.Value, AdvanceTo(result.Remainder, after, tokenEnd));
    };

    /// <summary>A parser's value with the span it consumed (before any trailing trivia).</summary>
    public static Parser<(T Value, TextSpan Span)> Spanned<T>(Parser<T> parser) => input =>
    {
        var result = parser(input);
        return result.WasSuccessful
            ? Result.Success((result.Value, TextSpan.FromBounds(input.Position, Math.Max(input.Position, ((SourceInput)result.Remainder).TokenEnd))), result.Remainder)
            : Result.Failure<(T, TextSpan)>(result.Remainder, result.Message, result.Expectations);
    };

    /// <summary>Builds a node from a parser's value and the span it covers, trailing trivia excluded.</summary>
    public static Parser<TNode> Node<T, TNode>(Parser<T> parser, Func<T, TextSpan, TNode> build) => input =>
    {
        var result = parser(input);
        if (!result.WasSuccessful)
        {
            return Fail<T, TNode>(result);
        }

        var span = TextSpan.FromBounds(input.Position, Math.Max(input.Position, ((SourceInput)result.Remainder).TokenEnd));
        return Result.Success(build(result.Value, span), result.Remainder);
    };

    /// <summary>One or more items separated by commas. A comma not followed by an item is left unread.</summary>
    public static Parser<ImmutableArray<T>> CommaList<T>(Parser<T> item)
    {
        var comma = Symbol(",");
        return input =>
        {
            var first = item(input);
            if (!first.WasSuccessful)
            {
                return Fail<T, ImmutableArray<T>>(first);
            }

            var items = ImmutableArray.CreateBuilder<T>();
            items.Add(first.Value);
            var current = first.Remainder;
            while (true)
            {
                var separator = comma(current);
                if (!separator.WasSuccessful)
                {
                    break;
                }

                var next = item(separator.Remainder);
                if (!next.WasSuccessful)
                {
                    break;
                }

                items.Add(next.Value);
                current = next.Remainder;
            }

            return Result.Success(items.ToImmutable(), current);
        };
    }

    /// <summary>A keyword (or symbol) and then what follows it; the value is what follows.</summary>
    public static Parser<T> After<T>(string keyword, Parser<T> then)
    {
        var first = Keyword(keyword);
        return input =>
        {
            var result = first(input);
            return result.WasSuccessful ? then(result.Remainder) : Fail<string, T>(result);
        };
    }

    /// <summary>A keyword that stands for a value.</summary>
    public static Parser<T> KeywordFor<T>(string keyword, T value)
    {
        var word = Keyword(keyword);
        return input =>
        {
            var result = word(input);
            return result.WasSuccessful ? Result.Success(value, result.Remainder) : Fail<string, T>(result);
        };
    }

    /// <summary>Like Sprache's <c>Named</c>: a failure where nothing was read expects <paramref name="name"/>.</summary>
    public static Parser<T> Expecting<T>(Parser<T> parser, string name)
    {
        string[] expectations = [name];
        return input =>
        {
            var result = parser(input);
            return result.WasSuccessful || result.Remainder.Position != input.Position
                ? result
                : Result.Failure<T>(result.Remainder, result.Message, expectations);
        };
    }

    /// <summary>
    /// Operands joined by an operator, folded to the left. An operator with no operand after it is an
    /// error (as Sprache's <c>XChainOperator</c>), but the loop allocates nothing per operator.
    /// </summary>
    public static Parser<T> Chain<T>(Parser<string> op, Parser<T> operand, Func<T, T, T> apply) => input =>
    {
        var first = operand(input);
        if (!first.WasSuccessful)
        {
            return first;
        }

        var left = first.Value;
        var current = first.Remainder;
        while (true)
        {
            var separator = op(current);
            if (!separator.WasSuccessful)
            {
                return separator.Remainder.Position != current.Position
                    ? Fail<string, T>(separator)
                    : Result.Success(left, current);
            }

            var right = operand(separator.Remainder);
            if (!right.WasSuccessful)
            {
                return right;
            }

            left = apply(left, right.Value);
            current = right.Remainder;
        }
    };

    /// <summary>The failure of one parser as the failure of another type.</summary>
    public static IResult<TOut> Fail<TIn, TOut>(IResult<TIn> failure) =>
        Result.Failure<TOut>(failure.Remainder, failure.Message, failure.Expectations);

    /// <summary>Of two failures, the one that read further; at the same place, both expectations (as Sprache's <c>Or</c>).</summary>
    public static IResult<T> BestFailure<T>(IResult<T> first, IResult<T> second)
    {
        if (first.Remainder.Position != second.Remainder.Position)
        {
            return first.Remainder.Position > second.Remainder.Position ? first : second;
        }

        return Result.Failure<T>(first.Remainder, first.Message, [.. first.Expectations, .. second.Expectations]);
    }

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
        return position == input.Position ? input : new SourceInput(source.Source, position, source.End, source.Names, tokenEnd ?? position);
    }

    private static readonly string[] NameExpected = ["a name"];
    private static readonly string[] QuotedTextExpected = ["a quoted text"];
    private static readonly string[] ClosingQuoteExpected = [ClosingQuote];

    private static Parser<IdentifierSyntax> RawIdentifier() => input =>
    {
        var length = IdentifierLength(input.Source, input.Position, ((SourceInput)input).End);
        if (length == 0 || Grammar.ReservedWords.GetAlternateLookup<ReadOnlySpan<char>>().Contains(input.Source.AsSpan(input.Position, length)))
        {
            return Result.Failure<IdentifierSyntax>(input, "expected a name", NameExpected);
        }

        var name = ((SourceInput)input).Names.Get(input.Source.AsSpan(input.Position, length));
        var node = new IdentifierSyntax(name, new TextSpan(input.Position, length));
        return Succeed(input, node, input.Position + length);
    };

    /// <summary>A token read up to <paramref name="tokenEnd"/>: skips the trivia after it and remembers where it ended.</summary>
    private static IResult<T> Succeed<T>(IInput input, T value, int tokenEnd)
    {
        var after = SkipTrivia(input.Source, tokenEnd, ((SourceInput)input).End);
        return Result.Success(value, AdvanceTo(input, after, tokenEnd));
    }

    private static string Unescape(string source, int start, int end)
    {
        var value = new System.Text.StringBuilder(end - start);
        for (var i = start; i < end; i++)
        {
            if (source[i] == '\\' && i + 1 < end && source[i + 1] is '"' or '\\')
            {
                i++;
            }

            value.Append(source[i]);
        }

        return value.ToString();
    }

    private static Parser<StringSyntax> RawString() => input =>
    {
        var source = input.Source;
        var end = ((SourceInput)input).End;
        var start = input.Position;
        if (start >= end || source[start] != '"' || (start + 2 < end && source[start + 1] == '"' && source[start + 2] == '"'))
        {
            return Result.Failure<StringSyntax>(input, "expected a quoted text", QuotedTextExpected);
        }

        // Most strings have no escapes: find the closing quote first and copy the text once.
        var i = start + 1;
        var escaped = false;
        while (i < end && source[i] != '"' && source[i] != '\n' && source[i] != '\r')
        {
            if (source[i] == '\\' && i + 1 < end && source[i + 1] is '"' or '\\')
            {
                escaped = true;
                i++;
            }

            i++;
        }

        if (i >= end || source[i] != '"')
        {
            return Result.Failure<StringSyntax>(AdvanceTo(input, i), "expected a closing quote", ClosingQuoteExpected);
        }

        var value = escaped ? Unescape(source, start + 1, i) : source.Substring(start + 1, i - start - 1);
        return Succeed(input, new StringSyntax(value, TextSpan.FromBounds(start, i + 1)), i + 1);
    };
}

/// <summary>The empty value of a parser that only consumes.</summary>
internal readonly record struct Unit
{
    public static Unit Value => default;
}

/// <summary>
/// Reads parsers one after another from an input. Rules written with it allocate only the results
/// their parsers return, where Sprache's query syntax allocates new closures and parsers on every
/// call (most of the cost of parsing a large pathway).
/// </summary>
internal struct Sequence(IInput input)
{
    private IInput _input = input;
    private IInput? _failedAt;
    private string? _message;
    private IEnumerable<string>? _expectations;

    /// <summary>Where the next parser will read from.</summary>
    public readonly IInput Input => _input;

    public bool Take<T>(Parser<T> parser, out T value)
    {
        var result = parser(_input);
        if (!result.WasSuccessful)
        {
            Failed(result);
            value = default!;
            return false;
        }

        _input = result.Remainder;
        value = result.Value;
        return true;
    }

    public bool Take<T>(Parser<T> parser) => Take(parser, out _);

    /// <summary>
    /// As Sprache's <c>XOptional</c>: absent when the parser fails without reading anything, an error
    /// when it fails after reading some of its input.
    /// </summary>
    public bool Optional<T>(Parser<T> parser, out T value, out bool present)
    {
        var result = parser(_input);
        if (result.WasSuccessful)
        {
            _input = result.Remainder;
            value = result.Value;
            present = true;
            return true;
        }

        value = default!;
        present = false;
        if (result.Remainder.Position == _input.Position)
        {
            return true;
        }

        Failed(result);
        return false;
    }

    public bool Optional<T>(Parser<T> parser, out T value) => Optional(parser, out value, out _);

    /// <summary>An optional part that starts with a keyword: when the keyword is not next, absent without trying the parser.</summary>
    public bool OptionalAfter<T>(string keyword, Parser<T> parser, out T value, out bool present)
    {
        if (!Lexical.StartsWithKeyword(_input.Source, _input.Position, ((SourceInput)_input).End, keyword))
        {
            value = default!;
            present = false;
            return true;
        }

        return Optional(parser, out value, out present);
    }

    public bool OptionalAfter<T>(string keyword, Parser<T> parser, out T value) => OptionalAfter(keyword, parser, out value, out _);

    public readonly IResult<T> Failure<T>() => Result.Failure<T>(_failedAt!, _message!, _expectations!);

    public readonly IResult<T> Success<T>(T value) => Result.Success(value, _input);

    private void Failed<T>(IResult<T> result)
    {
        _failedAt = result.Remainder;
        _message = result.Message;
        _expectations = result.Expectations;
    }
}
