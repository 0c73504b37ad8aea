using ContinuityOfCare.Workflows.Persistence;

namespace ContinuityOfCare.Workflows.Server;

/// <summary>
/// Brings the database up to date when the server starts, before any other start-up work (sign-in's
/// keys, the timer sweep, publishing the shipped pathways) reads it: registered first, so started first.
/// </summary>
public sealed class DatabaseMigration(RuntimeDatabase database) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => database.MigrateAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
