using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>
/// What happens to a caseworker's change when something else changes the case between its being
/// read and written: made again on the case as it now is when the caseworker named no version,
/// refused when they named the version they saw.
/// </summary>
public class ConcurrentChangeTests
{
    private const string Pathway = """
        pathway concurrent
          title "Concurrent"
          partnership "Testshire (fictional)"

        agency prison "Prison team"
        agency community "Community team"

        field note: text "Note"

        start state custody "In custody"
          stage "Custody"
          owner prison
          action check "Check the record"
            by community within 2 hours
          on noted with note
          on released -> out

        final state out "Out"
          stage "Released"
          owner community
          outcome released
        """;

    private static (Harness Harness, InterleavingStore Store) New()
    {
        var store = new InterleavingStore(new InMemoryRuntimeStore());
        return (ForText(Pathway, "2026-06-01 09:00", store), store);
    }

    [Fact]
    public async Task AChangeNamingNoVersionIsMadeOnTheCaseAsItNowIsWhenADeadlineFiredMeanwhile()
    {
        var (h, store) = New();
        var instance = await h.StartAsync("prison");
        h.Clock.Set(At("2026-06-01 11:00"));
        store.AfterNextLoad(async () => await h.Runtime.Timers.FireDueAsync());

        var noted = await h.RaiseAsync(instance, "noted", "prison", ("note", "phoned the wing"));

        Assert.Equal("phoned the wing", ((TextValue)noted.Case.Fields["note"]).Text);
        var kinds = (await h.HistoryAsync(instance)).Select(e => e.Change.GetType().Name).ToList();
        Assert.Equal(["DeadlineBreached", "FieldChanged", "EventRecorded"], kinds.Skip(kinds.IndexOf("DeadlineBreached")).Take(3));
        Assert.Equal(instance.Version + 2, noted.Version);
    }

    [Fact]
    public async Task AChangeNamingTheVersionItWasMadeOnIsRefusedWhenTheCaseMovedOn()
    {
        var (h, store) = New();
        var instance = await h.StartAsync("prison");
        h.Clock.Set(At("2026-06-01 11:00"));
        store.AfterNextLoad(async () => await h.Runtime.Timers.FireDueAsync());

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() =>
            h.Runtime.Cases.RaiseEventAsync(instance.Id, "noted", h.Values(("note", "phoned the wing")), null, Caseworker("prison"), expectedVersion: instance.Version));

        Assert.Equal(instance.Version + 1, conflict.Current.Version);
        Assert.DoesNotContain(await h.HistoryAsync(instance), e => e.Change is EventRecorded);
    }

    [Fact]
    public async Task AChangeThatNoLongerFitsTheCaseAsItNowIsIsRefusedWithTheReason()
    {
        var (h, store) = New();
        var instance = await h.StartAsync("prison");
        store.AfterNextLoad(async () => await h.RaiseAsync(instance, "released", "prison"));

        var refused = await Assert.ThrowsAsync<InvalidOperationForInstanceException>(() => h.RaiseAsync(instance, "noted", "prison", ("note", "too late")));

        Assert.StartsWith("The case has ended (completed: released)", refused.Message, StringComparison.Ordinal);
        Assert.Equal("out", (await h.ReloadAsync(instance)).State);
    }
}
