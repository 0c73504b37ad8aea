using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Delivery;

/// <summary>
/// Delivers the outbox: each pending message goes to its agency's address from the partnership
/// directory through the delivery channel. A delivered message is marked sent and the sending
/// recorded in the case's history; a message that cannot be delivered (no address, a permanent
/// refusal, or too many transient failures) is marked failed with the reason, which the case shows.
/// </summary>
public sealed class OutboxDispatcher(
    IRuntimeStore store,
    IDeliveryChannel channel,
    PartnershipDirectory directory,
    TimeProvider clock,
    RuntimeMetrics? metrics = null)
{
    /// <summary>How many times a transient failure is tried again before the message is marked failed.</summary>
    public int MaxAttempts { get; init; } = 5;

    public int BatchSize { get; init; } = 50;

    /// <returns>How many messages were delivered.</returns>
    public async Task<int> DispatchAsync(CancellationToken cancellationToken = default)
    {
        var delivered = 0;
        foreach (var message in await store.GetPendingOutboxAsync(BatchSize, cancellationToken))
        {
            var now = Instant.FromDateTimeOffset(clock.GetUtcNow());
            var instance = await store.FindInstanceAsync(message.InstanceId, cancellationToken);
            if (!directory.TryGetAgency(message.Partnership, message.RecipientAgency, out var address, out var missing))
            {
                await store.UpdateOutboxAsync(message with { Status = OutboxStatus.Failed, Attempts = message.Attempts + 1, Error = missing }, null, cancellationToken);
                metrics?.DeliveryFailed(instance?.Definition.PathwayId ?? "");
                continue;
            }

            var outgoing = new OutgoingMessage(
                message.Id,
                directory.GetSenderAddress(message.Partnership),
                message.RecipientAgency,
                address.EmailAddress,
                address.Name,
                message.Subject,
                message.Body);
            var result = await channel.DeliverAsync(outgoing, cancellationToken);
            if (result.Delivered)
            {
                delivered++;
                HistoryEntry? line = instance is null
                    ? null
                    : new HistoryEntry(
                        Guid.CreateVersion7(clock.GetUtcNow()),
                        instance.Id,
                        0,
                        now,
                        Actor.System,
                        instance.Definition,
                        new NotificationSent(message.Id, message.Template, message.RecipientAgency));
                await store.UpdateOutboxAsync(message with { Status = OutboxStatus.Sent, Attempts = message.Attempts + 1, SentAt = now, Error = null }, line, cancellationToken);
            }
            else
            {
                var attempts = message.Attempts + 1;
                var failed = !result.Retryable || attempts >= MaxAttempts;
                if (failed)
                {
                    metrics?.DeliveryFailed(instance?.Definition.PathwayId ?? "");
                }

                await store.UpdateOutboxAsync(
                    message with { Status = failed ? OutboxStatus.Failed : OutboxStatus.Pending, Attempts = attempts, Error = result.Error },
                    null,
                    cancellationToken);
            }
        }

        return delivered;
    }
}
