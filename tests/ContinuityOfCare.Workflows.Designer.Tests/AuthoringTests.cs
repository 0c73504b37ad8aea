using System.Net.Http.Json;
using System.Text.RegularExpressions;
using ContinuityOfCare.Workflows.Language.Tests;
using Microsoft.Playwright;

namespace ContinuityOfCare.Workflows.Designer.Tests;

[Collection(BrowserCollection.Name)]
public sealed class AuthoringTests(DesignerSite site)
{
    private const string Pathway = "northbridge-custody-to-community";

    [Fact]
    public async Task ALeadFixesAMistakeTheEditorPointsOutPublishesTheChangeAndComparesTheVersions()
    {
        var page = await site.SignInAsync("lead.northbridge");
        await page.GotoAsync("/pathways");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = Pathway })).ToBeVisibleAsync();
        await DesignerSite.CheckAsync(page, "pathways");

        await page.GotoAsync($"/pathways/{Pathway}/edit");
        await Assertions.Expect(page.Locator(".app-pathway-problems")).ToContainTextAsync("No problems found");
        await Assertions.Expect(page.Locator("[data-module=pathway-diagram] svg")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "local", "northbridge.pathway"));
        var changed = original.Replace("by in-reach 4 weeks before release-date", "by in-reach 3 weeks before release-date", StringComparison.Ordinal);
        Assert.NotEqual(original, changed);
        var mistaken = changed.Replace("owner in-reach", "owner in-reech", StringComparison.Ordinal);

        await page.Locator(".cm-content").ClickAsync();
        await page.Keyboard.PressAsync("Control+A");
        await page.Keyboard.InsertTextAsync(mistaken);

        var problems = page.Locator(".app-pathway-problems");
        await Assertions.Expect(problems).ToContainTextAsync("Unknown agency 'in-reech'. Did you mean 'in-reach'?");
        await Assertions.Expect(page.Locator(".cm-lintRange-error").First).ToBeVisibleAsync();
        await DesignerSite.CheckAsync(page, "editor-with-a-mistake");

        // Each fix re-checks the text, which redraws the list: a button seen a moment ago may be gone.
        for (var attempt = 0; attempt < 20 && !(await problems.InnerTextAsync()).Contains("No problems found", StringComparison.Ordinal); attempt++)
        {
            try
            {
                await page.Locator(".app-pathway-problems__fix").First.ClickAsync(new() { Timeout = 3_000 });
            }
            catch (TimeoutException)
            {
                // The list was being redrawn; look again.
            }

            await page.WaitForTimeoutAsync(600);
        }

        await Assertions.Expect(problems).ToContainTextAsync("No problems found", new() { Timeout = 10_000 });
        Assert.Equal(changed, await page.Locator("#pathway-text").InputValueAsync());

        await page.GetByLabel("Change note").FillAsync("The in-reach team visits 3 weeks before release, not 4.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"Version 2 of {Pathway} published.");
        await Assertions.Expect(page.Locator("table").First).ToContainTextAsync("The in-reach team visits 3 weeks before release");
        await DesignerSite.CheckAsync(page, "pathway-versions");

        await page.GetByRole(AriaRole.Button, new() { Name = "Compare" }).ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Regex($"/pathways/{Pathway}/diff\\?from=1&to=2$"));
        await Assertions.Expect(page.Locator(".app-diff")).ToContainTextAsync("4 weeks before release date");
        await Assertions.Expect(page.Locator(".app-text-diff__line--added")).ToContainTextAsync(["+ by in-reach 3 weeks before release-date"]);
        await DesignerSite.CheckAsync(page, "diff");

        await page.GotoAsync($"/pathways/{Pathway}/migrate");
        await page.GetByRole(AriaRole.Button, new() { Name = "Try it (dry run)" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What the move would do" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Each running case" }) }).Locator("tbody tr")).ToHaveCountAsync(6);
        var moves = page.Locator("table", new() { Has = page.Locator("caption", new() { HasText = "Where the cases would go" }) }).Locator("tbody tr td:last-child");
        Assert.Equal(6, (await moves.AllInnerTextsAsync()).Sum(int.Parse));
        await DesignerSite.CheckAsync(page, "migrate-dry-run");

        // Only a tried plan can be applied, after a warning; the answer is a fresh page, so a refresh moves nothing again.
        var move = page.GetByRole(AriaRole.Button, new() { Name = "Move 6 cases to version 2" });
        await Assertions.Expect(page.Locator(".govuk-warning-text")).ToContainTextAsync("Moving cases cannot be undone.");
        await move.ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-notification-banner")).ToContainTextAsync("6 cases moved from version 1 to version 2.");
        Assert.EndsWith($"/pathways/{Pathway}/migrate", new Uri(page.Url).AbsolutePath, StringComparison.Ordinal);
        Assert.Equal(0, await move.CountAsync());
        await DesignerSite.CheckAsync(page);
    }

    [Fact]
    public async Task WithoutScriptsPublishingAPathwayWithErrorsListsThemAndPublishesNothing()
    {
        var context = await site.Browser.NewContextAsync(new() { BaseURL = site.BaseUrl, JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("User name").FillAsync("lead.northbridge");
        await page.GetByLabel("Password").FillAsync(site.Server.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GotoAsync($"/pathways/{Pathway}/edit");

        var text = await page.Locator("#pathway-text").InputValueAsync();
        await page.Locator("#pathway-text").FillAsync(text.Replace("owner in-reach", "owner in-reech", StringComparison.Ordinal));
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();

        var summary = page.Locator(".govuk-error-summary");
        await Assertions.Expect(summary).ToContainTextAsync("Enter a change note");
        await Assertions.Expect(summary).ToContainTextAsync("COC2008 Unknown agency 'in-reech'");
        Assert.StartsWith("Error: ", await page.TitleAsync());
    }

    [Fact]
    public async Task ALeadRetractsAVersionWithAReasonAndNewCasesNoLongerStartOnIt()
    {
        const string riverside = "riverside-custody-to-community";
        var api = await site.Server.SignedInAsync("lead.riverside");
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "local", "riverside.pathway"))
            .Replace("Missed first appointment: first follow-up", "Missed first appointment: first follow-up, revised", StringComparison.Ordinal);
        var published = await api.PostAsJsonAsync("/api/pathways", new { text, note = "A revised title for release" });
        Assert.Equal(System.Net.HttpStatusCode.Created, published.StatusCode);
        var page = await site.SignInAsync("lead.riverside");

        await page.GotoAsync($"/pathways/{riverside}");
        await page.GetByRole(AriaRole.Link, new() { Name = "Retract version 2" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Retract version 2" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Retract version 2" }).ClickAsync();
        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("Say why no new case should start on this version");
        await DesignerSite.CheckAsync(page);

        await page.GetByLabel("Why should no new case start on it?").FillAsync("The title change was not agreed by the partnership board.");
        await page.GetByRole(AriaRole.Button, new() { Name = "Retract version 2" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync($"Version 2 of {riverside} is retracted");
        var row = page.Locator("tbody tr").Filter(new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = "2", Exact = true }) });
        await Assertions.Expect(row).ToContainTextAsync("Retracted");
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("Published, current");
        await DesignerSite.CheckAsync(page);
    }
}
