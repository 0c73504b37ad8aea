using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>One case as the reports read it: the instance, its whole journal and its action items.</summary>
public sealed record ReportCase(PathwayInstance Instance, IReadOnlyList<HistoryEntry> History, IReadOnlyList<ActionItem> Actions);

/// <summary>
/// Where the reports read cases from: every instance of one pathway in one partnership that started
/// before a given instant (a case started later cannot have been released, or have entered a state,
/// in the period), with its history in journal order and its action items.
/// </summary>
public interface IReportSource
{
    Task<IReadOnlyList<ReportCase>> GetCasesAsync(string partnership, string pathwayId, Instant startedBefore, CancellationToken cancellationToken = default);
}
