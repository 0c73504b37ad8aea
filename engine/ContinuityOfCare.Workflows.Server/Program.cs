using ContinuityOfCare.Workflows.Designer;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Scheduling;
using ContinuityOfCare.Workflows.Server;
using ContinuityOfCare.Workflows.Server.Accounts;
using ContinuityOfCare.Workflows.Server.Cases;
using ContinuityOfCare.Workflows.Server.Demo;
using ContinuityOfCare.Workflows.Server.Interop;
using ContinuityOfCare.Workflows.Server.Notifications;
using ContinuityOfCare.Workflows.Server.Pathways;
using ContinuityOfCare.Workflows.Server.Reports;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Server.Security;
using Hangfire;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ServerOptions>(builder.Configuration.GetSection(ServerOptions.Section));
var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();

// Paths in the configuration are read from the folder the server is started in, as the command
// line's are, so that `coc` and the server share the same data folder.
var dataFolder = Path.GetFullPath(options.DataFolder, Directory.GetCurrentDirectory());
var database = options.UsesPostgreSql
    ? DatabaseOptions.PostgreSql(options.PostgreSql!)
    : DatabaseOptions.InDataFolder(dataFolder);
var timers = options.UsesPostgreSql
    ? new TimerOptions { Storage = HangfireStorageKind.PostgreSql, PostgreSqlConnectionString = options.PostgreSql, SweepParallelism = TimerOptions.DefaultSweepParallelism(parallelWriters: true) }
    : new TimerOptions { SweepParallelism = TimerOptions.DefaultSweepParallelism(parallelWriters: false) };

// Bank holidays imported into the data folder (`coc holidays import`) replace the built-in ones.
var calendars = CalendarSource.WithImportedFile(Path.Combine(dataFolder, CalendarSource.ImportedFileName));

// This host is the composition root: the stores on the configured database, the engine on them,
// and Hangfire as the trigger of its timer sweep. The database is brought up to date first, before
// anything else (the data-protection keys that sign-in reads at start-up included) touches it.
// Sign-in supplies the partnership scope the stores filter every query by.
builder.Services.AddHostedService<DatabaseMigration>();
builder.Services.AddRuntimeDatabase(database);
builder.Services.AddPathwayRuntime(calendars);
builder.Services.AddHangfireTimers(timers);
builder.Services.AddSignIn(options);
builder.Services.AddResponseHeaders(options);
builder.Services.AddSingleton<ReportService>();
builder.Services.AddSingleton<SimulationGate>();
builder.Services.AddNotificationDelivery(options, dataFolder);
builder.Services.ConfigureHttpJsonOptions(json => RuntimeJson.AddConverters(json.SerializerOptions));
builder.Services.AddSingleton<IDefinitionCatalog, VersionedDefinitionCatalog>();
// Template files named by a pathway text are read from the pathways folder only, never from
// elsewhere on the server: texts arrive over the network.
builder.Services.AddSingleton<ITemplateFileReader>(options.PublishPathwaysFrom is { Length: > 0 } pathwaysFolder
    ? new FolderTemplateFileReader(Path.GetFullPath(pathwaysFolder, Directory.GetCurrentDirectory()))
    : FolderTemplateFileReader.None);
// Texts compile against what this server can run: its calendars (with imported bank holidays) and
// time zones, and template files from the pathways folder.
builder.Services.AddSingleton(sp => AuthoringEnvironment.For(sp.GetRequiredService<ICalendarSource>(), sp.GetRequiredService<ITemplateFileReader>()));
// A local protocol is built on a pathway another partnership published (the national template),
// which the caller's own scope does not see: bases are read through the engine's scope, and the
// publisher keeps to the ones the caller's partnership may read.
builder.Services.AddSingleton(sp => new PathwayPublisher(
    sp.GetRequiredService<IPathwayVersionStore>(),
    sp.GetRequiredService<IRuntimeStore>(),
    sp.GetRequiredService<TimeProvider>(),
    sp.GetRequiredService<ContinuityOfCare.Workflows.Language.CompileEnvironment>(),
    baseVersions: new EfPathwayVersionStore(new RuntimeDatabase(database, EngineScope.Instance))));
builder.Services.AddHostedService<ShippedPathways>();
builder.Services.AddHostedService<DemoData>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemResponses>();
builder.Services.AddOpenApi();
builder.Services.AddDesigner();
builder.Services.AddHealthChecks()
    .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
    .AddCheck<BankHolidayHealthCheck>("bank-holidays", tags: ["ready"]);
// The runtime's measurements (cases started, transitions, deadlines breached, timer lag, notices
// that failed), exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT names a collector.
var metrics = builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(RuntimeMetrics.MeterName));
if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    metrics.WithMetrics(m => m.AddOtlpExporter());
}

builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.Limits.MaxRequestBodySize = PathwayEndpoints.MaxRequestBytes;
    kestrel.AddServerHeader = false;
});

var app = builder.Build();
app.UseResponseHeaders();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseDesignerAssets();
app.UseAuthentication();
app.UseAuthorization();
app.UseAntiforgery();
app.Use(CookieAntiforgery.Require);
app.Use(Idempotent.BufferIdempotentRequests);
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready"), ResponseWriter = HealthResponse.WriteAsync });
app.MapAccountEndpoints();
app.MapAccountAdministration();
app.MapPathwayEndpoints();
app.MapCaseEndpoints();
app.MapFhirEndpoints();
app.MapReportEndpoints();
app.MapSimulationEndpoints();
app.MapNotificationDelivery();
app.MapDesigner();
app.MapHangfireDashboardWithAuthorizationPolicy(Policies.Administer, "/hangfire", new DashboardOptions { DashboardTitle = "ContinuityOfCare.Workflows jobs", AppPath = "/" });

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        app.Logger.LogInformation("ContinuityOfCare.Workflows is serving {Url}: sign in at {Url}/account/sign-in; API reference at {Url}/scalar; readiness at {Url}/health/ready.", url, url, url, url);
    }

    app.Logger.LogInformation("Data: {Database}.", options.UsesPostgreSql ? "PostgreSQL" : Path.Combine(dataFolder, DatabaseOptions.EmbeddedFileName));
});

await app.RunAsync();

/// <summary>The server's entry point (named so the in-process tests can start it).</summary>
public partial class Program;
