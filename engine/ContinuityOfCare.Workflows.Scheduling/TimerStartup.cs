using Hangfire;
using Microsoft.Extensions.Hosting;

namespace ContinuityOfCare.Workflows.Scheduling;

/// <summary>
/// At start-up: brings the database up to date, registers the recurring safety sweep, and runs a
/// sweep at once, so deadlines that fell due while the host was down fire now and the next wake-up
/// is scheduled from the timer table. Losing Hangfire's own storage therefore loses nothing.
/// </summary>
public sealed class TimerStartup(
    Persistence.RuntimeDatabase database,
    IRecurringJobManager recurring,
    IBackgroundJobClient jobs,
    TimerOptions options) : IHostedService
{
    public const string SafetySweepId = "timer-safety-sweep";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.MigrateDatabase)
        {
            await database.MigrateAsync(cancellationToken);
        }

        recurring.AddOrUpdate<TimerSweepJob>(SafetySweepId, job => job.RunAsync(CancellationToken.None), options.SafetySweepCron);
        jobs.Enqueue<TimerSweepJob>(job => job.RunAsync(CancellationToken.None));
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
