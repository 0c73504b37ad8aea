using ContinuityOfCare.Workflows.Delivery;
using ContinuityOfCare.Workflows.Runtime.Notifications;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Delivery;

public sealed class RetryingDeliveryChannelTests
{
    private static readonly DeliveryResult Busy = DeliveryResult.Transient("The mail server is busy.");
    private static readonly DeliveryResult Refused = DeliveryResult.Permanent("The mail server refused the message (550).");

    private readonly InstantWaitTimeProvider _clock = new(new DateTimeOffset(2026, 3, 12, 10, 0, 0, TimeSpan.Zero));

    private RetryingDeliveryChannel Retrying(IDeliveryChannel inner, int attempts = 4) =>
        new(inner, new DeliveryRetryOptions { MaxAttempts = attempts, InitialDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) }, _clock);

    [Fact]
    public async Task MakesTheConfiguredNumberOfAttemptsWithExponentialBackOff()
    {
        var inner = new ScriptedChannel(Busy);

        var result = await Retrying(inner).DeliverAsync(SampleMessages.ToRiversideCjit(), CancellationToken.None);

        Assert.Equal(4, inner.Attempts);
        Assert.Equal(DeliveryResult.Transient("The mail server is busy. (gave up after 4 attempts)"), result);
        Assert.Equal([TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4)], _clock.Waits);
    }

    [Fact]
    public async Task StopsAtTheFirstFailureThatIsNotRetryable()
    {
        var inner = new ScriptedChannel(Busy, Refused, Busy);

        var result = await Retrying(inner).DeliverAsync(SampleMessages.ToRiversideCjit(), CancellationToken.None);

        Assert.Equal(2, inner.Attempts);
        Assert.Equal(Refused, result);
    }

    [Fact]
    public async Task StopsAsSoonAsTheMessageIsDelivered()
    {
        var inner = new ScriptedChannel(Busy, DeliveryResult.Success);

        var result = await Retrying(inner).DeliverAsync(SampleMessages.ToRiversideCjit(), CancellationToken.None);

        Assert.Equal((2, DeliveryResult.Success), (inner.Attempts, result));
    }

    [Fact]
    public void WaitsDoubleUpToTheLongestDelay()
    {
        var options = new DeliveryRetryOptions { InitialDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(10) };

        Assert.Equal(
            [2, 4, 8, 10, 10],
            Enumerable.Range(1, 5).Select(attempt => options.DelayAfter(attempt).TotalSeconds));
    }

    [Fact]
    public async Task CancellingStopsTheWaitBetweenAttempts()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        var retrying = new RetryingDeliveryChannel(new ScriptedChannel(Busy), new DeliveryRetryOptions(), TimeProvider.System);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => retrying.DeliverAsync(SampleMessages.ToRiversideCjit(), cancelled.Token));
    }
}
