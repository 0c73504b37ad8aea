using System.Collections.Immutable;

namespace ContinuityOfCare.Workflows.Definitions;

/// <summary>
/// How a pathway's outcome figures are counted: which event marks release to the community, which
/// outcomes count as continuity of care and within how long, which outcomes take a case out of the
/// indicator (with the reason shown), and the stages of the attrition funnel.
/// </summary>
/// <param name="ReleaseEvent">The event whose first recording on a case is the moment of release.</param>
/// <param name="ContinuityOutcomes">Final outcomes that count as continuity when reached within the window.</param>
/// <param name="Window">The window after release, in calendar days or weeks in the pathway's time zone.</param>
/// <param name="Exclusions">Outcomes that remove a released case from the indicator, with the reason listed.</param>
/// <param name="Funnel">The funnel's stages in order; empty means the stages from release onwards, in declaration order.</param>
public sealed record ReportRules(
    string ReleaseEvent,
    ImmutableArray<string> ContinuityOutcomes,
    Duration Window,
    ImmutableArray<ReportExclusion> Exclusions,
    ImmutableArray<string> Funnel)
{
    /// <summary>The national continuity-of-care indicator, used by every pathway that declares no <c>report</c>.</summary>
    public static ReportRules National { get; } = new(
        "released",
        ["continuity-achieved"],
        new Duration(21, DurationUnit.Days),
        [
            new ReportExclusion("died", "Died"),
            new ReportExclusion("left-pathway", "Left the pathway (for example deported or removed from the UK)"),
            new ReportExclusion("returned-to-custody", "Returned to custody"),
        ],
        []);

    /// <summary>The rules a pathway is reported by: its own, or the national ones.</summary>
    public static ReportRules For(PathwayDefinition definition) => definition.Report ?? National;
}

/// <summary>An outcome that takes a released case out of the indicator, and the reason listed for it.</summary>
public sealed record ReportExclusion(string Outcome, string Reason);
