using Hangfire;
using Microsoft.Extensions.Hosting;

namespace ContinuityOfCare.Workflows.Scheduling;

/// <summary>
/// At start-up: registers the recurring safety sweep and runs a sweep at once, so deadlines that
/// fell due while the host was down fire now and the next wake-up is scheduled from the timer
/// table. Losing Hangfire's own storage therefore loses nothing. (The host brings the database up
/// to date before this runs.)
/// </summary>
public sealed class TimerStartup(IRecurringJobManager recurring, IBackgroundJobClient jobs, TimerOptions options) : IHostedService
{
    public const string SafetySweepId = "timer-safety-sweep";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        recurring.AddOrUpdate<TimerSweepJob>(SafetySweepId, job => job.RunAsync(CancellationToken.None), options.SafetySweepCron);
        jobs.Enqueue<TimerSweepJob>(job => job.RunAsync(CancellationToken.None));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
