using Microsoft.Playwright;

namespace ContinuityOfCare.Workflows.Designer.Tests;

[Collection(BrowserCollection.Name)]
public sealed class RoleTests(DesignerSite site)
{
    [Fact]
    public async Task TheSignInPageIsAccessibleAndRefusesAWrongPassword()
    {
        var page = await site.NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await DesignerSite.CheckAsync(page, "sign-in");

        await page.GetByLabel("User name").FillAsync("lead.riverside");
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-error-summary")).ToContainTextAsync("The user name or password is not right");
        await DesignerSite.ExpectAccessibleAsync(page);
    }

    [Fact]
    public async Task ASignedInPageCannotBeFramedOrSniffedAndRunsOnlyItsOwnScripts()
    {
        var page = await site.SignInAsync("cjit.riverside");
        var response = await page.GotoAsync("/");

        var headers = await response!.AllHeadersAsync();
        Assert.Contains("frame-ancestors 'none'", headers["content-security-policy"]);
        Assert.Contains("script-src 'self' 'sha256-", headers["content-security-policy"]);
        Assert.Equal("DENY", headers["x-frame-options"]);
        Assert.Equal("nosniff", headers["x-content-type-options"]);
        Assert.Equal("same-origin", headers["referrer-policy"]);

        // The inline script the policy allows by its hash has run; an injected one would not.
        await Assertions.Expect(page.Locator("body")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("govuk-frontend-supported"));
        await DesignerSite.CheckAsync(page);
    }

    [Theory]
    [InlineData("lead.riverside", "lead", new[] { "Home", "Pathways", "Cases", "Caseloads", "Reports" })]
    [InlineData("cjit.riverside", "caseworker", new[] { "Home", "Caseload", "Start a case" })]
    [InlineData("auditor.riverside", "auditor", new[] { "Home", "Cases", "Caseloads", "Pathways", "Reports" })]
    public async Task EachRoleSignsInToAStartPageWithItsOwnNavigation(string userName, string role, string[] navigation)
    {
        var page = await site.SignInAsync(userName);

        await Assertions.Expect(page.Locator(".app-signed-in")).ToContainTextAsync($"({role}");
        await Assertions.Expect(page.Locator(".govuk-service-navigation__list a")).ToHaveTextAsync(navigation);
        await DesignerSite.CheckAsync(page, $"home-{role}");
    }

    [Fact]
    public async Task SigningOutEndsTheSession()
    {
        var page = await site.SignInAsync("auditor.riverside");

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.GotoAsync("/reports");

        Assert.StartsWith(site.BaseUrl + "/account/sign-in", page.Url);
    }
}
