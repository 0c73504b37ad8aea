using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Server.Security;

/// <summary>
/// A request to the API that the caller's role may not make is answered with a problem that says
/// which role may (a bare 403 leaves the caller guessing); pages keep their redirect to the
/// "You cannot do that" page.
/// </summary>
internal sealed class ExplainedRefusals(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (!authorizeResult.Forbidden || !(context.Request.Path.StartsWithSegments("/api")))
        {
            await _default.HandleAsync(next, context, policy, authorizeResult);
            return;
        }

        var named = context.GetEndpoint()?.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).LastOrDefault(p => p is not null);
        var caller = Caller.From(context.User);
        var detail = named switch
        {
            Policies.Casework => $"Only a caseworker working for an agency may change cases; you are signed in as {Described(caller)}.",
            Policies.Author => $"Only a partnership lead may publish, retract, draft or move pathways; you are signed in as {Described(caller)}.",
            Policies.Simulate => $"Only a partnership lead or auditor may run simulations; you are signed in as {Described(caller)}.",
            Policies.Administer => $"Only an administrator may do this; you are signed in as {Described(caller)}.",
            _ => $"Your role may not do this; you are signed in as {Described(caller)}.",
        };
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails { Status = StatusCodes.Status403Forbidden, Title = "Forbidden", Detail = detail },
        });
    }

    private static string Described(Caller caller) => caller.Role is { Length: > 0 } role ? $"{caller.UserName} ({role})" : caller.UserName;
}
