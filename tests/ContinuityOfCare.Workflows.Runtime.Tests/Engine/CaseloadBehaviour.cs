using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Queries;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Tests.Reports;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>
/// A caseload counts everything outstanding and lists one page of it, earliest due first and those
/// waiting for a date last, the same on every store: pages follow one another without a gap or a repeat.
/// </summary>
public abstract class CaseloadBehaviour(IReportStoreMaker maker) : ReportStores(maker)
{
    private const string Testshire = "Testshire (fictional)";

    private readonly IReportStoreMaker _maker = maker;

    /// <summary>Five cases started ten minutes apart from 09:00; two given release dates; the clock at 11:05.</summary>
    private async Task<(Harness H, PathwayInstance[] Cases)> FiveCasesAsync()
    {
        var (store, _) = await _maker.NewAsync();
        var h = ForText(RulesPathway.Text, "2026-06-01 09:00", store);
        var cases = new PathwayInstance[5];
        for (var i = 0; i < cases.Length; i++)
        {
            await h.RunUntilAsync($"2026-06-01 09:{i * 10:00}");
            cases[i] = await h.StartAsync("prison");
        }

        await h.RunUntilAsync("2026-06-01 11:05");
        cases[1] = await h.RaiseAsync(cases[1], "release-date-set", "prison", ("release-date", "2026-06-20"));
        cases[2] = await h.RaiseAsync(cases[2], "release-date-set", "prison", ("release-date", "2026-09-30"));
        return (h, cases);
    }

    private static async Task<List<Caseload>> PagesAsync(Harness h, string agency, int take)
    {
        var pages = new List<Caseload>();
        Caseload page;
        do
        {
            page = await h.Runtime.Queries.GetCaseloadAsync(Testshire, agency, days: 7, skip: pages.Sum(p => p.Count), take: take);
            pages.Add(page);
        }
        while (page.HasMore && pages.Count < 10);

        return pages;
    }

    private static string Listed(Caseload page, PathwayInstance[] cases)
    {
        string Names(IReadOnlyList<CaseloadItem> items) => string.Join(",", items.Select(i => $"c{Array.FindIndex(cases, c => c.Id == i.InstanceId) + 1}"));
        return $"overdue [{Names(page.Overdue)}] today [{Names(page.DueToday)}] soon [{Names(page.DueSoon)}] later [{Names(page.Later)}] waiting [{Names(page.Waiting)}]";
    }

    [Fact]
    public async Task ACaseloadCountsEverythingAndListsAPageEarliestDueFirstWithThoseWaitingForADateLast()
    {
        var (h, cases) = await FiveCasesAsync();

        var prison = await PagesAsync(h, "prison", take: 2);

        Assert.All(prison, p => Assert.Equal(new(0, 0, 1, 1, 3), p.Counts));
        Assert.Equal(
            ["overdue [] today [] soon [c2] later [c3] waiting []", "overdue [] today [] soon [] later [] waiting [c1,c4]", "overdue [] today [] soon [] later [] waiting [c5]"],
            prison.Select(p => Listed(p, cases)));
        Assert.Equal([true, true, false], prison.Select(p => p.HasMore));

        var community = await PagesAsync(h, "community", take: 2);

        Assert.All(community, p => Assert.Equal(new(1, 4, 0, 0, 0), p.Counts));
        Assert.Equal(
            ["overdue [c1] today [c2] soon [] later [] waiting []", "overdue [] today [c3,c4] soon [] later [] waiting []", "overdue [] today [c5] soon [] later [] waiting []"],
            community.Select(p => Listed(p, cases)));
    }

    [Fact]
    public async Task APageAfterTheLastIsEmptyButStillCountsAndTheCountsAloneAgree()
    {
        var (h, cases) = await FiveCasesAsync();

        var beyond = await h.Runtime.Queries.GetCaseloadAsync(Testshire, "prison", days: 7, skip: 10, take: 5);
        var whole = await h.Runtime.Queries.GetCaseloadAsync(Testshire, "prison", days: 7, skip: 0, take: 500);
        var counted = await h.Runtime.Queries.CountCaseloadAsync(Testshire, "prison", days: 7);

        Assert.Equal(0, beyond.Count);
        Assert.False(beyond.HasMore);
        Assert.Equal(5, beyond.Counts.Total);
        Assert.Equal(Caseload.MaxPage, whole.Take);
        Assert.Equal("overdue [] today [] soon [c2] later [c3] waiting [c1,c4,c5]", Listed(whole, cases));
        Assert.Equal(whole.Counts, counted);
        Assert.Equal(CaseloadCounts.None, await h.Runtime.Queries.CountCaseloadAsync("Elsewhere (fictional)", "prison", days: 7));
    }

    [Fact]
    public async Task AnActionLeavesTheCaseloadWhenItIsDoneAndWhenItsCaseEnds()
    {
        var (h, cases) = await FiveCasesAsync();
        var check = (await h.Store.GetActionsAsync(cases[1].Id)).Single(a => a.ActionId == "check");
        await h.Runtime.Cases.CompleteActionAsync(cases[1].Id, check.Id, Actor.Caseworker("community-worker", "community"));
        await h.RaiseAsync(cases[0], "released", "prison");

        var community = await h.Runtime.Queries.GetCaseloadAsync(Testshire, "community", days: 7);

        Assert.Equal(new(0, 3, 0, 0, 0), community.Counts);
        Assert.Equal("overdue [] today [c3,c4,c5] soon [] later [] waiting []", Listed(community, cases));
    }
}

/// <summary>The caseload on the in-memory store.</summary>
public sealed class InMemoryCaseloadTests() : CaseloadBehaviour(new InMemoryReportStores());
