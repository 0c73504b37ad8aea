using ContinuityOfCare.Workflows.Runtime;
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
            var sweep = await runtime.Timers.FireDueAsync(parallelism, cancellationToken);
            var fired = sweep.Fired;
            if (fired > 0)
            {
                logger.LogInformation("Timer sweep fired {Fired} timers.", fired);
            }

            foreach (var failure in sweep.Failures)
            {
                logger.LogError(failure.Error, "Timer {TimerId} of case {CaseId} ({Kind} in {State}, due {DueAt}) could not fire; it stays pending for the next sweep.",
                    failure.Timer.Id, failure.Timer.InstanceId, failure.Timer.Kind, failure.Timer.State, failure.Timer.DueAt);
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
