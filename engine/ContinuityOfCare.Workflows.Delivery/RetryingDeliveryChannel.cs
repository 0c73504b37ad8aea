namespace ContinuityOfCare.Workflows.Delivery;

/// <summary>How often and how patiently <see cref="RetryingDeliveryChannel"/> tries again.</summary>
public sealed record DeliveryRetryOptions
{
    /// <summary>Attempts in all, the first included.</summary>
    public int MaxAttempts { get; init; } = 3;

    /// <summary>The wait after the first failure; each later wait doubles, up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(2);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>The wait after failed attempt number <paramref name="attempt"/> (counting from 1).</summary>
    public TimeSpan DelayAfter(int attempt)
    {
        var factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        var ticks = Math.Min(InitialDelay.Ticks * factor, MaxDelay.Ticks);
        return TimeSpan.FromTicks((long)ticks);
    }

    internal void Validate()
    {
        if (MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "A delivery needs at least one attempt.");
        }

        if (InitialDelay < TimeSpan.Zero || MaxDelay < InitialDelay)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDelay), MaxDelay, "Delays must not be negative, and the longest delay must not be shorter than the first.");
        }
    }
}

/// <summary>Tries a channel again, with exponential back-off, while its failures are retryable.</summary>
/// <remarks>
/// Waits use the injected <see cref="TimeProvider"/>. After the last attempt the result stays
/// retryable, so the outbox can try the message again on its own schedule.
/// </remarks>
public sealed class RetryingDeliveryChannel : IDeliveryChannel
{
    private readonly IDeliveryChannel _inner;
    private readonly DeliveryRetryOptions _options;
    private readonly TimeProvider _timeProvider;

    public RetryingDeliveryChannel(IDeliveryChannel inner, DeliveryRetryOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _inner = inner;
        _options = options;
        _timeProvider = timeProvider;
    }

    public async Task<DeliveryResult> DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var result = await _inner.DeliverAsync(message, cancellationToken);
            if (result.Delivered || !result.Retryable)
            {
                return result;
            }

            if (attempt == _options.MaxAttempts)
            {
                return result with { Error = $"{result.Error} (gave up after {attempt} attempt{(attempt == 1 ? "" : "s")})" };
            }

            await Task.Delay(_options.DelayAfter(attempt), _timeProvider, cancellationToken);
        }
    }
}
