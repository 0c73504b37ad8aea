namespace ContinuityOfCare.Workflows.Delivery;

/// <summary>Sends an outgoing message somewhere: a folder of .eml files, or a mail server.</summary>
/// <remarks>
/// Delivery is at least once: the outbox may hand the same message to a channel again after a crash,
/// so channels that can tell (the file channel) deliver a message id only once.
/// A channel reports failure as a result; it throws only when <c>cancellationToken</c> is cancelled.
/// </remarks>
public interface IDeliveryChannel
{
    Task<DeliveryResult> DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken);
}

/// <summary>Whether a message was delivered and, if not, why and whether trying again may help.</summary>
public sealed record DeliveryResult(bool Delivered, string? Error, bool Retryable)
{
    public static DeliveryResult Success { get; } = new(true, null, false);

    /// <summary>A failure that may pass: the server was unreachable or asked us to try later.</summary>
    public static DeliveryResult Transient(string error) => new(false, error, true);

    /// <summary>A failure that will not pass by itself: a refused address, bad credentials, bad configuration.</summary>
    public static DeliveryResult Permanent(string error) => new(false, error, false);
}
