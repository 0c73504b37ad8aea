using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary>
/// Writes diagnostics as compilers do — <c>file(line,col): error COC1234: message</c>, which editors
/// and CI turn into links — followed, for people, by the offending line with a caret under the
/// mistake and any suggested fix.
/// </summary>
internal static class DiagnosticWriter
{
    public static void Write(TextWriter output, Diagnostic diagnostic, SourceText source, string displayPath, bool withSource)
    {
        output.WriteLine($"{displayPath}({diagnostic.Start.Line},{diagnostic.Start.Column}): {Severity(diagnostic)} {diagnostic.Code}: {diagnostic.Message}");
        if (!withSource)
        {
            return;
        }

        var line = diagnostic.Start.Line;
        var text = source.GetLineText(line).Replace('\t', ' ');
        var gutter = line.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var pad = new string(' ', gutter.Length);
        var column = Math.Min(diagnostic.Start.Column - 1, text.Length);
        var width = diagnostic.End.Line == line
            ? Math.Max(1, diagnostic.End.Column - diagnostic.Start.Column)
            : Math.Max(1, text.Length - column);
        width = Math.Max(1, Math.Min(width, Math.Max(1, text.Length - column)));
        output.WriteLine($" {pad} |");
        output.WriteLine($" {gutter} | {text}");
        output.WriteLine($" {pad} | {new string(' ', column)}{new string('^', width)}");
        if (diagnostic.Fix is { } fix)
        {
            output.WriteLine($" {pad} = fix: {fix.Title}");
        }

        output.WriteLine($" {pad} = see: {diagnostic.Descriptor.HelpLink}");
        output.WriteLine();
    }

    public static string Severity(Diagnostic diagnostic) => diagnostic.IsError ? "error" : "warning";
}
