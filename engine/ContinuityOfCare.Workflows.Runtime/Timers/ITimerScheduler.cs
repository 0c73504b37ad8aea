using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Timers;

/// <summary>
/// Wakes the runtime up to fire due timers. The store's timer rows are the truth; a scheduler only
/// needs to know the earliest one. The durable implementation (Hangfire) comes with the durability
/// layer; <see cref="InMemoryTimerScheduler"/> is for tests and single-process use.
/// </summary>
public interface ITimerScheduler
{
    /// <summary>A timer is now pending at this instant: make sure a wake-up happens no later than it.</summary>
    void WakeAt(Instant dueAt);
}

/// <summary>Remembers the earliest wake-up asked for; whoever drives the clock calls the runtime's sweep.</summary>
public sealed class InMemoryTimerScheduler : ITimerScheduler
{
    private readonly Lock _lock = new();

    public Instant? NextWakeUp { get; private set; }

    public void WakeAt(Instant dueAt)
    {
        lock (_lock)
        {
            if (NextWakeUp is null || dueAt < NextWakeUp)
            {
                NextWakeUp = dueAt;
            }
        }
    }

    /// <summary>Called after a sweep: the next wake-up is whatever the store says is due next.</summary>
    public void Reset(Instant? next)
    {
        lock (_lock)
        {
            NextWakeUp = next;
        }
    }
}
