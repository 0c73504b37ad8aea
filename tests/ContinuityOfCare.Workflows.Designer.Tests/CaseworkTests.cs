using System.Globalization;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ContinuityOfCare.Workflows.Designer.Tests;

/// <summary>Casework on the national pathway's fictional demonstration cases (prison numbers A0001DM to A0006DM).</summary>
[Collection(BrowserCollection.Name)]
public sealed class CaseworkTests(DesignerSite site)
{
    private static string InDays(int days) =>
        DateTime.Today.AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static async Task OpenCaseAsync(IPage page, string prisonNumber)
    {
        await page.GotoAsync($"/caseload?prisonNumber={prisonNumber}");
        await page.GetByRole(AriaRole.Link, new() { Name = prisonNumber }).First.ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(prisonNumber);
    }

    [Fact]
    public async Task ACaseworkerStartsACaseAndAdvancesAnotherToReleaseAndEngagement()
    {
        var carats = await site.SignInAsync("carats.national");
        await carats.GotoAsync("/caseload");
        await DesignerSite.CheckAsync(carats, "caseload");

        await carats.GotoAsync("/cases/new");
        await carats.GetByLabel("Prison number").FillAsync("A9001BT");
        await carats.GetByLabel("Full name").FillAsync("Jo Browser (fictional)");
        await carats.GetByLabel("Day").FillAsync("2");
        await carats.GetByLabel("Month").FillAsync("4");
        await carats.GetByLabel("Year").FillAsync("1988");
        await DesignerSite.CheckAsync(carats);
        await carats.GetByRole(AriaRole.Button, new() { Name = "Start the case" }).ClickAsync();
        await Assertions.Expect(carats.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Case started for A9001BT.");

        await OpenCaseAsync(carats, "A0005DM");
        var released = carats.Locator("form.app-event-form", new() { Has = carats.GetByRole(AriaRole.Heading, new() { Name = "released" }) });
        await released.GetByLabel("Release date").FillAsync(InDays(0));
        await released.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(carats.Locator(".govuk-summary-list")).ToContainTextAsync("released-to-community");

        var treatment = await site.SignInAsync("treatment.national");
        await OpenCaseAsync(treatment, "A0005DM");
        await treatment.Locator("form.app-event-form", new() { Has = treatment.GetByRole(AriaRole.Heading, new() { Name = "attended" }) })
            .GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(treatment.Locator(".govuk-summary-list")).ToContainTextAsync("attended-first-appointment");
        await treatment.Locator("form.app-event-form", new() { Has = treatment.GetByRole(AriaRole.Heading, new() { Name = "treatment started" }) })
            .GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();

        await Assertions.Expect(treatment.Locator(".govuk-summary-list")).ToContainTextAsync("(engaged)");
        await Assertions.Expect(treatment.Locator(".moj-timeline")).ToContainTextAsync("Moved from 'attended-first-appointment' to 'engaged'");
        await DesignerSite.CheckAsync(treatment, "case");
    }

    [Fact]
    public async Task MovingTheReleaseDateMovesTheDeadlineCountedFromIt()
    {
        var page = await site.SignInAsync("carats.national");
        await OpenCaseAsync(page, "A0004DM");
        var due = page.Locator("tr", new() { HasText = "start joint release planning" }).Locator(".app-due");
        await Assertions.Expect(due).ToContainTextAsync("overdue");

        await page.Locator("#fields").GetByLabel("Release date").FillAsync(InDays(120));
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the dates" }).ClickAsync();

        await Assertions.Expect(page.Locator(".govuk-notification-banner--success")).ToContainTextAsync("Deadlines counted from it have moved.");
        await Assertions.Expect(due).ToContainTextAsync("working days");
        await Assertions.Expect(page.Locator(".moj-timeline")).ToContainTextAsync("Deadline for 'start-release-planning' moved because 'release-date' changed.");
        await DesignerSite.ExpectAccessibleAsync(page);
    }

    [Fact]
    public async Task ADeadlineYearsAheadIsShownAsProvisionalOnTheCaseloadAndTheCase()
    {
        // A case started over the API whose release date, 1 March 2035, is years past the published bank holidays.
        var cjit = await site.Server.SignedInAsync("cjit.national");
        var healthcare = await site.Server.SignedInAsync("healthcare.national");
        var carats = await site.Server.SignedInAsync("carats.national");
        var started = await cjit.PostAsJsonAsync("/api/cases", new
        {
            pathwayId = "custody-to-community",
            person = new { prisonNumber = "A0035PV", name = "Gil Provisional (fictional)", dateOfBirth = "1985-04-01" },
            consentRecorded = true,
        });
        Assert.Equal(System.Net.HttpStatusCode.Created, started.StatusCode);
        var id = (await started.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("id").GetGuid();
        foreach (var (client, body) in new (HttpClient, object)[]
        {
            (cjit, new { @event = "arrived", values = new { prison = "HMP Example (fictional)" } }),
            (healthcare, new { @event = "origin-recorded", values = new { origin = "community" } }),
            (healthcare, new { @event = "screened", values = new Dictionary<string, object> { ["priority-offender"] = "yes", ["problematic-drug-use"] = "yes" } }),
            (carats, new { @event = "care-plan-completed" }),
            (carats, new { @event = "release-date-set", values = new Dictionary<string, object> { ["release-date"] = "2035-03-01", ["key-worker"] = "Key worker (fictional)" } }),
        })
        {
            var recorded = await client.PostAsJsonAsync($"/api/cases/{id}/events", body);
            Assert.True(recorded.IsSuccessStatusCode, await recorded.Content.ReadAsStringAsync());
        }

        var page = await site.SignInAsync("carats.national");
        await page.GotoAsync("/caseload");
        var listed = page.Locator("tr", new() { HasText = "A0035PV" });
        await Assertions.Expect(listed).ToContainTextAsync("by the end of Thursday 18 January 2035");
        await Assertions.Expect(listed.Locator(".app-due__provisional")).ToHaveTextAsync("Provisional");
        await Assertions.Expect(listed).ToContainTextAsync("Counted with the bank holidays expected in 2035, which are not published yet: it may move when they are.");
        await DesignerSite.CheckAsync(page, "caseload-provisional");

        await OpenCaseAsync(page, "A0035PV");
        var due = page.Locator("tr", new() { HasText = "start joint release planning" }).Locator(".app-due");
        await Assertions.Expect(due.Locator(".app-due__at")).ToHaveTextAsync("by the end of Thursday 18 January 2035");
        await Assertions.Expect(due.Locator(".app-due__provisional")).ToHaveTextAsync("Provisional");
        await Assertions.Expect(page.Locator(".app-timers")).ToContainTextAsync("start joint release planning’ is overdue");
        await Assertions.Expect(page.Locator(".app-timers .app-due__provisional").First).ToHaveTextAsync("Provisional");
        await DesignerSite.CheckAsync(page, "case-provisional");
    }

    [Fact]
    public async Task AChangeSomeoneElseMadeFirstIsExplainedAndWhatWasTypedIsKept()
    {
        var mine = await site.SignInAsync("carats.national");
        var theirs = await site.SignInAsync("carats.national");
        await OpenCaseAsync(mine, "A0003DM");
        await OpenCaseAsync(theirs, "A0003DM");
        await theirs.GetByRole(AriaRole.Button, new() { Name = "Record that consent was withdrawn" }).ClickAsync();
        await Assertions.Expect(theirs.Locator(".govuk-notification-banner--success")).ToBeVisibleAsync();

        var form = mine.Locator("form.app-event-form", new() { Has = mine.GetByRole(AriaRole.Heading, new() { Name = "release date set" }) });
        await form.GetByLabel("Release date").FillAsync(InDays(60));
        await form.GetByLabel("Note (optional)").FillAsync("Date from the offender management unit");
        await form.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();

        await Assertions.Expect(mine.Locator(".govuk-notification-banner")).ToContainTextAsync("Someone else changed this case");
        await Assertions.Expect(mine.Locator(".govuk-summary-list")).ToContainTextAsync("Not recorded");
        form = mine.Locator("form.app-event-form", new() { Has = mine.GetByRole(AriaRole.Heading, new() { Name = "release date set" }) });
        await Assertions.Expect(form.GetByLabel("Release date")).ToHaveValueAsync(InDays(60));
        await Assertions.Expect(form.GetByLabel("Note (optional)")).ToHaveValueAsync("Date from the offender management unit");
        await DesignerSite.ExpectAccessibleAsync(mine);
    }

    [Fact]
    public async Task AnAuditorReadsEverythingButIsOfferedNoChangeAndIsRefusedOne()
    {
        var page = await site.SignInAsync("auditor.national");
        await page.GotoAsync("/audit/cases?prisonNumber=A0006DM");
        await DesignerSite.CheckAsync(page, "audit-cases");
        await page.GetByRole(AriaRole.Link, new() { Name = "A0006DM" }).ClickAsync();

        await Assertions.Expect(page.Locator(".moj-timeline")).ToContainTextAsync("on version 1");
        await Assertions.Expect(page.Locator("main form")).ToHaveCountAsync(0);
        var status = await page.EvaluateAsync<int>(
            @"async () => {
                const token = document.querySelector('meta[name=csrf-token]').content;
                const body = new URLSearchParams({ Seen: '1', consent: 'false', __RequestVerificationToken: token });
                const response = await fetch(location.pathname + '?handler=Consent', { method: 'POST', body });
                return response.status;
            }");
        Assert.Equal(403, status);
        await DesignerSite.CheckAsync(page, "case-audit");

        await page.GotoAsync("/pathways/custody-to-community");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Edit the pathway" })).ToHaveCountAsync(0);
        await page.GotoAsync("/pathways/custody-to-community/edit");
        Assert.Contains("/account/denied", page.Url);

        // An auditor looks at any agency's caseload, and is offered nothing to do on it.
        await page.GotoAsync("/caseload");
        await page.GetByLabel("Agency").SelectOptionAsync("carats");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the caseload" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Caseload for carats" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#overdue")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Mark as done" })).ToHaveCountAsync(0);
        await DesignerSite.CheckAsync(page);

        await page.GotoAsync("/reports");
        // The indicator by month, the funnel, deadlines by agency and time at each step: a chart each, over its table.
        await Assertions.Expect(page.Locator("canvas[role=img]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("table[data-module=chart]")).ToHaveCountAsync(4);
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "time in state (CSV)" })).ToHaveAttributeAsync("href", new Regex("^/api/reports/time-in-state\\?pathwayId=custody-to-community&from=.*&format=csv$"));
        await Assertions.Expect(page.Locator("table[data-module=chart]").First).ToBeVisibleAsync();
        await DesignerSite.CheckAsync(page, "reports");
    }
}
