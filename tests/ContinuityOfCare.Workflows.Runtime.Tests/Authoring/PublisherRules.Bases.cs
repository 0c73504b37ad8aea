using ContinuityOfCare.Workflows.Authoring;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Authoring;

/// <summary>Publishing a local protocol written as changes: its base comes from the store, from a partnership it may read.</summary>
public abstract partial class PublisherRules
{
    /// <summary>Changes to the small pathway: the team gets the partnership's own name.</summary>
    protected static SourceText LocalReferral(int baseVersion = 1, string partnership = Testshire) => new($"""
        pathway local-referral
          title "Local referral"
          partnership "{partnership}"
          based on referral version {baseVersion}

        rename agency team "The local team"
        """, "local-referral.pathway");

    [Fact]
    public async Task ALocalProtocolIsPublishedWholeOnTheNationalVersionItNamesAndRecordsIt()
    {
        var s = await NewAsync();
        await s.Publisher.PublishAsync(Referral("Open", PathwayPublisher.NationalPartnership), "Nat Lead", "National template");
        var national = await s.Publisher.PublishAsync(Referral("Opened", PathwayPublisher.NationalPartnership), "Nat Lead", "Clearer title");

        var local = await s.Publisher.PublishAsync(LocalReferral(baseVersion: 2), "Pat Lead", "Our protocol");

        Assert.Equal(PublishOutcome.Published, local.Outcome);
        var definition = DefinitionJson.FromJson((await s.Versions.GetContentAsync("local-referral", Testshire, 1))!.DefinitionJson);
        Assert.Equal(new PathwayBase("referral", 2, national.Version!.ContentHash), definition.Base);
        Assert.Equal(("The local team", "Opened"), (definition.FindAgency("team")!.Name, definition.FindState("open")!.Title));
    }

    [Fact]
    public async Task APartnershipBuildsOnItsOwnPathwayBeforeAShared()
    {
        var s = await NewAsync();
        await s.Publisher.PublishAsync(Referral("National", PathwayPublisher.NationalPartnership), "Nat Lead", "National template");
        await s.Publisher.PublishAsync(Referral("Ours"), "Pat Lead", "Our template");

        await s.Publisher.PublishAsync(LocalReferral(), "Pat Lead", "Our protocol");

        var definition = DefinitionJson.FromJson((await s.Versions.GetContentAsync("local-referral", Testshire, 1))!.DefinitionJson);
        Assert.Equal("Ours", definition.FindState("open")!.Title);
    }

    [Fact]
    public async Task AnotherLocalPartnershipsPathwayIsNotABase()
    {
        var s = await NewAsync();
        await s.Publisher.PublishAsync(Referral("Open", Exampleton), "Kim Lead", "Exampleton's protocol");

        var local = await s.Publisher.PublishAsync(LocalReferral(), "Pat Lead", "Our protocol", Testshire);

        Assert.Equal(PublishOutcome.HasErrors, local.Outcome);
        var error = Assert.Single(local.Diagnostics);
        Assert.Equal(("COC2041", 4, 12), (error.Code, error.Start.Line, error.Start.Column));
        Assert.Empty(await s.Publisher.ListVersionsAsync("local-referral"));
    }

    [Fact]
    public async Task ARetractedOrUnpublishedBaseVersionIsRefusedWithTheCurrentOneOffered()
    {
        var s = await NewAsync();
        await s.Publisher.PublishAsync(Referral("Open", PathwayPublisher.NationalPartnership), "Nat Lead", "National template");
        await s.Publisher.PublishAsync(Referral("Opened", PathwayPublisher.NationalPartnership), "Nat Lead", "Clearer title");
        await s.Publisher.RetractAsync("referral", PathwayPublisher.NationalPartnership, 1, "Nat Lead", "The start state was misnamed");

        var retracted = await s.Publisher.PublishAsync(LocalReferral(baseVersion: 1), "Pat Lead", "Our protocol");
        var missing = await s.Publisher.PublishAsync(LocalReferral(baseVersion: 5), "Pat Lead", "Our protocol");

        Assert.Equal(
            [("COC2042", "Version 1 of pathway 'referral' was retracted (The start state was misnamed), so nothing new may be based on it. Did you mean version 2, the current one?", "2"),
             ("COC2042", "Pathway 'referral' has no published version 5; its versions are 1 to 2. Did you mean version 2, the current one?", "2")],
            new[] { retracted, missing }.Select(r => Assert.Single(r.Diagnostics)).Select(d => (d.Code, d.Message, d.Fix!.Replacement)));
    }
}
