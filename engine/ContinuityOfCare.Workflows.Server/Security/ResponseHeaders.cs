using System.Net;
using ContinuityOfCare.Workflows.Designer.Web;
using Microsoft.AspNetCore.HttpOverrides;
using NetEscapades.AspNetCore.SecurityHeaders.Infrastructure;

namespace ContinuityOfCare.Workflows.Server.Security;

/// <summary>
/// The headers every answer carries so that a page cannot be framed, sniffed or scripted from
/// elsewhere (a one-button form such as "consent withdrawn" is worth clickjacking), and how the
/// server learns from a reverse proxy that the browser's connection was TLS.
/// </summary>
public static class ResponseHeaders
{
    private const string DeveloperTools = "developer-tools";

    public static IServiceCollection AddResponseHeaders(this IServiceCollection services, ServerOptions options)
    {
        services.AddSecurityHeaderPolicies(policies => policies
            .SetDefaultPolicy(Pages(scripts: $"'self' 'sha256-{InlineScript.Sha256}'"))
            // The API reference and the job dashboard are third-party pages with inline scripts of their own.
            .AddPolicy(DeveloperTools, Pages(scripts: "'self' 'unsafe-inline'"))
            .SetPolicySelector(context =>
                context.HttpContext.Request.Path.StartsWithSegments("/scalar") || context.HttpContext.Request.Path.StartsWithSegments("/hangfire")
                    ? context.ConfiguredPolicies[DeveloperTools]
                    : context.SelectedPolicy));

        services.Configure<ForwardedHeadersOptions>(forwarded =>
        {
            // The client's address and whether its connection was TLS, and only from the proxies
            // named (by default the same machine): anyone else could claim to be on TLS.
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            if (options.TrustedProxies is { Count: > 0 } proxies)
            {
                forwarded.KnownProxies.Clear();
                forwarded.KnownIPNetworks.Clear();
                foreach (var proxy in proxies)
                {
                    if (proxy.Contains('/', StringComparison.Ordinal))
                    {
                        forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(proxy));
                    }
                    else
                    {
                        forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                    }
                }
            }
        });
        return services;
    }

    /// <summary>Reads the proxy's headers, then adds the security headers to whatever is answered (errors too).</summary>
    public static WebApplication UseResponseHeaders(this WebApplication app)
    {
        app.UseForwardedHeaders();
        app.UseSecurityHeaders();
        return app;
    }

    private static HeaderPolicyCollection Pages(string scripts) => new HeaderPolicyCollection()
        .AddFrameOptionsDeny()
        .AddContentTypeOptionsNoSniff()
        .AddReferrerPolicySameOrigin()
        .AddCrossOriginOpenerPolicy(coop => coop.SameOrigin())
        .AddStrictTransportSecurityMaxAgeIncludeSubDomains(maxAgeInSeconds: 60 * 60 * 24 * 365)
        .RemoveServerHeader()
        .AddContentSecurityPolicy(csp =>
        {
            csp.AddDefaultSrc().Self();
            csp.AddScriptSrc().From(scripts);
            // The diagram (Mermaid) writes its styles into the SVG it draws; styles cannot run code.
            csp.AddStyleSrc().Self().UnsafeInline();
            csp.AddImgSrc().Self().Data();
            csp.AddFontSrc().Self().Data();
            csp.AddConnectSrc().Self();
            csp.AddObjectSrc().None();
            csp.AddBaseUri().Self();
            csp.AddFormAction().Self();
            csp.AddFrameAncestors().None();
        });
}
