using ContinuityOfCare.Workflows.Runtime.Reports;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Storage;

/// <summary>The in-memory store as a source for the outcome reports (tests and simulation).</summary>
public sealed partial class InMemoryRuntimeStore : IReportSource
{
    public Task<IReadOnlyList<ReportCase>> GetCasesAsync(string partnership, string pathwayId, Instant startedBefore, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var actions = _actions.Values.ToLookup(a => a.InstanceId);
            IReadOnlyList<ReportCase> cases = [.. _instances.Values
                .Where(i => i.Case.Partnership == partnership && i.Definition.PathwayId == pathwayId && i.StartedAt < startedBefore)
                .OrderBy(i => i.StartedAt).ThenBy(i => i.Id)
                .Select(i => new ReportCase(
                    i,
                    _history.TryGetValue(i.Id, out var history) ? [.. history] : [],
                    [.. actions[i.Id].OrderBy(a => a.OpenedAt).ThenBy(a => a.ActionId, StringComparer.Ordinal)]))];
            return Task.FromResult(cases);
        }
    }
}
