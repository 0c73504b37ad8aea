
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>
/// Fictional prisoners taken along every route of the shipped national pathway under a fake clock,
/// with the exact due times the deadline rules give (all times are London local times). The same
/// scenarios run on every store: in memory here, and on SQLite and PostgreSQL in the persistence tests.
/// </summary>
public abstract class NationalPathwayScenarios
{
    private const string National = "national/custody-to-community";

    /// <summary>A fresh, empty store for one scenario.</summary>
    protected abstract Task<IRuntimeStore> NewStoreAsync();

    private async Task<Harness> ShippedAsync(string startsAt) => ForShipped(National, startsAt, await NewStoreAsync());

    [Fact]
    public async Task FromCourtThroughReleaseToTreatmentWithinTwentyOneDays()
    {
        var h = await ShippedAsync("2026-06-10 10:00");

        // Process point 0: the CJIT opens the case; the DIR is due in 24 hours (a working day, so no 09:00 rule).
        var instance = await h.StartAsync("cjit");
        Assert.Equal("sent-to-prison", instance.State);
        Assert.Equal("send-dir cjit Open due 2026-06-11 10:00", Describe(await h.ActionAsync(instance, "send-dir")));
        await h.RunUntilAsync("2026-06-10 15:00");
        instance = (await h.Runtime.Cases.CompleteActionAsync(instance.Id, (await h.ActionAsync(instance, "send-dir")).Id, Caseworker("cjit"))).Instance;
        Assert.Equal(ActionStatus.Done, (await h.ActionAsync(instance, "send-dir")).Status);

        // Points 1, 3 and 4: arrival from court, screening, assessment.
        await h.RunUntilAsync("2026-06-10 16:00");
        instance = await h.RaiseAsync(instance, "arrived", "healthcare", ("prison", "HMP Northgate (fictional)"));
        instance = await h.RaiseAsync(instance, "origin-recorded", "healthcare", ("origin", "community"));
        Assert.Equal("screening", instance.State);
        instance = await h.RaiseAsync(instance, "screened", "healthcare", ("priority-offender", "yes"), ("problematic-drug-use", "yes"));
        Assert.Equal("arrived-from-community", instance.State);
        Assert.Equal("cjit-sends-dir cjit Open due 2026-06-11 16:00", Describe(await h.ActionAsync(instance, "cjit-sends-dir")));
        Assert.Equal("clinical-assessment healthcare Open due 2026-06-11 16:00", Describe(await h.ActionAsync(instance, "clinical-assessment")));
        Assert.Equal("triage carats Open due none", Describe(await h.ActionAsync(instance, "triage")));
        Assert.Equal("care-plan carats Open due 2026-06-15 16:00", Describe(await h.ActionAsync(instance, "care-plan")));

        // The triage deadline waits for the referral, then counts three days from it.
        await h.RunUntilAsync("2026-06-11 09:00");
        instance = await h.RaiseAsync(instance, "referred-to-carats", "healthcare");
        Assert.Equal("triage carats Open due 2026-06-14 09:00", Describe(await h.ActionAsync(instance, "triage")));
        Assert.Contains(await h.HistoryOfAsync<DeadlineSet>(instance), d => d.ActionId == "triage" && Local(d.DueAt) == "2026-06-14 09:00");

        // No DIR from the CJIT within 24 hours: the escalation raises dir-not-received, which tells
        // healthcare and the CARAT team to open a new DIR.
        await h.RunUntilAsync("2026-06-11 17:00");
        var dir = await h.ActionAsync(instance, "cjit-sends-dir");
        Assert.Equal(ActionStatus.Breached, dir.Status);
        Assert.Equal("2026-06-11 16:00", Local(dir.BreachedAt));
        Assert.Single(await h.HistoryOfAsync<DeadlineBreached>(instance), b => b.ActionId == "cjit-sends-dir");
        Assert.Contains(await h.HistoryOfAsync<EventRecorded>(instance), e => e.Event == "dir-not-received");
        var outbox = await h.Runtime.Queries.GetNotificationsAsync(instance.Id);
        Assert.Equal(["carats", "healthcare"], outbox.Where(m => m.Template == "dir-missing").Select(m => m.RecipientAgency).Order());
        Assert.Contains(outbox, m => m.Template == "deadline-missed" && m.RecipientAgency == "healthcare");

        // Point 5 and 6: care plan done, release date known, release planning due 6 weeks before.
        await h.RunUntilAsync("2026-06-12 11:00");
        instance = await h.RaiseAsync(instance, "care-plan-completed", "carats");
        Assert.Equal("main-prison", instance.State);
        Assert.Equal(ActionStatus.Cancelled, (await h.ActionAsync(instance, "triage")).Status);
        instance = await h.RaiseAsync(instance, "release-date-set", "carats", ("release-date", "2026-09-16"), ("key-worker", "Sam Keyworker (fictional)"));
        Assert.Equal("ongoing-care", instance.State);
        Assert.Equal("start-release-planning carats Open due 2026-08-06 00:00", Describe(await h.ActionAsync(instance, "start-release-planning")));

        // The release date changes: the deadline moves with it, and the move is in the history.
        instance = await h.RaiseAsync(instance, "release-date-changed", "carats", ("release-date", "2026-09-30"));
        Assert.Equal("start-release-planning carats Open due 2026-08-20 00:00", Describe(await h.ActionAsync(instance, "start-release-planning")));
        var moved = Assert.Single(await h.HistoryOfAsync<DeadlineMoved>(instance));
        Assert.Equal(("start-release-planning", "2026-08-06 00:00", "2026-08-20 00:00", "release-date"), (moved.ActionId, Local(moved.OldDueAt), Local(moved.NewDueAt), moved.Because));

        // Point 7: pre-release planning.
        await h.RunUntilAsync("2026-08-03 10:00");
        instance = await h.RaiseAsync(instance, "release-planning-started", "carats");
        Assert.Equal("pre-release", instance.State);
        Assert.Equal(ActionStatus.Cancelled, (await h.ActionAsync(instance, "start-release-planning")).Status);
        Assert.Equal("agree-release-plan carats Open due 2026-08-20 00:00", Describe(await h.ActionAsync(instance, "agree-release-plan")));
        Assert.Equal("refer-to-treatment cjit Open due 2026-10-01 00:00", Describe(await h.ActionAsync(instance, "refer-to-treatment")));
        await h.RunUntilAsync("2026-08-10 12:00");
        instance = await h.RaiseAsync(instance, "release-plan-agreed", "carats", ("release-plan", "Hostel place, benefits claim, prescribing continued"), ("cjit-case-worker", "Jo Caseworker (fictional)"));
        instance = (await h.Runtime.Cases.CompleteActionAsync(instance.Id, (await h.ActionAsync(instance, "agree-release-plan")).Id, Caseworker("carats"))).Instance;
        Assert.Equal(ActionStatus.Done, (await h.ActionAsync(instance, "agree-release-plan")).Status);

        // Point 9: released on Wednesday 30 September; contact due at the end of the fifth working day.
        await h.RunUntilAsync("2026-09-30 09:30");
        instance = await h.RaiseAsync(instance, "released", "carats", ("release-date", "2026-09-30"));
        Assert.Equal("released-to-community", instance.State);
        Assert.Equal("report-contact cjit Open due 2026-10-08 00:00", Describe(await h.ActionAsync(instance, "report-contact")));
        var timers = await h.Store.GetPendingTimersAsync(instance.Id);
        Assert.Contains(timers, t => t.Kind == TimerKind.StateTimer && Local(t.DueAt) == "2026-10-21 09:30");

        // Referral, appointment, attendance and treatment within 21 days.
        await h.RunUntilAsync("2026-10-02 10:00");
        instance = await h.RaiseAsync(instance, "referral-received", "treatment", ("treatment-service", "Northgate Recovery Service (fictional)"));
        instance = await h.RaiseAsync(instance, "appointment-offered", "treatment", ("appointment-at", "2026-10-06T14:00"));
        Assert.Equal("appointment-booked", instance.State);
        await h.RunUntilAsync("2026-10-06 15:00");
        instance = await h.RaiseAsync(instance, "attended", "treatment");
        await h.RunUntilAsync("2026-10-13 10:00");
        instance = await h.RaiseAsync(instance, "treatment-started", "treatment");

        Assert.Equal("engaged", instance.State);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("continuity-achieved", instance.Outcome);
        await h.RunUntilAsync("2026-11-30 00:00");
        Assert.Equal("engaged", (await h.ReloadAsync(instance)).State);
        Assert.Empty(await h.Store.GetPendingTimersAsync(instance.Id));
    }

    [Fact]
    public async Task ReleasedDidNotAttendFollowedUpAndNotEngagedAfterTwentyOneDays()
    {
        var h = await ShippedAsync("2026-09-01 09:00");
        var instance = await ToOngoingCareAsync(h, releaseDate: "2026-10-08");

        await h.RunUntilAsync("2026-10-08 11:00");
        instance = await h.RaiseAsync(instance, "released", "carats", ("release-date", "2026-10-08"));
        Assert.Equal("report-contact cjit Open due 2026-10-16 00:00", Describe(await h.ActionAsync(instance, "report-contact")));

        await h.RunUntilAsync("2026-10-10 10:00");
        instance = await h.RaiseAsync(instance, "referral-received", "treatment", ("treatment-service", "Northgate Recovery Service (fictional)"));
        instance = await h.RaiseAsync(instance, "appointment-offered", "treatment", ("appointment-at", "2026-10-13T10:00"));
        await h.RunUntilAsync("2026-10-13 12:00");
        instance = await h.RaiseAsync(instance, "did-not-attend", "treatment");
        Assert.Equal("missed-appointment", instance.State);

        // The CJIT's contact report was never made: breached at the end of the fifth working day.
        await h.RunUntilAsync("2026-10-17 09:00");
        var report = await h.ActionAsync(instance, "report-contact");
        Assert.Equal(ActionStatus.Cancelled, report.Status);

        // Released Thursday 8 October 11:00 BST; 21 days later is Thursday 29 October 11:00 GMT.
        await h.RunUntilAsync("2026-10-30 00:00");
        instance = await h.ReloadAsync(instance);
        Assert.Equal("not-engaged", instance.State);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("2026-10-29 11:00", Local(instance.EndedAt));
        var notices = (await h.Runtime.Queries.GetNotificationsAsync(instance.Id)).Where(m => m.Template == "not-engaged-notice").Select(m => m.RecipientAgency);
        Assert.Equal(["carats", "cjit", "probation"], notices.Order());
    }

    [Fact]
    public async Task TheContactReportIsBreachedOnceAtTheEndOfTheFifthWorkingDay()
    {
        var h = await ShippedAsync("2026-09-01 09:00");
        var instance = await ToOngoingCareAsync(h, releaseDate: "2026-10-08");
        await h.RunUntilAsync("2026-10-08 11:00");
        instance = await h.RaiseAsync(instance, "released", "carats", ("release-date", "2026-10-08"));

        await h.RunUntilAsync("2026-10-16 08:00");
        Assert.Equal(0, (await h.Runtime.Timers.FireDueAsync()).Fired);
        Assert.Equal(0, (await h.Runtime.Timers.FireDueAsync()).Fired);

        var report = await h.ActionAsync(instance, "report-contact");
        Assert.Equal(ActionStatus.Breached, report.Status);
        Assert.Equal("2026-10-16 00:00", Local(report.BreachedAt));
        Assert.Single(await h.HistoryOfAsync<DeadlineBreached>(instance), b => b.ActionId == "report-contact");
        var escalations = (await h.Runtime.Queries.GetNotificationsAsync(instance.Id))
            .Where(m => m.Template == "deadline-missed" && Local(m.CreatedAt) == "2026-10-16 00:00")
            .ToList();
        Assert.Equal(["carats", "cjit"], escalations.Select(m => m.RecipientAgency).Order());

        // Done after the breach: late, not done.
        instance = (await h.Runtime.Cases.CompleteActionAsync(instance.Id, report.Id, Caseworker("cjit"))).Instance;
        Assert.Equal(ActionStatus.Late, (await h.ActionAsync(instance, "report-contact")).Status);
    }

    [Fact]
    public async Task TransferInThenScreenedOutLeavesThePathway()
    {
        var h = await ShippedAsync("2026-03-28 14:00");
        var instance = await h.StartAsync("healthcare");
        instance = await h.RaiseAsync(instance, "arrived", "healthcare", ("prison", "HMP Northgate (fictional)"));
        instance = await h.RaiseAsync(instance, "origin-recorded", "healthcare", ("origin", "another-prison"));
        Assert.Equal("transfer-in", instance.State);

        // 24 hours across the spring clock change: 15:00 BST on the Sunday.
        Assert.Equal("clinical-assessment healthcare Open due 2026-03-29 15:00", Describe(await h.ActionAsync(instance, "clinical-assessment")));

        // The CARAT file is requested the day before Good Friday: 24 hours would end on Good Friday,
        // so it is due at 09:00 on the Tuesday after Easter Monday.
        await h.RunUntilAsync("2026-04-02 11:00");
        instance = await h.RaiseAsync(instance, "case-file-requested", "carats");
        Assert.Equal("send-case-file other-prison-team Open due 2026-04-07 09:00", Describe(await h.ActionAsync(instance, "send-case-file")));
        Assert.Single(await h.Runtime.Queries.GetNotificationsAsync(instance.Id), m => m.Template == "request-case-file");

        instance = await h.RaiseAsync(instance, "no-treatment-need", "healthcare");
        Assert.Equal("screened-out", instance.State);
        Assert.Equal(InstanceStatus.LeftPathway, instance.Status);
        Assert.Equal("left-pathway", instance.Outcome);
        Assert.All((await h.Store.GetActionsAsync(instance.Id)).Where(a => a.State == "transfer-in"), a => Assert.NotEqual(ActionStatus.Open, a.Status));
        Assert.Empty(await h.Store.GetPendingTimersAsync(instance.Id));
    }

    [Fact]
    public async Task ScreeningWithNoFlagEndsTheCase()
    {
        var h = await ShippedAsync("2026-06-10 10:00");
        var instance = await h.StartAsync("healthcare");
        instance = await h.RaiseAsync(instance, "arrived", "healthcare", ("prison", "HMP Northgate (fictional)"));
        instance = await h.RaiseAsync(instance, "origin-recorded", "healthcare", ("origin", "community"));
        instance = await h.RaiseAsync(instance, "screened", "healthcare", ("priority-offender", "no"), ("problematic-drug-use", "no"));

        Assert.Equal("screened-out", instance.State);
        Assert.Equal(InstanceStatus.LeftPathway, instance.Status);
    }

    [Fact]
    public async Task TransferOutClosesTheCaseAndTellsTheReceivingTeam()
    {
        var h = await ShippedAsync("2026-06-01 09:00");
        var instance = await ToOngoingCareAsync(h, releaseDate: "2027-01-15");

        await h.RunUntilAsync("2026-06-22 10:00");
        instance = await h.RaiseAsync(instance, "transfer-due", "carats", ("receiving-prison", "HMP Southmoor (fictional)"), ("transfer-date", "2026-06-26"));
        Assert.Equal("transfer-out", instance.State);
        Assert.Equal("record-transfer carats Open due 2026-06-27 00:00", Describe(await h.ActionAsync(instance, "record-transfer")));

        instance = await h.RaiseAsync(instance, "transfer-date-changed", "carats", ("transfer-date", "2026-06-29"));
        Assert.Equal("record-transfer carats Open due 2026-06-30 00:00", Describe(await h.ActionAsync(instance, "record-transfer")));

        await h.RunUntilAsync("2026-06-29 08:30");
        instance = await h.RaiseAsync(instance, "transferred", "carats");
        Assert.Equal("transferred-out", instance.State);
        Assert.Equal(InstanceStatus.Completed, instance.Status);
        var alerts = (await h.Runtime.Queries.GetNotificationsAsync(instance.Id)).Where(m => m.Template == "alert-transfer").Select(m => m.RecipientAgency);
        Assert.Equal(["cjit", "other-prison-team"], alerts.Order());
    }

    [Theory]
    [InlineData("sent-to-new-prison", "transferred-out")]
    [InlineData("returned-from-court", "back-from-court")]
    [InlineData("released-with-worker", "released-at-court-with-worker")]
    [InlineData("released-without-worker", "released-at-court")]
    public async Task EachCourtOutcomeLeadsWhereTheGuidanceSays(string outcome, string expectedState)
    {
        var h = await ShippedAsync("2026-06-01 09:00");
        var instance = await ToOngoingCareAsync(h, releaseDate: "2027-01-15");
        instance = await h.RaiseAsync(instance, "court-appearance-due", "carats", ("court", "Northgate Crown Court (fictional)"), ("court-date", "2026-06-12"));
        Assert.Equal("court-transfer", instance.State);
        Assert.Equal("records-travel healthcare Open due 2026-06-13 00:00", Describe(await h.ActionAsync(instance, "records-travel")));

        await h.RunUntilAsync("2026-06-12 15:00");
        instance = outcome switch
        {
            "sent-to-new-prison" => await h.RaiseAsync(instance, "sent-to-new-prison", "carats", ("receiving-prison", "HMP Southmoor (fictional)")),
            "returned-from-court" => await h.RaiseAsync(instance, "returned-from-court", "carats"),
            "released-with-worker" => await h.RaiseAsync(instance, "released", "cjit", ("cjit-court-worker", "yes")),
            _ => await h.RaiseAsync(instance, "released", "carats", ("cjit-court-worker", "no")),
        };
        Assert.Equal(expectedState, instance.State);

        switch (expectedState)
        {
            case "back-from-court":
                instance = await h.RaiseAsync(instance, "care-resumed", "carats");
                Assert.Equal("ongoing-care", instance.State);
                Assert.Equal("start-release-planning carats Open due 2026-12-05 00:00", Describe(await h.ActionAsync(instance, "start-release-planning")));
                break;
            case "released-at-court-with-worker":
                Assert.Equal("phone-prison-team cjit Open due 2026-06-13 15:00", Describe(await h.ActionAsync(instance, "phone-prison-team")));
                break;
            case "released-at-court":
                // The prison closes its side within 7 days; if it does not, the CARAT team is told, once.
                Assert.Equal("close-prison-case carats Open due 2026-06-19 15:00", Describe(await h.ActionAsync(instance, "close-prison-case")));
                await h.RunUntilAsync("2026-06-20 09:00");
                Assert.Equal(ActionStatus.Breached, (await h.ActionAsync(instance, "close-prison-case")).Status);
                Assert.Single(await h.Runtime.Queries.GetNotificationsAsync(instance.Id), m => m.Template == "deadline-missed");

                // 21 days after release at court the case closes as not engaged.
                await h.RunUntilAsync("2026-07-04 09:00");
                Assert.Equal("not-engaged", (await h.ReloadAsync(instance)).State);
                break;
        }
    }

    [Fact]
    public async Task DeathInTheMainPrisonEndsTheCase()
    {
        var h = await ShippedAsync("2026-06-10 10:00");
        var instance = await ToMainPrisonAsync(h);

        instance = await h.RaiseAsync(instance, "died", "carats");

        Assert.Equal(InstanceStatus.Completed, instance.Status);
        Assert.Equal("died", instance.Outcome);
        Assert.Single(await h.Runtime.Queries.GetNotificationsAsync(instance.Id), m => m.Template == "alert-change" && m.RecipientAgency == "cjit");
    }

    /// <summary>From opening to the main prison by the transfer-in route, recording what each step asks.</summary>
    internal static async Task<PathwayInstance> ToMainPrisonAsync(Harness h)
    {
        var instance = await h.StartAsync("healthcare");
        instance = await h.RaiseAsync(instance, "arrived", "healthcare", ("prison", "HMP Northgate (fictional)"));
        instance = await h.RaiseAsync(instance, "origin-recorded", "healthcare", ("origin", "another-prison"));
        instance = await h.RaiseAsync(instance, "carats-engaged", "carats");
        Assert.Equal("main-prison", instance.State);
        return instance;
    }

    internal static async Task<PathwayInstance> ToOngoingCareAsync(Harness h, string releaseDate)
    {
        var instance = await ToMainPrisonAsync(h);
        instance = await h.RaiseAsync(instance, "release-date-set", "carats", ("release-date", releaseDate), ("key-worker", "Sam Keyworker (fictional)"));
        Assert.Equal("ongoing-care", instance.State);
        return instance;
    }
}
