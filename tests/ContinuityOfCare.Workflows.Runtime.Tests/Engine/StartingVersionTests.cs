using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>Which definition version a new case starts on: the current one of its partnership, or a numbered one.</summary>
public class StartingVersionTests
{
    private const string Testshire = "Testshire (fictional)";
    private const string Exampleton = "Exampleton (fictional)";

    private static string Pathway(string partnership, string startTitle) => $"""
        pathway referral
          title "Referral"
          partnership "{partnership}"
        agency team "Team"
        start state open "{startTitle}"
          stage "Open"
          owner team
          on closed -> done
        final state done "Done"
          stage "Done"
          owner team
          outcome finished
        """;

    private static Definitions.PathwayDefinition Compile(string text) => TestCompiler.Compile(text, "test.pathway").Definition!;

    private static StartCase Start(string partnership, int? number = null) =>
        new("referral", partnership, new Person("A1234BC", "Sam Sample", new LocalDate(1988, 3, 14)), true, VersionNumber: number);

    [Fact]
    public async Task NewCasesStartOnTheLatestVersionOfTheirOwnPartnership()
    {
        var h = ForText(Pathway(Testshire, "Open"), "2026-06-01 09:00");
        var exampleton = h.Catalog.Add(Compile(Pathway(Exampleton, "Opened in Exampleton")));
        var testshire = h.Catalog.Add(Compile(Pathway(Testshire, "Opened")));

        var inTestshire = (await h.Runtime.Cases.StartAsync(Start(Testshire), Caseworker("team"))).Instance;
        var inExampleton = (await h.Runtime.Cases.StartAsync(Start(Exampleton), Caseworker("team"))).Instance;

        Assert.Equal(testshire, inTestshire.Definition);
        Assert.Equal(exampleton, inExampleton.Definition);
    }

    [Fact]
    public async Task ANamedVersionNumberStartsOnThatVersion()
    {
        var h = ForText(Pathway(Testshire, "Open"), "2026-06-01 09:00");
        var first = await h.Catalog.CurrentAsync("referral", Testshire);
        h.Catalog.Add(Compile(Pathway(Testshire, "Opened")));

        var instance = (await h.Runtime.Cases.StartAsync(Start(Testshire, number: 1), Caseworker("team"))).Instance;

        Assert.Equal(first, instance.Definition);
    }

    [Fact]
    public async Task AnUnknownVersionNumberIsRefusedAndNothingStarts()
    {
        var h = ForText(Pathway(Testshire, "Open"), "2026-06-01 09:00");

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => h.Runtime.Cases.StartAsync(Start(Testshire, number: 2), Caseworker("team")));

        Assert.Equal($"There is no version 2 of pathway 'referral' in '{Testshire}'.", refused.Message);
        Assert.Empty(await h.Store.FindInstancesForPersonAsync(Testshire, "A1234BC"));
    }

    [Fact]
    public async Task APathwayNotPublishedInTheCasesPartnershipIsRefused()
    {
        var h = ForText(Pathway(Testshire, "Open"), "2026-06-01 09:00");

        var refused = await Assert.ThrowsAsync<NotFoundException>(() => h.Runtime.Cases.StartAsync(Start(Exampleton), Caseworker("team")));

        Assert.StartsWith($"There is no version of pathway 'referral' that new cases in '{Exampleton}' can start on", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await h.Store.FindInstancesForPersonAsync(Exampleton, "A1234BC"));
    }
}
