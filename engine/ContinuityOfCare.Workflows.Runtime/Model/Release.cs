using ContinuityOfCare.Workflows.Definitions;
using NodaTime;
using Duration = ContinuityOfCare.Workflows.Definitions.Duration;

namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>
/// The facts of a case the outcome figures count by, kept as the case changes so that reports can
/// be read where the cases are: when the person was released (the first time the pathway's release
/// event was recorded on the case) and when the window for continuity of care closes.
/// </summary>
public static class Release
{
    /// <summary>
    /// The window closes at the release's local date and time plus the window's days (or weeks), in
    /// the pathway's time zone: the same wall-clock time, whatever the clock changes in between.
    /// </summary>
    public static Instant WindowEnd(Instant released, Duration window, DateTimeZone zone)
    {
        var days = window.Unit == DurationUnit.Weeks ? window.Amount * 7 : window.Amount;
        return released.InZone(zone).LocalDateTime.PlusDays(days).InZoneLeniently(zone).ToInstant();
    }

    /// <summary>The state a history line says the case entered (a start, a move, a migration into another state), or null.</summary>
    /// <remarks>One rule, read by the reports' timelines and by the stores that keep each stay in a state as a row.</remarks>
    public static string? EnteredState(HistoryChange change) => change switch
    {
        InstanceStarted started => started.State,
        StateEntered moved => moved.To,
        CaseMigrated migrated when migrated.FromState != migrated.ToState => migrated.ToState,
        _ => null,
    };
}
