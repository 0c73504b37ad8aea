using ContinuityOfCare.Workflows.Delivery;
using ContinuityOfCare.Workflows.Runtime.Notifications;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Delivery;

/// <summary>A clock that stands still and completes every wait at once, recording how long each was meant to be.</summary>
public sealed class InstantWaitTimeProvider(DateTimeOffset now) : TimeProvider
{
    private readonly List<TimeSpan> _waits = [];

    public IReadOnlyList<TimeSpan> Waits
    {
        get
        {
            lock (_waits)
            {
                return [.. _waits];
            }
        }
    }

    public override DateTimeOffset GetUtcNow() => now;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            lock (_waits)
            {
                _waits.Add(dueTime);
            }

            ThreadPool.QueueUserWorkItem(_ => callback(state));
        }

        return new NeverTimer();
    }

    private sealed class NeverTimer : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period) => true;

        public void Dispose()
        {
        }

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>A channel that answers with the results it is given, in turn, and counts the attempts.</summary>
public sealed class ScriptedChannel(params DeliveryResult[] results) : IDeliveryChannel
{
    public int Attempts { get; private set; }

    public Task<DeliveryResult> DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        var result = results[Math.Min(Attempts, results.Length - 1)];
        Attempts++;
        return Task.FromResult(result);
    }
}

/// <summary>Counts the deliveries passed to a real channel.</summary>
public sealed class CountingChannel(IDeliveryChannel inner) : IDeliveryChannel
{
    private int _attempts;

    public int Attempts => _attempts;

    public Task<DeliveryResult> DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _attempts);
        return inner.DeliverAsync(message, cancellationToken);
    }
}

internal static class SampleMessages
{
    public static OutgoingMessage ToRiversideCjit(string subject = "Alert Form: change of circumstance", string? body = null) => new(
        Guid.NewGuid(),
        "continuity-of-care@example.org",
        "cjit",
        "cjit@riverside.example.org",
        "Riverside CJIT (fictional)",
        subject,
        body ?? "ALERT FORM\nPerson:  Alex Example, prison number A0000AA\n\n[x] Release date, now 14 August 2026\n");
}
