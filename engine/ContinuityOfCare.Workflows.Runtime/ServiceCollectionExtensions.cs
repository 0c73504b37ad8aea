using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContinuityOfCare.Workflows.Runtime;

/// <summary>Adds the engine to a host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The engine's own services: the working-day calendars, deadlines, notification rendering, its
    /// measurements and <see cref="PathwayRuntime"/>. The host adds what the engine runs on: a
    /// definition catalog (<see cref="IDefinitionCatalog"/>), a store and a timer scheduler.
    /// </summary>
    public static IServiceCollection AddPathwayRuntime(this IServiceCollection services, ICalendarSource? calendars = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(calendars ?? CalendarSource.Default);
        services.TryAddSingleton(sp => new DeadlineCalculator(sp.GetRequiredService<ICalendarSource>()));
        services.TryAddSingleton<INotificationRenderer, ScribanNotificationRenderer>();
        services.TryAddSingleton(sp => new RuntimeMetrics(sp.GetService<System.Diagnostics.Metrics.IMeterFactory>()));
        services.TryAddSingleton<PathwayRuntime>();
        return services;
    }
}
