using System.Net.Http.Json;
using Microsoft.Playwright;

namespace ContinuityOfCare.Workflows.Designer.Tests;

/// <summary>A caseload longer than a page: the counts of the whole of it, and its pages one after another.</summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseloadPagingTests(DesignerSite site)
{
    [Fact]
    public async Task ACaseloadLongerThanAPageCountsEverythingAndPagesEarliestDueFirst()
    {
        // Sixty new Riverside cases, each opening a CJIT action.
        var api = await site.Server.SignedInAsync("cjit.riverside");
        for (var i = 0; i < 60; i++)
        {
            using var started = await api.PostAsJsonAsync("/api/cases", new
            {
                pathwayId = "riverside-custody-to-community",
                consentRecorded = true,
                person = new { prisonNumber = $"P{i:D4}PG", name = $"Paging Example {i} (fictional)", dateOfBirth = "1990-02-03" },
            });
            started.EnsureSuccessStatusCode();
        }

        var caseload = await api.GetFromJsonAsync<System.Text.Json.JsonElement>("/api/caseload");
        var total = caseload.GetProperty("counts").GetProperty("total").GetInt32();
        Assert.True(total > 60);
        var pages = (total + 49) / 50;

        var page = await site.SignInAsync("cjit.riverside");
        await page.GotoAsync("/caseload");
        await Assertions.Expect(page.GetByText($"{total} outstanding actions")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText($"Page 1 of {pages}, earliest due first.")).ToBeVisibleAsync();
        Assert.Equal(50, await page.Locator("table.govuk-table tbody tr").CountAsync());
        await DesignerSite.CheckAsync(page, "caseload-page-1");

        var navigation = page.GetByRole(AriaRole.Navigation, new() { Name = "Caseload pages" });
        await navigation.GetByRole(AriaRole.Link, new() { Name = "Next page" }).ClickAsync();
        await Assertions.Expect(page.GetByText($"Page 2 of {pages}, earliest due first.")).ToBeVisibleAsync();
        await Assertions.Expect(navigation.GetByRole(AriaRole.Link, new() { Name = "Page 2" })).ToHaveAttributeAsync("aria-current", "page");
        Assert.Equal(pages == 2 ? total - 50 : 50, await page.Locator("table.govuk-table tbody tr").CountAsync());
        await DesignerSite.CheckAsync(page);

        // On a phone the page's tables and its page links stay inside the screen.
        await page.SetViewportSizeAsync(390, 844);
        await page.GotoAsync("/caseload?page=2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(DesignerSite.ScreenshotFolder, "caseload-page-2-phone.png"), FullPage = true });
        foreach (var part in await page.Locator("main table, main nav.govuk-pagination").AllAsync())
        {
            var box = await part.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= 390, $"A part of the caseload spans {box?.X} to {box?.X + box?.Width} px on a 390 px screen.");
        }

        await page.SetViewportSizeAsync(1280, 900);

        // A page past the end shows the last one rather than nothing, however far past; one before the first shows the first.
        foreach (var beyond in new[] { "99", "2147483647", "-5" })
        {
            await page.GotoAsync($"/caseload?page={beyond}");
            var expected = beyond == "-5" ? 1 : pages;
            await Assertions.Expect(page.GetByText($"Page {expected} of {pages}, earliest due first.")).ToBeVisibleAsync();
        }
    }
}
