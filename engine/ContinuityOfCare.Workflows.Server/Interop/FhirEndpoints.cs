using System.Security.Claims;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Interop.Fhir;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Server.Security;

namespace ContinuityOfCare.Workflows.Server.Interop;

/// <summary>
/// FHIR R4 for NHS systems: a case as a Bundle (<c>GET /api/cases/{id}/fhir</c>), and the
/// PlanDefinition a published version exports as (<c>format=fhir</c> on the version export). Both
/// are read as the case and the version are: anyone signed in, in their own partnership (an
/// administrator in every one); the data layer hides the rest, so another partnership's case is
/// not found. The person appears only as the case view shows them, and never in a log line.
/// </summary>
public static class FhirEndpoints
{
    /// <summary>The media type FHIR gives its JSON.</summary>
    public const string FhirJson = "application/fhir+json; charset=utf-8";

    /// <summary>The setting naming the base of canonical URLs and identifier systems (see docs/fhir.md).</summary>
    public const string CanonicalBaseSetting = "ContinuityOfCare:FhirCanonicalBase";

    public static void MapFhirEndpoints(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/cases/{id:guid}/fhir", CaseAsync).RequireAuthorization(Policies.Read).WithTags("Cases")
            .Produces(StatusCodes.Status200OK, contentType: "application/fhir+json")
            .WithSummary("A case as FHIR R4: a Bundle of its Patient, the agencies, a CarePlan, a Task per action and a ServiceRequest per referral.");

    /// <summary>A published version as a FHIR R4 PlanDefinition, for the version export's <c>format=fhir</c>.</summary>
    internal static IResult PlanDefinition(PathwayDefinition definition, PathwayVersion version, IConfiguration configuration)
    {
        var plan = PlanDefinitionExporter.Export(
            definition, version.ContentHash, new PlanVersion(version.Number, version.PublishedAt.ToDateTimeOffset(), version.IsRetracted), Options(configuration));
        return Results.Text(FhirText.ToJson(plan), FhirJson);
    }

    private static async Task<IResult> CaseAsync(
        Guid id, ClaimsPrincipal user, PathwayRuntime runtime, IConfiguration configuration, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var view = await ReadCaseAsync(runtime, id, Actor.Reader(caller.UserName), cancellationToken);
        var bundle = CaseBundleExporter.Export(view, view.VersionNumber, Options(configuration));
        logs.CreateLogger("ContinuityOfCare.Workflows.Server.Interop").LogInformation("Case {CaseId} read as FHIR by {UserName}.", id, caller.UserName);
        return Results.Text(FhirText.ToJson(bundle), FhirJson);
    }

    /// <summary>The one place this file asks the runtime for a case, as the case view does.</summary>
    private static Task<CaseView> ReadCaseAsync(PathwayRuntime runtime, Guid id, Actor actor, CancellationToken cancellationToken) =>
        runtime.Queries.GetAsync(id, actor, cancellationToken);

    private static FhirOptions Options(IConfiguration configuration) =>
        configuration[CanonicalBaseSetting] is { Length: > 0 } canonicalBase ? new FhirOptions(canonicalBase) : new FhirOptions();
}
