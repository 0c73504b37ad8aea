using System.Globalization;
using System.Text.RegularExpressions;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using NodaTime;
using NodaTime.Text;
using Duration = ContinuityOfCare.Workflows.Definitions.Duration;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Calendar;

/// <summary>
/// Lets test rows read like docs/language.md: a deadline as the pathway writes it ("within 24 hours or
/// by 09:00 next working day", "6 weeks before", "by", "after 21 days"), an anchor as a London time
/// with its offset ("2026-03-28T14:00+00:00") or a date ("2026-09-16"), and the due time as a London
/// time with its offset. The end of a day is written as 00:00 of the next day.
/// </summary>
internal static partial class Deadlines
{
    public const string EnglandAndWales = "england-and-wales";

    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static readonly OffsetDateTimePattern Moment = OffsetDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mmo<+HH:mm>");

    private static readonly DeadlineCalculator Calculator = new(CalendarSource.Default);

    /// <summary>When the deadline written as <paramref name="deadline"/> falls due, as a London time with its offset.</summary>
    public static string Due(string deadline, string anchor, DateTimeZone? zone = null, DeadlineCalculator? calculator = null)
    {
        zone ??= London;
        var due = deadline.StartsWith("after ", StringComparison.Ordinal)
            ? (calculator ?? Calculator).After(DelayFrom(deadline), Anchor(anchor, zone), zone, EnglandAndWales)
            : (calculator ?? Calculator).Due(DeadlineFrom(deadline), Anchor(anchor, zone), zone, EnglandAndWales);
        return Format(due, zone);
    }

    /// <summary>When the deadline falls due on <paramref name="calendar"/> in London, and whether the due time is provisional.</summary>
    public static (string Due, bool Provisional) DueOn(string calendar, string deadline, string anchor)
    {
        var due = deadline.StartsWith("after ", StringComparison.Ordinal)
            ? Calculator.TimerDueTime(DelayFrom(deadline), Anchor(anchor, London), London, calendar)
            : Calculator.DueTime(DeadlineFrom(deadline), Anchor(anchor, London), London, calendar);
        return (Format(due.At, London), due.Provisional);
    }

    public static Instant Instant(string moment) => Moment.Parse(moment).GetValueOrThrow().ToInstant();

    public static string Format(Instant instant, DateTimeZone? zone = null) =>
        Moment.Format(instant.InZone(zone ?? London).ToOffsetDateTime());

    public static LocalDate Date(string date) => LocalDatePattern.Iso.Parse(date).GetValueOrThrow();

    /// <summary>A date, or a moment whose offset must be the zone's own at that moment (so a row cannot name a time that never shows on the clock).</summary>
    public static AnchorPoint Anchor(string text, DateTimeZone? zone = null)
    {
        if (!text.Contains('T', StringComparison.Ordinal))
        {
            return new DayAnchor(Date(text));
        }

        var instant = Instant(text);
        Assert.Equal(text, Format(instant, zone));
        return new MomentAnchor(instant);
    }

    public static Deadline DeadlineFrom(string text)
    {
        if (text == "by")
        {
            return new ByDateDeadline("release-date");
        }

        if (Within().Match(text) is { Success: true } within)
        {
            var at = within.Groups["at"].Success ? within.Groups["at"].Value : null;
            return new WithinDeadline(DurationFrom(within), new Anchor(AnchorKind.Event, "released"), at);
        }

        if (Before().Match(text) is { Success: true } before)
        {
            return new BeforeDeadline(DurationFrom(before), "release-date");
        }

        throw new ArgumentException($"Not a deadline a test row can write: '{text}'.", nameof(text));
    }

    public static Delay DelayFrom(string text) =>
        After().Match(text) is { Success: true } after
            ? new Delay(DurationFrom(after), new Anchor(AnchorKind.Event, "released"))
            : throw new ArgumentException($"Not a delay a test row can write: '{text}'.", nameof(text));

    private static Duration DurationFrom(Match match) => new(
        int.Parse(match.Groups["amount"].Value, CultureInfo.InvariantCulture),
        match.Groups["unit"].Value switch
        {
            "hour" or "hours" => DurationUnit.Hours,
            "day" or "days" => DurationUnit.Days,
            "week" or "weeks" => DurationUnit.Weeks,
            _ => DurationUnit.WorkingDays,
        });

    private const string Amount = @"(?<amount>\d+) (?<unit>hours?|days?|weeks?|working days?)";

    [GeneratedRegex("^within " + Amount + "( or by (?<at>[0-9:]+) next working day)?$")]
    private static partial Regex Within();

    [GeneratedRegex("^" + Amount + " before$")]
    private static partial Regex Before();

    [GeneratedRegex("^after " + Amount + "$")]
    private static partial Regex After();
}
