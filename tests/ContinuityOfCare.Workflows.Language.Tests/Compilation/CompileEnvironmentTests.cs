using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Language.Tests.Diagnostics;
using NodaTime;

namespace ContinuityOfCare.Workflows.Language.Tests.Compilation;

/// <summary>The compiler accepts exactly what its host says exists: calendars, time zones and template files.</summary>
public class CompileEnvironmentTests
{
    private static CompileEnvironment Only(params string[] calendars) =>
        new(calendars, DateTimeZoneProviders.Tzdb, FolderTemplateFileReader.None);

    private static string Header(string lines) =>
        DiagnosticExamples.Header.Replace("  partnership", lines + "  partnership", StringComparison.Ordinal) + DiagnosticExamples.States;

    [Fact]
    public void ACalendarTheHostCannotCountIsAnErrorNamingTheCalendarsItCan()
    {
        var result = PathwayCompiler.Compile(Header("  calendar scotland\n"), "p.pathway", Only("england-and-wales"));

        var error = Assert.Single(result.Errors);
        Assert.Equal(("COC2006", "'scotland' is not a calendar whose working days are known here; the known calendars are england-and-wales."), (error.Code, error.Message));
        Assert.Null(result.Definition);
    }

    [Fact]
    public void ACalendarTheHostCanCountCompiles()
    {
        var result = PathwayCompiler.Compile(Header("  calendar scotland\n"), "p.pathway", Only("england-and-wales", "scotland"));

        Assert.Equal("scotland", result.Definition?.Calendar);
    }

    [Fact]
    public void APathwayNamingNoCalendarNeedsTheDefaultOneToBeKnown()
    {
        var result = PathwayCompiler.Compile(DiagnosticExamples.Header + DiagnosticExamples.States, "p.pathway", Only("scotland"));

        var error = Assert.Single(result.Errors);
        Assert.Equal("COC2006", error.Code);
        Assert.StartsWith("Pathway 'sample' names no calendar, so it would count working days on 'england-and-wales', which is not known here;", error.Message);
    }

    [Fact]
    public void ATimeZoneIsCheckedAgainstTheHostsZones()
    {
        var environment = new CompileEnvironment(["england-and-wales"], new OneZone("Europe/London"), FolderTemplateFileReader.None);

        var result = PathwayCompiler.Compile(Header("  time zone Europe/Paris\n"), "p.pathway", environment);

        Assert.Equal(["COC2005"], result.Errors.Select(e => e.Code));
    }

    [Fact]
    public void TemplateFilesAreReadOnlyThroughTheReaderTheHostGives()
    {
        var path = Path.Combine(RepositoryPaths.FullCopies, "riverside.pathway");
        var text = File.ReadAllText(path);

        var withoutFiles = PathwayCompiler.Compile(text, path, Only("england-and-wales"));
        var withFiles = PathwayCompiler.Compile(text, path, new CompileEnvironment(["england-and-wales"], DateTimeZoneProviders.Tzdb, DiskTemplateFileReader.Instance));

        Assert.Contains(withoutFiles.Errors, e => e.Message.Contains("riverside-alert.sbn", StringComparison.Ordinal));
        Assert.True(withFiles.Succeeded, string.Join('\n', withFiles.Diagnostics));
    }

    /// <summary>A host that knows one time zone only.</summary>
    private sealed class OneZone(string id) : IDateTimeZoneProvider
    {
        public string VersionId => "one";

        public System.Collections.ObjectModel.ReadOnlyCollection<string> Ids { get; } = new([id]);

        public DateTimeZone this[string zoneId] => GetZoneOrNull(zoneId) ?? throw new NodaTime.TimeZones.DateTimeZoneNotFoundException(zoneId);

        public DateTimeZone GetSystemDefault() => DateTimeZoneProviders.Tzdb[id];

        public DateTimeZone? GetZoneOrNull(string zoneId) => zoneId == id ? DateTimeZoneProviders.Tzdb[id] : null;
    }
}
