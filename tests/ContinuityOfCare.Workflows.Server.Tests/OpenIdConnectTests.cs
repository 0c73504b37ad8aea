using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Web;
using ContinuityOfCare.Workflows.Server.Security;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>
/// Sign-in through an OpenID Connect provider, end to end: the server's real handler talks to a
/// provider that answers its discovery, key and token requests with a signed ID token, and the
/// person signed in is the account an administrator created with that email address.
/// </summary>
public sealed class OpenIdConnectTests : IAsyncLifetime
{
    private const string Authority = "https://login.example.invalid";
    private readonly TempDataFolder _data = new();
    private readonly FakeProvider _provider = new();
    private ServerFactory _server = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerFactory(_data.Path)
        {
            Logs = new CollectedLogs(),
            TestServices = services => services.Configure<OpenIdConnectOptions>(SignInSetup.OpenIdConnect, o => o.BackchannelHttpHandler = _provider),
        };
        _server.Settings["ContinuityOfCare:Oidc:Authority"] = Authority;
        _server.Settings["ContinuityOfCare:Oidc:ClientId"] = "continuity-of-care";
        _server.Settings["ContinuityOfCare:Oidc:ClientSecret"] = "test-only-client-secret";

        var admin = await _server.SignedInAsync("administrator");
        var created = await admin.PostAsJsonAsync("/api/accounts", new
        {
            userName = "sso.lead",
            email = "sso.lead@example.invalid",
            role = "lead",
            partnership = "Riverside Recovery Partnership (fictional)",
            password = "Fictional-Passw0rd",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
    }

    public Task DisposeAsync()
    {
        _server.Dispose();
        _data.Dispose();
        _provider.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task APersonSignedInByTheProviderWorksAsTheAccountWithTheirEmailAddress()
    {
        var browser = Browser();
        Assert.Contains("Sign in with your organisation&#39;s account", await browser.GetStringAsync("/account/sign-in"));

        var home = await SignInThroughProviderAsync(browser, "sso.lead@example.invalid");

        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/", home.Headers.Location?.OriginalString);
        var me = await browser.GetFromJsonAsync<JsonElement>("/api/account");
        Assert.Equal("sso.lead", me.GetProperty("userName").GetString());
        Assert.Equal("lead", me.GetProperty("role").GetString());

        // The sign-in is now linked: the next one finds the account by the provider's subject.
        var again = await SignInThroughProviderAsync(Browser(), "changed-address@example.invalid", subject: "subject-sso.lead@example.invalid");
        Assert.Equal("/", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task APersonWithNoAccountHereIsTurnedAwayWithAnExplanation()
    {
        var browser = Browser();

        var refused = await SignInThroughProviderAsync(browser, "stranger@example.invalid");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("there is no account for you here", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/api/account")).StatusCode);
    }

    /// <summary>Starts the sign-in, lets the provider "sign the person in", and posts its answer back; returns the completing response.</summary>
    private async Task<HttpResponseMessage> SignInThroughProviderAsync(HttpClient browser, string email, string? subject = null)
    {
        var challenge = await browser.GetAsync("/account/sign-in/oidc?returnUrl=%2F");
        Assert.True(challenge.StatusCode == HttpStatusCode.Redirect, string.Join("\n", _server.Logs!.Lines.Where(l => l.Contains("Exception", StringComparison.Ordinal)).Take(3)));
        var authorize = challenge.Headers.Location!;
        Assert.Equal($"{Authority}/authorize", authorize.GetLeftPart(UriPartial.Path));
        var query = HttpUtility.ParseQueryString(authorize.Query);
        Assert.Equal("continuity-of-care", query["client_id"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("S256", query["code_challenge_method"]);

        _provider.NextSignIn = (query["nonce"]!, email, subject ?? $"subject-{email}");
        var callback = await browser.PostAsync("/signin-oidc", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["code"] = "fictional-code",
            ["state"] = query["state"]!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        return await browser.GetAsync(callback.Headers.Location!);
    }

    private HttpClient Browser() => _server.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    /// <summary>An OpenID Connect provider's back channel: discovery, signing keys, and a token endpoint that issues a signed ID token.</summary>
    private sealed class FakeProvider : HttpMessageHandler
    {
        private readonly RSA _key = RSA.Create(2048);

        public (string Nonce, string Email, string Subject) NextSignIn { get; set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var path = request.RequestUri!.AbsolutePath;
            object body = path switch
            {
                "/.well-known/openid-configuration" => new Dictionary<string, object>
                {
                    ["issuer"] = Authority,
                    ["authorization_endpoint"] = $"{Authority}/authorize",
                    ["token_endpoint"] = $"{Authority}/token",
                    ["jwks_uri"] = $"{Authority}/keys",
                    ["response_types_supported"] = new[] { "code" },
                    ["subject_types_supported"] = new[] { "public" },
                    ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                },
                "/keys" => new { keys = new[] { Jwk() } },
                "/token" => new { access_token = "fictional-access-token", token_type = "Bearer", expires_in = 300, id_token = IdToken() },
                _ => throw new InvalidOperationException($"The provider was asked for {path}."),
            };
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = JsonContent.Create(body) });
        }

        private object Jwk()
        {
            var parameters = _key.ExportParameters(false);
            return new { kty = "RSA", use = "sig", alg = "RS256", kid = "fictional-key", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) };
        }

        private string IdToken()
        {
            var (nonce, email, subject) = NextSignIn;
            var now = DateTime.UtcNow;
            return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
            {
                Issuer = Authority,
                Audience = "continuity-of-care",
                IssuedAt = now,
                NotBefore = now,
                Expires = now.AddMinutes(5),
                Claims = new Dictionary<string, object> { ["sub"] = subject, ["email"] = email, ["nonce"] = nonce },
                SigningCredentials = new SigningCredentials(new RsaSecurityKey(_key) { KeyId = "fictional-key" }, SecurityAlgorithms.RsaSha256),
            });
        }

        protected override void Dispose(bool disposing)
        {
            _key.Dispose();
            base.Dispose(disposing);
        }
    }
}
