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
/// funnel, deadline compliance and time in state, worked out by the report source where the cases
/// are kept. This service settles what is asked: the period, the version whose stages and states the
/// figures are read by (the one new cases start on), and every version the cases can run on.
/// </summary>
public sealed class ReportService(IReportSource source, IDefinitionCatalog catalog, TimeProvider clock)
{
    /// <param name="page">Which of its cases to list (by default the first page of all of them).</param>
    public async Task<IndicatorReport> IndicatorAsync(ReportRequest request, CasePage? page = null, CancellationToken cancellationToken = default) =>
        await source.IndicatorAsync(await QueryAsync(request, cancellationToken), page ?? new CasePage(), cancellationToken);

    public async Task<FunnelReport> FunnelAsync(ReportRequest request, CancellationToken cancellationToken = default) =>
        await source.FunnelAsync(await QueryAsync(request, cancellationToken), cancellationToken);

    public async Task<ComplianceReport> ComplianceAsync(ReportRequest request, CancellationToken cancellationToken = default) =>
        await source.ComplianceAsync(await QueryAsync(request, cancellationToken), cancellationToken);

    public async Task<TimeInStateReport> TimeInStateAsync(ReportRequest request, CancellationToken cancellationToken = default) =>
        await source.TimeInStateAsync(await QueryAsync(request, cancellationToken), cancellationToken);

    /// <summary>All four reports for one period, with the indicator's cases as <paramref name="page"/> asks.</summary>
    public async Task<OutcomeReports> AllAsync(ReportRequest request, CasePage? page = null, CancellationToken cancellationToken = default)
    {
        var query = await QueryAsync(request, cancellationToken);
        return new OutcomeReports(
            await source.IndicatorAsync(query, page ?? new CasePage(), cancellationToken),
            await source.FunnelAsync(query, cancellationToken),
            await source.ComplianceAsync(query, cancellationToken),
            await source.TimeInStateAsync(query, cancellationToken));
    }

    private async Task<ReportQuery> QueryAsync(ReportRequest request, CancellationToken cancellationToken)
    {
        if (request.From >= request.To)
        {
            throw new ReportRequestException($"The period must end after it starts: from {request.From:uuuu-MM-dd} to {request.To:uuuu-MM-dd} is empty.");
        }

        var versions = new Dictionary<DefinitionVersion, PathwayDefinition>();
        foreach (var version in await catalog.VersionsAsync(request.PathwayId, request.Partnership, cancellationToken))
        {
            if (await catalog.FindAsync(version, cancellationToken) is { } definition)
            {
                versions[version] = definition;
            }
        }

        // The figures are read by the version new cases start on, or, when every one is retracted, the latest.
        var current = await catalog.CurrentAsync(request.PathwayId, request.Partnership, cancellationToken);
        var reporting = (current is null ? null : versions.GetValueOrDefault(current)) ?? versions.Values.LastOrDefault()
            ?? throw new ReportRequestException($"There is no pathway '{request.PathwayId}' in '{request.Partnership}': nothing is published under that id.");
        var zone = DateTimeZoneProviders.Tzdb[reporting.TimeZone];
        var scope = new ReportScope(request.Partnership, request.PathwayId, reporting.TimeZone, request.From, request.To, Instant.FromDateTimeOffset(clock.GetUtcNow()));
        return new ReportQuery(scope, new ReportPeriod(request.From, request.To), zone, reporting, versions);
    }
}

/// <summary>The four outcome reports for one period.</summary>
public sealed record OutcomeReports(IndicatorReport Indicator, FunnelReport Funnel, ComplianceReport Compliance, TimeInStateReport TimeInState);
