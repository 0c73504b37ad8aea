using System.Security.Claims;
using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Outcomes.Simulation;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Server.Security;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Server.Reports;

/// <summary>
/// Replaying a synthetic cohort through one published version of a pathway, or through two to compare
/// them, and reading the same outcome reports (docs/reports.md#simulation). Nothing is stored: the
/// simulation runs in memory on a simulated clock.
/// </summary>
public sealed record SimulationRequest(
    string? PathwayId, int? Version, int? CompareWith, JsonElement? Cohort, int? People, int Seed = 0, string? From = null, string? To = null, string? Format = null);

/// <summary>One simulated version: what ran, and its reports.</summary>
public sealed record SimulatedVersion(int Version, int People, int EventsRecorded, int ActionsDone, int TimersFired, string From, string To, OutcomeReports Reports);

public sealed record SimulationResponse(SimulatedVersion First, SimulatedVersion? Second, SimulationComparison? Comparison);

public static class SimulationEndpoints
{
    /// <summary>The most people one request may simulate through each version (a simulation holds its cases in memory and keeps a core busy).</summary>
    public const int MaxPeople = 5_000;

    public static void MapSimulationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/simulations", SimulateAsync).RequireAuthorization(Policies.Simulate).WithTags("Reports")
            .WithSummary($"Replay a cohort (the cohort file's JSON) through a published version, or two to compare them, and get the outcome reports (json or csv). Leads and auditors; up to 5,000 people; one at a time per partnership.");
    }

    private static async Task<IResult> SimulateAsync(
        SimulationRequest request, ClaimsPrincipal user, IPathwayVersionStore versions, SimulationGate gate, HttpContext context, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.PathwayId))
        {
            errors["pathwayId"] = ["Say which pathway to simulate."];
        }

        if (request.Version is null or < 1)
        {
            errors["version"] = ["Say which published version to simulate (a version number)."];
        }

        if (request.Cohort is not { ValueKind: JsonValueKind.Object })
        {
            errors["cohort"] = ["Send the cohort as a JSON object, as a cohort file holds it."];
        }

        if (request.People is < 1 or > MaxPeople)
        {
            errors["people"] = [$"Simulate from 1 to {MaxPeople:N0} people."];
        }

        var from = request.From is null ? (NodaTime.LocalDate?)null : LocalDatePattern.Iso.Parse(request.From) is { Success: true } f ? f.Value : null;
        var to = request.To is null ? (NodaTime.LocalDate?)null : LocalDatePattern.Iso.Parse(request.To) is { Success: true } t ? t.Value : null;
        if ((request.From is not null && from is null) || (request.To is not null && to is null))
        {
            errors["from"] = ["Give the period's dates as yyyy-mm-dd."];
        }

        if (request.Format is not (null or "json" or "csv"))
        {
            errors["format"] = ["The format is json (the default) or csv."];
        }

        if (caller.Partnership is null)
        {
            errors["partnership"] = ["Simulations run on a partnership's own pathways; an administrator has none."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var first = await DefinitionAsync(versions, request.PathwayId!, caller.Partnership!, request.Version!.Value, cancellationToken);
        var second = request.CompareWith is { } other ? await DefinitionAsync(versions, request.PathwayId!, caller.Partnership!, other, cancellationToken) : null;
        var read = CohortFile.Read(request.Cohort!.Value.GetRawText(), second is null ? [first] : [first, second]);
        if (!read.Succeeded)
        {
            return TypedResults.ValidationProblem(read.Errors.GroupBy(e => "cohort" + (e.Path.StartsWith('$') ? e.Path[1..] : "." + e.Path))
                .ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        }

        if ((request.People ?? read.Cohort!.People) is < 1 or > MaxPeople)
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                [request.People is null ? "cohort.people" : "people"] = [$"Simulate from 1 to {MaxPeople:N0} people."],
            });
        }

        var entry = gate.TryEnter(caller.Partnership!);
        if (entry.Refused is { } refused)
        {
            return Busy(context, refused, gate);
        }

        using var pass = entry.Pass;
        var options = new SimulationOptions(request.People, request.Seed);
        try
        {
            var a = await RunAsync(first, request.Version.Value, read.Cohort!, options, from, to, cancellationToken);
            (SimulatedVersion Version, SimulationRun Run)? b = second is null ? null : await RunAsync(second, request.CompareWith!.Value, read.Cohort!, options, from ?? ParseDate(a.Version.From), to ?? ParseDate(a.Version.To), cancellationToken);
            var comparison = b is { } compared ? SimulationComparison.Of($"version {a.Version.Version}", a.Version.Reports, $"version {compared.Version.Version}", compared.Version.Reports) : null;
            if (request.Format == "csv")
            {
                var csv = comparison is null ? SimulationText.MeasuresCsv(a.Version.Reports) : SimulationText.ComparisonCsv(comparison);
                return Results.File(System.Text.Encoding.UTF8.GetBytes(csv), "text/csv; charset=utf-8", $"{request.PathwayId}-simulation.csv");
            }

            return TypedResults.Ok(new SimulationResponse(a.Version, b?.Version, comparison));
        }
        catch (SimulationException refusedRun)
        {
            return TypedResults.Problem(title: "The simulation could not run", detail: refusedRun.Message, statusCode: StatusCodes.Status422UnprocessableEntity);
        }
    }

    private static IResult Busy(HttpContext context, SimulationGate.Refusal refusal, SimulationGate gate)
    {
        context.Response.Headers.RetryAfter = "10";
        return refusal == SimulationGate.Refusal.PartnershipBusy
            ? TypedResults.Problem(
                title: "A simulation is already running",
                detail: "Your partnership already has a simulation running. Try again when it has finished: one runs at a time for each partnership.",
                statusCode: StatusCodes.Status409Conflict)
            : TypedResults.Problem(
                title: "Too many simulations",
                detail: $"The server is running as many simulations as it can ({gate.Slots} at once). Try again in a few seconds.",
                statusCode: StatusCodes.Status429TooManyRequests);
    }

    private static async Task<(SimulatedVersion Version, SimulationRun Run)> RunAsync(
        PathwayDefinition definition, int number, Cohort cohort, SimulationOptions options, NodaTime.LocalDate? from, NodaTime.LocalDate? to, CancellationToken cancellationToken)
    {
        var run = await Simulator.RunAsync(definition, cohort, options, cancellationToken);
        var period = (From: from ?? run.DefaultPeriod.From, To: to ?? run.DefaultPeriod.To);
        var reports = await run.ReportsAsync(period.From, period.To, cancellationToken: cancellationToken);
        return (new SimulatedVersion(number, run.People, run.EventsRecorded, run.ActionsDone, run.TimersFired,
            LocalDatePattern.Iso.Format(period.From), LocalDatePattern.Iso.Format(period.To), reports), run);
    }

    private static NodaTime.LocalDate ParseDate(string text) => LocalDatePattern.Iso.Parse(text).Value;

    private static async Task<PathwayDefinition> DefinitionAsync(IPathwayVersionStore versions, string pathwayId, string partnership, int number, CancellationToken cancellationToken)
    {
        var content = await versions.GetContentAsync(pathwayId, partnership, number, cancellationToken)
            ?? throw new NotFoundException($"There is no version {number} of pathway '{pathwayId}' in '{partnership}'.");
        return DefinitionJson.FromJson(content.DefinitionJson);
    }
}
