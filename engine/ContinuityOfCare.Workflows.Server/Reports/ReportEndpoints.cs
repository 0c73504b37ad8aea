using System.Security.Claims;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Server.Security;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Server.Reports;

/// <summary>
/// The outcome figures of a partnership's pathway for a period (docs/reports.md): the 21-day
/// indicator, its exclusions, the attrition funnel, deadline compliance and time in state, as JSON or
/// CSV. Everyone in the partnership may read them; they are worked out from the stored history.
/// </summary>
public static class ReportEndpoints
{
    public static readonly IReadOnlyList<string> Kinds = ["indicator", "exclusions", "funnel", "compliance", "time-in-state"];

    public static void MapReportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/reports/{kind}", ReportAsync).RequireAuthorization(Policies.Read).WithTags("Reports")
            .WithSummary("A report for one pathway over a period [from, to): kind = indicator, exclusions, funnel, compliance or time-in-state; format = json (default) or csv. The indicator and the exclusions list their cases a page at a time (skip, take: 1 to 1000, 100 by default); the exclusions CSV has them all.");
    }

    private static async Task<IResult> ReportAsync(
        string kind, string? pathwayId, string? from, string? to, string? format, string? partnership, int? skip, int? take,
        HttpContext context, ReportService reports, IPathwayVersionStore versions, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var errors = new Dictionary<string, string[]>();
        if (!Kinds.Contains(kind))
        {
            errors["kind"] = [$"The report is one of {string.Join(", ", Kinds)}."];
        }

        if (string.IsNullOrWhiteSpace(pathwayId))
        {
            errors["pathwayId"] = ["Say which pathway to report on."];
        }

        var start = LocalDatePattern.Iso.Parse(from ?? "");
        var end = LocalDatePattern.Iso.Parse(to ?? "");
        if (!start.Success)
        {
            errors["from"] = ["Give the first day of the period as yyyy-mm-dd."];
        }

        if (!end.Success)
        {
            errors["to"] = ["Give the day after the period as yyyy-mm-dd (the period runs up to, not including, it)."];
        }

        if (format is not (null or "json" or "csv"))
        {
            errors["format"] = ["The format is json (the default) or csv."];
        }

        var inPartnership = caller.PartnershipOr(partnership);
        if (inPartnership is null)
        {
            errors["partnership"] = ["Say which partnership to report on."];
        }

        if (skip is < 0)
        {
            errors["skip"] = ["Skip is 0 or more cases."];
        }

        if (take is < 1 or > CasePage.MaxTake)
        {
            errors["take"] = [$"Take is 1 to {CasePage.MaxTake} cases."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if ((await versions.ListVersionsAsync(pathwayId, inPartnership, cancellationToken)).Count == 0)
        {
            throw new NotFoundException($"There is no pathway '{pathwayId}' in '{inPartnership}'.");
        }

        var request = new ReportRequest(inPartnership!, pathwayId!, start.Value, end.Value);
        var csv = format == "csv";
        var fileName = $"{pathwayId}-{kind}-{from}-to-{to}.csv";
        try
        {
            return kind switch
            {
                "indicator" => Result(await reports.IndicatorAsync(request, new CasePage(null, skip ?? 0, take ?? CasePage.DefaultTake), cancellationToken), csv, ReportCsv.Indicator, fileName),
                "exclusions" when csv => await AllExclusionsAsync(reports, request, fileName, context, cancellationToken),
                "exclusions" => Result(await reports.IndicatorAsync(request, new CasePage(IndicatorResult.Excluded, skip ?? 0, take ?? CasePage.DefaultTake), cancellationToken), csv, ReportCsv.Exclusions, fileName, r => new
                {
                    r.Scope,
                    Total = r.CaseCount,
                    Skip = skip ?? 0,
                    Cases = r.Excluded,
                }),
                "funnel" => Result(await reports.FunnelAsync(request, cancellationToken), csv, ReportCsv.Funnel, fileName),
                "compliance" => Result(await reports.ComplianceAsync(request, cancellationToken), csv, ReportCsv.Compliance, fileName),
                _ => Result(await reports.TimeInStateAsync(request, cancellationToken), csv, ReportCsv.TimeInState, fileName),
            };
        }
        catch (ReportRequestException refused)
        {
            return TypedResults.Problem(title: "The report cannot be made as asked", detail: refused.Message, statusCode: StatusCodes.Status400BadRequest);
        }
    }

    /// <summary>Every case left out of the indicator as CSV, read and written a page at a time, so a long list never sits in memory whole.</summary>
    private static async Task<IResult> AllExclusionsAsync(ReportService reports, ReportRequest request, string fileName, HttpContext context, CancellationToken cancellationToken)
    {
        var first = await reports.IndicatorAsync(request, new CasePage(IndicatorResult.Excluded, 0, CasePage.MaxTake), cancellationToken);
        return Results.Stream(async body =>
        {
            await using var writer = new StreamWriter(body, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
            var page = first;
            for (var skip = 0; ; skip += CasePage.MaxTake)
            {
                var csv = ReportCsv.Exclusions(page);
                await writer.WriteAsync(skip == 0 ? csv : csv[(csv.IndexOf("\r\n", StringComparison.Ordinal) + 2)..]);
                if (page.Cases.Count < CasePage.MaxTake)
                {
                    return;
                }

                page = await reports.IndicatorAsync(request, new CasePage(IndicatorResult.Excluded, skip + CasePage.MaxTake, CasePage.MaxTake), cancellationToken);
            }
        }, "text/csv; charset=utf-8", fileName);
    }

    private static IResult Result<TReport>(TReport report, bool csv, Func<TReport, string> toCsv, string fileName, Func<TReport, object>? json = null)
        where TReport : notnull =>
        csv
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(toCsv(report)), "text/csv; charset=utf-8", fileName)
            : Results.Json(json is null ? report : json(report));
}
