using ContinuityOfCare.Workflows.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContinuityOfCare.Workflows.Server;

/// <summary>Ready when the database answers and has every migration applied.</summary>
public sealed class DatabaseHealthCheck(RuntimeDatabase database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = database.CreateContext();
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            return pending.Count == 0
                ? HealthCheckResult.Healthy($"{database.Options.Provider} is up to date.")
                : HealthCheckResult.Unhealthy($"{pending.Count} database migrations are not applied yet.");
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database does not answer.", error);
        }
    }
}
