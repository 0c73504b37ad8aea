using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Engine;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Scheduling;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContinuityOfCare.Workflows.Scheduling;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The runtime with durable storage and timers: the EF Core store on the given database, the
    /// runtime service, and Hangfire (configured here, not through its static configuration) as the
    /// trigger for the timer sweep. The host supplies <see cref="IDefinitionCatalog"/>.
    /// </summary>
    public static IServiceCollection AddDurableRuntime(
        this IServiceCollection services,
        DatabaseOptions database,
        TimerOptions? timers = null,
        ICalendarSource? calendars = null)
    {
        timers ??= new TimerOptions();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(timers);
        services.AddSingleton(sp => new RuntimeDatabase(database, sp.GetService<IPartnershipScope>()));
        services.AddSingleton<IRuntimeStore, EfRuntimeStore>();
        services.AddSingleton(calendars ?? CalendarSource.Default);
        services.AddSingleton(sp => new DeadlineCalculator(sp.GetRequiredService<ICalendarSource>()));
        services.TryAddSingleton<INotificationRenderer, ScribanNotificationRenderer>();
        services.AddSingleton<HangfireTimerScheduler>();
        services.AddSingleton<ITimerScheduler>(sp => sp.GetRequiredService<HangfireTimerScheduler>());
        services.TryAddSingleton(sp => new RuntimeMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.AddSingleton<PathwayRuntime>();
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
