using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>What a deadline or timer counts from, once it has happened: a moment or a whole day.</summary>
public abstract record AnchorPoint
{
    private protected AnchorPoint()
    {
    }

    /// <summary>The day the anchor falls on in <paramref name="zone"/>.</summary>
    internal abstract LocalDate DateIn(DateTimeZone zone);

    /// <summary>The moment the anchor starts: the moment itself, or the start of the day.</summary>
    internal abstract Instant StartIn(DateTimeZone zone);
}

/// <summary>A moment: an event, entering a state, or a date-time field.</summary>
public sealed record MomentAnchor(Instant Instant) : AnchorPoint
{
    internal override LocalDate DateIn(DateTimeZone zone) => Instant.InZone(zone).Date;

    internal override Instant StartIn(DateTimeZone zone) => Instant;
}

/// <summary>A date field: counts from the start (00:00) of that day in the pathway's time zone.</summary>
public sealed record DayAnchor(LocalDate Date) : AnchorPoint
{
    internal override LocalDate DateIn(DateTimeZone zone) => Date;

    internal override Instant StartIn(DateTimeZone zone) => zone.AtStartOfDay(Date).ToInstant();
}
