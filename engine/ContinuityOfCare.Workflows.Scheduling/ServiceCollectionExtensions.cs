using ContinuityOfCare.Workflows.Runtime.Timers;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContinuityOfCare.Workflows.Scheduling;

/// <summary>Adds Hangfire as the trigger of the runtime's timer sweep.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Hangfire (configured here, not through its static configuration) as the runtime's
    /// <see cref="ITimerScheduler"/>: one wake-up job for the earliest deadline, a recurring safety
    /// sweep, and a sweep at start-up. The host registers the runtime and its store.
    /// </summary>
    public static IServiceCollection AddHangfireTimers(this IServiceCollection services, TimerOptions timers)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(timers);
        services.AddSingleton<HangfireTimerScheduler>();
        services.AddSingleton<ITimerScheduler>(sp => sp.GetRequiredService<HangfireTimerScheduler>());
        services.AddTransient<TimerSweepJob>();

        services.AddSingleton<JobStorage>(_ => timers.Storage switch
        {
            HangfireStorageKind.InMemory => new InMemoryStorage(),
            HangfireStorageKind.PostgreSql => PostgreSqlJobStorage(timers),
            _ => throw new ArgumentOutOfRangeException(nameof(timers), timers.Storage, "Unknown Hangfire storage."),
        });
        services.AddHangfire((sp, configuration) => configuration
            .UseLogProvider(new HostLogProvider(sp.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>()))
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseStorage(sp.GetRequiredService<JobStorage>()));
        services.AddHangfireServer((sp, options) =>
        {
            options.SchedulePollingInterval = timers.PollingInterval;
            options.WorkerCount = timers.WorkerCount;
            if (timers.ServerName is { } name)
            {
                options.ServerName = name;
            }
        });
        services.AddHostedService<TimerStartup>();
        return services;
    }

    private static PostgreSqlStorage PostgreSqlJobStorage(TimerOptions timers)
    {
        // Hangfire.PostgreSql looks for enqueued jobs every 15 seconds unless told otherwise; a
        // wake-up must start within the polling interval, as on the in-memory storage.
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = timers.PollingInterval };
        var connectionString = timers.PostgreSqlConnectionString
            ?? throw new InvalidOperationException("TimerOptions.PostgreSqlConnectionString is required for PostgreSQL Hangfire storage.");
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}
