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
            .WithSummary("A report for one pathway over a period [from, to): kind = indicator, exclusions, funnel, compliance or time-in-state; format = json (default) or csv.");
    }

    private static async Task<IResult> ReportAsync(
        string kind, string? pathwayId, string? from, string? to, string? format, string? partnership,
        ClaimsPrincipal user, ReportService reports, IPathwayVersionStore versions, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
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
                "indicator" => Result(await reports.IndicatorAsync(request, cancellationToken), csv, ReportCsv.Indicator, fileName),
                "exclusions" => Result(await reports.IndicatorAsync(request, cancellationToken), csv, ReportCsv.Exclusions, fileName, r => r.Excluded),
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

    private static IResult Result<TReport>(TReport report, bool csv, Func<TReport, string> toCsv, string fileName, Func<TReport, object>? json = null)
        where TReport : notnull =>
        csv
            ? Results.File(System.Text.Encoding.UTF8.GetBytes(toCsv(report)), "text/csv; charset=utf-8", fileName)
            : Results.Json(json is null ? report : json(report));
}
