using ContinuityOfCare.Workflows.Language.Semantics;
using NodaTime;

namespace ContinuityOfCare.Workflows.Language;

/// <summary>
/// What exists where a pathway is compiled, as the host that compiles it says: the working-day
/// calendars its runtime can count, the time zones it knows, and where template files named by the
/// text are read from. The compiler accepts exactly these, so a pathway that compiles is one the
/// host can run.
/// </summary>
/// <param name="Calendars">The calendar names a header may give (e.g. "england-and-wales").</param>
/// <param name="TimeZones">The time zones a header may give, by IANA name.</param>
/// <param name="TemplateFiles">Where <c>from "file"</c> templates are read; a host with none passes <see cref="FolderTemplateFileReader.None"/>.</param>
/// <param name="Bases">The published versions a <c>based on</c> line may name; none when left out.</param>
public sealed record CompileEnvironment(
    IReadOnlyCollection<string> Calendars,
    IDateTimeZoneProvider TimeZones,
    ITemplateFileReader TemplateFiles,
    IPathwayBaseSource? Bases = null);
