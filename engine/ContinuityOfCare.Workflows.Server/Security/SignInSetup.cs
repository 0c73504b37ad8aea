using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Persistence.Accounts;
using ContinuityOfCare.Workflows.Server.Accounts;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;

namespace ContinuityOfCare.Workflows.Server.Security;

/// <summary>
/// Sign-in: local accounts (ASP.NET Core Identity on the runtime's database), a cookie for the
/// browser, bearer tokens for API clients, and OpenID Connect when configured. Which of cookie and
/// token a request uses is decided by its Authorization header.
/// </summary>
public static class SignInSetup
{
    /// <summary>The default scheme: a bearer token when the request carries one, else the cookie.</summary>
    public const string CookieOrBearer = "cookie-or-bearer";

    /// <summary>The OpenID Connect scheme, when configured.</summary>
    public const string OpenIdConnect = "oidc";

    /// <summary>The request header that carries the antiforgery token of a cookie-signed-in request.</summary>
    public const string AntiforgeryHeader = "RequestVerificationToken";

    public static IServiceCollection AddSignIn(this IServiceCollection services, ServerOptions options)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IPartnershipScope, HttpPartnershipScope>();
        services.AddScoped<AccountsDbContext>(sp => sp.GetRequiredService<RuntimeDatabase>().CreateAccountsContext());

        // Keys in the database: cookies and tokens issued by one server process are read by the others.
        services.AddDataProtection()
            .SetApplicationName("ContinuityOfCare.Workflows")
            .PersistKeysToDbContext<AccountsDbContext>();

        services.AddIdentityCore<Account>(identity =>
            {
                identity.Password.RequiredLength = 12;
                identity.Lockout.MaxFailedAccessAttempts = 5;
                identity.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                identity.User.RequireUniqueEmail = false;

                // "Confirmed" here means not disabled by an administrator (NotDisabled).
                identity.SignIn.RequireConfirmedAccount = true;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AccountsDbContext>()
            .AddSignInManager()
            .AddClaimsPrincipalFactory<AccountClaims>();
        services.AddScoped<IUserConfirmation<Account>, NotDisabled>();
        services.AddScoped<PasswordCheck>();
        services.AddScoped<RefreshTokens>();

        // A cookie is checked against its account every minute, so a disabled account's browser
        // session ends within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        var authentication = services
            .AddAuthentication(CookieOrBearer)
            .AddPolicyScheme(CookieOrBearer, "Cookie or bearer token", policy =>
                policy.ForwardDefaultSelector = context =>
                    CarriesBearerToken(context.Request) ? IdentityConstants.BearerScheme : IdentityConstants.ApplicationScheme)
            .AddBearerToken(IdentityConstants.BearerScheme, bearer => bearer.BearerTokenExpiration = TimeSpan.FromHours(1));
        authentication.AddIdentityCookies(cookies =>
        {
            cookies.ApplicationCookie!.Configure(cookie =>
            {
                cookie.Cookie.Name = "coc.session";
                cookie.Cookie.HttpOnly = true;
                // Secure whenever the browser's connection is TLS (behind a proxy: X-Forwarded-Proto).
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
                cookie.LoginPath = "/account/sign-in";
                cookie.LogoutPath = "/account/sign-out";
                cookie.AccessDeniedPath = "/account/denied";

                // An API call is answered with a status, never a redirect to a page.
                cookie.Events.OnRedirectToLogin = context => StatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status401Unauthorized);
                cookie.Events.OnRedirectToAccessDenied = context => StatusOrRedirect(context.HttpContext, context.RedirectUri, StatusCodes.Status403Forbidden);
            });
        });

        if (options.Oidc is { Authority.Length: > 0 } oidc)
        {
            authentication.AddOpenIdConnect(OpenIdConnect, oidc.DisplayName, o =>
            {
                o.Authority = oidc.Authority;
                o.ClientId = oidc.ClientId;
                o.ClientSecret = oidc.ClientSecret;
                o.ResponseType = "code";
                o.UsePkce = true;
                o.CallbackPath = oidc.CallbackPath;
                o.SignInScheme = IdentityConstants.ExternalScheme;
                o.Scope.Clear();
                foreach (var scope in oidc.Scopes)
                {
                    o.Scope.Add(scope);
                }

                o.RequireHttpsMetadata = oidc.RequireHttpsMetadata;
            });
        }

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Author, p => p.RequireRole(Roles.Lead).RequireClaim(Claims.Partnership))
            .AddPolicy(Policies.Casework, p => p.RequireRole(Roles.Caseworker).RequireClaim(Claims.Partnership).RequireClaim(Claims.Agency))
            .AddPolicy(Policies.Administer, p => p.RequireRole(Roles.Administrator))
            .AddPolicy(Policies.Simulate, p => p.RequireRole(Roles.Lead, Roles.Auditor).RequireClaim(Claims.Partnership));
        services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, ExplainedRefusals>();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.HeaderName = AntiforgeryHeader;
            antiforgery.Cookie.Name = "coc.antiforgery";
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return services;
    }

    /// <summary>Whether a request signs in with a bearer token (rather than the browser's cookie).</summary>
    public static bool CarriesBearerToken(HttpRequest request) =>
        request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static Task StatusOrRedirect(HttpContext context, string redirectUri, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.StartsWithSegments("/hangfire"))
        {
            context.Response.StatusCode = status;
        }
        else
        {
            context.Response.Redirect(redirectUri);
        }

        return Task.CompletedTask;
    }

    /// <summary>The bearer token handler's options (its refresh tokens are read with them).</summary>
    internal static BearerTokenOptions BearerOptions(this IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<BearerTokenOptions>>().Get(IdentityConstants.BearerScheme);
}
