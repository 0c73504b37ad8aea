using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Engine;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ContinuityOfCare.Workflows.Persistence.Tests.Durability;

/// <summary>A real host with the durable runtime: EF Core store, Hangfire server and timer start-up, on the real clock.</summary>
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
        builder.Services.AddDurableRuntime(database, timers ?? new TimerOptions { WorkerCount = 2 });
        var catalog = new InMemoryDefinitionCatalog();
        catalog.Add(definition);
        builder.Services.AddSingleton<IDefinitionCatalog>(catalog);
        var host = builder.Build();
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
