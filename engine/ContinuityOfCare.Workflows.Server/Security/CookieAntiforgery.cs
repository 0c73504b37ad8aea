using Microsoft.AspNetCore.Antiforgery;

namespace ContinuityOfCare.Workflows.Server.Security;

/// <summary>
/// A change sent to the API with the sign-in cookie must carry the page's antiforgery token (header
/// <see cref="SignInSetup.AntiforgeryHeader"/>), so that another site cannot make a signed-in
/// browser change a case. Requests with a bearer token need none: a browser never adds one by itself.
/// </summary>
public static class CookieAntiforgery
{
    public static async Task Require(HttpContext context, RequestDelegate next)
    {
        if (context.Request.Path.StartsWithSegments("/api")
            && !HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method) && !HttpMethods.IsOptions(context.Request.Method)
            && context.User.Identity?.IsAuthenticated == true
            && !SignInSetup.CarriesBearerToken(context.Request))
        {
            var antiforgery = context.RequestServices.GetRequiredService<IAntiforgery>();
            await antiforgery.ValidateRequestAsync(context);
        }

        await next(context);
    }
}
