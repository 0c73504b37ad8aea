using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Language.Text;
using NodaTime;

namespace ContinuityOfCare.Workflows.Language.Tests;

/// <summary>
/// Compiles as the tests' host: against the three GOV.UK working-day calendars the engine names, the
/// IANA time zones, and template files read beside each pathway file (or from a reader a test gives).
/// </summary>
public static class TestCompiler
{
    /// <summary>The calendars a test pathway may name: the three GOV.UK divisions.</summary>
    public static readonly IReadOnlyList<string> Calendars = ["england-and-wales", "northern-ireland", "scotland"];

    /// <summary>The version number the shipped national pathway stands as, for the pathways based on it.</summary>
    public const int NationalVersion = 1;

    /// <summary>The bases a test pathway may name: the shipped national pathway as version 1.</summary>
    public static PathwayBases Bases { get; } = NationalBase();

    public static CompileEnvironment Environment { get; } = With(DiskTemplateFileReader.Instance);

    public static CompileEnvironment With(ITemplateFileReader templateFiles) => new(Calendars, DateTimeZoneProviders.Tzdb, templateFiles, Bases);

    public static CompilationResult Compile(SourceText source, ITemplateFileReader? templateFiles = null) =>
        PathwayCompiler.Compile(source, templateFiles is null ? Environment : With(templateFiles));

    public static CompilationResult Compile(string text, string path = "", ITemplateFileReader? templateFiles = null) =>
        Compile(new SourceText(text, path), templateFiles);

    public static CompilationResult CompileFile(string path) => PathwayCompiler.CompileFile(path, Environment);

    private static PathwayBases NationalBase()
    {
        var national = PathwayCompiler.CompileFile(RepositoryPaths.NationalPathway, new CompileEnvironment(Calendars, DateTimeZoneProviders.Tzdb, DiskTemplateFileReader.Instance));
        return new PathwayBases().Add(national.Definition!, NationalVersion);
    }
}
