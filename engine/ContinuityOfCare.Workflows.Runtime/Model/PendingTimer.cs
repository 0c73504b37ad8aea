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

    /// <summary>It came due but could not fire (the calendar could not count what it had to); recorded on the case once and not tried again.</summary>
    Failed,
}

/// <summary>What a timer is for: one action item's deadline, or one of its state's timer transitions.</summary>
public abstract record TimerTarget
{
    public abstract TimerKind Kind { get; }
}

/// <summary>The deadline of one action item: breached, if the item is still open when it comes due.</summary>
public sealed record ActionDeadlineTarget(Guid ActionItemId) : TimerTarget
{
    public override TimerKind Kind => TimerKind.ActionDeadline;
}

/// <summary>A timer transition of the state, by its place among the state's timers.</summary>
public sealed record StateTimerTarget(int Index) : TimerTarget
{
    public override TimerKind Kind => TimerKind.StateTimer;
}

/// <summary>
/// One pending deadline: the store's timer rows are the truth, the scheduler only wakes the runtime
/// up. A timer fires only while still pending and while its instance is still in the state that
/// created it. <see cref="DueProvisional"/> says the due time rests on a projected day.
/// </summary>
public sealed record PendingTimer(
    Guid Id,
    Guid InstanceId,
    string State,
    TimerTarget Target,
    Instant DueAt,
    TimerStatus Status,
    bool DueProvisional = false)
{
    public TimerKind Kind => Target.Kind;
}
