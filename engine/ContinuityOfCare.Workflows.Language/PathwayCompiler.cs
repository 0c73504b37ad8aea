using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Emit;
using ContinuityOfCare.Workflows.Language.Parsing;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language;

/// <summary>The result of compiling one pathway file: every diagnostic, and the definition if there were no errors.</summary>
public sealed record CompilationResult(
    SourceText Source,
    PathwayFileSyntax Syntax,
    IReadOnlyList<Diagnostic> Diagnostics,
    PathwayDefinition? Definition)
{
    public bool Succeeded => Definition is not null;

    public IEnumerable<Diagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>The content hash of the definition; null when compilation failed.</summary>
    public string? ContentHash => Definition is null ? null : DefinitionJson.ContentHash(Definition);
}

/// <summary>Parse, check and compile: the language's one entry point for hosts (CLI, server, tests).</summary>
public static class PathwayCompiler
{
    /// <summary>Compiles a text against what exists where it is compiled (see <see cref="CompileEnvironment"/>).</summary>
    public static CompilationResult Compile(SourceText source, CompileEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var parsed = PathwayParser.Parse(source);
        var bag = new DiagnosticBag(source);
        var (whole, inherited) = BaseResolution.Resolve(parsed.Syntax, bag, environment);
        SemanticModel? model = null;
        if (whole is not null)
        {
            model = PathwayChecker.Check(whole, bag, environment);
            model.Base = inherited?.Base;
            model.InheritedReport = inherited?.Report;
        }

        var diagnostics = parsed.Diagnostics.Concat(bag.Items)
            .OrderBy(d => d.Span.Start)
            .ThenBy(d => d.Severity)
            .ThenBy(d => d.Code, StringComparer.Ordinal)
            .ToList();
        var definition = model is null || diagnostics.Any(d => d.IsError) ? null : DefinitionEmitter.Emit(model);
        return new CompilationResult(source, parsed.Syntax, diagnostics, definition);
    }

    public static CompilationResult Compile(string text, string path, CompileEnvironment environment) =>
        Compile(new SourceText(text, path), environment);

    public static CompilationResult CompileFile(string path, CompileEnvironment environment) => Compile(SourceText.FromFile(path), environment);
}
