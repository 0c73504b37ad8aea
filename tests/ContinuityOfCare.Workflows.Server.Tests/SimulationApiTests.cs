using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>Simulating a cohort through published versions over HTTP.</summary>
public sealed class SimulationApiTests : IAsyncLifetime
{
    private readonly TempDataFolder _data = new();
    private ServerFactory _server = null!;

    public Task InitializeAsync()
    {
        _server = new ServerFactory(_data.Path);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _server.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheLondonCohortGivesTheReviewsFunnelThroughThePublishedNationalPathway()
    {
        var lead = await _server.SignedInAsync("lead.national");

        var response = await lead.PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, cohort = Cohort("london-review.json"), seed = 7 });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        var funnel = body.GetProperty("first").GetProperty("reports").GetProperty("funnel").GetProperty("stages").EnumerateArray()
            .Select(s => $"{s.GetProperty("stage").GetString()} {s.GetProperty("reached").GetInt32()}");
        Assert.Equal(["Released 264", "Referral 182", "Appointment 153", "Attended 78", "Engaged 70"], funnel);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("second").ValueKind);
    }

    [Fact]
    public async Task TwoVersionsAreComparedAsCsvAndABadCohortIsRefusedByPath()
    {
        var lead = await _server.SignedInAsync("lead.national");
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway"));
        var published = await lead.PostAsJsonAsync("/api/pathways", new { text = text.Replace("within 5 working days of released", "within 3 working days of released", StringComparison.Ordinal), note = "Contact within 3 working days" });
        Assert.Equal(HttpStatusCode.Created, published.StatusCode);

        var csv = await lead.PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, compareWith = 2, cohort = Cohort("typical.json"), people = 300, seed = 1, format = "csv" });
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("version 1", lines[0], StringComparison.Ordinal);
        Assert.Contains("version 2", lines[0], StringComparison.Ordinal);
        Assert.True(lines.Length > 5);

        var bad = await lead.PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, cohort = new { people = 10, states = new { nowhere = new { next = Array.Empty<object>() } } } });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains(errors.EnumerateObject(), e => e.Name.StartsWith("cohort", StringComparison.Ordinal) && e.Value[0].GetString()!.Length > 0);

        var other = await (await _server.SignedInAsync("lead.riverside")).PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, cohort = Cohort("london-review.json") });
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
    }

    [Fact]
    public async Task OnlyLeadsAndAuditorsSimulateAndNoMoreThanFiveThousandPeople()
    {
        var caseworker = await _server.SignedInAsync("cjit.national");
        var refused = await caseworker.PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, cohort = Cohort("typical.json"), people = 10 });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(
            "Only a partnership lead or auditor may run simulations; you are signed in as cjit.national (caseworker).",
            (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());

        var auditor = await _server.SignedInAsync("auditor.national");
        var large = await auditor.PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, cohort = Cohort("typical.json"), people = 20_000 });
        Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
        Assert.Equal("Simulate from 1 to 5,000 people.", (await large.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("people")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await auditor.PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, cohort = Cohort("typical.json"), people = 10 })).StatusCode);
    }

    [Fact]
    public async Task OneSimulationRunsAtATimeForAPartnership()
    {
        var lead = await _server.SignedInAsync("lead.national");
        var auditor = await _server.SignedInAsync("auditor.national");
        // On its own thread: the in-process server runs a request on the caller's thread until it first waits.
        // If one of the small ones below is running when it arrives, it is refused in its turn: send it again.
        var large = Task.Run(async () =>
        {
            while (true)
            {
                var response = await lead.PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, cohort = Cohort("typical.json"), people = 5_000, seed = 3 });
                if (response.StatusCode != HttpStatusCode.Conflict)
                {
                    return response;
                }
            }
        });

        // While the large one runs, another from the same partnership is refused with a reason.
        HttpResponseMessage? busy = null;
        var seen = new List<string>();
        while (!large.IsCompleted && busy is null)
        {
            var attempt = await auditor.PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, cohort = Cohort("typical.json"), people = 5 });
            busy = attempt.StatusCode == HttpStatusCode.Conflict ? attempt : null;
            seen.Add($"{(int)attempt.StatusCode} {(busy is null ? await attempt.Content.ReadAsStringAsync() : "")}");
        }

        Assert.True(busy is not null, string.Join("\n", seen.Take(5)));
        Assert.Equal("10", busy.Headers.RetryAfter?.ToString());
        Assert.Equal(
            "Your partnership already has a simulation running. Try again when it has finished: one runs at a time for each partnership.",
            (await busy.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
        Assert.Equal(HttpStatusCode.OK, (await large).StatusCode);

        // Once it has finished, the next one runs.
        Assert.Equal(HttpStatusCode.OK, (await auditor.PostAsJsonAsync("/api/simulations", new { pathwayId = "custody-to-community", version = 1, cohort = Cohort("typical.json"), people = 5 })).StatusCode);
    }

    private static JsonElement Cohort(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "cohorts", file)), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        return document.RootElement.Clone();
    }
}
