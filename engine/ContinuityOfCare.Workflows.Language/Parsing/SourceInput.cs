using Sprache;

namespace ContinuityOfCare.Workflows.Language.Parsing;

/// <summary>
/// Sprache's view of the text being parsed: a position within one declaration (which ends at
/// <see cref="End"/>), and where the last token ended, so that node spans leave out trailing
/// comments and blank lines. One is made for every token, so it is kept small: the line and column
/// Sprache's interface asks for are worked out only when asked (the parser itself reports
/// positions through the source text's line index).
/// </summary>
internal sealed class SourceInput(string source, int position, int end, NameTable names, int? tokenEnd = null) : IInput
{
    public string Source { get; } = source;

    public int Position { get; } = position;

    public int End { get; } = end;

    /// <summary>Where the last token read ended (before any trivia after it).</summary>
    public int TokenEnd { get; } = tokenEnd ?? position;

    /// <summary>The names read so far in this parse, so each distinct name is one string.</summary>
    public NameTable Names { get; } = names;

    public int Line
    {
        get
        {
            var lineStart = Position == 0 ? 0 : Source.LastIndexOf('\n', Position - 1) + 1;
            return 1 + Source.AsSpan(0, lineStart).Count('\n');
        }
    }

    public int Column => Position - (Position == 0 ? 0 : Source.LastIndexOf('\n', Position - 1) + 1) + 1;

    public bool AtEnd => Position >= End;

    public char Current => AtEnd ? '\0' : Source[Position];

    /// <summary>
    /// Sprache keeps memos here only for <c>Parse.Ref</c>, which this grammar does not use (its
    /// recursive rules refer to static fields instead), so none are kept.
    /// </summary>
    public IDictionary<object, object> Memos => new Dictionary<object, object>();

    public IInput Advance()
    {
        if (AtEnd)
        {
            throw new InvalidOperationException("The input is already at its end.");
        }

        return new SourceInput(Source, Position + 1, End, Names);
    }

    public bool Equals(IInput? other) =>
        other is not null && ReferenceEquals(Source, other.Source) && Position == other.Position;

    public override bool Equals(object? obj) => obj is IInput other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Source, Position);

    public override string ToString() => $"Line {Line}, Column {Column}";
}

/// <summary>The distinct names of one parse: a pathway repeats a few dozen names thousands of times.</summary>
internal sealed class NameTable
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    public string Get(ReadOnlySpan<char> name)
    {
        var lookup = _names.GetAlternateLookup<ReadOnlySpan<char>>();
        if (lookup.TryGetValue(name, out var existing))
        {
            return existing;
        }

        var added = name.ToString();
        _names.Add(added);
        return added;
    }
}
