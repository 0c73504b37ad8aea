using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Migration;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Migration;

/// <summary>Moving running cases onto a new version, on any store: planned, dry-run, applied, recorded, refused.</summary>
public abstract class MigrationScenarios : IAsyncLifetime
{
    private const string Version1 = """"
        pathway moves
          title "Moves"
          partnership "Testshire (fictional)"

        agency prison "Prison team"
        agency community "Community team"

        field release-date: date "Release date"

        start state custody "In custody"
          stage "Custody"
          owner prison
          action plan "Plan the release"
            by prison 2 weeks before release-date
          on release-date-set with release-date
          on released -> community

        state community "In the community"
          stage "Released"
          owner community
          action contact "Make contact"
            by community within 5 working days of released
          action check "Check the record"
            by community within 2 days
          on missed -> followup
          after 21 days of released -> lost

        state followup "Follow-up"
          stage "Released"
          owner community
          action call "Call the person"
            by community within 1 working day of missed
          on engaged -> done

        final state done "Engaged"
          stage "Closed"
          owner community
          outcome engaged

        final state lost "Not engaged"
          stage "Closed"
          owner community
          outcome not-engaged
        """";

    // Version 2: the release plan is due a week earlier; "community" becomes "released" with a new
    // action and no record check; the follow-up state is renamed; cases get 28 days, not 21.
    private static readonly string Version2 = Version1
        .Replace("by prison 2 weeks before release-date", "by prison 3 weeks before release-date")
        .Replace("on released -> community", "on released -> released")
        .Replace("""
            state community "In the community"
              stage "Released"
              owner community
              action contact "Make contact"
                by community within 5 working days of released
              action check "Check the record"
                by community within 2 days
              on missed -> followup
              after 21 days of released -> lost
            """, """
            state released "Released"
              stage "Released"
              owner community
              action contact "Make contact"
                by community within 3 working days of released
              action offer "Offer a first appointment"
                by community within 2 working days of released
              on missed -> first-follow-up
              after 28 days of released -> lost
            """)
        .Replace("state followup \"Follow-up\"", "state first-follow-up (was followup) \"First follow-up\"");

    private Harness _h = null!;
    private PathwayDefinition _definition2 = null!;
    private DefinitionVersion _v1 = null!;
    private DefinitionVersion _v2 = null!;

    /// <summary>A new, empty store for one test.</summary>
    protected abstract Task<IRuntimeStore> NewStoreAsync();

    public async Task InitializeAsync()
    {
        _h = ForText(Version1, "2026-06-02 10:00", await NewStoreAsync());
        _v1 = new DefinitionVersion("moves", DefinitionJson.ContentHash(_h.Definition));
        var compiled = TestCompiler.Compile(Version2, "moves-v2.pathway");
        Assert.True(compiled.Succeeded, string.Join('\n', compiled.Diagnostics));
        _definition2 = compiled.Definition!;
        _v2 = new DefinitionVersion("moves", DefinitionJson.ContentHash(_definition2));
    }

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Publishes version 2 (new cases would start on it) and returns the plan from version 1.</summary>
    private MigrationPlan Plan(params (string From, string To)[] states)
    {
        _h.Catalog.Add(_definition2);
        return new(_v1, _v2, states.ToImmutableDictionary(s => s.From, s => s.To));
    }

    [Fact]
    public async Task ThePlanPlacesEveryStateOrSaysWhyNot()
    {
        var resolved = await _h.Runtime.Migrations.ResolveAsync(Plan(("community", "released")));

        Assert.Empty(resolved.Problems);
        Assert.Equal(
            [
                new StateMapping("custody", "custody", MappingReason.SameId),
                new StateMapping("community", "released", MappingReason.Plan),
                new StateMapping("followup", "first-follow-up", MappingReason.DeclaredRename),
                new StateMapping("done", "done", MappingReason.SameId),
                new StateMapping("lost", "lost", MappingReason.SameId),
            ],
            resolved.Mappings.ToArray());
        Assert.Empty(resolved.Unmapped);

        var bare = await _h.Runtime.Migrations.ResolveAsync(Plan());
        Assert.Equal(["community"], bare.Unmapped.ToArray());

        var wrong = await _h.Runtime.Migrations.ResolveAsync(Plan(("nowhere", "released"), ("community", "done"), ("custody", "gone")));
        Assert.Equal(
            [
                "The plan maps 'community' to 'done', a final state: a running case moved there would end without anyone recording why. Map it to a state the case can go on from.",
                "The plan maps 'custody' to 'gone', which is not a state of the version cases move to.",
                "The plan maps 'nowhere', which is not a state of the version cases move from.",
            ],
            wrong.Problems.ToArray());
    }

    [Fact]
    public async Task ADryRunSaysWhatWouldChangeAndChangesNothing()
    {
        var instance = await ReleasedOnTuesdayAsync();
        var history = await _h.HistoryAsync(instance);

        var dryRun = await _h.Runtime.Migrations.MigrateAsync(instance.Id, await _h.Runtime.Migrations.ResolveAsync(Plan(("community", "released"))), dryRun: true, Caseworker("community"));

        Assert.False(dryRun.Applied);
        Assert.Null(dryRun.Refused);
        Assert.Equal(("community", "released"), (dryRun.FromState, dryRun.ToState));
        Assert.Equal(
            [
                "contact Kept 2026-06-10 00:00 → 2026-06-06 00:00",
                "check Cancelled 2026-06-04 10:00 → none",
                "offer Opened none → 2026-06-05 00:00",
            ],
            dryRun.Actions.Select(a => $"{a.ActionId} {a.Move} {Local(a.OldDueAt)} → {Local(a.NewDueAt)}"));
        Assert.Equal(["lost 2026-06-23 10:00 → 2026-06-30 10:00"], dryRun.Timers.Select(t => $"{t.Target} {Local(t.OldDueAt)} → {Local(t.NewDueAt)}"));

        await AssertUnchangedAsync(instance);
        Assert.Equal(history.Count, (await _h.HistoryAsync(instance)).Count);
        Assert.Equal(2, (await _h.Store.GetActionsAsync(instance.Id)).Count(a => a.State == "community"));
    }

    [Fact]
    public async Task ApplyingMovesTheCaseWithDeadlinesFromItsOriginalAnchorsAndRecordsIt()
    {
        var instance = await ReleasedOnTuesdayAsync();
        var migration = await _h.Runtime.Migrations.ResolveAsync(Plan(("community", "released")));

        var applied = await _h.Runtime.Migrations.MigrateAsync(instance.Id, migration, dryRun: false, Caseworker("community"));

        Assert.True(applied.Applied);
        var moved = await _h.ReloadAsync(instance);
        Assert.Equal((_v2, "released", InstanceStatus.Active), (moved.Definition, moved.State, moved.Status));
        Assert.Equal(instance.StateEnteredAt, moved.StateEnteredAt);

        Assert.Equal("contact community Open due 2026-06-06 00:00", Describe(await _h.ActionAsync(moved, "contact")));
        Assert.Equal("offer community Open due 2026-06-05 00:00", Describe(await _h.ActionAsync(moved, "offer")));
        Assert.Equal("check community Cancelled due 2026-06-04 10:00", Describe(await _h.ActionAsync(moved, "check")));
        Assert.Equal(
            ["2026-06-05 00:00", "2026-06-06 00:00", "2026-06-30 10:00"],
            (await _h.Store.GetPendingTimersAsync(moved.Id)).Select(t => Local(t.DueAt)).Order());

        var record = Assert.Single(await _h.HistoryOfAsync<CaseMigrated>(moved));
        Assert.Equal(new CaseMigrated(_v1, _v2, "community", "released", "community → released"), record);
        var entry = (await _h.HistoryAsync(moved)).Single(e => e.Change is CaseMigrated);
        Assert.Equal(Caseworker("community"), entry.Actor);
        Assert.Contains(await _h.HistoryOfAsync<DeadlineMoved>(moved), d => d.ActionId == "contact" && d.Because == "migration");

        // The case goes on under the new version: the new deadline breaches when due.
        await _h.RunUntilAsync("2026-06-05 00:01");
        Assert.Equal(ActionStatus.Breached, (await _h.ActionAsync(moved, "offer")).Status);
        moved = await _h.RaiseAsync(await _h.ReloadAsync(moved), "missed", "community");
        Assert.Equal("first-follow-up", moved.State);
    }

    [Fact]
    public async Task ADeclaredRenameMovesCasesWithoutBeingPlanned()
    {
        var instance = await ReleasedOnTuesdayAsync();
        instance = await _h.RaiseAsync(instance, "missed", "community");
        var due = (await _h.ActionAsync(instance, "call")).DueAt;

        var applied = await _h.Runtime.Migrations.MigrateAsync(instance.Id, await _h.Runtime.Migrations.ResolveAsync(Plan(("community", "released"))), dryRun: false, Caseworker("community"));

        Assert.Equal(("followup", "first-follow-up"), (applied.FromState, applied.ToState));
        var call = await _h.ActionAsync(instance, "call");
        Assert.Equal(("first-follow-up", ActionStatus.Open, due), (call.State, call.Status, call.DueAt));
        Assert.Equal("call Kept", string.Join(", ", applied.Actions.Select(a => $"{a.ActionId} {a.Move}")));
    }

    [Fact]
    public async Task AMovedDeadlineInTheSameStateIsRecomputedAndRecorded()
    {
        var instance = await _h.StartAsync("prison", consent: true, ("release-date", "2026-07-31"));
        Assert.Equal("plan prison Open due 2026-07-18 00:00", Describe(await _h.ActionAsync(instance, "plan")));

        var applied = await _h.Runtime.Migrations.MigrateAsync(instance.Id, await _h.Runtime.Migrations.ResolveAsync(Plan(("community", "released"))), dryRun: false, Caseworker("prison"));

        Assert.Equal(("custody", "custody"), (applied.FromState, applied.ToState));
        Assert.Equal("plan prison Open due 2026-07-11 00:00", Describe(await _h.ActionAsync(instance, "plan")));
        Assert.Equal("2026-07-11 00:00", Local(Assert.Single(await _h.Store.GetPendingTimersAsync(instance.Id)).DueAt));
        Assert.Contains(await _h.HistoryOfAsync<DeadlineMoved>(instance), d => d.ActionId == "plan" && d.Because == "migration");
    }

    [Fact]
    public async Task CasesThatCannotMoveAreRefusedAndLeftAlone()
    {
        var unplaced = await ReleasedAsync();
        var ended = await _h.RaiseAsync(await _h.RaiseAsync(await ReleasedAsync(), "missed", "community"), "engaged", "community");
        _h.Clock.Set(At("2026-06-03 09:00"));
        var bare = await _h.Runtime.Migrations.ResolveAsync(Plan());

        var refusedState = await _h.Runtime.Migrations.MigrateAsync(unplaced.Id, bare, dryRun: false, Caseworker("community"));
        var refusedEnded = await _h.Runtime.Migrations.MigrateAsync(ended.Id, bare, dryRun: false, Caseworker("community"));

        Assert.Equal("State 'community' is not in the target version and the plan does not say where its cases go.", refusedState.Refused);
        Assert.Equal("The case has ended; ended cases stay on the version they ran on.", refusedEnded.Refused);
        Assert.False(refusedState.Applied || refusedEnded.Applied);
        await AssertUnchangedAsync(unplaced);
        Assert.Equal(_v1, (await _h.ReloadAsync(ended)).Definition);

        // Moved once, a case is no longer on the version the plan moves from.
        var plan = await _h.Runtime.Migrations.ResolveAsync(Plan(("community", "released")));
        await _h.Runtime.Migrations.MigrateAsync(unplaced.Id, plan, dryRun: false, Caseworker("community"));
        var again = await _h.Runtime.Migrations.MigrateAsync(unplaced.Id, plan, dryRun: false, Caseworker("community"));
        Assert.Equal($"The case runs on version {_v2.ContentHash}, not on the version the plan moves cases from.", again.Refused);
    }

    [Fact]
    public async Task MovingEveryCaseReadsThemInBatchesAndCountsWhereTheyGoAndWhyNot()
    {
        // More cases than one batch reads, so that the run goes from one batch to the next.
        var cases = new List<PathwayInstance>();
        for (var i = 0; i < CaseMigrator.Batch + 3; i++)
        {
            cases.Add(i % 3 == 0 ? await ReleasedAsync() : await _h.StartAsync("prison", consent: true));
        }

        var (inCommunity, inCustody) = (cases.Count(c => c.State == "community"), cases.Count(c => c.State == "custody"));
        var unplaced = await _h.Runtime.Migrations.MigrateAllAsync(await _h.Runtime.Migrations.ResolveAsync(Plan()), dryRun: false, Actor.Manager("lead"));

        Assert.Equal("Cases are in state 'community', which the target version does not have; the plan must say where they go.", string.Join(" | ", unplaced.Blocked));
        Assert.Equal([new MigrationRefusal("State 'community' is not in the target version and the plan does not say where its cases go.", inCommunity)], unplaced.Refusals.ToArray());
        Assert.Equal([new MigrationMove("custody", "custody", inCustody)], unplaced.Moves.ToArray());
        Assert.Equal(0, unplaced.Moved);

        var plan = await _h.Runtime.Migrations.ResolveAsync(Plan(("community", "released")));
        var dryRun = await _h.Runtime.Migrations.MigrateAllAsync(plan, dryRun: true, Actor.Manager("lead"));

        Assert.Equal(cases.Select(c => c.Id).Order(), dryRun.Cases.Select(c => c.InstanceId).Order());
        Assert.Equal([new MigrationMove("custody", "custody", inCustody), new MigrationMove("community", "released", inCommunity)], dryRun.Moves.ToArray());
        Assert.Empty(dryRun.Refusals);
        Assert.Equal(0, dryRun.Moved);
        Assert.Equal(inCustody + inCommunity, (await _h.Store.CountActiveInstancesAsync("moves"))[_v1]);

        var applied = await _h.Runtime.Migrations.MigrateAllAsync(plan, dryRun: false, Actor.Manager("lead"));

        Assert.Equal(cases.Count, applied.Moved);
        Assert.Equal(dryRun.Moves.ToArray(), applied.Moves.ToArray());
        Assert.Equal(cases.Count, (await _h.Store.CountActiveInstancesAsync("moves"))[_v2]);
        Assert.False((await _h.Store.CountActiveInstancesAsync("moves")).ContainsKey(_v1));
        var moved = await _h.ReloadAsync(cases[0]);
        Assert.Equal(("released", _v2), (moved.State, moved.Definition));
    }

    [Fact]
    public async Task APlanWithProblemsMovesNothing()
    {
        var instance = await ReleasedOnTuesdayAsync();
        var wrong = await _h.Runtime.Migrations.ResolveAsync(Plan(("community", "nowhere")));

        var error = await Assert.ThrowsAsync<InvalidOperationForInstanceException>(
            () => _h.Runtime.Migrations.MigrateAsync(instance.Id, wrong, dryRun: true, Caseworker("community")));

        Assert.Contains("'nowhere'", error.Message);
        await AssertUnchangedAsync(instance);
    }

    /// <summary>The case as stored is the one given: same version (every change bumps it), definition, state and entry time.</summary>
    private async Task AssertUnchangedAsync(PathwayInstance instance)
    {
        var stored = await _h.ReloadAsync(instance);
        Assert.Equal((instance.Version, instance.Definition, instance.State, instance.StateEnteredAt), (stored.Version, stored.Definition, stored.State, stored.StateEnteredAt));
    }

    /// <summary>A case released at 10:00 on Tuesday 2 June 2026, with the clock on the next morning.</summary>
    private async Task<PathwayInstance> ReleasedOnTuesdayAsync()
    {
        var instance = await ReleasedAsync();
        _h.Clock.Set(At("2026-06-03 09:00"));
        return instance;
    }

    /// <summary>A case started and released now, on version 1.</summary>
    private async Task<PathwayInstance> ReleasedAsync()
    {
        var instance = await _h.StartAsync("prison", consent: true);
        return await _h.RaiseAsync(instance, "released", "prison");
    }
}
