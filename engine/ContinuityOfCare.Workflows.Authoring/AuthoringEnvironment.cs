using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Runtime.Calendar;

namespace ContinuityOfCare.Workflows.Authoring;

/// <summary>What a pathway compiles against where this engine runs it.</summary>
public static class AuthoringEnvironment
{
    /// <summary>
    /// The calendars and time zones the engine can count in (its calendar source, with any imported
    /// bank holidays), and where template files are read from: a pathway that compiles here is one
    /// this engine can run.
    /// </summary>
    public static CompileEnvironment For(ICalendarSource calendars, ITemplateFileReader templateFiles) =>
        new(calendars.Names, calendars.TimeZones, templateFiles);
}
