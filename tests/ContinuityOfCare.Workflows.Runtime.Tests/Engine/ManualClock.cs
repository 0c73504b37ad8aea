using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>A clock the test moves by hand.</summary>
public sealed class ManualClock(Instant start) : TimeProvider
{
    public Instant Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now.ToDateTimeOffset();

    public void Set(Instant instant)
    {
        if (instant < Now)
        {
            throw new InvalidOperationException($"The clock cannot go back from {Now} to {instant}.");
        }

        Now = instant;
    }

    public void Advance(NodaTime.Duration by) => Set(Now + by);
}
