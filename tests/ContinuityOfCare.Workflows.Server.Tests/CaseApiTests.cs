using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>Casework through HTTP on the embedded default.</summary>
public sealed class SqliteCaseApiTests : CaseApiScenarios
{
    protected override Task<string?> NewPostgreSqlDatabaseAsync() => Task.FromResult<string?>(null);
}

/// <summary>Casework through HTTP on PostgreSQL.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlCaseApiTests(PostgresClusterFixture cluster) : CaseApiScenarios
{
    protected override async Task<string?> NewPostgreSqlDatabaseAsync() => await cluster.NewDatabaseAsync();
}

/// <summary>
/// The national pathway driven through HTTP by caseworkers of each agency, and every way a change can
/// be refused: the wrong agency, stale versions, retries, bad values.
/// </summary>
public abstract class CaseApiScenarios : IAsyncLifetime
{
    private const string National = "custody-to-community";
    private readonly TempDataFolder _data = new();
    private ServerFactory _server = null!;

    protected abstract Task<string?> NewPostgreSqlDatabaseAsync();

    public async Task InitializeAsync() => _server = new ServerFactory(_data.Path, await NewPostgreSqlDatabaseAsync()) { Logs = new CollectedLogs() };

    public Task DisposeAsync()
    {
        _server.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task TheNationalPathwayIsWorkedFromCourtToCommunityTreatmentByEachAgency()
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        var healthcare = await _server.SignedInAsync("healthcare.national");
        var carats = await _server.SignedInAsync("carats.national");
        var treatment = await _server.SignedInAsync("treatment.national");

        var started = await StartAsync(cjit, "T1001AA");
        var id = started.GetProperty("id").GetGuid();
        Assert.Equal("sent-to-prison", State(started));
        var sendDir = started.GetProperty("openActions")[0];
        Assert.Equal(["send-dir cjit Open"], OpenActions(started));

        var done = await Ok(cjit.PostAsync($"/api/cases/{id}/actions/{sendDir.GetProperty("id").GetGuid()}/complete", null));
        Assert.Empty(OpenActions(done));

        var steps = new (HttpClient Who, string Event, object? Values, string Then)[]
        {
            (cjit, "arrived", new Dictionary<string, object> { ["prison"] = "HMP Example (fictional)" }, "reception"),
            (healthcare, "origin-recorded", new Dictionary<string, object> { ["origin"] = "community" }, "screening"),
            (healthcare, "screened", new Dictionary<string, object> { ["priority-offender"] = false, ["problematic-drug-use"] = true }, "arrived-from-community"),
            (carats, "care-plan-completed", null, "main-prison"),
            (carats, "release-date-set", new Dictionary<string, object> { ["release-date"] = "2027-03-01", ["key-worker"] = "Key worker (fictional)" }, "ongoing-care"),
            (carats, "release-planning-started", null, "pre-release"),
            (carats, "released", new Dictionary<string, object> { ["release-date"] = "2027-03-01" }, "released-to-community"),
            (treatment, "referral-received", new Dictionary<string, object> { ["treatment-service"] = "Recovery service (fictional)" }, "referral"),
            (treatment, "appointment-offered", new Dictionary<string, object> { ["appointment-at"] = "2027-03-04T10:30" }, "appointment-booked"),
            (treatment, "attended", null, "attended-first-appointment"),
            (treatment, "treatment-started", null, "engaged"),
        };
        foreach (var (who, name, values, then) in steps)
        {
            var changed = await Ok(who.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = name, values }));
            Assert.Equal(then, State(changed));
        }

        var ended = await Ok(treatment.GetAsync($"/api/cases/{id}"));
        Assert.Equal("Completed", ended.GetProperty("status").GetString());
        Assert.Equal("continuity-achieved", ended.GetProperty("outcome").GetString());
        Assert.Equal("2027-03-04T10:30", ended.GetProperty("fields").GetProperty("appointment-at").GetProperty("value").GetString());

        var history = await Ok(cjit.GetAsync($"/api/cases/{id}/history"));
        var events = history.EnumerateArray().Where(h => h.GetProperty("kind").GetString() == "event")
            .Select(h => $"{h.GetProperty("actor").GetString()}: {h.GetProperty("change").GetProperty("event").GetString()}").ToList();
        Assert.Equal(steps.Select(s => $"{Agency(s.Who)}.national: {s.Event}"), events);
        Assert.Equal(Enumerable.Range(1, history.GetArrayLength()).Select(i => (long)i), history.EnumerateArray().Select(h => h.GetProperty("sequence").GetInt64()));

        var notifications = await Ok(carats.GetAsync($"/api/cases/{id}/notifications"));
        Assert.Contains(notifications.EnumerateArray(), n => n.GetProperty("template").GetString() == "engaged-notice" && n.GetProperty("recipientAgency").GetString() == "carats");

        string Agency(HttpClient who) => who == cjit ? "cjit" : who == healthcare ? "healthcare" : who == carats ? "carats" : "treatment";
    }

    [Fact]
    public async Task AnAgencyCannotRecordAStepAnotherAgencyOwns()
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        var healthcare = await _server.SignedInAsync("healthcare.national");
        var id = (await StartAsync(cjit, "T1002AA")).GetProperty("id").GetGuid();

        var refused = await healthcare.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "origin-recorded", values = new { origin = "community" } });
        var problem = await Problem(refused, HttpStatusCode.Conflict);
        Assert.Equal("'origin-recorded' cannot be recorded while the case is at 'Sent to prison from court (process point 0)'. Events you can record now: arrived.", problem.GetProperty("detail").GetString());
        Assert.Equal(["arrived"], problem.GetProperty("possibleEvents").EnumerateArray().Select(e => e.GetString()));

        var sendDir = (await Ok(healthcare.GetAsync($"/api/cases/{id}"))).GetProperty("openActions")[0].GetProperty("id").GetGuid();
        var forbidden = await Problem(await healthcare.PostAsync($"/api/cases/{id}/actions/{sendDir}/complete", null), HttpStatusCode.Forbidden);
        Assert.Equal("Action 'send-dir' is for cjit; healthcare cannot mark it done.", forbidden.GetProperty("detail").GetString());

        var probation = await _server.SignedInAsync("probation.national");
        var view = await Ok(probation.GetAsync($"/api/cases/{id}"));
        Assert.Empty(view.GetProperty("possibleEvents").EnumerateArray());
        Assert.Equal(["arrived"], (await Ok(cjit.GetAsync($"/api/cases/{id}"))).GetProperty("possibleEvents").EnumerateArray().Select(e => e.GetProperty("event").GetString()));
    }

    [Fact]
    public async Task ChangingTheReleaseDateMovesTheDeadlineCountedFromIt()
    {
        var id = await CaseInOngoingCareAsync("T1003AA", releaseDate: "2027-06-30");
        var carats = await _server.SignedInAsync("carats.national");
        var before = await Ok(carats.GetAsync($"/api/cases/{id}"));
        // Due by the end of the day six weeks before the release date (Wednesday 19 May 2027, British Summer Time).
        Assert.Equal(DateTimeOffset.Parse("2027-05-20T00:00:00+01:00"), Due(before, "start-release-planning"));

        var after = await Ok(carats.PatchAsJsonAsync($"/api/cases/{id}/fields", new { values = new Dictionary<string, object> { ["release-date"] = "2027-07-14" } }));

        Assert.Equal(DateTimeOffset.Parse("2027-06-03T00:00:00+01:00"), Due(after, "start-release-planning"));
        var history = await Ok(carats.GetAsync($"/api/cases/{id}/history"));
        Assert.Contains(history.EnumerateArray(), h => h.GetProperty("kind").GetString() == "deadlineMoved");
    }

    [Fact]
    public async Task AReleaseDateYearsAheadIsRecordedAndItsDeadlineIsCountedByRuleAndMarkedProvisional()
    {
        var id = await CaseInOngoingCareAsync("T1009AA", releaseDate: "2035-03-01");
        var carats = await _server.SignedInAsync("carats.national");

        var view = await Ok(carats.GetAsync($"/api/cases/{id}"));

        // Six weeks before Thursday 1 March 2035: by the end of Thursday 18 January 2035 (Greenwich Mean Time).
        var planning = Action(view, "start-release-planning");
        Assert.Equal(DateTimeOffset.Parse("2035-01-19T00:00:00+00:00"), planning.GetProperty("dueAt").GetDateTimeOffset());
        Assert.True(planning.GetProperty("dueProvisional").GetBoolean());
        Assert.Equal("by the end of Thursday 18 January 2035", planning.GetProperty("dueLocal").GetString());
        var timer = view.GetProperty("pendingTimers").EnumerateArray().Single(t => t.GetProperty("actionItemId").ValueKind == JsonValueKind.String && t.GetProperty("actionItemId").GetGuid() == planning.GetProperty("id").GetGuid());
        Assert.Equal(("actionDeadline", "by the end of Thursday 18 January 2035", true), (timer.GetProperty("kind").GetString(), timer.GetProperty("dueLocal").GetString(), timer.GetProperty("dueProvisional").GetBoolean()));

        var sooner = await Ok(carats.PatchAsJsonAsync($"/api/cases/{id}/fields", new { values = new Dictionary<string, object> { ["release-date"] = "2027-07-14" } }));
        Assert.False(Action(sooner, "start-release-planning").GetProperty("dueProvisional").GetBoolean());
    }

    [Fact]
    public async Task AChangeMadeOnAStaleVersionIsAConflictCarryingTheCaseAsItIsNow()
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        var started = await StartAsync(cjit, "T1004AA");
        var id = started.GetProperty("id").GetGuid();
        Assert.Equal("\"1\"", (await cjit.GetAsync($"/api/cases/{id}")).Headers.ETag?.Tag);

        await Ok(Send(cjit, HttpMethod.Post, $"/api/cases/{id}/events", new { @event = "arrived", values = new { prison = "HMP Example (fictional)" } }, ifMatch: "\"1\""));
        var stale = await Send(cjit, HttpMethod.Put, $"/api/cases/{id}/consent", new { consentRecorded = false }, ifMatch: "\"1\"");

        var problem = await Problem(stale, HttpStatusCode.Conflict);
        Assert.Equal("Changed by someone else", problem.GetProperty("title").GetString());
        Assert.Equal("reception", problem.GetProperty("current").GetProperty("state").GetString());
        Assert.Equal(2, problem.GetProperty("current").GetProperty("version").GetInt64());
        Assert.True((await Ok(cjit.GetAsync($"/api/cases/{id}"))).GetProperty("consentRecorded").GetBoolean());
    }

    [Fact]
    public async Task ARetriedRequestWithTheSameIdempotencyKeyIsAppliedOnce()
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        var start = new { pathwayId = National, person = Person("T1005AA"), consentRecorded = true };
        var first = await Send(cjit, HttpMethod.Post, "/api/cases", start, key: "start-T1005AA");
        var again = await Send(cjit, HttpMethod.Post, "/api/cases", start, key: "start-T1005AA");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, again.StatusCode);
        Assert.Equal("true", again.Headers.GetValues("Idempotent-Replayed").Single());
        Assert.Equal(first.Headers.Location, again.Headers.Location);
        Assert.Equal("\"1\"", first.Headers.ETag?.Tag);
        Assert.Equal(first.Headers.ETag, again.Headers.ETag);
        Assert.Equal(await first.Content.ReadAsStringAsync(), await again.Content.ReadAsStringAsync());
        Assert.Single((await Ok(cjit.GetAsync("/api/cases?prisonNumber=T1005AA"))).EnumerateArray());

        var id = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var arrived = new { @event = "arrived", values = new { prison = "HMP Example (fictional)" } };
        var recorded = await Send(cjit, HttpMethod.Post, $"/api/cases/{id}/events", arrived, key: "arrived-1");
        var replayed = await Send(cjit, HttpMethod.Post, $"/api/cases/{id}/events", arrived, key: "arrived-1");
        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (recorded.StatusCode, replayed.StatusCode));
        Assert.Equal("\"2\"", replayed.Headers.ETag?.Tag);
        Assert.Equal(recorded.Headers.ETag, replayed.Headers.ETag);
        var history = await Ok(cjit.GetAsync($"/api/cases/{id}/history"));
        Assert.Single(history.EnumerateArray(), h => h.GetProperty("kind").GetString() == "event");

        var reused = await Send(cjit, HttpMethod.Post, $"/api/cases/{id}/events", new { @event = "arrived", values = new { prison = "HMP Other (fictional)" } }, key: "arrived-1");
        Assert.Equal("Idempotency key already used", (await Problem(reused, HttpStatusCode.UnprocessableEntity)).GetProperty("title").GetString());
    }

    [Fact]
    public async Task AKeyWhoseRequestWasRefusedCanBeUsedAgain()
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        var refused = await Send(cjit, HttpMethod.Post, "/api/cases", new { pathwayId = National, person = Person("") }, key: "k-refused");
        await Problem(refused, HttpStatusCode.BadRequest);

        var accepted = await Send(cjit, HttpMethod.Post, "/api/cases", new { pathwayId = National, person = Person(""), consentRecorded = true }, key: "k-refused");

        // The same key, a different body: the first attempt left nothing behind to compare with.
        Assert.Equal(HttpStatusCode.BadRequest, accepted.StatusCode);
        var fixedUp = await Send(cjit, HttpMethod.Post, "/api/cases", new { pathwayId = National, person = Person("T1006AA"), consentRecorded = true }, key: "k-refused");
        Assert.Equal(HttpStatusCode.Created, fixedUp.StatusCode);
    }

    [Fact]
    public async Task BadValuesAreRefusedFieldByFieldAndChangeNothing()
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        var missing = await Problem(await cjit.PostAsJsonAsync("/api/cases", new { pathwayId = National, person = new { name = "" } }), HttpStatusCode.BadRequest);
        Assert.Equal(["person.dateOfBirth", "person.name", "person.prisonNumber"], missing.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());

        var wrongFields = await Problem(
            await cjit.PostAsJsonAsync("/api/cases", new { pathwayId = National, person = Person("T1007AA"), fields = new Dictionary<string, object> { ["release-date"] = "next week", ["shoe-size"] = 9 } }),
            HttpStatusCode.BadRequest);
        Assert.Equal(["fields.release-date", "fields.shoe-size"], wrongFields.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
        Assert.Equal("there is no field 'shoe-size' in this pathway", wrongFields.GetProperty("errors").GetProperty("fields.shoe-size")[0].GetString());
        Assert.Empty((await Ok(cjit.GetAsync("/api/cases?prisonNumber=T1007AA"))).EnumerateArray());

        var id = (await StartAsync(cjit, "T1008AA")).GetProperty("id").GetGuid();
        var cancel = await Problem(await cjit.PostAsJsonAsync($"/api/cases/{id}/cancel", new { reason = " " }), HttpStatusCode.BadRequest);
        Assert.Equal("say why the case is cancelled", cancel.GetProperty("errors").GetProperty("reason")[0].GetString());
        var badMatch = await Problem(await Send(cjit, HttpMethod.Post, $"/api/cases/{id}/cancel", new { reason = "Opened twice" }, ifMatch: "yesterday"), HttpStatusCode.BadRequest);
        Assert.Contains("If-Match", badMatch.GetProperty("errors").EnumerateObject().Select(e => e.Name));
        Assert.Equal("Cancelled", (await Ok(cjit.PostAsJsonAsync($"/api/cases/{id}/cancel", new { reason = "Opened twice" }))).GetProperty("status").GetString());
    }

    [Fact]
    public async Task ACaseworkerSeesTheirAgencyCaseloadOnly()
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        var id = (await StartAsync(cjit, "T1009AA")).GetProperty("id").GetGuid();

        var caseload = await Ok(cjit.GetAsync("/api/caseload"));
        Assert.Equal("cjit", caseload.GetProperty("agency").GetString());
        var mine = caseload.GetProperty("dueThisWeek").EnumerateArray().Concat(caseload.GetProperty("dueToday").EnumerateArray())
            .Single(i => i.GetProperty("caseId").GetGuid() == id);
        Assert.Equal("send-dir", mine.GetProperty("action").GetProperty("actionId").GetString());

        var other = await Problem(await cjit.GetAsync("/api/caseload?agency=carats"), HttpStatusCode.Forbidden);
        Assert.Equal("You work for cjit; a caseworker sees only their own agency's caseload.", other.GetProperty("detail").GetString());

        var auditor = await _server.SignedInAsync("auditor.national");
        var audited = await Ok(auditor.GetAsync("/api/caseload?agency=cjit"));
        Assert.Contains(audited.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array).SelectMany(p => p.Value.EnumerateArray()), i => i.GetProperty("caseId").GetGuid() == id);
    }

    [Fact]
    public async Task ACaseloadAnswersItsCountsAndOnePageAtATime()
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        await StartAsync(cjit, "T1020AA");
        await StartAsync(cjit, "T1021AA");

        static IEnumerable<JsonElement> Items(JsonElement page) =>
            new[] { "overdue", "dueToday", "dueThisWeek", "later", "waiting" }.SelectMany(g => page.GetProperty(g).EnumerateArray());

        var whole = await Ok(cjit.GetAsync("/api/caseload?take=200"));
        var total = whole.GetProperty("counts").GetProperty("total").GetInt32();
        Assert.True(total >= 2);
        Assert.Equal(total, Items(whole).Count());
        Assert.Equal(JsonValueKind.Null, whole.GetProperty("next").ValueKind);

        var seen = new List<Guid>();
        int? skip = 0;
        while (skip is { } from && seen.Count <= total)
        {
            var page = await Ok(cjit.GetAsync($"/api/caseload?skip={from}&take=1"));
            Assert.Equal(total, page.GetProperty("counts").GetProperty("total").GetInt32());
            Assert.Equal(1, page.GetProperty("take").GetInt32());
            seen.AddRange(Items(page).Select(i => i.GetProperty("action").GetProperty("id").GetGuid()));
            skip = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetInt32();
        }

        Assert.Equal(Items(whole).Select(i => i.GetProperty("action").GetProperty("id").GetGuid()), seen);
    }

    [Fact]
    public async Task LogsCarryIdsButNeverAPersonsNameOrDateOfBirth()
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        var started = await Ok(cjit.PostAsJsonAsync("/api/cases", new
        {
            pathwayId = National,
            person = new { prisonNumber = "T1010AA", name = "Quentin Lognot (fictional)", dateOfBirth = "1979-12-25" },
            consentRecorded = true,
        }));
        var id = started.GetProperty("id").GetGuid();
        await Ok(cjit.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "arrived", values = new { prison = "HMP Example (fictional)" } }));

        var lines = _server.Logs!.Lines;
        Assert.Contains(lines, l => l.Contains(id.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("Lognot", StringComparison.Ordinal) || l.Contains("1979", StringComparison.Ordinal));
    }

    // ---- Helpers ----------------------------------------------------------------------------

    private async Task<Guid> CaseInOngoingCareAsync(string prisonNumber, string releaseDate)
    {
        var cjit = await _server.SignedInAsync("cjit.national");
        var healthcare = await _server.SignedInAsync("healthcare.national");
        var carats = await _server.SignedInAsync("carats.national");
        var id = (await StartAsync(cjit, prisonNumber)).GetProperty("id").GetGuid();
        await Ok(cjit.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "arrived", values = new { prison = "HMP Example (fictional)" } }));
        await Ok(healthcare.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "origin-recorded", values = new { origin = "community" } }));
        await Ok(healthcare.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "screened", values = new Dictionary<string, object> { ["priority-offender"] = "yes", ["problematic-drug-use"] = "yes" } }));
        await Ok(carats.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "care-plan-completed" }));
        await Ok(carats.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "release-date-set", values = new Dictionary<string, object> { ["release-date"] = releaseDate, ["key-worker"] = "Key worker (fictional)" } }));
        return id;
    }

    private static object Person(string prisonNumber) => new { prisonNumber, name = "Pat Example (fictional)", dateOfBirth = "1985-04-01" };

    private static async Task<JsonElement> StartAsync(HttpClient client, string prisonNumber)
    {
        var response = await client.PostAsJsonAsync("/api/cases", new { pathwayId = National, person = Person(prisonNumber), consentRecorded = true });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, object body, string? key = null, string? ifMatch = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        if (key is not null)
        {
            request.Headers.Add("Idempotency-Key", key);
        }

        if (ifMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
        }

        return await client.SendAsync(request);
    }

    private static async Task<JsonElement> Ok(Task<HttpResponseMessage> sending) => await Ok(await sending);

    private static async Task<JsonElement> Ok(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static async Task<JsonElement> Problem(HttpResponseMessage response, HttpStatusCode expected)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(expected == response.StatusCode, $"expected {(int)expected}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private static string State(JsonElement view) => view.GetProperty("state").GetProperty("id").GetString()!;

    private static List<string> OpenActions(JsonElement view) =>
        [.. view.GetProperty("openActions").EnumerateArray().Select(a => $"{a.GetProperty("actionId").GetString()} {a.GetProperty("agency").GetString()} {a.GetProperty("status").GetString()}")];

    private static JsonElement Action(JsonElement view, string actionId) =>
        view.GetProperty("openActions").EnumerateArray().Single(a => a.GetProperty("actionId").GetString() == actionId);

    private static DateTimeOffset? Due(JsonElement view, string actionId) =>
        view.GetProperty("openActions").EnumerateArray().Single(a => a.GetProperty("actionId").GetString() == actionId).GetProperty("dueAt").GetDateTimeOffset();
}
