using System.Text;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Tests.Baselines;

/// <summary>Writes the source with each diagnostic underlined beneath the line it starts on, for baseline files a reviewer reads as a diff.</summary>
public static class AnnotatedSource
{
    /// <summary>The annotated source, or a single line saying the file is clean (no need to copy a clean file).</summary>
    public static string Write(SourceText source, IReadOnlyList<Diagnostic> diagnostics)
    {
        if (diagnostics.Count == 0)
        {
            return $"No diagnostics in {source.LineCount} lines.\n";
        }

        var byLine = diagnostics.ToLookup(d => d.Start.Line);
        var output = new StringBuilder();
        var width = source.LineCount.ToString().Length;
        for (var line = 1; line <= source.LineCount; line++)
        {
            var text = source.GetLineText(line);
            if (line == source.LineCount && text.Length == 0 && !byLine[line].Any())
            {
                break;
            }

            output.Append(line.ToString().PadLeft(width)).Append(" | ").Append(text).Append('\n');
            foreach (var diagnostic in byLine[line])
            {
                var column = diagnostic.Start.Column;
                var length = diagnostic.End.Line == line ? Math.Max(1, diagnostic.End.Column - column) : Math.Max(1, text.Length - column + 1);
                output.Append(new string(' ', width)).Append(" | ")
                    .Append(new string(' ', column - 1)).Append(new string('^', length))
                    .Append(' ').Append(diagnostic.Severity.ToString().ToLowerInvariant()).Append(' ')
                    .Append(diagnostic.Code).Append(": ").Append(diagnostic.Message).Append('\n');
            }
        }

        if (diagnostics.Count == 0)
        {
            output.Append("(no diagnostics)\n");
        }

        return output.ToString();
    }
}
