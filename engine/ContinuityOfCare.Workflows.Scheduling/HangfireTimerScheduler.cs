using ContinuityOfCare.Workflows.Runtime.Timers;
using Hangfire;
using NodaTime;

namespace ContinuityOfCare.Workflows.Scheduling;

/// <summary>
/// Wakes the sweep with one Hangfire delayed job for the earliest pending deadline, not one job per
/// deadline: the timer table is the truth and a sweep fires everything due, so one wake-up at a
/// time is enough, and 100,000 deadlines due together cost one job, not 100,000.
/// </summary>
public sealed class HangfireTimerScheduler(IBackgroundJobClient jobs, TimeProvider clock) : ITimerScheduler
{
    private readonly Lock _lock = new();
    private Instant? _scheduled;

    /// <summary>When the next wake-up job is due, as far as this process knows.</summary>
    public Instant? NextWakeUp
    {
        get
        {
            lock (_lock)
            {
                return _scheduled;
            }
        }
    }

    public void WakeAt(Instant dueAt)
    {
        var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
        lock (_lock)
        {
            // A wake-up already set for an earlier (still future) moment covers this one: the sweep
            // it starts fires everything due and then asks for the next wake-up itself.
            if (_scheduled is { } scheduled && scheduled <= dueAt && scheduled > now)
            {
                return;
            }

            _scheduled = dueAt;
        }

        if (dueAt <= now)
        {
            jobs.Enqueue<TimerSweepJob>(job => job.RunAsync(CancellationToken.None));
        }
        else
        {
            jobs.Schedule<TimerSweepJob>(job => job.RunAsync(CancellationToken.None), dueAt.ToDateTimeOffset());
        }
    }
}
