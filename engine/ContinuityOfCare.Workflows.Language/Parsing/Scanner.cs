using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Parsing;

/// <summary>
/// A first pass over the text by lines: it finds where each top-level declaration starts (a line
/// whose first word is a declaration keyword) and collects comments, skipping strings and template
/// blocks. The parser reads each declaration on its own, which is what lets it recover from an
/// error at the next declaration.
/// </summary>
internal static class Scanner
{
    public sealed record Result(ImmutableArray<TextSpan> Segments, ImmutableArray<CommentSyntax> Comments);

    public static Result Scan(string text)
    {
        var segments = ImmutableArray.CreateBuilder<TextSpan>();
        var comments = ImmutableArray.CreateBuilder<CommentSyntax>();
        var segmentStart = -1;
        var inBlock = false;
        var position = 0;
        while (position < text.Length)
        {
            var lineEnd = text.IndexOf('\n', position);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var first = Lexical.SkipWhitespaceOnLine(text, position, lineEnd);
            if (inBlock)
            {
                var trimmed = text.AsSpan(position, lineEnd - position).Trim();
                if (trimmed is "\"\"\"")
                {
                    inBlock = false;
                }
                else if (first == position && StartsDeclaration(text, first, lineEnd, atLineStart: true))
                {
                    // An unindented declaration inside a template block means the block was never
                    // closed: end it here so the rest of the file is still read.
                    inBlock = false;
                    segmentStart = StartSegment(segments, segmentStart, first);
                    inBlock = ScanLine(text, first, lineEnd, comments);
                }
            }
            else if (first < lineEnd)
            {
                if (StartsDeclaration(text, first, lineEnd, atLineStart: first == position) || segmentStart < 0)
                {
                    segmentStart = StartSegment(segments, segmentStart, first);
                }

                inBlock = ScanLine(text, first, lineEnd, comments);
            }

            position = lineEnd + 1;
        }

        if (segmentStart >= 0)
        {
            segments.Add(TextSpan.FromBounds(segmentStart, text.Length));
        }

        return new Result(segments.ToImmutable(), comments.ToImmutable());
    }

    /// <summary>The first word on the line, if the line starts with one.</summary>
    public static string? FirstWord(string text, int position, int end)
    {
        var length = Lexical.IdentifierLength(text, position, end);
        return length == 0 ? null : text.Substring(position, length);
    }

    private static int StartSegment(ImmutableArray<TextSpan>.Builder segments, int segmentStart, int start)
    {
        if (segmentStart >= 0)
        {
            segments.Add(TextSpan.FromBounds(segmentStart, start));
        }

        return start;
    }

    /// <summary>
    /// Whether a line starts a declaration. The words of a change to a base (add, replace, remove,
    /// rename, change) start one only at the start of a line: indented, they are lines of a
    /// <c>change state</c> block.
    /// </summary>
    private static bool StartsDeclaration(string text, int position, int end, bool atLineStart) =>
        FirstWord(text, position, end) is { } word
        && (Grammar.DeclarationKeywords.Contains(word) || (atLineStart && Grammar.ChangeKeywords.Contains(word)));

    /// <summary>Collects a trailing comment; returns whether the line opens a template block.</summary>
    private static bool ScanLine(string text, int position, int lineEnd, ImmutableArray<CommentSyntax>.Builder comments)
    {
        var inString = false;
        for (var i = position; i < lineEnd; i++)
        {
            var c = text[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                if (i + 2 < lineEnd && text[i + 1] == '"' && text[i + 2] == '"')
                {
                    return text.AsSpan(i + 3, lineEnd - i - 3).IsWhiteSpace();
                }

                inString = true;
            }
            else if (c == '#')
            {
                var end = lineEnd;
                while (end > i && char.IsWhiteSpace(text[end - 1]))
                {
                    end--;
                }

                comments.Add(new CommentSyntax(text[i..end], TextSpan.FromBounds(i, end)));
                return false;
            }
        }

        return false;
    }
}
