using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Durability;

/// <summary>A real host composed as the server composes it: the EF Core stores, the runtime, the Hangfire server and timer start-up, on the real clock.</summary>
public sealed class TestHost : IAsyncDisposable
{
    private readonly IHost _host;

    private TestHost(IHost host) => _host = host;

    public PathwayRuntime Runtime => _host.Services.GetRequiredService<PathwayRuntime>();

    public IRuntimeStore Store => _host.Services.GetRequiredService<IRuntimeStore>();

    public static async Task<TestHost> StartAsync(DatabaseOptions database, PathwayDefinition definition, TimerOptions? timers = null)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        var catalog = new InMemoryDefinitionCatalog();
        catalog.Add(definition);
        builder.Services.AddSingleton<IDefinitionCatalog>(catalog);
        builder.Services.AddRuntimeDatabase(database);
        builder.Services.AddPathwayRuntime();
        builder.Services.AddHangfireTimers(timers ?? new TimerOptions
        {
            WorkerCount = 2,
            SweepParallelism = TimerOptions.DefaultSweepParallelism(parallelWriters: database.Provider == DatabaseProvider.PostgreSql),
        });
        var host = builder.Build();
        await host.Services.GetRequiredService<RuntimeDatabase>().MigrateAsync();
        await host.StartAsync();
        return new TestHost(host);
    }

    public async Task StopAsync() => await _host.StopAsync(TimeSpan.FromSeconds(10));

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _host.Dispose();
    }
}
