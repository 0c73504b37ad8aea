using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>Where a required action stands.</summary>
public enum ActionStatus
{
    /// <summary>Not done yet (it may still have no due time, if its anchor has not happened).</summary>
    Open,

    /// <summary>Done on time.</summary>
    Done,

    /// <summary>Done after its deadline.</summary>
    Late,

    /// <summary>Its deadline passed and it is still not done; the breach effects have run.</summary>
    Breached,

    /// <summary>The case left the state before it was done.</summary>
    Cancelled,
}

/// <summary>A required action opened when a case entered a state: who must do what, and by when.</summary>
/// <param name="DueProvisional">
/// The due time rests on a projected day (a year whose bank holidays are not yet published): it stands
/// unless a one-off holiday is declared, and is worked out again when newer bank holidays are imported.
/// </param>
public sealed record ActionItem(
    Guid Id,
    Guid InstanceId,
    string State,
    string ActionId,
    string Description,
    string Agency,
    Instant OpenedAt,
    Instant? DueAt,
    ActionStatus Status,
    Instant? BreachedAt,
    Instant? CompletedAt,
    string? CompletedBy,
    bool DueProvisional = false)
{
    /// <summary>Still to be done: open, or breached and not yet done.</summary>
    public bool IsOutstanding => Status is ActionStatus.Open or ActionStatus.Breached;
}
