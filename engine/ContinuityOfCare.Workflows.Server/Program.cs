using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Engine;
using ContinuityOfCare.Workflows.Runtime.Publishing;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Scheduling;
using ContinuityOfCare.Workflows.Server;
using OpenTelemetry.Metrics;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.Configure<ServerOptions>(builder.Configuration.GetSection(ServerOptions.Section));
var options = builder.Configuration.GetSection(ServerOptions.Section).Get<ServerOptions>() ?? new ServerOptions();

// Paths in the configuration are read from the folder the server is started in, as the command
// line's are, so that `coc` and the server share the same data folder.
var dataFolder = Path.GetFullPath(options.DataFolder, Directory.GetCurrentDirectory());
var database = options.PostgreSql is { Length: > 0 } postgreSql
    ? DatabaseOptions.PostgreSql(postgreSql)
    : DatabaseOptions.InDataFolder(dataFolder);
var timers = options.PostgreSql is { Length: > 0 }
    ? new TimerOptions { Storage = HangfireStorageKind.PostgreSql, PostgreSqlConnectionString = options.PostgreSql }
    : new TimerOptions();

// Bank holidays imported into the data folder (`coc holidays import`) replace the built-in ones.
var calendars = CalendarSource.WithImportedFile(Path.Combine(dataFolder, CalendarSource.ImportedFileName));

builder.Services.AddDurableRuntime(database, timers, calendars);
builder.Services.AddSingleton<IPathwayVersionStore>(sp => new EfPathwayVersionStore(sp.GetRequiredService<RuntimeDatabase>()));
builder.Services.AddSingleton<IDefinitionCatalog>(sp => new VersionedDefinitionCatalog(sp.GetRequiredService<IPathwayVersionStore>()));
builder.Services.AddSingleton<PathwayPublisher>();
builder.Services.AddHostedService<ShippedPathways>();
builder.Services.AddProblemDetails();
builder.Services.AddExceptionHandler<ProblemResponses>();
builder.Services.AddOpenApi();
builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
// The runtime's measurements (cases started, transitions, deadlines breached, timer lag, notices
// that failed), exported over OTLP when OTEL_EXPORTER_OTLP_ENDPOINT names a collector.
var metrics = builder.Services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(RuntimeMetrics.MeterName));
if (!string.IsNullOrEmpty(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
{
    metrics.WithMetrics(m => m.AddOtlpExporter());
}

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = PathwayEndpoints.MaxRequestBytes);

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.MapOpenApi();
app.MapScalarApiReference();
app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") });
app.MapPathwayEndpoints();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        app.Logger.LogInformation("ContinuityOfCare.Workflows is serving {Url}: API reference at {Url}/scalar, readiness at {Url}/health/ready.", url, url, url);
    }

    app.Logger.LogInformation("Data: {Database}.", options.PostgreSql is { Length: > 0 } ? "PostgreSQL" : Path.Combine(dataFolder, DatabaseOptions.EmbeddedFileName));
});

await app.RunAsync();

/// <summary>The server's entry point (named so the in-process tests can start it).</summary>
public partial class Program;
