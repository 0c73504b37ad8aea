using System.Security.Claims;
using ContinuityOfCare.Workflows.Persistence.Accounts;
using ContinuityOfCare.Workflows.Server.Security;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace ContinuityOfCare.Workflows.Server.Accounts;

/// <summary>What signing in with a password sends.</summary>
public sealed record SignInRequest(string? UserName, string? Password);

/// <summary>What refreshing a bearer token sends.</summary>
public sealed record RefreshRequest(string? RefreshToken);

/// <summary>The signed-in user, as they are known here.</summary>
public sealed record AccountResponse(string UserName, string DisplayName, string Role, string? Partnership, string? Agency);

/// <summary>The antiforgery token a page's scripts send with every change they make (in the named header).</summary>
public sealed record AntiforgeryResponse(string HeaderName, string Token);

/// <summary>Signing in and out: the sign-in page (cookie), bearer tokens for API clients, and OpenID Connect.</summary>
public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var pages = app.MapGroup("/account").ExcludeFromDescription();
        pages.MapGet("/sign-in", SignInPage).AllowAnonymous();
        pages.MapPost("/sign-in", SignInAsync).AllowAnonymous();
        pages.MapPost("/sign-out", SignOutAsync).AllowAnonymous();
        pages.MapGet("/denied", () => Html(AccountPages.Message("You cannot do that", "Your role does not allow it. Ask your partnership lead if you need to."), StatusCodes.Status403Forbidden)).AllowAnonymous();
        pages.MapGet("/sign-in/oidc", ChallengeOidc).AllowAnonymous();
        pages.MapGet("/sign-in/oidc/complete", CompleteOidcAsync).AllowAnonymous();

        var api = app.MapGroup("/api/account").WithTags("Account");
        api.MapPost("/token", TokenAsync).AllowAnonymous()
            .WithSummary("Sign in with a user name and password; returns a bearer token (send it as 'Authorization: Bearer …') and a refresh token.");
        api.MapPost("/refresh", RefreshAsync).AllowAnonymous()
            .WithSummary("A new bearer token and refresh token for a refresh token, while the account is still allowed to sign in. A refresh token works once; one sent again cancels every token given out since that sign-in.");
        api.MapGet("/", Me).RequireAuthorization(Policies.Read).WithSummary("Who is signed in: name, role, partnership and agency.");
        api.MapGet("/antiforgery", Antiforgery).RequireAuthorization(Policies.Read)
            .WithSummary("The antiforgery token a signed-in browser sends with each change it makes (not needed with a bearer token).");
    }

    private static IResult SignInPage(HttpContext context, IAntiforgery antiforgery, IOptions<ServerOptions> options, string? returnUrl) =>
        Html(AccountPages.SignIn(AntiforgeryField(context, antiforgery), returnUrl, null, null, OidcButton(options)));

    private static async Task<IResult> SignInAsync(
        HttpContext context, IAntiforgery antiforgery, SignInManager<Account> signIn, PasswordCheck check, IOptions<ServerOptions> options,
        [FromForm] string? userName, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        if (string.IsNullOrWhiteSpace(userName) || string.IsNullOrEmpty(password))
        {
            return Html(AccountPages.SignIn(AntiforgeryField(context, antiforgery), returnUrl, "Enter your user name and password", userName, OidcButton(options)), StatusCodes.Status400BadRequest);
        }

        if (await check.CheckAsync(userName.Trim(), password) is { } account)
        {
            await signIn.SignInAsync(account, isPersistent: false);
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }

        return Html(AccountPages.SignIn(AntiforgeryField(context, antiforgery), returnUrl, PasswordCheck.Refused, userName, OidcButton(options)), StatusCodes.Status401Unauthorized);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        await antiforgery.ValidateRequestAsync(context);
        await context.SignOutAsync(IdentityConstants.ApplicationScheme);
        return Results.Redirect("/account/sign-in");
    }

    private static IResult ChallengeOidc(IOptions<ServerOptions> options, SignInManager<Account> signIn, string? returnUrl)
    {
        if (options.Value.Oidc is not { Authority.Length: > 0 })
        {
            return Results.NotFound();
        }

        var complete = "/account/sign-in/oidc/complete?returnUrl=" + Uri.EscapeDataString(IsLocal(returnUrl) ? returnUrl! : "/");
        return Results.Challenge(signIn.ConfigureExternalAuthenticationProperties(SignInSetup.OpenIdConnect, complete), [SignInSetup.OpenIdConnect]);
    }

    /// <summary>
    /// After the provider has signed the person in: the account linked to that sign-in, or else the
    /// account with the provider's email address (which is then linked). Roles, partnership and
    /// agency come from the account, which an administrator set up; the provider grants nothing.
    /// </summary>
    private static async Task<IResult> CompleteOidcAsync(
        HttpContext context, SignInManager<Account> signIn, UserManager<Account> users, IOptions<ServerOptions> options, ILoggerFactory logs, string? returnUrl)
    {
        var target = IsLocal(returnUrl) ? returnUrl! : "/";
        var login = await signIn.GetExternalLoginInfoAsync();
        if (login is null)
        {
            return Html(AccountPages.Message("Sign-in did not finish", "The sign-in with your organisation's account did not complete. Try again."), StatusCodes.Status400BadRequest);
        }

        var linked = await signIn.ExternalLoginSignInAsync(login.LoginProvider, login.ProviderKey, isPersistent: false);
        if (!linked.Succeeded)
        {
            // Claims arrive mapped to their long names (sub is the name identifier, email the email address).
            var email = login.Principal.FindFirstValue(options.Value.Oidc!.EmailClaim) ?? login.Principal.FindFirstValue(ClaimTypes.Email);
            var account = email is null ? null : await users.FindByEmailAsync(email);
            if (account is null || linked.IsLockedOut)
            {
                await context.SignOutAsync(IdentityConstants.ExternalScheme);
                return Html(AccountPages.Message("No account here", "Your organisation signed you in, but there is no account for you here. Ask an administrator to create one with your email address."), StatusCodes.Status403Forbidden);
            }

            await users.AddLoginAsync(account, login);
            logs.CreateLogger("ContinuityOfCare.Workflows.Server.Accounts").LogInformation("Account {AccountId} linked to a sign-in from {Provider}.", account.Id, login.LoginProvider);
            await signIn.SignInAsync(account, isPersistent: false);
        }

        await context.SignOutAsync(IdentityConstants.ExternalScheme);
        return Results.LocalRedirect(target);
    }

    private static async Task<IResult> TokenAsync(SignInRequest request, SignInManager<Account> signIn, PasswordCheck check, RefreshTokens tokens)
    {
        if (string.IsNullOrWhiteSpace(request.UserName) || string.IsNullOrEmpty(request.Password))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]>
            {
                ["userName"] = ["Send a user name and a password."],
            });
        }

        if (await check.CheckAsync(request.UserName.Trim(), request.Password) is not { } account)
        {
            return TypedResults.Problem(title: "Not signed in", detail: PasswordCheck.Refused, statusCode: StatusCodes.Status401Unauthorized);
        }

        var principal = await signIn.CreateUserPrincipalAsync(account);
        await tokens.IssueAsync(principal, account.Id);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    /// <summary>
    /// A refresh token is exchanged once, for a new bearer token and the next refresh token, while
    /// the account may still sign in (not locked, not disabled, its password not changed).
    /// </summary>
    private static async Task<IResult> RefreshAsync(
        RefreshRequest request, HttpContext context, SignInManager<Account> signIn, UserManager<Account> users, RefreshTokens tokens, TimeProvider clock)
    {
        var options = context.RequestServices.BearerOptions();
        var ticket = request.RefreshToken is { Length: > 0 } token ? options.RefreshTokenProtector.Unprotect(token) : null;
        if (ticket?.Properties.ExpiresUtc is not { } expires || clock.GetUtcNow() >= expires
            || await signIn.ValidateSecurityStampAsync(ticket.Principal) is not { } account)
        {
            return RefreshRefused("The refresh token is not valid or has expired; sign in again.");
        }

        if (!await signIn.CanSignInAsync(account) || await users.IsLockedOutAsync(account))
        {
            return RefreshRefused("This account cannot sign in at the moment; sign in again when it can.");
        }

        var (outcome, family) = await tokens.ExchangeAsync(ticket.Principal.FindFirstValue(RefreshTokens.IdClaim), account.Id);
        if (outcome != RefreshTokens.Exchange.Accepted)
        {
            return RefreshRefused(outcome == RefreshTokens.Exchange.Reused
                ? "This refresh token has been used already, so every token given out since that sign-in is now cancelled; sign in again."
                : "The refresh token is not valid or has expired; sign in again.");
        }

        var principal = await signIn.CreateUserPrincipalAsync(account);
        await tokens.IssueAsync(principal, account.Id, family);
        return TypedResults.SignIn(principal, authenticationScheme: IdentityConstants.BearerScheme);
    }

    private static IResult RefreshRefused(string detail) =>
        TypedResults.Problem(title: "Not signed in", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    private static Ok<AccountResponse> Me(ClaimsPrincipal user)
    {
        var caller = Caller.From(user);
        return TypedResults.Ok(new AccountResponse(caller.UserName, user.FindFirstValue(Claims.DisplayName) ?? caller.UserName, caller.Role, caller.Partnership, caller.Agency));
    }

    private static Ok<AntiforgeryResponse> Antiforgery(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return TypedResults.Ok(new AntiforgeryResponse(tokens.HeaderName ?? SignInSetup.AntiforgeryHeader, tokens.RequestToken!));
    }

    private static string AntiforgeryField(HttpContext context, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return $"""<input type="hidden" name="{tokens.FormFieldName}" value="{tokens.RequestToken}">""";
    }

    private static string? OidcButton(IOptions<ServerOptions> options) =>
        options.Value.Oidc is { Authority.Length: > 0 } oidc ? oidc.DisplayName : null;

    private static bool IsLocal(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static IResult Html(string html, int status = StatusCodes.Status200OK) =>
        Results.Content(html, "text/html; charset=utf-8", statusCode: status);
}
