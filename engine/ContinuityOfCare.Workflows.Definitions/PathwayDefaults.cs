namespace ContinuityOfCare.Workflows.Definitions;

/// <summary>
/// What a pathway that does not say otherwise runs on: the one place these defaults are written,
/// read by the compiler when it fills in a header and by anything that must speak of a pathway's
/// time before one is known.
/// </summary>
public static class PathwayDefaults
{
    /// <summary>The partnership's time zone when the header gives none (England and Wales, Scotland and Northern Ireland all keep it).</summary>
    public const string TimeZone = "Europe/London";

    /// <summary>The working-day calendar when the header gives none, named as GOV.UK names its divisions.</summary>
    public const string Calendar = "england-and-wales";
}
