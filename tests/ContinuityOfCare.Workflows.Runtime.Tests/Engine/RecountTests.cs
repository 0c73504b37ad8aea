using System.Text.Json;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Model;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>Importing newer bank holidays moves exactly the pending deadlines and timers they change, and says why on each case.</summary>
public sealed class RecountTests
{
    private const string Pathway = """
        pathway recount
          title "Recount"
          partnership "Testshire (fictional)"
          calendar england-and-wales

        agency prison "Prison team"

        field release-date: date "Release date"

        start state custody "In custody"
          stage "Custody"
          owner prison
          action plan "Plan the release"
            by prison 6 weeks before release-date
          on release-date-set with release-date
          after 3 working days of release-date -> late

        final state late "Late"
          stage "Custody"
          owner prison
          outcome not-engaged
        """;

    /// <summary>GOV.UK's England and Wales file for 2028 as the rules give it, with a made-up one-off holiday on Wednesday 3 May 2028.</summary>
    private static BankHolidayFile Published2028WithAOneOff()
    {
        var events = BankHolidayRules.For(BankHolidayRules.EnglandAndWales, 2028)
            .Select(h => new { title = h.Title, date = h.Date.ToString("yyyy-MM-dd", null), notes = h.Notes, bunting = h.Bunting })
            .Append(new { title = "A one-off bank holiday (made up)", date = "2028-05-03", notes = "", bunting = true });
        return BankHolidayFile.Parse(
            JsonSerializer.Serialize(new Dictionary<string, object> { ["england-and-wales"] = new { division = "england-and-wales", events } }),
            "bank-holidays.json");
    }

    [Fact]
    public async Task AnImportThatAddsAOneOffHolidayMovesOnlyTheDeadlinesOnItAndRecordsWhy()
    {
        var h = ForText(Pathway, "2026-06-01 09:00");
        // Six weeks before Wednesday 14 June 2028 is Wednesday 3 May; six weeks before 13 September is 2 August.
        var onTheDay = await h.RaiseAsync(await h.StartAsync("prison"), "release-date-set", "prison", ("release-date", "2028-06-14"));
        var elsewhere = await h.RaiseAsync(await h.StartAsync("prison"), "release-date-set", "prison", ("release-date", "2028-09-13"));
        Assert.Equal(("plan prison Open due 2028-05-04 00:00", true), (Describe(await h.ActionAsync(onTheDay, "plan")), (await h.ActionAsync(onTheDay, "plan")).DueProvisional));

        var after = new CalendarSource(Published2028WithAOneOff());
        var reasons = BankHolidayChanges.Between(CalendarSource.Default, after);
        var report = await h.WithCalendars(after).Runtime.Recount.RecountAsync(reasons);

        Assert.Equal(new Dictionary<string, string> { ["england-and-wales"] = "bank holidays for 2028 published" }, reasons);
        Assert.Equal(2, report.CasesChecked);
        Assert.Equal((onTheDay.Id, 1), (Assert.Single(report.Cases).InstanceId, report.Moved));

        // The one-off day is not a working day: the deadline is the end of the working day before it.
        var moved = await h.ActionAsync(onTheDay, "plan");
        Assert.Equal(("plan prison Open due 2028-05-03 00:00", false), (Describe(moved), moved.DueProvisional));
        var line = Assert.Single(await h.HistoryOfAsync<DeadlineRecounted>(onTheDay));
        Assert.Equal(("2028-05-04 00:00", "2028-05-03 00:00"), (Local(line.OldDueAt), Local(line.NewDueAt)));
        Assert.Equal("Deadline for 'plan' moved: bank holidays for 2028 published.", line.Describe());
        Assert.Contains(await h.Store.GetPendingTimersAsync(onTheDay.Id), t => t.Target == new ActionDeadlineTarget(moved.Id) && Local(t.DueAt) == "2028-05-03 00:00" && !t.DueProvisional);

        // The other case's due times did not move; they are official now, and its history says nothing.
        var kept = await h.ActionAsync(elsewhere, "plan");
        Assert.Equal(("plan prison Open due 2028-08-03 00:00", false), (Describe(kept), kept.DueProvisional));
        Assert.Empty(await h.HistoryOfAsync<DeadlineRecounted>(elsewhere));
        Assert.Empty(await h.HistoryOfAsync<TimerRecounted>(elsewhere));
        Assert.All(await h.Store.GetPendingTimersAsync(elsewhere.Id), t => Assert.False(t.DueProvisional));
    }

    [Fact]
    public async Task AStateTimerOnTheOneOffDayMovesWithAHistoryLine()
    {
        var h = ForText(Pathway, "2026-06-01 09:00");
        // Three working days after Friday 28 April 2028: 1 May is the early May bank holiday, so 2, 3 and 4 May; with 3 May a holiday, 2, 4 and 5 May.
        var instance = await h.RaiseAsync(await h.StartAsync("prison"), "release-date-set", "prison", ("release-date", "2028-04-28"));
        Assert.Equal("2028-05-05 00:00", Local(Assert.Single(await h.Store.GetPendingTimersAsync(instance.Id), t => t.Kind == TimerKind.StateTimer).DueAt));

        var after = new CalendarSource(Published2028WithAOneOff());
        await h.WithCalendars(after).Runtime.Recount.RecountAsync(BankHolidayChanges.Between(CalendarSource.Default, after));

        Assert.Equal("2028-05-06 00:00", Local(Assert.Single(await h.Store.GetPendingTimersAsync(instance.Id), t => t.Kind == TimerKind.StateTimer).DueAt));
        var line = Assert.Single(await h.HistoryOfAsync<TimerRecounted>(instance));
        Assert.Equal("Timer to 'late' in 'custody' moved: bank holidays for 2028 published.", line.Describe());
    }

    [Fact]
    public async Task ANewTimerIsRecordedAsSetAndATimerThatFiresSaysTheDueTimeItFiredFor()
    {
        var h = ForText(Pathway, "2026-06-01 09:00");
        // Three working days after Wednesday 10 June 2026: 11, 12 and 15 June.
        var instance = await h.RaiseAsync(await h.StartAsync("prison"), "release-date-set", "prison", ("release-date", "2026-06-10"));

        var set = Assert.Single(await h.HistoryOfAsync<TimerSet>(instance));
        Assert.Equal(("late", "2026-06-16 00:00"), (set.Target, Local(set.DueAt)));
        Assert.Empty(await h.HistoryOfAsync<TimerRescheduled>(instance));

        await h.RunUntilAsync("2026-06-17 09:00");

        var taken = Assert.Single(await h.HistoryOfAsync<TimerTaken>(instance));
        Assert.Equal(
            "Timer 'after 3 working days of release-date' in 'custody', due by the end of Monday 15 June 2026, moved the case to 'late'.",
            taken.Describe(London));
    }

    [Fact]
    public void TheReasonSaysWhichYearsWerePublishedRevisedOrWithdrawn()
    {
        var published = new CalendarSource(Published2028WithAOneOff());
        var revised = new CalendarSource(BankHolidayFile.Parse(
            """{"scotland": {"division": "scotland", "events": [{"title": "New Year’s Day", "date": "2027-01-01"}]}}""", "revised.json"));

        Assert.Equal(new Dictionary<string, string> { ["scotland"] = "bank holidays for 2027 revised" }, BankHolidayChanges.Between(CalendarSource.Default, revised));
        Assert.Equal(
            new Dictionary<string, string> { ["england-and-wales"] = "bank holidays for 2028 no longer published, so it is counted by rule" },
            BankHolidayChanges.Between(published, CalendarSource.Default));
        Assert.Empty(BankHolidayChanges.Between(CalendarSource.Default, new CalendarSource(null)));
    }
}
