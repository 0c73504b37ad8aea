using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>
/// The outcome figures counted in memory from each case's whole journal, read through any runtime
/// store: the reference the figures are defined by (docs/reports.md), used for simulations and the
/// in-memory store, and to check the stores' own answers against.
/// </summary>
public sealed class CalculatedReportSource(IRuntimeStore store) : IReportSource
{
    public async Task<IndicatorReport> IndicatorAsync(ReportQuery query, CasePage page, CancellationToken cancellationToken = default)
    {
        var all = IndicatorCalculator.Calculate(query.Scope, query.Period, await CasesAsync(query, cancellationToken), Definition(query));
        var listed = all.Cases.Where(c => page.Only is null || c.Result == page.Only).ToList();
        return all with { Cases = page.Of(listed), CaseCount = listed.Count };
    }

    public async Task<FunnelReport> FunnelAsync(ReportQuery query, CancellationToken cancellationToken = default) =>
        FunnelCalculator.Calculate(query.Scope, query.Period, query.Reporting, await CasesAsync(query, cancellationToken), Definition(query));

    public async Task<ComplianceReport> ComplianceAsync(ReportQuery query, CancellationToken cancellationToken = default) =>
        ComplianceCalculator.Calculate(query.Scope, query.Period, await CasesAsync(query, cancellationToken));

    public async Task<TimeInStateReport> TimeInStateAsync(ReportQuery query, CancellationToken cancellationToken = default) =>
        TimeInStateCalculator.Calculate(query.Scope, query.Period, query.Reporting, await CasesAsync(query, cancellationToken));

    private static Func<DefinitionVersion, PathwayDefinition?> Definition(ReportQuery query) => v => query.Versions.GetValueOrDefault(v);

    /// <summary>Every case of the pathway in the partnership that started before the period ends, with its journal and action items.</summary>
    private async Task<IReadOnlyList<ReportCase>> CasesAsync(ReportQuery query, CancellationToken cancellationToken)
    {
        var instances = await store.ListInstancesAsync(new InstanceQuery(Partnership: query.Scope.Partnership, PathwayId: query.Scope.PathwayId, Take: int.MaxValue), cancellationToken);
        var cases = new List<ReportCase>();
        foreach (var instance in instances.Where(i => i.StartedAt < query.End).OrderBy(i => i.StartedAt).ThenBy(i => i.Id))
        {
            var history = await store.GetHistoryAsync(instance.Id, cancellationToken);
            var actions = await store.GetActionsAsync(instance.Id, cancellationToken);
            cases.Add(new ReportCase(instance, history, [.. actions.OrderBy(a => a.OpenedAt).ThenBy(a => a.ActionId, StringComparer.Ordinal)]));
        }

        return cases;
    }
}
