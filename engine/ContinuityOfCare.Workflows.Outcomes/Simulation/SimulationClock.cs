using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>The simulated clock: it stands still until the simulator moves it forward, and never goes back.</summary>
public sealed class SimulationClock(Instant start) : TimeProvider
{
    public Instant Now { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => Now.ToDateTimeOffset();

    public void Set(Instant instant)
    {
        if (instant < Now)
        {
            throw new InvalidOperationException($"The simulated clock cannot go back from {Now} to {instant}.");
        }

        Now = instant;
    }
}
