using ContinuityOfCare.Workflows.Definitions;
using NodaTime;
using NodaTime.Text;
using NodaTime.TimeZones;
using Duration = ContinuityOfCare.Workflows.Definitions.Duration;
using Elapsed = NodaTime.Duration;

namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>
/// Works out when deadlines fall due and timers fire, as docs/language.md Part 3 specifies: a pure
/// function of the deadline, its anchor, the pathway's time zone and its working-day calendar.
/// </summary>
/// <remarks>
/// "The end of a day" is the first moment of the next day in the zone: anything done during the day
/// is on time. Midnights always come from <see cref="DateTimeZone.AtStartOfDay"/>, which gives the
/// first moment of a day even in a zone whose midnight is skipped by a clock change.
/// </remarks>
public sealed class DeadlineCalculator(ICalendarSource calendars)
{
    private static readonly LocalTimePattern TimeOfDay = LocalTimePattern.CreateWithInvariantCulture("HH:mm");

    /// <summary>The time zones pathways name, as the calendar source knows them.</summary>
    public IDateTimeZoneProvider TimeZones => calendars.TimeZones;

    /// <summary>When <paramref name="deadline"/>, counted from <paramref name="anchor"/>, falls due.</summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item><b>within</b>: the anchor moved forward by the duration (see <see cref="After"/>), then the
    /// next-working-day rule if the deadline has one.</item>
    /// <item><b>before</b>: counted back from the date in the field; see <see cref="BeforeDate"/>.</item>
    /// <item><b>by</b>: the end of a date field's day, never moved; a date-time field's moment.</item>
    /// </list>
    /// </remarks>
    /// <exception cref="CalendarDataException">
    /// The calendar is unknown, or the calculation needs days outside the years its bank holidays cover.
    /// </exception>
    public Instant Due(Deadline deadline, AnchorPoint anchor, DateTimeZone zone, string calendar) =>
        DueTime(deadline, anchor, zone, calendar).At;

    /// <summary>
    /// When <paramref name="deadline"/> falls due, and whether that rests on a projected day: a day of a
    /// year whose bank holidays are not yet published, counted by rule (see <see cref="IWorkingCalendar.IsProjected"/>).
    /// </summary>
    /// <exception cref="CalendarDataException">
    /// The calendar is unknown, or the calculation needs days of a year it can neither read nor project.
    /// </exception>
    public DueTime DueTime(Deadline deadline, AnchorPoint anchor, DateTimeZone zone, string calendar)
    {
        var workingDays = new Watched(calendars.Get(calendar));
        var at = deadline switch
        {
            WithinDeadline within => Within(within, anchor, zone, workingDays),
            BeforeDeadline before => BeforeDate(before.Duration, anchor, zone, workingDays),
            ByDateDeadline => anchor switch
            {
                DayAnchor day => EndOf(day.Date, zone),
                _ => anchor.StartIn(zone),
            },
            _ => throw new ArgumentException($"Unknown kind of deadline: {deadline.GetType().Name}.", nameof(deadline)),
        };
        return new DueTime(at, workingDays.ReadProjectedDay);
    }

    /// <summary>
    /// When a timer such as "after 21 days of released" fires: the same arithmetic as a
    /// <c>within</c> deadline, without the next-working-day rule.
    /// </summary>
    /// <remarks>
    /// <list type="bullet">
    /// <item><b>Hours</b> are elapsed time, whatever the clocks do: 24 hours is exactly 24 real hours.
    /// A date counts from the start of its day.</item>
    /// <item><b>Days and weeks</b> are calendar days in the zone and keep the time on the clock, so
    /// across a clock change they are an hour more or less than whole 24-hour periods. When that
    /// clock time does not exist on the day reached (the hour skipped in spring) it moves on by the
    /// length of the gap; when it happens twice (the hour repeated in autumn) the earlier one counts.
    /// A date counts from the start of its day and so lands on the start of the day N days later.</item>
    /// <item><b>Working days</b> end at the end of the N-th working day after the day of the anchor.
    /// The anchor's own day never counts, whatever time the anchor happened.</item>
    /// </list>
    /// </remarks>
    /// <exception cref="CalendarDataException">
    /// The calendar is unknown, or the calculation needs days outside the years its bank holidays cover.
    /// </exception>
    public Instant After(Delay delay, AnchorPoint anchor, DateTimeZone zone, string calendar) =>
        TimerDueTime(delay, anchor, zone, calendar).At;

    /// <summary>When a timer fires (see <see cref="After"/>), and whether that rests on a projected day.</summary>
    /// <exception cref="CalendarDataException">
    /// The calendar is unknown, or the calculation needs days of a year it can neither read nor project.
    /// </exception>
    public DueTime TimerDueTime(Delay delay, AnchorPoint anchor, DateTimeZone zone, string calendar)
    {
        var workingDays = new Watched(calendars.Get(calendar));
        var at = Forward(delay.Duration, anchor, zone, workingDays);
        return new DueTime(at, workingDays.ReadProjectedDay);
    }

    private static Instant Within(WithinDeadline within, AnchorPoint anchor, DateTimeZone zone, IWorkingCalendar calendar)
    {
        var due = Forward(within.Duration, anchor, zone, calendar);

        // A working-day count always ends on a working day, so the rule has nothing to relax
        // (the language warns COC2031 about writing it there).
        return within.NextWorkingDayAt is { } at && within.Duration.Unit != DurationUnit.WorkingDays
            ? NextWorkingDayRule(due, anchor, ParseTimeOfDay(at), zone, calendar)
            : due;
    }

    private static Instant Forward(Duration duration, AnchorPoint anchor, DateTimeZone zone, IWorkingCalendar calendar)
    {
        var amount = Amount(duration);
        return duration.Unit switch
        {
            DurationUnit.Hours => anchor.StartIn(zone) + Elapsed.FromHours(amount),
            DurationUnit.Days or DurationUnit.Weeks => anchor switch
            {
                MomentAnchor moment => moment.Instant.InZone(zone).LocalDateTime
                    .PlusDays(Days(duration))
                    .InZone(zone, Resolvers.LenientResolver)
                    .ToInstant(),
                _ => zone.AtStartOfDay(anchor.DateIn(zone).PlusDays(Days(duration))).ToInstant(),
            },
            DurationUnit.WorkingDays => EndOf(calendar.Forward(anchor.DateIn(zone), amount), zone),
            _ => throw UnknownUnit(duration),
        };
    }

    /// <summary>
    /// "Or by HH:mm next working day", following the guidance's words "if a weekend or public holiday
    /// falls within the period": if every day the period touches, from the anchor's day to the day of
    /// the due time, is a working day, the due time stands. Otherwise the deadline is HH:mm on the
    /// first working day after the last non-working day in the period — which can be earlier than
    /// the due time (a period starting on a Sunday ends at 09:00 on Monday).
    /// </summary>
    private static Instant NextWorkingDayRule(Instant due, AnchorPoint anchor, LocalTime at, DateTimeZone zone, IWorkingCalendar calendar)
    {
        var first = anchor.DateIn(zone);

        // A due time at exactly midnight ends the day before: no part of the period is on its own day.
        var last = (due - Elapsed.Epsilon).InZone(zone).Date;
        for (var day = last; day >= first; day = day.PlusDays(-1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                return calendar.NextAfter(day).At(at).InZone(zone, Resolvers.LenientResolver).ToInstant();
            }
        }

        return due;
    }

    /// <summary>
    /// "N before a date", counted back from the date D in the field (a date-time field's day in the zone).
    /// Days and weeks go back N calendar days, and if that day is not a working day, to the working day
    /// before it; working days go to the N-th working day before D. Either way the deadline is the end
    /// of the day reached. Hours are elapsed time back from the field's moment (a date's start).
    /// </summary>
    private static Instant BeforeDate(Duration duration, AnchorPoint anchor, DateTimeZone zone, IWorkingCalendar calendar)
    {
        var amount = Amount(duration);
        var date = anchor.DateIn(zone);
        return duration.Unit switch
        {
            DurationUnit.Hours => anchor.StartIn(zone) - Elapsed.FromHours(amount),
            DurationUnit.Days or DurationUnit.Weeks => EndOf(calendar.OnOrBefore(date.PlusDays(-Days(duration))), zone),
            DurationUnit.WorkingDays => EndOf(calendar.Back(date, amount), zone),
            _ => throw UnknownUnit(duration),
        };
    }

    private static Instant EndOf(LocalDate date, DateTimeZone zone) => zone.AtStartOfDay(date.PlusDays(1)).ToInstant();

    private static int Amount(Duration duration) =>
        duration.Amount >= 1
            ? duration.Amount
            : throw new ArgumentOutOfRangeException(nameof(duration), duration.Amount, "A deadline's amount is a whole number from 1 upwards.");

    private static int Days(Duration duration) => duration.Unit == DurationUnit.Weeks ? checked(duration.Amount * 7) : duration.Amount;

    private static LocalTime ParseTimeOfDay(string text) =>
        TimeOfDay.Parse(text) is { Success: true } parsed
            ? parsed.Value
            : throw new ArgumentException($"'{text}' is not a time of day in the form HH:mm.", nameof(text));

    private static ArgumentException UnknownUnit(Duration duration) =>
        new($"Unknown unit of time: {duration.Unit}.", nameof(duration));

    /// <summary>A calendar that notes whether any day it was asked about was projected rather than published.</summary>
    private sealed class Watched(IWorkingCalendar calendar) : IWorkingCalendar
    {
        public bool ReadProjectedDay { get; private set; }

        public string Name => calendar.Name;

        public LocalDate FirstDate => calendar.FirstDate;

        public LocalDate LastDate => calendar.LastDate;

        public bool HasRules => calendar.HasRules;

        public bool IsProjected(LocalDate date) => calendar.IsProjected(date);

        public bool IsWorkingDay(LocalDate date)
        {
            // A Saturday or Sunday is never a working day, whatever is published later.
            ReadProjectedDay |= date.DayOfWeek is not (IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) && calendar.IsProjected(date);
            return calendar.IsWorkingDay(date);
        }
    }
}

/// <summary>
/// A due time, and whether it is provisional: it rests on a day of a year whose bank holidays are
/// projected by rule, so a one-off holiday published later could move it.
/// </summary>
public readonly record struct DueTime(Instant At, bool Provisional);
