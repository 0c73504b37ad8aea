namespace ContinuityOfCare.Workflows.Server;

/// <summary>
/// How the server runs (configuration section <c>ContinuityOfCare</c>). With nothing configured it
/// runs on its embedded default: a SQLite file in <c>./data</c>, Hangfire in memory, and the shipped
/// pathways published.
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "ContinuityOfCare";

    /// <summary>The data folder the server and the command line share (the SQLite file, imported bank holidays).</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>
    /// How many days before the last published year of bank holidays ends <c>/health/ready</c> reports
    /// Degraded, saying the date and the command to import newer ones.
    /// </summary>
    public int BankHolidayWarningDays { get; set; } = 180;

    /// <summary>A PostgreSQL connection string; when set, the runtime and Hangfire keep their data there instead of in SQLite.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>A folder of pathway files to publish at start-up (republishing unchanged content does nothing); none when empty.</summary>
    public string? PublishPathwaysFrom { get; set; } = "pathways";

    /// <summary>
    /// Whether to create the fictional demonstration accounts and cases on first start. By default
    /// they are created on the embedded default and never on PostgreSQL.
    /// </summary>
    public bool? DemoData { get; set; }

    /// <summary>Sign-in with an OpenID Connect provider, besides local accounts; off unless an authority is set.</summary>
    public OidcOptions? Oidc { get; set; }

    /// <summary>
    /// Where each partnership's agencies receive notifications (a JSON file; see docs/operations.md).
    /// The default is the shipped sample, whose addresses are fictional (<c>example.invalid</c>).
    /// </summary>
    public string? PartnershipDirectory { get; set; } = "config/partnership-directory.json";

    /// <summary>Delivery of notifications by email; none configured means they are written as .eml files to the data folder's outbox.</summary>
    public SmtpOptions? Smtp { get; set; }

    /// <summary>
    /// The reverse proxies (addresses, or networks such as <c>10.0.0.0/8</c>) whose
    /// X-Forwarded-For and X-Forwarded-Proto headers are believed; by default the same machine only.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    public bool UsesPostgreSql => PostgreSql is { Length: > 0 };

    public bool SeedsDemoData => DemoData ?? !UsesPostgreSql;
}

/// <summary>An OpenID Connect provider (configuration section <c>ContinuityOfCare:Oidc</c>).</summary>
public sealed class OidcOptions
{
    /// <summary>The issuer, e.g. <c>https://login.example.org/realms/partnership</c>; its discovery document is read from it.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Keep it out of files: set it as the environment variable <c>ContinuityOfCare__Oidc__ClientSecret</c>.</summary>
    public string? ClientSecret { get; set; }

    /// <summary>The button's words on the sign-in page.</summary>
    public string DisplayName { get; set; } = "Sign in with your organisation's account";

    public string CallbackPath { get; set; } = "/signin-oidc";

    public List<string> Scopes { get; set; } = ["openid", "profile", "email"];

    /// <summary>The claim that names the person's account here: an account with that email address is signed in.</summary>
    public string EmailClaim { get; set; } = "email";

    public bool RequireHttpsMetadata { get; set; } = true;
}

/// <summary>An SMTP relay for notifications (configuration section <c>ContinuityOfCare:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string? Host { get; set; }

    public int Port { get; set; } = 587;

    /// <summary>Use STARTTLS (or TLS on connect, on port 465).</summary>
    public bool UseTls { get; set; } = true;

    public string? UserName { get; set; }

    /// <summary>Keep it out of files: set it as the environment variable <c>ContinuityOfCare__Smtp__Password</c>.</summary>
    public string? Password { get; set; }

    /// <summary>The sender address every notification is sent from.</summary>
    public string From { get; set; } = "continuity-of-care@example.invalid";
}
