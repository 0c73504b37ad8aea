using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>What to report on: one pathway in one partnership, from the start of one local day up to the start of another.</summary>
public sealed record ReportRequest(string Partnership, string PathwayId, LocalDate From, LocalDate To);

/// <summary>A report that cannot be produced as asked (an unknown pathway, a period that ends before it starts).</summary>
public sealed class ReportRequestException(string message) : Exception(message);

/// <summary>
/// The outcome figures of one partnership's pathway: the continuity-of-care indicator, the attrition
/// funnel, deadline compliance and time in state, each worked out from the stored cases.
/// </summary>
public sealed class ReportService(IReportSource source, IDefinitionCatalog catalog, TimeProvider clock)
{
    public async Task<IndicatorReport> IndicatorAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        var data = await LoadAsync(request, cancellationToken);
        return IndicatorCalculator.Calculate(data.Scope, data.Period, data.Cases, data.Definition);
    }

    public async Task<FunnelReport> FunnelAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        var data = await LoadAsync(request, cancellationToken);
        return FunnelCalculator.Calculate(data.Scope, data.Period, data.Reporting, data.Cases, data.Definition);
    }

    public async Task<ComplianceReport> ComplianceAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        var data = await LoadAsync(request, cancellationToken);
        return ComplianceCalculator.Calculate(data.Scope, data.Period, data.Cases);
    }

    public async Task<TimeInStateReport> TimeInStateAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        var data = await LoadAsync(request, cancellationToken);
        return TimeInStateCalculator.Calculate(data.Scope, data.Period, data.Reporting, data.Cases);
    }

    /// <summary>All four reports from one read of the store.</summary>
    public async Task<OutcomeReports> AllAsync(ReportRequest request, CancellationToken cancellationToken = default)
    {
        var data = await LoadAsync(request, cancellationToken);
        return new OutcomeReports(
            IndicatorCalculator.Calculate(data.Scope, data.Period, data.Cases, data.Definition),
            FunnelCalculator.Calculate(data.Scope, data.Period, data.Reporting, data.Cases, data.Definition),
            ComplianceCalculator.Calculate(data.Scope, data.Period, data.Cases),
            TimeInStateCalculator.Calculate(data.Scope, data.Period, data.Reporting, data.Cases));
    }

    private async Task<Loaded> LoadAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        if (request.From >= request.To)
        {
            throw new ReportRequestException($"The period must end after it starts: from {request.From:uuuu-MM-dd} to {request.To:uuuu-MM-dd} is empty.");
        }

        var period = new ReportPeriod(request.From, request.To);
        var current = await catalog.CurrentAsync(request.PathwayId, request.Partnership, cancellationToken);
        var reporting = current is null ? null : await catalog.FindAsync(current, cancellationToken);
        var zone = DateTimeZoneProviders.Tzdb[reporting?.TimeZone ?? PathwayDefaults.TimeZone];
        var cases = await source.GetCasesAsync(request.Partnership, request.PathwayId, period.In(zone).End, cancellationToken);
        var definitions = new Dictionary<DefinitionVersion, PathwayDefinition?>();
        foreach (var version in cases.Select(c => c.Instance.Definition).Distinct())
        {
            definitions[version] = await catalog.FindAsync(version, cancellationToken);
        }

        reporting ??= cases.OrderByDescending(c => c.Instance.StartedAt).Select(c => definitions[c.Instance.Definition]).FirstOrDefault(d => d is not null)
            ?? throw new ReportRequestException($"There is no pathway '{request.PathwayId}' in '{request.Partnership}': nothing is published under that id and no case runs on it.");
        var scope = new ReportScope(request.Partnership, request.PathwayId, reporting.TimeZone, request.From, request.To, Instant.FromDateTimeOffset(clock.GetUtcNow()));
        return new Loaded(scope, period, reporting, cases, v => definitions.GetValueOrDefault(v));
    }

    private sealed record Loaded(
        ReportScope Scope,
        ReportPeriod Period,
        PathwayDefinition Reporting,
        IReadOnlyList<ReportCase> Cases,
        Func<DefinitionVersion, PathwayDefinition?> Definition);
}

/// <summary>The four outcome reports for one period.</summary>
public sealed record OutcomeReports(IndicatorReport Indicator, FunnelReport Funnel, ComplianceReport Compliance, TimeInStateReport TimeInState);
