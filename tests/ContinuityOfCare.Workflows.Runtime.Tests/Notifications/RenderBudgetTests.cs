using System.Diagnostics;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Notifications;

/// <summary>
/// Slow templates sent to many agencies hold the change that sends them for a bounded time: each
/// regular expression call for 100 ms at most, each notice for 1 s, all of one change's notices for
/// 2 s; what does not fit is recorded on the case as a failed notification and the event still
/// takes effect.
/// </summary>
public sealed class RenderBudgetTests
{
    private static string Pathway(string templateBody) => $$""""
        pathway budget
          title "Budget"
          partnership "Testshire (fictional)"

        agency prison "Prison team"
        agency a "Agency A"
        agency b "Agency B"
        agency c "Agency C"
        agency d "Agency D"
        agency e "Agency E"
        agency f "Agency F"

        template slow "Slow"
          """
          {{templateBody}}
          """

        start state custody "In custody"
          stage "Custody"
          owner prison
          on tell-everyone
            notify a with slow
            notify b with slow
            notify c with slow
            notify d with slow
            notify e with slow
            notify f with slow
          on released -> out

        final state out "Released"
          stage "Community"
          owner prison
          outcome continuity-achieved
        """";

    [Fact]
    public async Task CatastrophicallyBacktrackingRegularExpressionsStopAfterAShortLimitEach()
    {
        // Each match tries every way of splitting 40 a's between the groups before failing at the '!'.
        var h = Harness.ForText(Pathway("""{{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" | regex.match "^(a+)+$" }}{{ "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!" | regex.match "^(a|aa)+$" }}"""), "2026-06-01 09:00");
        var instance = await h.StartAsync("prison");

        var watch = Stopwatch.StartNew();
        instance = await h.RaiseAsync(instance, "tell-everyone", "prison");
        watch.Stop();

        var failures = await h.HistoryOfAsync<NotificationFailed>(instance);
        Assert.Equal(["a", "b", "c", "d", "e", "f"], failures.Select(f => f.Recipient));
        Assert.All(failures, f => Assert.Equal("Template 'slow' was stopped (body, line 1, column 50): a regular expression ran for longer than its time limit of 100 ms.", f.Error));
        Assert.Contains(await h.HistoryOfAsync<EventRecorded>(instance), e => e.Event == "tell-everyone");
        Assert.Empty(await h.Runtime.Queries.GetNotificationsAsync(instance.Id));
        // Six notices at 100 ms each (before, each regex call could run for 2 s: 24 s for this event).
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2.5), $"the event took {watch.Elapsed.TotalMilliseconds:F0} ms");
    }

    [Fact]
    public async Task TheNoticesOfOneChangeShareOneTimeBudgetAndTheRestAreRecordedAsFailed()
    {
        // Inside the loop and string limits, but slow: it copies 99,000 characters again and again.
        var slow = "{{ s = 'a' * 99000 }}" + string.Concat(Enumerable.Repeat("{{ for i in 1..999; t = s | string.replace 'a' 'b'; end }}", 200));
        var h = Harness.ForText(Pathway(slow), "2026-06-01 09:00");
        var instance = await h.StartAsync("prison");

        var watch = Stopwatch.StartNew();
        instance = await h.RaiseAsync(instance, "tell-everyone", "prison");
        watch.Stop();

        var failures = await h.HistoryOfAsync<NotificationFailed>(instance);
        Assert.Equal(6, failures.Count);
        Assert.Contains("it ran for longer than the time limit of 1 s", failures[0].Error, StringComparison.Ordinal);
        Assert.Equal("Template 'slow' was not rendered: the notices of this change had used up their time limit of 2 s between them.", failures[^1].Error);
        Assert.Contains(await h.HistoryOfAsync<EventRecorded>(instance), e => e.Event == "tell-everyone");
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(3.5), $"the event took {watch.Elapsed.TotalMilliseconds:F0} ms");
    }
}
