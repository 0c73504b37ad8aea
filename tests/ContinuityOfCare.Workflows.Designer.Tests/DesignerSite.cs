using System.Text;
using ContinuityOfCare.Workflows.Language.Tests;
using ContinuityOfCare.Workflows.Server.Tests;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ContinuityOfCare.Workflows.Designer.Tests;

/// <summary>
/// The real server listening on a loopback port with fictional demonstration data, and Debian's
/// Chromium driven by Playwright. Every page a test visits is checked with axe against WCAG 2.2 AA.
/// </summary>
public sealed class DesignerSite : IAsyncLifetime
{
    private static readonly string[] WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

    private readonly TempDataFolder _data = new();
    private IPlaywright? _playwright;

    public ServerFactory Server { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Where screenshots go: the test output folder, and with COC_UPDATE_SCREENSHOTS=1 also docs/screenshots.</summary>
    public static string ScreenshotFolder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        Server = new ServerFactory(_data.Path);
        Server.UseKestrel(0);
        Server.StartServer();
        BaseUrl = Server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
        await Server.DisposeAsync();
        _data.Dispose();
    }

    /// <summary>A new browser window, not signed in.</summary>
    public async Task<IPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB" });
        context.SetDefaultTimeout(20_000);
        var page = await context.NewPageAsync();

        // Anything the page's Content-Security-Policy blocks is a broken script or style: collect
        // it, and every check of the page fails on it.
        var blocked = new System.Collections.Concurrent.ConcurrentQueue<string>();
        Blocked.Add(page, blocked);
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                blocked.Enqueue(message.Text);
            }
        };
        return page;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, System.Collections.Concurrent.ConcurrentQueue<string>> Blocked = new();

    /// <summary>A new browser window signed in through the sign-in page as a fictional demonstration account.</summary>
    public async Task<IPage> SignInAsync(string userName)
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/account/sign-in");
        await page.GetByLabel("User name").FillAsync(userName);
        await page.GetByLabel("Password").FillAsync(Server.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(BaseUrl + "/");
        return page;
    }

    /// <summary>Fails with every WCAG 2.2 AA violation axe finds on the page as it is now.</summary>
    public static async Task ExpectAccessibleAsync(IPage page)
    {
        if (Blocked.TryGetValue(page, out var blocked))
        {
            Assert.True(blocked.IsEmpty, $"The Content-Security-Policy blocked on {page.Url}:\n{string.Join("\n", blocked)}");
        }

        var result = await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "tag", Values = [.. WcagTags] } });
        var report = new StringBuilder();
        foreach (var violation in result.Violations)
        {
            report.AppendLine($"{violation.Id} ({violation.Impact}): {violation.Help}");
            foreach (var node in violation.Nodes.Take(5))
            {
                report.AppendLine($"  {node.Target}: {node.Html}");
            }
        }

        Assert.True(result.Violations.Length == 0, $"Accessibility violations on {page.Url}:\n{report}");
    }

    /// <summary>Checks the page with axe and keeps a screenshot of it.</summary>
    public static async Task CheckAsync(IPage page, string? screenshot = null)
    {
        await ExpectAccessibleAsync(page);
        if (screenshot is null)
        {
            return;
        }

        Directory.CreateDirectory(ScreenshotFolder);
        var file = Path.Combine(ScreenshotFolder, screenshot + ".png");
        await page.ScreenshotAsync(new() { Path = file, FullPage = true });
        if (Environment.GetEnvironmentVariable("COC_UPDATE_SCREENSHOTS") == "1")
        {
            var docs = Path.Combine(RepositoryPaths.Root, "docs", "screenshots");
            Directory.CreateDirectory(docs);
            File.Copy(file, Path.Combine(docs, screenshot + ".png"), overwrite: true);
        }
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<DesignerSite>
{
    public const string Name = "browser";
}
