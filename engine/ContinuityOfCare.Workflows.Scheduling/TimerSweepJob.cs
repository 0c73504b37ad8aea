using ContinuityOfCare.Workflows.Runtime.Engine;
using Microsoft.Extensions.Logging;

namespace ContinuityOfCare.Workflows.Scheduling;

/// <summary>
/// The Hangfire job that runs the runtime's timer sweep: scheduled for the earliest due deadline,
/// run on a recurring safety schedule, and once at start-up. Running it too often is harmless:
/// the sweep fires nothing twice.
/// </summary>
public sealed class TimerSweepJob(PathwayRuntime runtime, ILogger<TimerSweepJob> logger)
{
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var fired = await runtime.FireDueTimersAsync(cancellationToken);
        if (fired > 0)
        {
            logger.LogInformation("Timer sweep fired {Fired} timers.", fired);
        }

        foreach (var failure in runtime.LastSweepFailures)
        {
            logger.LogError(failure, "A due timer could not fire; it stays pending for the next sweep.");
        }
    }
}
