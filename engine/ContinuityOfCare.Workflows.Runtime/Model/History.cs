using System.Text.Json.Serialization;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>
/// One line of an instance's journal: who, when, on which definition version, and what changed.
/// The journal is append-only; <see cref="Sequence"/> orders the lines of one instance and is
/// assigned by the store as lines are appended (1, 2, 3, ...).
/// </summary>
public sealed record HistoryEntry(
    Guid Id,
    Guid InstanceId,
    long Sequence,
    Instant At,
    Actor Actor,
    DefinitionVersion Definition,
    HistoryChange Change);

/// <summary>What one history line records.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(InstanceStarted), "started")]
[JsonDerivedType(typeof(EventRecorded), "event")]
[JsonDerivedType(typeof(StateEntered), "state")]
[JsonDerivedType(typeof(FieldChanged), "field")]
[JsonDerivedType(typeof(ConsentChanged), "consent")]
[JsonDerivedType(typeof(ActionOpened), "actionOpened")]
[JsonDerivedType(typeof(ActionCompleted), "actionCompleted")]
[JsonDerivedType(typeof(ActionCancelled), "actionCancelled")]
[JsonDerivedType(typeof(DeadlineSet), "deadlineSet")]
[JsonDerivedType(typeof(DeadlineMoved), "deadlineMoved")]
[JsonDerivedType(typeof(DeadlineBreached), "deadlineBreached")]
[JsonDerivedType(typeof(TimerTaken), "timer")]
[JsonDerivedType(typeof(TimerRescheduled), "timerMoved")]
[JsonDerivedType(typeof(TimerSet), "timerSet")]
[JsonDerivedType(typeof(TimerRecounted), "timerRecounted")]
[JsonDerivedType(typeof(DeadlineRecounted), "deadlineRecounted")]
[JsonDerivedType(typeof(ActionReopened), "actionReopened")]
[JsonDerivedType(typeof(TimerFailed), "timerFailed")]
[JsonDerivedType(typeof(NotificationQueued), "notificationQueued")]
[JsonDerivedType(typeof(NotificationBlocked), "notificationBlocked")]
[JsonDerivedType(typeof(NotificationFailed), "notificationFailed")]
[JsonDerivedType(typeof(NotificationSent), "notificationSent")]
[JsonDerivedType(typeof(InstanceEnded), "ended")]
[JsonDerivedType(typeof(CaseMigrated), "migrated")]
public abstract record HistoryChange
{
    /// <summary>The change in a sentence, for timelines and logs (never a person's name or date of birth).</summary>
    public abstract string Describe();
}

public sealed record InstanceStarted(string State) : HistoryChange
{
    public override string Describe() => $"Case started in '{State}'.";
}

public sealed record EventRecorded(string Event, string? Note) : HistoryChange
{
    public override string Describe() => Note is null ? $"Recorded '{Event}'." : $"Recorded '{Event}': {Note}";
}

public sealed record StateEntered(string From, string To, string Because) : HistoryChange
{
    public override string Describe() => $"Moved from '{From}' to '{To}' ({Because}).";
}

public sealed record FieldChanged(string Field, FieldValue? OldValue, FieldValue? NewValue) : HistoryChange
{
    public override string Describe() => $"Field '{Field}' changed.";
}

public sealed record ConsentChanged(bool ConsentRecorded) : HistoryChange
{
    public override string Describe() => ConsentRecorded ? "Consent to share information recorded." : "Consent to share information withdrawn.";
}

public sealed record ActionOpened(Guid ActionItemId, string ActionId, string Agency, Instant? DueAt) : HistoryChange
{
    public override string Describe() => $"Action '{ActionId}' opened for '{Agency}'.";
}

public sealed record ActionCompleted(Guid ActionItemId, string ActionId, bool Late) : HistoryChange
{
    public override string Describe() => Late ? $"Action '{ActionId}' done late." : $"Action '{ActionId}' done.";
}

public sealed record ActionCancelled(Guid ActionItemId, string ActionId) : HistoryChange
{
    public override string Describe() => $"Action '{ActionId}' cancelled: the case left the state.";
}

public sealed record DeadlineSet(Guid ActionItemId, string ActionId, Instant DueAt) : HistoryChange
{
    public override string Describe() => $"Deadline for '{ActionId}' set.";
}

/// <param name="Because">The field or event whose change moved it.</param>
public sealed record DeadlineMoved(Guid ActionItemId, string ActionId, Instant? OldDueAt, Instant? NewDueAt, string Because) : HistoryChange
{
    public override string Describe() => $"Deadline for '{ActionId}' moved because '{Because}' changed.";
}

public sealed record DeadlineBreached(Guid ActionItemId, string ActionId, string Agency, Instant DueAt) : HistoryChange
{
    public override string Describe() => $"Deadline for '{ActionId}' ({Agency}) missed.";
}

/// <param name="DueAt">The due time the timer fired for (absent on lines written before it was recorded).</param>
public sealed record TimerTaken(string State, string Target, string Delay, Instant? DueAt = null) : HistoryChange
{
    public override string Describe() => Describe(DateTimeZone.Utc);

    /// <summary>The line with the due time read in <paramref name="zone"/>, as the case's pages show it.</summary>
    public string Describe(DateTimeZone zone) => DueAt is { } due
        ? $"Timer 'after {Delay}' in '{State}', due {Calendar.DueWords.Describe(due, zone)}, moved the case to '{Target}'."
        : $"Timer 'after {Delay}' in '{State}' moved the case to '{Target}'.";
}

/// <param name="Because">The field or event whose change moved it.</param>
public sealed record TimerRescheduled(string State, string Target, Instant? OldDueAt, Instant? NewDueAt, string Because) : HistoryChange
{
    public override string Describe() => $"Timer to '{Target}' in '{State}' moved because '{Because}' changed.";
}

/// <summary>A deadline moved because the calendar changed: <see cref="Reason"/> says how, e.g. "bank holidays for 2028 published".</summary>
public sealed record DeadlineRecounted(Guid ActionItemId, string ActionId, Instant? OldDueAt, Instant? NewDueAt, string Reason) : HistoryChange
{
    public override string Describe() => $"Deadline for '{ActionId}' moved: {Reason}.";
}

/// <summary>A timer moved because the calendar changed: <see cref="Reason"/> says how.</summary>
public sealed record TimerRecounted(string State, string Target, Instant? OldDueAt, Instant? NewDueAt, string Reason) : HistoryChange
{
    public override string Describe() => $"Timer to '{Target}' in '{State}' moved: {Reason}.";
}

/// <summary>A breached action open again: its deadline moved to <see cref="DueAt"/>, still ahead.</summary>
public sealed record ActionReopened(Guid ActionItemId, string ActionId, Instant DueAt) : HistoryChange
{
    public override string Describe() => $"Action '{ActionId}' open again: its deadline moved ahead.";
}

/// <summary>A timer given its due time: on entering its state, or when what it counts from first happened.</summary>
public sealed record TimerSet(string State, string Target, Instant DueAt) : HistoryChange
{
    public override string Describe() => $"Timer to '{Target}' in '{State}' set.";
}

/// <summary>A timer or deadline that came due but could not fire; it is not tried again.</summary>
/// <param name="What">"timer" or "deadline".</param>
public sealed record TimerFailed(string State, string What, Instant DueAt, string Reason) : HistoryChange
{
    public override string Describe() => $"The {What} in '{State}' came due but could not fire: {Reason}";
}

public sealed record NotificationQueued(Guid MessageId, string Template, string Recipient) : HistoryChange
{
    public override string Describe() => $"Notification '{Template}' to '{Recipient}' rendered and queued.";
}

public sealed record NotificationBlocked(string Template, string Recipient, string Reason) : HistoryChange
{
    public override string Describe() => $"Notification '{Template}' to '{Recipient}' blocked: {Reason}";
}

public sealed record NotificationFailed(string Template, string Recipient, string Error) : HistoryChange
{
    public override string Describe() => $"Notification '{Template}' to '{Recipient}' could not be rendered: {Error}";
}

public sealed record NotificationSent(Guid MessageId, string Template, string Recipient) : HistoryChange
{
    public override string Describe() => $"Notification '{Template}' delivered to '{Recipient}'.";
}

public sealed record InstanceEnded(InstanceStatus Status, string? Outcome, string? Reason) : HistoryChange
{
    public override string Describe() => Status switch
    {
        InstanceStatus.Cancelled => $"Case cancelled: {Reason}",
        _ => $"Case ended with outcome '{Outcome}'.",
    };
}

/// <summary>The case moved from one version of its pathway to another.</summary>
/// <param name="Plan">The plan's own mappings ("a → b"), or "none" when every state mapped to itself or its declared new name.</param>
public sealed record CaseMigrated(DefinitionVersion From, DefinitionVersion To, string FromState, string ToState, string Plan) : HistoryChange
{
    public override string Describe() =>
        $"Moved from version {From.ContentHash} to {To.ContentHash} of '{To.PathwayId}', from state '{FromState}' to '{ToState}'.";
}
