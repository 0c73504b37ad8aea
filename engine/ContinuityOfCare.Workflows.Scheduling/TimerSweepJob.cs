using ContinuityOfCare.Workflows.Runtime.Engine;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.Extensions.Logging;

namespace ContinuityOfCare.Workflows.Scheduling;

/// <summary>
/// The Hangfire job that runs the runtime's timer sweep: scheduled for the earliest due deadline,
/// run on a recurring safety schedule, and once at start-up. Running it too often is harmless:
/// the sweep fires nothing twice.
/// </summary>
public sealed class TimerSweepJob(
    PathwayRuntime runtime,
    IRuntimeStore store,
    TimerOptions options,
    TimeProvider clock,
    ILogger<TimerSweepJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var parallelism = options.SweepParallelism;
        while (true)
        {
            var fired = await runtime.FireDueTimersAsync(parallelism, cancellationToken);
            if (fired > 0)
            {
                logger.LogInformation("Timer sweep fired {Fired} timers.", fired);
            }

            foreach (var failure in runtime.LastSweepFailures)
            {
                logger.LogError(failure, "A due timer could not fire; it stays pending for the next sweep.");
            }

            var wait = await store.GetNextDueAsync(cancellationToken) is { } next
                ? next.ToDateTimeOffset() - clock.GetUtcNow()
                : TimeSpan.MaxValue;
            // Done when nothing is due soon; and when something is due already but this sweep fired
            // nothing (a timer that cannot fire now, or one another server holds), the recurring
            // sweep tries again later rather than this one spinning.
            if (wait > options.SweepLinger || (wait <= TimeSpan.Zero && fired == 0))
            {
                return;
            }

            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, clock, cancellationToken);
            }
        }
    }
}
