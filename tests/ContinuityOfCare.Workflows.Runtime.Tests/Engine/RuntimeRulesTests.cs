using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>The runtime's rules on a small pathway made to exercise them: refusals, permissions, guards, consent, deadlines.</summary>
public class RuntimeRulesTests
{
    private const string Pathway = RulesPathway.Text;

    private static Harness New(string at = "2026-06-01 09:00") => ForText(Pathway, at);

    [Fact]
    public async Task AnEventThatCannotHappenHereIsRefusedWithTheEventsThatCan()
    {
        var h = New();
        var instance = await h.StartAsync("prison");

        var refused = await Assert.ThrowsAsync<EventRefusedException>(() => h.RaiseAsync(instance, "treatment-started", "prison"));

        Assert.Equal(["release-date-set", "scored", "noted", "told-community", "urgent", "render-fails", "released"], refused.PossibleEvents);
        Assert.Contains("'treatment-started' cannot be recorded while the case is at 'In custody'", refused.Message, StringComparison.Ordinal);
        Assert.Equal(instance, await h.ReloadAsync(instance));
    }

    [Fact]
    public async Task OnlyTheOwnerOrTheNamedAgenciesMayRecordAnEvent()
    {
        var h = New();
        var instance = await h.StartAsync("prison");

        var forbidden = await Assert.ThrowsAsync<ForbiddenException>(() => h.RaiseAsync(instance, "scored", "community", ("score", "12")));

        Assert.Equal("Only prison may record 'scored' at 'In custody'.", forbidden.Message);
        instance = await h.RaiseAsync(instance, "released", "community");
        Assert.Equal("out", instance.State);
    }

    [Fact]
    public async Task TheValuesAnEventAsksForAreRequiredTypedAndTheOnlyOnesAccepted()
    {
        var h = New();
        var instance = await h.StartAsync("prison");

        var missing = await Assert.ThrowsAsync<FieldValidationException>(() => h.RaiseAsync(instance, "scored", "prison"));
        var extra = await Assert.ThrowsAsync<FieldValidationException>(() => h.RaiseAsync(instance, "scored", "prison", ("score", "4"), ("note", "hello")));
        var wrongType = await Assert.ThrowsAsync<FieldValidationException>(() =>
            h.Runtime.Cases.RaiseEventAsync(instance.Id, "scored", ImmutableDictionary<string, FieldValue>.Empty.Add("score", new TextValue("high")), null, Caseworker("prison")));

        Assert.Equal("'scored' needs a value for this field", missing.Errors["score"]);
        Assert.Equal("'scored' asks only for score", extra.Errors["note"]);
        Assert.Equal("expected a number such as 12 or 12.5", wrongType.Errors["score"]);
        Assert.Equal(0, (await h.HistoryAsync(instance)).Count(e => e.Change is EventRecorded));
    }

    [Theory]
    [InlineData("12", "high")]
    [InlineData("10", "high")]
    [InlineData("9.5", "low")]
    public async Task TheFirstTransitionWhoseConditionHoldsIsTaken(string score, string state)
    {
        var h = New();
        var instance = await h.StartAsync("prison");

        instance = await h.RaiseAsync(instance, "scored", "prison", ("score", score));

        Assert.Equal(state, instance.State);
        Assert.Equal(score, ((NumberValue)instance.Case.Fields["score"]).Number.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task WithoutConsentANoticeToAnotherAgencyIsBlockedAndTheBlockRecorded()
    {
        var h = New();
        var instance = await h.StartAsync("prison", consent: false);

        instance = await h.RaiseAsync(instance, "told-community", "prison");
        var blocked = Assert.Single(await h.HistoryOfAsync<NotificationBlocked>(instance));
        Assert.Equal(("told", "community"), (blocked.Template, blocked.Recipient));
        Assert.Contains("consent", blocked.Reason, StringComparison.Ordinal);
        Assert.Empty(await h.Runtime.Queries.GetNotificationsAsync(instance.Id));

        // Risk of harm: the pathway says this notice goes regardless.
        instance = await h.RaiseAsync(instance, "urgent", "prison");
        Assert.Single(await h.Runtime.Queries.GetNotificationsAsync(instance.Id));

        // Once consent is recorded, ordinary notices go too.
        instance = (await h.Runtime.Cases.SetConsentAsync(instance.Id, true, Caseworker("prison"))).Instance;
        instance = await h.RaiseAsync(instance, "told-community", "prison");
        var sent = await h.Runtime.Queries.GetNotificationsAsync(instance.Id);
        Assert.Equal(2, sent.Count);
        Assert.Equal("Alex Example: told-community", sent[^1].Body.Trim());
        Assert.Single(await h.HistoryOfAsync<ConsentChanged>(instance));
    }

    [Fact]
    public async Task ARenderFailureIsRecordedAndTheEventStillTakesEffect()
    {
        var h = New();
        var instance = await h.StartAsync("prison");

        instance = await h.RaiseAsync(instance, "render-fails", "prison");

        var failure = Assert.Single(await h.HistoryOfAsync<NotificationFailed>(instance));
        Assert.Equal("broken", failure.Template);
        Assert.Contains(await h.HistoryOfAsync<EventRecorded>(instance), e => e.Event == "render-fails");
        Assert.Empty(await h.Runtime.Queries.GetNotificationsAsync(instance.Id));
    }

    [Fact]
    public async Task ABreachIsRecordedOnceHoweverOftenTheSweepRuns()
    {
        var h = New();
        var instance = await h.StartAsync("prison");
        Assert.Equal("check community Open due 2026-06-01 11:00", Describe(await h.ActionAsync(instance, "check")));

        h.Clock.Set(At("2026-06-01 12:00"));
        Assert.Equal(1, (await h.Runtime.Timers.FireDueAsync()).Fired);
        Assert.Equal(0, (await h.Runtime.Timers.FireDueAsync()).Fired);
        Assert.Equal(0, (await h.Runtime.Timers.FireDueAsync()).Fired);

        var check = await h.ActionAsync(instance, "check");
        Assert.Equal(ActionStatus.Breached, check.Status);
        Assert.Equal("2026-06-01 12:00", Local(check.BreachedAt));
        Assert.Single(await h.HistoryOfAsync<DeadlineBreached>(instance));
    }

    [Fact]
    public async Task ChangingTheReleaseDateMovesTheDeadlineAndReopensABreachedAction()
    {
        var h = New();
        var instance = await h.StartAsync("prison");
        Assert.Equal("plan prison Open due none", Describe(await h.ActionAsync(instance, "plan")));

        instance = await h.RaiseAsync(instance, "release-date-set", "prison", ("release-date", "2026-06-10"));
        Assert.Equal("plan prison Open due 2026-05-28 00:00", Describe(await h.ActionAsync(instance, "plan")));

        // Already past: the sweep breaches it and tells the community team.
        await h.RunUntilAsync("2026-06-01 10:00");
        Assert.Equal(ActionStatus.Breached, (await h.ActionAsync(instance, "plan")).Status);
        Assert.Single(await h.Runtime.Queries.GetNotificationsAsync(instance.Id));

        // The release date moves out: the deadline is ahead again, so the action is open again.
        instance = (await h.Runtime.Cases.UpdateFieldsAsync(instance.Id, h.Values(("release-date", "2026-07-01")), Caseworker("prison"))).Instance;
        Assert.Equal("plan prison Open due 2026-06-18 00:00", Describe(await h.ActionAsync(instance, "plan")));
        var moves = await h.HistoryOfAsync<DeadlineMoved>(instance);
        Assert.Equal(["2026-05-28 00:00 -> 2026-06-18 00:00 (release-date)"], moves.Select(m => $"{Local(m.OldDueAt)} -> {Local(m.NewDueAt)} ({m.Because})"));
        Assert.Equal("2026-05-28 00:00", Local(Assert.Single(await h.HistoryOfAsync<DeadlineSet>(instance)).DueAt));
    }

    [Fact]
    public async Task ACancelledCaseStopsItsActionsAndTimersAndAcceptsNothingMore()
    {
        var h = New();
        var instance = await h.StartAsync("prison");

        instance = (await h.Runtime.Cases.CancelAsync(instance.Id, "Opened in error", Caseworker("prison"))).Instance;

        Assert.Equal(InstanceStatus.Cancelled, instance.Status);
        Assert.All(await h.Store.GetActionsAsync(instance.Id), a => Assert.Equal(ActionStatus.Cancelled, a.Status));
        Assert.Empty(await h.Store.GetPendingTimersAsync(instance.Id));
        var refused = await Assert.ThrowsAsync<InvalidOperationForInstanceException>(() => h.RaiseAsync(instance, "released", "prison"));
        Assert.Contains("has ended (cancelled)", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnActionIsCompletedOnlyByItsAgencyAndOnlyOnce()
    {
        var h = New();
        var instance = await h.StartAsync("prison");
        var check = await h.ActionAsync(instance, "check");

        await Assert.ThrowsAsync<ForbiddenException>(() => h.Runtime.Cases.CompleteActionAsync(instance.Id, check.Id, Caseworker("prison")));
        instance = (await h.Runtime.Cases.CompleteActionAsync(instance.Id, check.Id, Caseworker("community"))).Instance;
        var again = await Assert.ThrowsAsync<InvalidOperationForInstanceException>(() => h.Runtime.Cases.CompleteActionAsync(instance.Id, check.Id, Caseworker("community")));

        Assert.Equal(ActionStatus.Done, (await h.ActionAsync(instance, "check")).Status);
        Assert.Equal("Action 'check' is already done.", again.Message);
        Assert.DoesNotContain(await h.Store.GetPendingTimersAsync(instance.Id), t => t.Target == new ActionDeadlineTarget(check.Id));
    }

    [Fact]
    public async Task EveryHistoryLineSaysWhoWhenAndOnWhichVersion()
    {
        var h = New();
        var instance = await h.StartAsync("prison");
        await h.RunUntilAsync("2026-06-01 10:00");
        instance = await h.RaiseAsync(instance, "scored", "prison", ("score", "3"));

        var history = await h.HistoryAsync(instance);

        Assert.Equal(Enumerable.Range(1, history.Count).Select(i => (long)i), history.Select(e => e.Sequence));
        Assert.All(history, e => Assert.Equal(instance.Definition, e.Definition));
        Assert.Equal(
            ["started", "actionOpened plan", "actionOpened check", "field score", "event scored", "actionCancelled plan", "actionCancelled check", "state low"],
            history.Select(e => e.Change switch
            {
                InstanceStarted => "started",
                ActionOpened a => $"actionOpened {a.ActionId}",
                FieldChanged f => $"field {f.Field}",
                EventRecorded ev => $"event {ev.Event}",
                ActionCancelled c => $"actionCancelled {c.ActionId}",
                StateEntered s => $"state {s.To}",
                var other => other.GetType().Name,
            }));
        Assert.Equal("2026-06-01 10:00", Local(history[^1].At));
        Assert.Equal(Actor.Caseworker("prison-worker", "prison"), history[^1].Actor);
    }

    [Fact]
    public async Task TheCaseloadGroupsAnAgencysActionsByWhenTheyAreDue()
    {
        var h = New("2026-06-01 09:00");
        var first = await h.StartAsync("prison");
        await h.RunUntilAsync("2026-06-01 16:00");
        var second = await h.StartAsync("prison");
        second = await h.RaiseAsync(second, "release-date-set", "prison", ("release-date", "2026-06-20"));
        var third = await h.StartAsync("prison");
        third = await h.RaiseAsync(third, "release-date-set", "prison", ("release-date", "2026-09-30"));

        var community = await h.Runtime.Queries.GetCaseloadAsync("Testshire (fictional)", "community", days: 7);
        var prison = await h.Runtime.Queries.GetCaseloadAsync("Testshire (fictional)", "prison", days: 7);

        Assert.Equal([first.Id], community.Overdue.Select(i => i.InstanceId));
        Assert.Equal(2, community.DueToday.Count);
        Assert.Equal([second.Id], prison.DueSoon.Select(i => i.InstanceId));
        Assert.Equal([third.Id], prison.Later.Select(i => i.InstanceId));
        Assert.Equal([first.Id], prison.Waiting.Select(i => i.InstanceId));
    }

    [Fact]
    public async Task TheViewListsOnlyTheEventsTheCallersAgencyMayRecord()
    {
        var h = New();
        var instance = await h.StartAsync("prison");

        var asCommunity = await h.Runtime.Queries.GetAsync(instance.Id, Caseworker("community"));
        var asPrison = await h.Runtime.Queries.GetAsync(instance.Id, Caseworker("prison"));

        Assert.Equal(["released"], asCommunity.PossibleEvents.Select(e => e.Event));
        var scored = Assert.Single(asPrison.PossibleEvents, e => e.Event == "scored");
        Assert.Equal(["score"], scored.AskedFields);
        Assert.Equal(["high", "low"], scored.Targets);
        Assert.Equal(2, asPrison.OutstandingActions.Count);
    }

    [Fact]
    public async Task TheStoreRejectsAChangeMadeFromAStaleVersion()
    {
        var h = New();
        var instance = await h.StartAsync("prison");
        var stale = new ChangeSet(instance with { Version = instance.Version + 1 }, instance.Version, [], [], [], [], new HashSet<Guid>());
        await h.RaiseAsync(instance, "noted", "prison", ("note", "first"));

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => h.Store.SaveAsync(stale));

        Assert.Equal(instance.Version + 1, conflict.Current.Version);
        Assert.Equal("first", ((TextValue)conflict.Current.Case.Fields["note"]).Text);
    }

    [Fact]
    public async Task ATimerThatCannotFireDoesNotStopTheOthers()
    {
        var h = New();
        var instance = await h.StartAsync("prison");
        var ghost = instance with { Id = Guid.NewGuid(), Definition = new DefinitionVersion("gone", "sha256:0") };
        var ghostTimer = new PendingTimer(Guid.NewGuid(), ghost.Id, "custody", new StateTimerTarget(0), At("2026-06-01 10:00"), TimerStatus.Pending);
        await h.Store.SaveAsync(new ChangeSet(ghost, null, [], [ghostTimer], [], [], new HashSet<Guid> { ghostTimer.Id }));

        h.Clock.Set(At("2026-06-01 12:00"));
        var sweep = await h.Runtime.Timers.FireDueAsync();

        Assert.Equal(1, sweep.Fired);
        var failure = Assert.Single(sweep.Failures);
        Assert.Equal(ghostTimer.Id, failure.Timer.Id);
        Assert.IsType<NotFoundException>(failure.Error);
        Assert.Equal(ActionStatus.Breached, (await h.ActionAsync(instance, "check")).Status);
        Assert.Contains(await h.Store.GetPendingTimersAsync(ghost.Id), t => t.Id == ghostTimer.Id);
    }

    [Fact]
    public async Task EachPrisonStayIsItsOwnInstanceForTheSamePerson()
    {
        var h = New();
        var first = await h.StartAsync("prison");
        first = await h.RaiseAsync(first, "released", "prison");
        await h.RunUntilAsync("2026-09-01 09:00");
        var second = await h.StartAsync("prison");

        var stays = await h.Store.FindInstancesForPersonAsync("Testshire (fictional)", "A0000AA");

        Assert.Equal([first.Id, second.Id], stays.Select(i => i.Id));
        Assert.Equal([InstanceStatus.Completed, InstanceStatus.Active], stays.Select(i => i.Status));
        Assert.NotEqual(first.Id, second.Id);
    }
}
