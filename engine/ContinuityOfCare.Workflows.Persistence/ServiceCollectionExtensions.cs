using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>Adds the stores on one database to a host.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// The runtime's database and the stores on it: cases (<see cref="IRuntimeStore"/>), pathway
    /// versions (<see cref="IPathwayVersionStore"/>), the reports' cases (<see cref="IReportSource"/>)
    /// and idempotency keys. Whose rows a request sees comes from the host's
    /// <see cref="IPartnershipScope"/>, when it registers one; otherwise every partnership's.
    /// </summary>
    public static IServiceCollection AddRuntimeDatabase(this IServiceCollection services, DatabaseOptions database)
    {
        services.AddSingleton(sp => new RuntimeDatabase(database, sp.GetService<IPartnershipScope>()));
        services.AddSingleton<IRuntimeStore, EfRuntimeStore>();
        services.AddSingleton<IPathwayVersionStore, EfPathwayVersionStore>();
        services.AddSingleton<IReportSource, EfReportSource>();
        services.AddSingleton<IdempotencyKeys>();
        return services;
    }
}
