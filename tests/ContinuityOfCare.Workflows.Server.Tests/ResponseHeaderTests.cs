using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>
/// The security headers on every kind of answer, and cookies marked Secure when a trusted proxy says
/// the browser's connection was TLS: the real server on a loopback port, spoken to over HTTP.
/// </summary>
public sealed partial class ResponseHeaderTests : IDisposable
{
    private readonly TempDataFolder _data = new();
    private ServerFactory? _server;

    public void Dispose()
    {
        _server?.Dispose();
        _data.Dispose();
    }

    [Theory]
    [InlineData("/account/sign-in", HttpStatusCode.OK)]
    [InlineData("/api/account", HttpStatusCode.Unauthorized)]
    [InlineData("/api/no-such-thing", HttpStatusCode.NotFound)]
    [InlineData("/health/ready", HttpStatusCode.OK)]
    [InlineData("/openapi/v1.json", HttpStatusCode.OK)]
    public async Task EveryAnswerCarriesTheSecurityHeaders(string path, HttpStatusCode status)
    {
        var client = Start();

        var response = await client.GetAsync(path);

        Assert.Equal(status, response.StatusCode);
        var policy = Header(response, "Content-Security-Policy");
        Assert.Contains("frame-ancestors 'none'", policy);
        Assert.Contains("default-src 'self'", policy);
        Assert.Contains("object-src 'none'", policy);
        Assert.Matches("script-src 'self' 'sha256-[A-Za-z0-9+/=]+'( |;)", policy);
        Assert.Equal("DENY", Header(response, "X-Frame-Options"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("same-origin", Header(response, "Referrer-Policy"));
        Assert.False(response.Headers.Contains("Server"));
    }

    [Fact]
    public async Task APageSignedInToCarriesTheHeadersToo()
    {
        var client = Start();
        var token = await (await client.PostAsJsonAsync("/api/account/token", new { userName = "lead.riverside", password = _server!.DemoPassword }))
            .Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token.GetProperty("accessToken").GetString());

        var pathways = await client.GetAsync("/api/pathways");

        Assert.Equal(HttpStatusCode.OK, pathways.StatusCode);
        Assert.Contains("frame-ancestors 'none'", Header(pathways, "Content-Security-Policy"));
        Assert.Equal("DENY", Header(pathways, "X-Frame-Options"));
    }

    [Fact]
    public async Task CookiesAreSecureWhenTheProxyOnThisMachineSaysTheConnectionWasTls()
    {
        var client = Start();

        var plain = await SignInPageAsync(client, forwardedProto: null);
        var tls = await SignInPageAsync(client, forwardedProto: "https");

        Assert.DoesNotContain("secure", AntiforgeryCookie(plain), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("secure", AntiforgeryCookie(tls), StringComparison.OrdinalIgnoreCase);
        Assert.False(plain.Headers.Contains("Strict-Transport-Security"));
        Assert.StartsWith("max-age=31536000", Header(tls, "Strict-Transport-Security"));

        // The session cookie too: sign in through the form as the proxy would pass it on.
        var signedIn = await SignInAsync(client, tls);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        var session = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("coc.session=", StringComparison.Ordinal));
        Assert.Contains("secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task ForwardedHeadersFromAnAddressNotTrustedAreIgnored()
    {
        var client = Start(("ContinuityOfCare:TrustedProxies:0", "10.20.30.40"), ("ContinuityOfCare:TrustedProxies:1", "192.168.0.0/16"));

        var claimed = await SignInPageAsync(client, forwardedProto: "https");

        Assert.DoesNotContain("secure", AntiforgeryCookie(claimed), StringComparison.OrdinalIgnoreCase);
        Assert.False(claimed.Headers.Contains("Strict-Transport-Security"));
    }

    private HttpClient Start(params (string Key, string Value)[] settings)
    {
        _server = new ServerFactory(_data.Path);
        foreach (var (key, value) in settings)
        {
            _server.Settings[key] = value;
        }

        _server.UseKestrel(0);
        _server.StartServer();
        var address = _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = new Uri(address) };
    }

    private static async Task<HttpResponseMessage> SignInPageAsync(HttpClient client, string? forwardedProto)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account/sign-in");
        if (forwardedProto is not null)
        {
            request.Headers.Add("X-Forwarded-Proto", forwardedProto);
        }

        // As the browser names the site (Strict-Transport-Security is never sent to localhost).
        request.Headers.Host = "coc.example.org";

        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    private async Task<HttpResponseMessage> SignInAsync(HttpClient client, HttpResponseMessage page)
    {
        var form = await page.Content.ReadAsStringAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = TokenField().Match(form).Groups["token"].Value,
                ["userName"] = "lead.riverside",
                ["password"] = _server!.DemoPassword,
            }),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("Cookie", AntiforgeryCookie(page).Split(';')[0]);
        return await client.SendAsync(request);
    }

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("coc.antiforgery=", StringComparison.Ordinal));

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(", ", values)
            : throw new Xunit.Sdk.XunitException($"No {name} header on {response.RequestMessage?.RequestUri}");

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"(?<token>[^\"]+)\"")]
    private static partial Regex TokenField();
}
