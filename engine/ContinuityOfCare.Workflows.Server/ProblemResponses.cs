using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Server;

/// <summary>
/// Turns the runtime's refusals into problem responses (RFC 9457): not found 404, forbidden 403,
/// conflict 409 (with the case as it is now), a bad request 400 (with the field errors), a date the
/// calendar cannot count 422 (naming what it counts from and the date). Anything
/// else is a 500 that says nothing about the inside of the server.
/// </summary>
public sealed class ProblemResponses(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            NotFoundException e => Problem(StatusCodes.Status404NotFound, "Not found", e.Message),
            ForbiddenException e => Problem(StatusCodes.Status403Forbidden, "Forbidden", e.Message),
            VersionRetractedException e => Problem(StatusCodes.Status409Conflict, "Version retracted", e.Message),
            VersionNumberTakenException e => Problem(StatusCodes.Status409Conflict, "Published at the same moment", e.Message),
            ConcurrencyConflictException e => WithExtension(Problem(StatusCodes.Status409Conflict, "Changed by someone else", e.Message), "current", Cases.CaseMapping.ToSummary(e.Current)),
            FieldValidationException e => new ValidationProblemDetails(e.Errors.ToDictionary(x => x.Key, x => new[] { x.Value }))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "Some values are not valid",
                Detail = e.Message,
            },
            InvalidRequestException e => Problem(StatusCodes.Status400BadRequest, "Bad request", e.Message),
            EventRefusedException e => WithExtension(Problem(StatusCodes.Status409Conflict, "Not possible now", e.Message), "possibleEvents", e.PossibleEvents),
            CalendarCannotCountException e => WithExtension(
                WithExtension(Problem(StatusCodes.Status422UnprocessableEntity, "The calendar cannot count this date", e.Message), "field", e.Field),
                "date", NodaTime.Text.LocalDatePattern.Iso.Format(e.Date)),
            RuntimeException e => Problem(StatusCodes.Status409Conflict, "Not possible now", e.Message),
            Runtime.Calendar.CalendarDataException e => Problem(StatusCodes.Status422UnprocessableEntity, "The calendar cannot count this date", e.Message),
            BadHttpRequestException e => Problem(e.StatusCode, "Bad request", e.Message),
            Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => Problem(
                StatusCodes.Status400BadRequest, "Antiforgery token missing or not valid",
                $"A change sent with the sign-in cookie carries the page's antiforgery token in the '{Security.SignInSetup.AntiforgeryHeader}' header (GET /api/account/antiforgery gives one)."),
            _ => null,
        };
        if (problem is null)
        {
            return false;
        }

        context.Response.StatusCode = problem.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem, Exception = exception });
    }

    private static ProblemDetails Problem(int status, string title, string detail) => new() { Status = status, Title = title, Detail = detail };

    private static ProblemDetails WithExtension(ProblemDetails problem, string name, object value)
    {
        problem.Extensions[name] = value;
        return problem;
    }
}
