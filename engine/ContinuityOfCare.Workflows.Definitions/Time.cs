using System.Text.Json.Serialization;

namespace ContinuityOfCare.Workflows.Definitions;

/// <summary>The unit a duration is counted in.</summary>
public enum DurationUnit
{
    /// <summary>Elapsed hours.</summary>
    Hours,

    /// <summary>Calendar days in the pathway's time zone, keeping the wall-clock time.</summary>
    Days,

    /// <summary>Calendar weeks (seven days), keeping the wall-clock time.</summary>
    Weeks,

    /// <summary>Working days of the pathway's calendar.</summary>
    WorkingDays,
}

/// <summary>An amount of time in one unit, such as "5 working days".</summary>
public sealed record Duration(int Amount, DurationUnit Unit)
{
    public override string ToString() => Unit switch
    {
        DurationUnit.Hours => Amount == 1 ? "1 hour" : $"{Amount} hours",
        DurationUnit.Days => Amount == 1 ? "1 day" : $"{Amount} days",
        DurationUnit.Weeks => Amount == 1 ? "1 week" : $"{Amount} weeks",
        DurationUnit.WorkingDays => Amount == 1 ? "1 working day" : $"{Amount} working days",
        _ => $"{Amount} {Unit}",
    };
}

/// <summary>What a deadline or timer is counted from.</summary>
public enum AnchorKind
{
    /// <summary>The moment the case entered the state.</summary>
    StateEntry,

    /// <summary>The most recent time an event was recorded on the case.</summary>
    Event,

    /// <summary>The value of a date or date-time case field.</summary>
    Field,
}

/// <summary>The point in time a deadline is counted from.</summary>
public sealed record Anchor(AnchorKind Kind, string? Name)
{
    [JsonIgnore]
    public static Anchor StateEntry { get; } = new(AnchorKind.StateEntry, null);

    public override string ToString() => Kind == AnchorKind.StateEntry ? "entering the state" : Name!;
}

/// <summary>A delay after an anchor, used by timer transitions.</summary>
public sealed record Delay(Duration Duration, Anchor Anchor);

/// <summary>When a required action is due.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(WithinDeadline), "within")]
[JsonDerivedType(typeof(BeforeDeadline), "before")]
[JsonDerivedType(typeof(ByDateDeadline), "by")]
public abstract record Deadline
{
    /// <summary>The anchor the deadline depends on, so the runtime knows when to recompute it.</summary>
    [JsonIgnore]
    public abstract Anchor DependsOn { get; }
}

/// <summary>Due a duration after an anchor, e.g. "within 5 working days of released".</summary>
/// <param name="NextWorkingDayAt">
/// When set ("or by 09:00 next working day"), a due time that falls on a non-working day moves to
/// this local time of day ("HH:mm") on the next working day.
/// </param>
public sealed record WithinDeadline(Duration Duration, Anchor Anchor, string? NextWorkingDayAt) : Deadline
{
    public override Anchor DependsOn => Anchor;
}

/// <summary>Due a duration before a date field, e.g. "6 weeks before release-date".</summary>
public sealed record BeforeDeadline(Duration Duration, string Field) : Deadline
{
    public override Anchor DependsOn => new(AnchorKind.Field, Field);
}

/// <summary>Due by the end of a date field's day, or at a date-time field's moment.</summary>
public sealed record ByDateDeadline(string Field) : Deadline
{
    public override Anchor DependsOn => new(AnchorKind.Field, Field);
}
