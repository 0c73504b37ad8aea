namespace ContinuityOfCare.Workflows.Delivery;

/// <summary>A rendered notification addressed to one agency, ready for a delivery channel.</summary>
/// <param name="Id">The outbox message id; channels use it to deliver each message at most once.</param>
public sealed record OutgoingMessage(
    Guid Id,
    string FromAddress,
    string ToAgencyId,
    string ToAddress,
    string ToName,
    string Subject,
    string Body);
