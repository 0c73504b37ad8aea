using Microsoft.Playwright;

namespace ContinuityOfCare.Workflows.Designer.Tests;

/// <summary>A lead sees which parts of a local protocol are its own decisions and which it inherits.</summary>
[Collection(BrowserCollection.Name)]
public sealed class LocalProtocolTests(DesignerSite site)
{
    [Fact]
    public async Task ALeadSeesTheBaseItInheritsFromAndOnlyItsOwnChanges()
    {
        var page = await site.SignInAsync("lead.riverside");

        await page.GotoAsync("/pathways/riverside-custody-to-community");

        await Assertions.Expect(page.Locator("#based-on")).ToContainTextAsync("is based on custody-to-community version 1");
        await Assertions.Expect(page.Locator("#based-on")).ToContainTextAsync("Everything in it is inherited from there except the partnership's own changes below.");
        var changes = page.Locator(".coc-diff");
        await Assertions.Expect(changes).ToContainTextAsync("agency treatment name: Community treatment service → Riverside Community Recovery Service");
        await Assertions.Expect(changes).ToContainTextAsync("state third-follow-up");
        await Assertions.Expect(changes).Not.ToContainTextAsync("close prison case");
        await DesignerSite.CheckAsync(page, "local-changes");
    }

    [Fact]
    public async Task TheNationalPathwayWrittenWholeHasNoBaseToShow()
    {
        var page = await site.SignInAsync("lead.national");

        await page.GotoAsync("/pathways/custody-to-community");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "custody-to-community" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#based-on")).ToHaveCountAsync(0);
    }
}
