using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Model;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>
/// Deadlines years ahead are counted by rule and marked provisional; a calendar that cannot count a
/// date refuses the change and names what it counts from, and a timer that cannot fire is recorded
/// on its case once.
/// </summary>
public sealed class ProvisionalDeadlineTests
{
    private const string Pathway = """
        pathway calendars
          title "Calendars"
          partnership "Testshire (fictional)"
          calendar {0}

        agency prison "Prison team"
        agency community "Community team"

        field release-date: date "Release date"

        start state custody "In custody"
          stage "Custody"
          owner prison
          action plan "Plan the release"
            by prison 6 weeks before release-date
          on release-date-set with release-date
          after 2 days -> released

        state released "Released"
          stage "Community"
          owner community
          action pick-up "Report the pick-up"
            by community within 5 working days
          on engaged by community -> done

        final state done "Engaged"
          stage "Community"
          owner community
          outcome continuity-achieved
        """;

    /// <summary>A made-up calendar with published days for 2026 only and no rules, beside the three divisions.</summary>
    private static readonly CalendarSource WithIsleOfMan = new(BankHolidayFile.Parse(
        """{"isle-of-man": {"division": "isle-of-man", "events": [{"title": "Tynwald Day", "date": "2026-07-06"}]}}""", "isle-of-man.json"));

    [Theory]
    [InlineData("england-and-wales")]
    [InlineData("scotland")]
    [InlineData("northern-ireland")]
    public async Task AReleaseDateYearsAheadIsAcceptedAndItsDeadlineIsProvisional(string calendar)
    {
        var h = ForText(string.Format(System.Globalization.CultureInfo.InvariantCulture, Pathway, calendar), "2026-06-01 09:00");
        var instance = await h.StartAsync("prison");

        instance = await h.RaiseAsync(instance, "release-date-set", "prison", ("release-date", "2035-03-01"));

        // Six weeks before Thursday 1 March 2035 is Thursday 18 January 2035, a working day by rule.
        var plan = await h.ActionAsync(instance, "plan");
        Assert.Equal(("plan prison Open due 2035-01-19 00:00", true), (Describe(plan), plan.DueProvisional));
        Assert.Contains(await h.Store.GetPendingTimersAsync(instance.Id), t => t.Target == new ActionDeadlineTarget(plan.Id) && t.DueProvisional);
    }

    [Fact]
    public async Task ADeadlineOnPublishedDaysIsNotProvisionalAndBecomesSoWhenItsDateMovesAhead()
    {
        var h = ForText(string.Format(System.Globalization.CultureInfo.InvariantCulture, Pathway, "england-and-wales"), "2026-06-01 09:00");
        var instance = await h.StartAsync("prison");
        instance = await h.RaiseAsync(instance, "release-date-set", "prison", ("release-date", "2026-09-30"));
        var plan = await h.ActionAsync(instance, "plan");
        Assert.Equal(("plan prison Open due 2026-08-20 00:00", false), (Describe(plan), plan.DueProvisional));

        instance = (await h.Runtime.Cases.UpdateFieldsAsync(instance.Id, h.Values(("release-date", "2030-09-30")), Caseworker("prison"))).Instance;

        plan = await h.ActionAsync(instance, "plan");
        Assert.Equal(("plan prison Open due 2030-08-20 00:00", true), (Describe(plan), plan.DueProvisional));
    }

    [Fact]
    public async Task ADateTheCalendarCannotCountIsRefusedNamingTheFieldAndTheDateAndChangesNothing()
    {
        var h = ForText(string.Format(System.Globalization.CultureInfo.InvariantCulture, Pathway, "isle-of-man"), "2026-06-01 09:00", WithIsleOfMan);
        var instance = await h.StartAsync("prison");

        var refused = await Assert.ThrowsAsync<CalendarCannotCountException>(() =>
            h.RaiseAsync(instance, "release-date-set", "prison", ("release-date", "2028-03-01")));

        Assert.Equal(("release-date", new NodaTime.LocalDate(2028, 3, 1)), (refused.Field, refused.Date));
        Assert.Equal(
            "A due time counted from field 'release-date' (2028-03-01) on the 'isle-of-man' calendar cannot be worked out: " +
            "Cannot tell whether 2028-01-19 is a working day: bank holidays for isle-of-man are published for 2026 and no rules are known for it; " +
            "import a bank-holidays.json that covers 2028.",
            refused.Message);
        Assert.Equal(instance.Version, (await h.ReloadAsync(instance)).Version);
    }

    [Fact]
    public async Task ATimerThatCannotFireIsRecordedOnItsCaseOnceAndNotTriedAgain()
    {
        // The timer moves the case on on Wednesday 30 December 2026; the pick-up deadline would need
        // working days of 2027, which this calendar cannot count.
        var h = ForText(string.Format(System.Globalization.CultureInfo.InvariantCulture, Pathway, "isle-of-man"), "2026-12-28 10:00", WithIsleOfMan);
        var instance = await h.StartAsync("prison");

        h.Clock.Set(At("2026-12-30 10:00"));
        var first = await h.Runtime.Timers.FireDueAsync();
        h.Clock.Set(At("2026-12-30 10:05"));
        var second = await h.Runtime.Timers.FireDueAsync();

        Assert.Equal((0, 1), (first.Fired, first.Failures.Count));
        Assert.Equal((0, 0), (second.Fired, second.Failures.Count));
        Assert.Null(await h.Store.GetNextDueAsync());
        var failed = Assert.Single(await h.HistoryOfAsync<TimerFailed>(instance));
        Assert.Equal(("custody", "timer", "2026-12-30 10:00"), (failed.State, failed.What, Local(failed.DueAt)));
        Assert.Equal(
            "The timer in 'custody' came due but could not fire: A due time counted from entering state 'released' (2026-12-30) on the 'isle-of-man' calendar cannot be worked out: " +
            "Cannot tell whether 2027-01-01 is a working day: bank holidays for isle-of-man are published for 2026 and no rules are known for it; import a bank-holidays.json that covers 2027.",
            failed.Describe());
        Assert.Equal("custody", (await h.ReloadAsync(instance)).State);
    }
}
