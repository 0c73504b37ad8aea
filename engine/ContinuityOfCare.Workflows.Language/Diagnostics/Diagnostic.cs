using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Diagnostics;

/// <summary>How serious a diagnostic is: errors stop a pathway compiling, warnings do not.</summary>
public enum DiagnosticSeverity
{
    Error,
    Warning,
}

/// <summary>A code in the diagnostics catalog, with its severity and a short title.</summary>
public sealed record DiagnosticDescriptor(string Code, DiagnosticSeverity Severity, string Title)
{
    /// <summary>Where the code is explained in the language documentation.</summary>
    public string HelpLink => $"docs/language.md#{Code.ToLowerInvariant()}";
}

/// <summary>A suggested fix: replace the text of a span.</summary>
public sealed record SuggestedFix(string Title, TextSpan Span, string Replacement);

/// <summary>A problem found in a pathway file, with its code, position and plain-words message.</summary>
public sealed record Diagnostic(
    DiagnosticDescriptor Descriptor,
    string Message,
    string Path,
    TextSpan Span,
    LinePosition Start,
    LinePosition End,
    SuggestedFix? Fix)
{
    public string Code => Descriptor.Code;

    public DiagnosticSeverity Severity => Descriptor.Severity;

    public bool IsError => Severity == DiagnosticSeverity.Error;

    /// <summary>The compiler-style one-line form: <c>file(line,col): error COC1234: message</c>.</summary>
    public override string ToString() =>
        $"{Path}({Start.Line},{Start.Column}): {Severity.ToString().ToLowerInvariant()} {Code}: {Message}";
}

/// <summary>What a catalog entry says about one occurrence: the message and an optional replacement.</summary>
public sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, string Message, string? Replacement = null);

/// <summary>Collects diagnostics for one source text, computing their line and column.</summary>
public sealed class DiagnosticBag(SourceText source)
{
    private readonly List<Diagnostic> _diagnostics = [];

    public SourceText Source { get; } = source;

    public bool HasErrors => _diagnostics.Exists(d => d.IsError);

    public IReadOnlyList<Diagnostic> Items => _diagnostics;

    public void Report(TextSpan span, DiagnosticInfo info)
    {
        var fix = info.Replacement is null
            ? null
            : new SuggestedFix($"Replace with '{info.Replacement}'", span, info.Replacement);
        _diagnostics.Add(new Diagnostic(
            info.Descriptor,
            info.Message,
            Source.Path,
            span,
            Source.GetPosition(span.Start),
            Source.GetPosition(span.End),
            fix));
    }

    /// <summary>The diagnostics in source order, errors before warnings at the same position.</summary>
    public IReadOnlyList<Diagnostic> ToSortedList() =>
        [.. _diagnostics.OrderBy(d => d.Span.Start).ThenBy(d => d.Severity).ThenBy(d => d.Code, StringComparer.Ordinal)];
}
