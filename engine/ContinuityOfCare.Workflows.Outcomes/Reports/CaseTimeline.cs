using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>A stay in one state: when the case entered it and, unless it is still there, when it left.</summary>
internal sealed record StateStay(string State, Instant EnteredAt, Instant? LeftAt);

/// <summary>What the reports read from one case's journal: the states it passed through, and when events were recorded.</summary>
internal static class CaseTimeline
{
    /// <summary>Every state the case entered, in order, with when it left each (the last has no end unless the case ended).</summary>
    public static IReadOnlyList<StateStay> Stays(ReportCase report)
    {
        var stays = new List<StateStay>();
        foreach (var entry in report.History)
        {
            if (Release.EnteredState(entry.Change) is not { } entered)
            {
                continue;
            }

            if (stays.Count > 0)
            {
                stays[^1] = stays[^1] with { LeftAt = entry.At };
            }

            stays.Add(new StateStay(entered, entry.At, null));
        }

        return stays;
    }

    /// <summary>When an event was first recorded on the case, or null.</summary>
    public static Instant? FirstRecorded(ReportCase report, string eventName) =>
        report.History.FirstOrDefault(h => h.Change is EventRecorded recorded && recorded.Event == eventName)?.At;

    /// <summary>The reason a person gave for cancelling the case.</summary>
    public static string? CancelReason(ReportCase report) =>
        report.History.Select(h => h.Change).OfType<InstanceEnded>().LastOrDefault()?.Reason;
}
