using Sprache;

namespace ContinuityOfCare.Workflows.Language.Parsing;

/// <summary>
/// A Sprache input over one region of the file (a declaration or a state member), so the grammar
/// sees only that region while positions stay offsets into the whole file.
/// </summary>
internal sealed class SourceInput : IInput
{
    private readonly int _end;
    private Dictionary<object, object>? _memos;

    public SourceInput(string source, int position, int end, int line = 1, int column = 1, int? tokenEnd = null)
    {
        TokenEnd = tokenEnd ?? position;
        Source = source;
        Position = position;
        _end = end;
        Line = line;
        Column = column;
    }

    public string Source { get; }

    public int Position { get; }

    public int Line { get; }

    public int Column { get; }

    public int End => _end;

    /// <summary>Where the last token read before this position ended, so spans exclude trailing trivia.</summary>
    public int TokenEnd { get; }

    public bool AtEnd => Position >= _end;

    public char Current => AtEnd ? '\0' : Source[Position];

    public IDictionary<object, object> Memos => _memos ??= [];

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("The input is already at its end.");
        }

        return Source[Position] == '\n'
            ? new SourceInput(Source, Position + 1, _end, Line + 1, 1)
            : new SourceInput(Source, Position + 1, _end, Line, Column + 1);
    }

    public bool Equals(IInput? other) =>
        other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source, Position);

    public override string ToString() => $"Line {Line}, Column {Column}";
}
