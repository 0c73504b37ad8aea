using ContinuityOfCare.Workflows.Language.Syntax;

namespace ContinuityOfCare.Workflows.Language.Formatting;

/// <summary>Putting comments and blank lines back among the formatted lines.</summary>
public static partial class PathwayFormatter
{
    private sealed partial class LayoutWriter
    {
        /// <summary>
        /// Puts each comment back: a comment after code on a line stays at the end of the line that
        /// holds that code; a comment on its own line goes before the first line that followed it.
        /// </summary>
        private void PlaceComments(IEnumerable<CommentSyntax> comments)
        {
            var anchors = _lines
                .Select((line, index) => (line.Anchor, Index: index))
                .Where(x => _lines[x.Index].Kind != LineKind.Verbatim)
                .OrderBy(x => x.Anchor)
                .ThenBy(x => x.Index)
                .ToList();
            var inserts = new List<(int Before, int Order, Line Line)>();
            var order = 0;
            foreach (var comment in comments)
            {
                var text = comment.Text.TrimEnd();
                var position = source.GetPosition(comment.Span.Start);
                var lineStart = source.GetLineStart(position.Line);
                var ownLine = source.Text.AsSpan(lineStart, comment.Span.Start - lineStart).IsWhiteSpace();
                if (!ownLine)
                {
                    var owner = LastAtOrBefore(anchors, comment.Span.Start);
                    if (owner >= 0)
                    {
                        _lines[owner].Text += " " + text;
                        continue;
                    }
                }

                var before = FirstAfter(anchors, comment.Span.Start);
                inserts.Add((before, order++, new Line(LineKind.Comment, position.Column - 1, text, comment.Span.Start)));
            }

            foreach (var (before, _, line) in inserts.OrderByDescending(x => x.Before).ThenByDescending(x => x.Order))
            {
                _lines.Insert(before, line);
            }

            for (var i = _lines.Count - 1; i >= 0; i--)
            {
                if (_lines[i].Kind == LineKind.Comment)
                {
                    _lines[i].Indent = CommentIndent(i);
                }
            }
        }

        /// <summary>
        /// An own-line comment is indented like the code line it precedes, except that an indented
        /// comment closing a state (before the next declaration) stays with the state's members.
        /// </summary>
        private int CommentIndent(int index)
        {
            var sourceIndent = _lines[index].Indent;
            var next = index + 1 < _lines.Count ? _lines[index + 1] : null;
            var nextIndent = next?.Kind == LineKind.Verbatim ? 2 : next?.Indent ?? 0;
            if (nextIndent == 0 && sourceIndent > 0)
            {
                for (var i = index - 1; i >= 0; i--)
                {
                    if (_lines[i].Kind == LineKind.Verbatim)
                    {
                        return nextIndent;
                    }

                    if (_lines[i].Kind != LineKind.Comment)
                    {
                        return _lines[i].Indent > 0 ? 2 : 0;
                    }
                }
            }

            return nextIndent;
        }

        private bool BlankBefore(int index)
        {
            var line = _lines[index];
            var previous = _lines[index - 1];
            if (line.Kind is LineKind.Verbatim or LineKind.Clause || previous is { Kind: LineKind.Head, MultiLineDeclaration: true })
            {
                return false;
            }

            if (line.Kind == LineKind.Comment && line.Indent > 2)
            {
                return false;
            }

            if (ForcedBlankBefore(index))
            {
                return true;
            }

            // Keep one blank line wherever the author left at least one.
            var at = source.GetPosition(line.Anchor).Line;
            return at > 1 && source.GetLineText(at - 1).Trim().Length == 0;
        }

        /// <summary>
        /// A multi-line declaration is set apart by a blank line, before the comments that lead into it.
        /// </summary>
        private bool ForcedBlankBefore(int index)
        {
            if (_lines[index].Indent != 0)
            {
                return false;
            }

            // Find the declaration this line leads into (itself, or the head after its comments).
            var head = index;
            while (head < _lines.Count && _lines[head].Kind == LineKind.Comment && _lines[head].Indent == 0)
            {
                head++;
            }

            if (head >= _lines.Count || _lines[head].Kind != LineKind.Head)
            {
                return false;
            }

            var previous = index - 1;
            if (_lines[previous].Kind == LineKind.Comment && _lines[previous].Indent == 0)
            {
                return false;
            }

            var previousHead = previous;
            while (previousHead >= 0 && _lines[previousHead].Kind != LineKind.Head)
            {
                previousHead--;
            }

            return previousHead >= 0 && (_lines[head].MultiLineDeclaration || _lines[previousHead].MultiLineDeclaration);
        }

        private static int LastAtOrBefore(List<(int Anchor, int Index)> anchors, int position)
        {
            var best = -1;
            var low = 0;
            var high = anchors.Count - 1;
            while (low <= high)
            {
                var mid = (low + high) / 2;
                if (anchors[mid].Anchor <= position)
                {
                    best = mid;
                    low = mid + 1;
                }
                else
                {
                    high = mid - 1;
                }
            }

            return best < 0 ? -1 : anchors[best].Index;
        }

        private int FirstAfter(List<(int Anchor, int Index)> anchors, int position)
        {
            var low = 0;
            var high = anchors.Count - 1;
            var found = _lines.Count;
            while (low <= high)
            {
                var mid = (low + high) / 2;
                if (anchors[mid].Anchor > position)
                {
                    found = anchors[mid].Index;
                    high = mid - 1;
                }
                else
                {
                    low = mid + 1;
                }
            }

            return found;
        }
    }
}
