using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Language.Text;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Runtime.Timers;
using ContinuityOfCare.Workflows.Runtime.Storage;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Authoring;

/// <summary>
/// The rules of publishing, retracting and starting on versions, through the publisher and the
/// runtime over a version-store catalog. Run on the in-memory stores here and on each database by
/// the persistence tests.
/// </summary>
public abstract partial class PublisherRules
{
    protected const string Testshire = "Testshire (fictional)";
    protected const string Exampleton = "Exampleton (fictional)";

    protected static readonly Instant Start = Instant.FromUtc(2026, 6, 1, 8, 0);

    /// <summary>A small pathway; the start state's title tells versions apart.</summary>
    protected static SourceText Referral(string startTitle = "Open", string partnership = Testshire, string owner = "team") => new($"""
        pathway referral
          title "Referral"
          partnership "{partnership}"
        agency team "Team"
        start state open "{startTitle}"
          stage "Open"
          owner {owner}
          on closed -> done
        final state done "Done"
          stage "Done"
          owner team
          outcome finished
        """, "referral.pathway");

    protected abstract Task<(IPathwayVersionStore Versions, IRuntimeStore Instances)> NewStoresAsync();

    protected sealed record Setup(PathwayPublisher Publisher, PathwayRuntime Runtime, IPathwayVersionStore Versions, ManualClock Clock);

    protected async Task<Setup> NewAsync()
    {
        var (versions, instances) = await NewStoresAsync();
        var clock = new ManualClock(Start);
        var runtime = new PathwayRuntime(
            new VersionedDefinitionCatalog(versions), instances, new InMemoryTimerScheduler(),
            new DeadlineCalculator(CalendarSource.Default), new ScribanNotificationRenderer(), clock);
        return new Setup(new PathwayPublisher(versions, instances, clock, AuthoringEnvironment.For(CalendarSource.Default, DiskTemplateFileReader.Instance)), runtime, versions, clock);
    }

    protected static StartCase NewCase(string partnership = Testshire, int? number = null, string prisonNumber = "A1234BC") =>
        new("referral", partnership, new Person(prisonNumber, "Sam Sample", new LocalDate(1988, 3, 14)), true, VersionNumber: number);

    protected static readonly Actor Worker = Actor.Caseworker("team-worker", "team");

    [Fact]
    public async Task VersionsAreNumberedOneAfterAnotherPerPathwayAndPartnership()
    {
        var s = await NewAsync();

        var first = await s.Publisher.PublishAsync(Referral("Open"), "Pat Lead", "First protocol");
        s.Clock.Advance(Duration.FromHours(1));
        var second = await s.Publisher.PublishAsync(Referral("Opened"), "Pat Lead", "Clearer title");
        var elsewhere = await s.Publisher.PublishAsync(Referral("Open", Exampleton), "Kim Lead", "Exampleton's protocol");

        Assert.Equal([PublishOutcome.Published, PublishOutcome.Published, PublishOutcome.Published], new[] { first.Outcome, second.Outcome, elsewhere.Outcome });
        Assert.Equal(
            [(Exampleton, 1, "Kim Lead", Start + Duration.FromHours(1), "Exampleton's protocol"),
             (Testshire, 1, "Pat Lead", Start, "First protocol"),
             (Testshire, 2, "Pat Lead", Start + Duration.FromHours(1), "Clearer title")],
            (await s.Publisher.ListVersionsAsync("referral")).Select(l => (l.Version.Partnership, l.Version.Number, l.Version.Author, l.Version.PublishedAt, l.Version.Note)));
        Assert.Equal(Referral("Opened").Text, (await s.Versions.GetContentAsync("referral", Testshire, 2))!.SourceText);
        Assert.Equal("Published pathway 'referral' in 'Testshire (fictional)' as version 2 (" + second.Version!.ContentHash + ").", second.Message);
    }

    [Fact]
    public async Task PublishingTheLatestContentAgainWritesNothingAndSaysSo()
    {
        var s = await NewAsync();
        await s.Publisher.PublishAsync(Referral("Open"), "Pat Lead", "First protocol");
        var second = await s.Publisher.PublishAsync(Referral("Opened"), "Pat Lead", "Clearer title");
        var relaidOut = new SourceText("# The same protocol, with a comment\n" + Referral("Opened").Text.Replace("\n", "\n\n"), "referral.pathway");

        var again = await s.Publisher.PublishAsync(relaidOut, "Sam Lead", "Same again");

        Assert.Equal(PublishOutcome.AlreadyPublished, again.Outcome);
        Assert.Equal(second.Version, again.Version);
        Assert.Equal("Pathway 'referral' in 'Testshire (fictional)' is already published as version 2 with this content; nothing was written.", again.Message);
        Assert.Equal([1, 2], (await s.Publisher.ListVersionsAsync()).Select(l => l.Version.Number));
    }

    [Fact]
    public async Task APathwayWithErrorsPublishesNothingAndReturnsItsDiagnostics()
    {
        var s = await NewAsync();

        var result = await s.Publisher.PublishAsync(Referral(owner: "teem"), "Pat Lead", "Typo");

        Assert.Equal(PublishOutcome.HasErrors, result.Outcome);
        Assert.Null(result.Version);
        var error = Assert.Single(result.Diagnostics, d => d.IsError);
        Assert.Contains("'teem'", error.Message, StringComparison.Ordinal);
        Assert.Equal("The pathway has 1 error; nothing was published.", result.Message);
        Assert.Empty(await s.Publisher.ListVersionsAsync());
    }

    [Fact]
    public async Task APersonPublishingForOnePartnershipCannotPublishAnothersPathway()
    {
        var s = await NewAsync();

        var refused = await Assert.ThrowsAsync<ForbiddenException>(() => s.Publisher.PublishAsync(Referral(), "Kim Lead", "Not ours", forPartnership: Exampleton));

        Assert.Equal("This pathway says it belongs to 'Testshire (fictional)'; you publish for 'Exampleton (fictional)'. Change its partnership line.", refused.Message);
        Assert.Empty(await s.Publisher.ListVersionsAsync());
        Assert.Equal(PublishOutcome.Published, (await s.Publisher.PublishAsync(Referral(), "Pat Lead", "Ours", forPartnership: Testshire)).Outcome);
    }

    [Fact]
    public async Task TheAgenciesAPartnershipsCurrentVersionsNameAreItsAgencies()
    {
        var s = await NewAsync();
        await s.Publisher.PublishAsync(Referral(), "Pat Lead", "First protocol");

        Assert.Equal(["team"], await s.Publisher.AgenciesAsync(Testshire));
        Assert.Empty(await s.Publisher.AgenciesAsync(Exampleton));
    }

    [Fact]
    public async Task RetractingAVersionStopsNewStartsWhileItsRunningCasesCarryOn()
    {
        var s = await NewAsync();
        await s.Publisher.PublishAsync(Referral(), "Pat Lead", "First protocol");
        var running = (await s.Runtime.Cases.StartAsync(NewCase(), Worker)).Instance;
        s.Clock.Advance(Duration.FromDays(1));

        var retracted = await s.Publisher.RetractAsync("referral", Testshire, 1, "Pat Lead", "Wrong owner for the open state");

        Assert.Equal(new Retraction("Pat Lead", Start + Duration.FromDays(1), "Wrong owner for the open state"), retracted.Retraction);
        Assert.Equal(retracted, await s.Versions.FindVersionAsync("referral", Testshire, 1));
        var unnamed = await Assert.ThrowsAsync<NotFoundException>(() => s.Runtime.Cases.StartAsync(NewCase(prisonNumber: "B2345CD"), Worker));
        Assert.Equal("There is no version of pathway 'referral' that new cases in 'Testshire (fictional)' can start on: none is published there, or every one is retracted.", unnamed.Message);
        var named = await Assert.ThrowsAsync<VersionRetractedException>(() => s.Runtime.Cases.StartAsync(NewCase(number: 1, prisonNumber: "B2345CD"), Worker));
        Assert.Equal("Version 1 of pathway 'referral' in 'Testshire (fictional)' has been retracted, so no new case can start on it. No version of it is open to new cases.", named.Message);

        var view = await s.Runtime.Queries.GetAsync(running.Id, Worker);
        var advanced = (await s.Runtime.Cases.RaiseEventAsync(running.Id, "closed", null, null, Worker)).Instance;
        Assert.Equal("open", view.Instance.State);
        Assert.Equal(("done", InstanceStatus.Completed, running.Definition), (advanced.State, advanced.Status, advanced.Definition));
    }

    [Fact]
    public async Task RetractingTheLatestVersionSendsNewCasesBackToTheOneBefore()
    {
        var s = await NewAsync();
        var first = await s.Publisher.PublishAsync(Referral("Open"), "Pat Lead", "First protocol");
        await s.Publisher.PublishAsync(Referral("Opened"), "Pat Lead", "Clearer title");

        await s.Publisher.RetractAsync("referral", Testshire, 2, "Pat Lead", "Title confused caseworkers");
        var started = (await s.Runtime.Cases.StartAsync(NewCase(), Worker)).Instance;
        var named = await Assert.ThrowsAsync<VersionRetractedException>(() => s.Runtime.Cases.StartAsync(NewCase(number: 2, prisonNumber: "B2345CD"), Worker));

        Assert.Equal(first.Version!.Definition, started.Definition);
        Assert.EndsWith("New cases start on version 1.", named.Message, StringComparison.Ordinal);
        Assert.Equal([(1, true, false), (2, false, true)], (await s.Publisher.ListVersionsAsync()).Select(l => (l.Version.Number, l.IsCurrent, l.Version.IsRetracted)));
    }

    [Fact]
    public async Task RepublishingRetractedContentMakesANewVersion()
    {
        var s = await NewAsync();
        var first = await s.Publisher.PublishAsync(Referral(), "Pat Lead", "First protocol");
        await s.Publisher.RetractAsync("referral", Testshire, 1, "Pat Lead", "Published too early");

        var again = await s.Publisher.PublishAsync(Referral(), "Pat Lead", "Agreed at the partnership meeting");

        Assert.Equal((PublishOutcome.Published, 2, first.Version!.ContentHash), (again.Outcome, again.Version!.Number, again.Version.ContentHash));
        Assert.Equal(again.Version.Definition, ((await s.Runtime.Cases.StartAsync(NewCase(), Worker)).Instance).Definition);
    }

    [Fact]
    public async Task ANewCaseCanStartOnANamedVersion()
    {
        var s = await NewAsync();
        var first = await s.Publisher.PublishAsync(Referral("Open"), "Pat Lead", "First protocol");
        var second = await s.Publisher.PublishAsync(Referral("Opened"), "Pat Lead", "Clearer title");

        var onFirst = (await s.Runtime.Cases.StartAsync(NewCase(number: 1), Worker)).Instance;
        var onCurrent = (await s.Runtime.Cases.StartAsync(NewCase(prisonNumber: "B2345CD"), Worker)).Instance;
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => s.Runtime.Cases.StartAsync(NewCase(number: 3, prisonNumber: "C3456DE"), Worker));

        Assert.Equal(first.Version!.Definition, onFirst.Definition);
        Assert.Equal(second.Version!.Definition, onCurrent.Definition);
        Assert.Equal("There is no version 3 of pathway 'referral' in 'Testshire (fictional)'.", unknown.Message);
    }

    [Fact]
    public async Task TheListingCountsTheCasesRunningOnEachVersion()
    {
        var s = await NewAsync();
        await s.Publisher.PublishAsync(Referral("Open"), "Pat Lead", "First protocol");
        var ended = (await s.Runtime.Cases.StartAsync(NewCase(prisonNumber: "A0001AA"), Worker)).Instance;
        await s.Runtime.Cases.StartAsync(NewCase(prisonNumber: "A0002AA"), Worker);
        await s.Runtime.Cases.RaiseEventAsync(ended.Id, "closed", null, null, Worker);
        await s.Publisher.PublishAsync(Referral("Opened"), "Pat Lead", "Clearer title");
        await s.Runtime.Cases.StartAsync(NewCase(prisonNumber: "A0003AA"), Worker);
        await s.Runtime.Cases.StartAsync(NewCase(prisonNumber: "A0004AA"), Worker);

        var listed = await s.Publisher.ListVersionsAsync("referral", Testshire);

        Assert.Equal([(1, 1, false), (2, 2, true)], listed.Select(l => (l.Version.Number, l.RunningInstances, l.IsCurrent)));
    }

    [Fact]
    public async Task ARetractionIsRefusedWithoutAReasonOrForAnUnknownOrRetractedVersionAndChangesNothing()
    {
        var s = await NewAsync();
        await s.Publisher.PublishAsync(Referral(), "Pat Lead", "First protocol");
        await s.Publisher.RetractAsync("referral", Testshire, 1, "Pat Lead", "Published too early");
        var before = await s.Versions.FindVersionAsync("referral", Testshire, 1);

        var noReason = await Assert.ThrowsAsync<InvalidRequestException>(() => s.Publisher.RetractAsync("referral", Testshire, 1, "Kim Lead", "  "));
        var unknown = await Assert.ThrowsAsync<NotFoundException>(() => s.Publisher.RetractAsync("referral", Testshire, 4, "Kim Lead", "Mistake"));
        var elsewhere = await Assert.ThrowsAsync<NotFoundException>(() => s.Publisher.RetractAsync("referral", Exampleton, 1, "Kim Lead", "Mistake"));
        var twice = await Assert.ThrowsAsync<InvalidRequestException>(() => s.Publisher.RetractAsync("referral", Testshire, 1, "Kim Lead", "Again"));

        Assert.Equal("Retracting needs a reason: say why no new case should start on this version.", noReason.Message);
        Assert.Equal("There is no version 4 of pathway 'referral' in 'Testshire (fictional)': its versions are 1 to 1.", unknown.Message);
        Assert.Equal("Pathway 'referral' has no published versions in 'Exampleton (fictional)'.", elsewhere.Message);
        Assert.Equal("Version 1 of pathway 'referral' in 'Testshire (fictional)' was already retracted by Pat Lead at 2026-06-01T08:00:00Z: Published too early", twice.Message);
        Assert.Equal(before, await s.Versions.FindVersionAsync("referral", Testshire, 1));
    }

    [Fact]
    public async Task PublishingWithoutAnAuthorOrANoteIsRefusedAndWritesNothing()
    {
        var s = await NewAsync();

        var noAuthor = await Assert.ThrowsAsync<InvalidRequestException>(() => s.Publisher.PublishAsync(Referral(), "", "First protocol"));
        var noNote = await Assert.ThrowsAsync<InvalidRequestException>(() => s.Publisher.PublishAsync(Referral(), "Pat Lead", " "));

        Assert.Equal("Publishing needs the name of the person publishing.", noAuthor.Message);
        Assert.Equal("Publishing needs a change note: say what changed and why.", noNote.Message);
        Assert.Empty(await s.Publisher.ListVersionsAsync());
    }

    [Fact]
    public async Task ADraftIsSavedWithItsErrorsAndEachSaveReplacesTheLast()
    {
        var s = await NewAsync();
        var first = await s.Publisher.SaveDraftAsync(Referral(owner: "teem"), "Pat Lead");
        s.Clock.Advance(Duration.FromMinutes(5));

        var second = await s.Publisher.SaveDraftAsync(Referral("Opened"), "Kim Lead");

        Assert.Contains(first.Diagnostics, d => d.IsError);
        Assert.DoesNotContain(second.Diagnostics, d => d.IsError);
        Assert.Equal(
            new PathwayDraft("referral", Testshire, Referral("Opened").Text, "Kim Lead", Start + Duration.FromMinutes(5)),
            await s.Publisher.GetDraftAsync("referral", Testshire));
        Assert.Empty(await s.Publisher.ListVersionsAsync());
    }

    [Fact]
    public async Task ADraftThatDoesNotNameItsPathwayAndPartnershipIsRefused()
    {
        var s = await NewAsync();
        var text = new SourceText(Referral().Text.Replace("  partnership \"Testshire (fictional)\"\n", "", StringComparison.Ordinal), "referral.pathway");

        var refused = await Assert.ThrowsAsync<InvalidRequestException>(() => s.Publisher.SaveDraftAsync(text, "Pat Lead"));

        Assert.StartsWith("A draft is kept under its pathway id and partnership", refused.Message, StringComparison.Ordinal);
        Assert.Null(await s.Publisher.GetDraftAsync("referral", Testshire));
    }

    [Fact]
    public async Task TwoPublishersAtOnceGetOneVersionEachOrAClearConflict()
    {
        var s = await NewAsync();
        var go = new TaskCompletionSource();
        var publishes = Enumerable.Range(1, 8).Select(i => Task.Run(async () =>
        {
            await go.Task;
            try
            {
                return (await s.Publisher.PublishAsync(Referral($"Open {i}"), "Pat Lead", $"Variant {i}")).Version!.Number;
            }
            catch (VersionNumberTakenException conflict)
            {
                Assert.StartsWith($"Version {conflict.Number} of pathway 'referral' in 'Testshire (fictional)' was published by someone else at the same moment", conflict.Message, StringComparison.Ordinal);
                return 0;
            }
        })).ToList();
        go.SetResult();
        var numbers = await Task.WhenAll(publishes);

        var published = numbers.Where(n => n > 0).Order().ToList();
        Assert.Equal(Enumerable.Range(1, published.Count), published);
        Assert.Equal(published, (await s.Publisher.ListVersionsAsync()).Select(l => l.Version.Number));
    }
}
