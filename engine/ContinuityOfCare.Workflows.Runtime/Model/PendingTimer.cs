using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>What a timer does when it comes due.</summary>
public enum TimerKind
{
    /// <summary>An action's deadline: if the action is still open, it is breached.</summary>
    ActionDeadline,

    /// <summary>A timer transition of the state (<c>after 21 days -> not-engaged</c>).</summary>
    StateTimer,
}

public enum TimerStatus
{
    Pending,
    Fired,
    Cancelled,
}

/// <summary>
/// One pending deadline: the store's timer rows are the truth, the scheduler only wakes the runtime
/// up. A timer fires only while still pending and while its instance is still in the state that
/// created it.
/// </summary>
/// <param name="Target">For an action deadline, the action item's id; for a state timer, its index in the state's timers.</param>
public sealed record PendingTimer(
    Guid Id,
    Guid InstanceId,
    string State,
    TimerKind Kind,
    string Target,
    Instant DueAt,
    TimerStatus Status);
