using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>The cases of a runtime store in memory, as the reports read them (tests and simulation).</summary>
public sealed class InMemoryReportSource(InMemoryRuntimeStore store) : IReportSource
{
    public async Task<IReadOnlyList<ReportCase>> GetCasesAsync(string partnership, string pathwayId, Instant startedBefore, CancellationToken cancellationToken = default)
    {
        var instances = await store.ListInstancesAsync(new InstanceQuery(Partnership: partnership, PathwayId: pathwayId, Take: int.MaxValue), cancellationToken);
        var cases = new List<ReportCase>();
        foreach (var instance in instances.Where(i => i.StartedAt < startedBefore).OrderBy(i => i.StartedAt).ThenBy(i => i.Id))
        {
            var history = await store.GetHistoryAsync(instance.Id, cancellationToken);
            var actions = await store.GetActionsAsync(instance.Id, cancellationToken);
            cases.Add(new ReportCase(instance, history, [.. actions.OrderBy(a => a.OpenedAt).ThenBy(a => a.ActionId, StringComparer.Ordinal)]));
        }

        return cases;
    }
}
