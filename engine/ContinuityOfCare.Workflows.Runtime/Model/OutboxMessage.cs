using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Model;

public enum OutboxStatus
{
    /// <summary>Rendered and waiting to be delivered.</summary>
    Pending,
    Sent,

    /// <summary>Delivery failed for good (no address, or the mail server refused it).</summary>
    Failed,
}

/// <summary>A rendered notification waiting in the outbox for delivery to an agency.</summary>
public sealed record OutboxMessage(
    Guid Id,
    Guid InstanceId,
    string Partnership,
    string RecipientAgency,
    string Template,
    string Subject,
    string Body,
    Instant CreatedAt,
    OutboxStatus Status,
    int Attempts,
    Instant? SentAt,
    string? Error);
