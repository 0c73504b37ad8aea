using System.Security.Claims;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace ContinuityOfCare.Workflows.Server.Cases;

/// <summary>
/// Casework: starting cases, recording events, completing actions, changing fields and consent,
/// cancelling; reading a case, its history and notifications; an agency's caseload. Caseworkers
/// change cases; everyone in the partnership reads them. Which partnership's cases a caller sees
/// is settled by the data layer, so a case of another partnership is simply not found (404).
/// Every change may carry an <c>Idempotency-Key</c> (applied once however often it is sent) and an
/// <c>If-Match</c> with the case's version (refused with 409 if the case has changed since).
/// </summary>
public static class CaseEndpoints
{
    /// <summary>The most cases or notifications one page lists.</summary>
    public const int MaxPage = 200;

    public static void MapCaseEndpoints(this IEndpointRouteBuilder app)
    {
        var cases = app.MapGroup("/api/cases").WithTags("Cases");
        cases.MapGet("/", ListAsync).RequireAuthorization(Policies.Read)
            .WithSummary("Cases in your partnership, newest first: by prison number, pathway, status or state.");
        cases.MapPost("/", StartAsync).RequireAuthorization(Policies.Casework).AddEndpointFilter<Idempotent>().Produces<CaseResponse>(StatusCodes.Status201Created)
            .WithSummary("Start a case on the current version of a pathway (or a named one).");
        cases.MapGet("/{id:guid}", GetAsync).RequireAuthorization(Policies.Read).Produces<CaseResponse>()
            .WithSummary("A case: its state, fields, open actions with due times, and the events you may record now. The ETag is its version.");
        cases.MapPost("/{id:guid}/events", RaiseEventAsync).RequireAuthorization(Policies.Casework).Produces<CaseResponse>().AddEndpointFilter<Idempotent>()
            .WithSummary("Record an event, with the values it asks for.");
        cases.MapPost("/{id:guid}/actions/{actionId:guid}/complete", CompleteActionAsync).RequireAuthorization(Policies.Casework).Produces<CaseResponse>().AddEndpointFilter<Idempotent>()
            .WithSummary("Mark one of your agency's actions done (late if its deadline has passed).");
        cases.MapPatch("/{id:guid}/fields", UpdateFieldsAsync).RequireAuthorization(Policies.Casework).Produces<CaseResponse>().AddEndpointFilter<Idempotent>()
            .WithSummary("Change case fields (deadlines counted from them move).");
        cases.MapPut("/{id:guid}/consent", SetConsentAsync).RequireAuthorization(Policies.Casework).Produces<CaseResponse>().AddEndpointFilter<Idempotent>()
            .WithSummary("Record that the person has given, or withdrawn, consent to share information.");
        cases.MapPost("/{id:guid}/cancel", CancelAsync).RequireAuthorization(Policies.Casework).Produces<CaseResponse>().AddEndpointFilter<Idempotent>()
            .WithSummary("End a case opened in error, saying why.");
        cases.MapGet("/{id:guid}/history", HistoryAsync).RequireAuthorization(Policies.Read)
            .WithSummary("Everything that happened to a case, in order: who, when, on which version.");
        cases.MapGet("/{id:guid}/notifications", CaseNotificationsAsync).RequireAuthorization(Policies.Read)
            .WithSummary("The notifications a case has sent or queued, with their delivery status.");

        app.MapGet("/api/caseload", CaseloadAsync).RequireAuthorization(Policies.Read).WithTags("Cases")
            .WithSummary("Outstanding actions of an agency (a caseworker's own): how many are overdue, due today, due this week, later, and waiting for a date, and a page of them, earliest due first.");
        app.MapGet("/api/notifications", NotificationsAsync).RequireAuthorization(Policies.Read).WithTags("Cases")
            .WithSummary("The partnership's notifications, newest first, by status (Pending, Sent, Failed).");
    }

    private static async Task<Ok<List<CaseSummary>>> ListAsync(
        IRuntimeStore store, string? prisonNumber, string? pathwayId, InstanceStatus? status, string? state, int? skip, int? take, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        InputLimits.CheckPage(errors, skip, take, MaxPage);
        InputLimits.Check(errors, "pathwayId", pathwayId, InputLimits.Identifier);
        InputLimits.Check(errors, "state", state, InputLimits.Identifier);
        var number = NullIfBlank(prisonNumber);
        if (number is not null && !InputLimits.TryReadPrisonNumber(number, out number))
        {
            errors["prisonNumber"] = InputLimits.PrisonNumberFormat;
        }

        Refuse(errors);
        var page = Page(skip, take);
        var query = new InstanceQuery(PathwayId: pathwayId, Status: status, State: state, PrisonNumber: number, Skip: page.Skip, Take: page.Take);
        var found = await store.ListInstancesAsync(query, cancellationToken);
        return TypedResults.Ok(found.Select(CaseMapping.ToSummary).ToList());
    }

    private static async Task<IResult> StartAsync(
        StartCaseRequest request, ClaimsPrincipal user, PathwayRuntime runtime, TimeProvider clock, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(request.PathwayId))
        {
            errors["pathwayId"] = "say which pathway the case follows";
        }
        else
        {
            InputLimits.Check(errors, "pathwayId", request.PathwayId, InputLimits.Identifier);
        }

        var prisonNumber = "";
        if (string.IsNullOrWhiteSpace(request.Person?.PrisonNumber))
        {
            errors["person.prisonNumber"] = "give the person's prison number";
        }
        else if (!InputLimits.TryReadPrisonNumber(request.Person.PrisonNumber, out prisonNumber))
        {
            errors["person.prisonNumber"] = InputLimits.PrisonNumberFormat;
        }

        if (string.IsNullOrWhiteSpace(request.Person?.Name))
        {
            errors["person.name"] = "give the person's name";
        }
        else
        {
            InputLimits.Check(errors, "person.name", request.Person.Name.Trim(), InputLimits.Name);
        }

        if (!FieldInput.TryReadDate(request.Person?.DateOfBirth, out var born))
        {
            errors["person.dateOfBirth"] = "give the date of birth as yyyy-mm-dd";
        }
        else if (InputLimits.BirthProblem(born, LocalDate.FromDateTime(clock.GetUtcNow().UtcDateTime)) is { } implausible)
        {
            errors["person.dateOfBirth"] = implausible;
        }

        var fields = FieldInput.Read(request.Fields, "fields", errors);
        Refuse(errors);
        var person = new Person(prisonNumber, request.Person!.Name!.Trim(), born);
        var command = new StartCase(request.PathwayId!, caller.Partnership!, person, request.ConsentRecorded, fields, request.Version);
        var started = await runtime.Cases.StartAsync(command, caller.Actor, cancellationToken);
        Log(logs).LogInformation("Case {CaseId} started on {PathwayId} by {UserName}.", started.Instance.Id, started.Instance.Definition.PathwayId, caller.UserName);
        return WithETag(TypedResults.Created($"/api/cases/{started.Instance.Id}", CaseMapping.ToResponse(started)), started.Instance.Version);
    }

    private static async Task<IResult> GetAsync(Guid id, ClaimsPrincipal user, PathwayRuntime runtime, CancellationToken cancellationToken) =>
        Case(await runtime.Queries.GetAsync(id, ViewingActor(user), cancellationToken));

    private static async Task<IResult> RaiseEventAsync(Guid id, RaiseEventRequest request, HttpContext context, PathwayRuntime runtime, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        if (string.IsNullOrWhiteSpace(request.Event))
        {
            errors["event"] = "say which event to record";
        }

        InputLimits.Check(errors, "event", request.Event, InputLimits.Identifier);
        InputLimits.Check(errors, "note", request.Note, InputLimits.Note, multiLine: true);
        var values = FieldInput.Read(request.Values, "values", errors);
        Refuse(errors);
        var caller = Caller.From(context.User);
        var changed = await runtime.Cases.RaiseEventAsync(id, request.Event!.Trim(), values, Note(request.Note), caller.Actor, ExpectedVersion(context), cancellationToken);
        Log(logs).LogInformation("Case {CaseId}: {Event} recorded by {UserName}; now at {State}.", id, request.Event, caller.UserName, changed.Instance.State);
        return Case(changed);
    }

    private static async Task<IResult> CompleteActionAsync(Guid id, Guid actionId, HttpContext context, PathwayRuntime runtime, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var caller = Caller.From(context.User);
        var changed = await runtime.Cases.CompleteActionAsync(id, actionId, caller.Actor, ExpectedVersion(context), cancellationToken);
        Log(logs).LogInformation("Case {CaseId}: action {ActionItemId} completed by {UserName}.", id, actionId, caller.UserName);
        return Case(changed);
    }

    private static async Task<IResult> UpdateFieldsAsync(Guid id, UpdateFieldsRequest request, HttpContext context, PathwayRuntime runtime, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (request.Values is not { Count: > 0 })
        {
            throw new FieldValidationException(new Dictionary<string, string> { ["values"] = "send at least one field value" });
        }

        var errors = new Dictionary<string, string>();
        var values = FieldInput.Read(request.Values, "values", errors);
        Refuse(errors);
        var caller = Caller.From(context.User);
        var changed = await runtime.Cases.UpdateFieldsAsync(id, values, caller.Actor, ExpectedVersion(context), cancellationToken);
        Log(logs).LogInformation("Case {CaseId}: fields {Fields} changed by {UserName}.", id, string.Join(",", request.Values.Keys), caller.UserName);
        return Case(changed);
    }

    private static async Task<IResult> SetConsentAsync(Guid id, ConsentRequest request, HttpContext context, PathwayRuntime runtime, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        if (request.ConsentRecorded is not { } consent)
        {
            throw new FieldValidationException(new Dictionary<string, string> { ["consentRecorded"] = "say whether consent is recorded: true or false" });
        }

        var caller = Caller.From(context.User);
        var changed = await runtime.Cases.SetConsentAsync(id, consent, caller.Actor, ExpectedVersion(context), cancellationToken);
        Log(logs).LogInformation("Case {CaseId}: consent set to {Consent} by {UserName}.", id, consent, caller.UserName);
        return Case(changed);
    }

    private static async Task<IResult> CancelAsync(Guid id, CancelRequest request, HttpContext context, PathwayRuntime runtime, ILoggerFactory logs, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        InputLimits.Check(errors, "reason", request.Reason, InputLimits.Note, multiLine: true);
        Refuse(errors);
        var caller = Caller.From(context.User);
        var changed = await runtime.Cases.CancelAsync(id, request.Reason ?? "", caller.Actor, ExpectedVersion(context), cancellationToken);
        Log(logs).LogInformation("Case {CaseId} cancelled by {UserName}.", id, caller.UserName);
        return Case(changed);
    }

    private static async Task<Ok<List<HistoryResponse>>> HistoryAsync(Guid id, PathwayRuntime runtime, CancellationToken cancellationToken)
    {
        var history = await runtime.Queries.GetHistoryAsync(id, cancellationToken);
        return TypedResults.Ok(history.Select(CaseMapping.ToResponse).ToList());
    }

    private static async Task<Ok<List<NotificationResponse>>> CaseNotificationsAsync(Guid id, PathwayRuntime runtime, CancellationToken cancellationToken)
    {
        var messages = await runtime.Queries.GetNotificationsAsync(id, cancellationToken);
        return TypedResults.Ok(messages.Select(CaseMapping.ToResponse).ToList());
    }

    private static async Task<Ok<CaseloadResponse>> CaseloadAsync(
        ClaimsPrincipal user, PathwayRuntime runtime, string? agency, string? partnership, int? days, int? skip, int? take, CancellationToken cancellationToken)
    {
        var caller = Caller.From(user);
        var errors = new Dictionary<string, string>();
        var page = Page(skip, take);
        if (caller.Agency is { } own && agency is not null && agency != own)
        {
            throw new ForbiddenException($"You work for {own}; a caseworker sees only their own agency's caseload.");
        }

        var forAgency = caller.Agency ?? agency;
        if (forAgency is null)
        {
            errors["agency"] = "say which agency's caseload to show";
        }

        var inPartnership = caller.PartnershipOr(partnership);
        if (inPartnership is null)
        {
            errors["partnership"] = "say which partnership's caseload to show";
        }

        InputLimits.Check(errors, "agency", agency, InputLimits.Identifier);
        InputLimits.Check(errors, "partnership", partnership, InputLimits.LongName);
        if (days is < 1 or > 60)
        {
            errors["days"] = "a number of days from 1 to 60";
        }

        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }

        var caseload = await runtime.Queries.GetCaseloadAsync(inPartnership!, forAgency!, days ?? 7, page.Skip, page.Take, cancellationToken);
        return TypedResults.Ok(CaseMapping.ToResponse(caseload));
    }

    private static async Task<Ok<List<NotificationResponse>>> NotificationsAsync(
        IRuntimeStore store, OutboxStatus? status, string? partnership, int? take, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        InputLimits.CheckPage(errors, null, take, MaxPage);
        InputLimits.Check(errors, "partnership", partnership, InputLimits.LongName);
        Refuse(errors);
        var messages = await store.ListOutboxAsync(partnership, status, Page(0, take).Take, cancellationToken);
        return TypedResults.Ok(messages.Select(CaseMapping.ToResponse).ToList());
    }

    // ---- Helpers ----------------------------------------------------------------------------

    /// <summary>A case as the answer to a request, with its version as the ETag.</summary>
    private static IResult Case(CaseView view) => WithETag(TypedResults.Ok(CaseMapping.ToResponse(view)), view.Instance.Version);

    /// <summary>A caseworker sees the events their agency may record; anyone else, as a reader, sees none offered.</summary>
    private static Actor ViewingActor(ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        return caller.Agency is not null ? caller.Actor : Actor.Reader(caller.UserName);
    }

    /// <summary>The case version from an If-Match header (<c>"7"</c>, or <c>W/"7"</c>), when one is sent.</summary>
    private static long? ExpectedVersion(HttpContext context)
    {
        var header = context.Request.Headers.IfMatch.ToString();
        if (string.IsNullOrWhiteSpace(header))
        {
            return null;
        }

        if (EntityTagHeaderValue.TryParse(header, out var tag) && long.TryParse(tag.Tag.AsSpan().Trim('"'), out var version))
        {
            return version;
        }

        throw new FieldValidationException(new Dictionary<string, string> { ["If-Match"] = "send the case's version as its ETag gives it, e.g. \"3\"" });
    }

    private static IResult WithETag(IResult result, long version) => new ETagged(result, version);

    private static string? Note(string? note) => NullIfBlank(note);

    /// <summary>Refuses the request, changing nothing, when any value sent does not fit.</summary>
    private static void Refuse(Dictionary<string, string> errors)
    {
        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }
    }

    private static string? NullIfBlank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static (int Skip, int Take) Page(int? skip, int? take) => (Math.Max(0, skip ?? 0), Math.Clamp(take ?? 50, 1, MaxPage));

    private static ILogger Log(ILoggerFactory logs) => logs.CreateLogger("ContinuityOfCare.Workflows.Server.Cases");

    /// <summary>A result with the case's version as its ETag.</summary>
    private sealed class ETagged(IResult inner, long version) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.ETag = $"\"{version}\"";
            return inner.ExecuteAsync(httpContext);
        }
    }
}
