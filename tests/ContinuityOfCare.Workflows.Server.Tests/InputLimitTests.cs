using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>The server started once for the input limit tests (each refusal changes nothing, so they can share it).</summary>
public sealed class InputLimitServer : IDisposable
{
    private readonly TempDataFolder _data = new();

    public InputLimitServer()
    {
        Server = new ServerFactory(_data.Path);
        _ = Server.Server;
    }

    public ServerFactory Server { get; }

    public void Dispose()
    {
        Server.Dispose();
        _data.Dispose();
    }
}

/// <summary>
/// Every value a request sends has a limit and a shape; one that does not fit is a 400 problem
/// naming the field and saying what is allowed, and nothing is changed.
/// </summary>
public sealed class InputLimitTests(InputLimitServer fixture) : IClassFixture<InputLimitServer>
{
    private const string Pathway = "riverside-custody-to-community";
    private ServerFactory Server => fixture.Server;

    public static TheoryData<string, string, string, string> BadPeople => new()
    {
        // prison number, name, date of birth, the field refused and what its error says
        { new string('A', 1_000_000), "Pat Long (fictional)", "1990-01-01|person.prisonNumber", "one letter, four digits and two letters, for example A1234BC" },
        { "12345", "Pat Digits (fictional)", "1990-01-01|person.prisonNumber", "one letter, four digits and two letters" },
        { "A1234B\u0000", "Pat Nul (fictional)", "1990-01-01|person.prisonNumber", "one letter, four digits and two letters" },
        { "A1234BC", new string('n', 201), "1990-01-01|person.name", "200 characters at most (this is 201)" },
        { "A1234BC", new string('n', 1_000_000), "1990-01-01|person.name", "200 characters at most" },
        { "A1234BC", "Pat\u0000Nul (fictional)", "1990-01-01|person.name", "character 4 is a control character (U+0000), which is not allowed" },
        { "A1234BC", "Pat \u202Elanoitcif", "1990-01-01|person.name", "character 5 changes the direction of the text (U+202E), which is not allowed" },
        { "A1234BC", "Pat Old (fictional)", "0001-01-01|person.dateOfBirth", "a date of birth from 1900-01-01 to" },
        { "A1234BC", "Pat Future (fictional)", "2999-01-01|person.dateOfBirth", "a date of birth from 1900-01-01 to" },
    };

    [Theory]
    [MemberData(nameof(BadPeople))]
    public async Task APersonWhoDoesNotFitIsRefusedFieldByFieldAndNoCaseStarts(string prisonNumber, string name, string bornAndField, string says)
    {
        var (born, field) = (bornAndField.Split('|')[0], bornAndField.Split('|')[1]);
        var cjit = await Server.SignedInAsync("cjit.riverside");
        var before = await CountCasesAsync(cjit);

        var response = await cjit.PostAsJsonAsync("/api/cases", new { pathwayId = Pathway, person = new { prisonNumber, name, dateOfBirth = born }, consentRecorded = true });

        Assert.Contains(says, await RefusedAsync(response, field));
        Assert.Equal(before, await CountCasesAsync(cjit));
    }

    [Fact]
    public async Task APrisonNumberIsReadInCapitals()
    {
        var cjit = await Server.SignedInAsync("cjit.riverside");

        var response = await cjit.PostAsJsonAsync("/api/cases", new { pathwayId = Pathway, person = new { prisonNumber = " a4321zz ", name = "Pat Lower (fictional)", dateOfBirth = "1980-02-29" }, consentRecorded = true });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("A4321ZZ", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("person").GetProperty("prisonNumber").GetString());
    }

    [Fact]
    public async Task ANoteAReasonOrAFieldValueThatDoesNotFitIsRefusedAndTheCaseIsUnchanged()
    {
        var cjit = await Server.SignedInAsync("cjit.riverside");
        var started = await cjit.PostAsJsonAsync("/api/cases", new { pathwayId = Pathway, person = new { prisonNumber = "A1111NT", name = "Pat Notes (fictional)", dateOfBirth = "1985-03-03" }, consentRecorded = true });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var version = started.Headers.ETag!.Tag;
        var history = (await cjit.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/history")).GetArrayLength();

        Assert.Contains("2000 characters at most", await RefusedAsync(
            await cjit.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "anything", note = new string('x', 2001) }), "note"));
        Assert.Contains("control character (U+0007)", await RefusedAsync(
            await cjit.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "anything", note = "a bell \u0007" }), "note"));
        Assert.Contains("2000 characters at most", await RefusedAsync(
            await cjit.PatchAsJsonAsync($"/api/cases/{id}/fields", new { values = new Dictionary<string, string> { ["release-date"] = new string('9', 5000) } }), "values.release-date"));
        Assert.Contains("changes the direction of the text (U+2066)", await RefusedAsync(
            await cjit.PostAsJsonAsync($"/api/cases/{id}/cancel", new { reason = "opened \u2066twice" }), "reason"));
        Assert.Contains("100 characters at most", await RefusedAsync(
            await cjit.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = new string('e', 101) }), "event"));

        var read = await cjit.GetAsync($"/api/cases/{id}");
        Assert.Equal(version, read.Headers.ETag!.Tag);
        Assert.Equal(history, (await cjit.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/history")).GetArrayLength());
    }

    [Theory]
    [InlineData("/api/cases?take=-1", "take", "take is a whole number from 1 to 200")]
    [InlineData("/api/cases?take=0", "take", "take is a whole number from 1 to 200")]
    [InlineData("/api/cases?take=100000", "take", "take is a whole number from 1 to 200")]
    [InlineData("/api/cases?skip=-1", "skip", "skip is a whole number from 0 to 1,000,000")]
    [InlineData("/api/cases?prisonNumber=DROP%20TABLE", "prisonNumber", "one letter, four digits and two letters")]
    [InlineData("/api/notifications?take=-1", "take", "take is a whole number from 1 to 200")]
    [InlineData("/api/reports/indicator?pathwayId=riverside-custody-to-community&from=2026-01-01&to=2027-01-01&take=-1", "take", "Take is 1 to")]
    public async Task PagingAndSearchParametersOutsideTheirRangeAreRefused(string path, string field, string says)
    {
        var lead = await Server.SignedInAsync("lead.riverside");

        Assert.Contains(says, await RefusedAsync(await lead.GetAsync(path), field));
    }

    [Fact]
    public async Task AnAccountWhoseNameDoesNotFitIsNotCreated()
    {
        var admin = await Server.SignedInAsync("administrator");

        Assert.Contains("letters, digits, dots, hyphens, underscores or @", await RefusedAsync(
            await admin.PostAsJsonAsync("/api/accounts", new { userName = "bad\u0000name", role = "auditor", partnership = "Riverside Recovery Partnership (fictional)", password = "Fictional-Passw0rd" }), "userName"));
        Assert.Contains("200 characters at most", await RefusedAsync(
            await admin.PostAsJsonAsync("/api/accounts", new { userName = "long.name", displayName = new string('d', 300), role = "auditor", partnership = "Riverside Recovery Partnership (fictional)", password = "Fictional-Passw0rd" }), "displayName"));
        var accounts = await admin.GetFromJsonAsync<JsonElement>("/api/accounts");
        Assert.DoesNotContain(accounts.EnumerateArray(), a => a.GetProperty("userName").GetString() == "long.name");
    }

    [Theory]
    [InlineData("auditor.riverside", "POST", "/api/cases", "Only a caseworker working for an agency may change cases; you are signed in as auditor.riverside (auditor).")]
    [InlineData("cjit.riverside", "POST", "/api/pathways/riverside-custody-to-community/versions/1/retract", "Only a partnership lead may publish, retract, draft or move pathways; you are signed in as cjit.riverside (caseworker).")]
    [InlineData("lead.riverside", "GET", "/api/accounts", "Only an administrator may do this; you are signed in as lead.riverside (lead).")]
    public async Task AForbiddenRequestSaysWhoMayMakeIt(string userName, string method, string path, string detail)
    {
        var client = await Server.SignedInAsync(userName);

        var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), path) { Content = method == "GET" ? null : JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(detail, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString());
    }

    private static async Task<string> RefusedAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {body}");
        var errors = JsonDocument.Parse(body).RootElement.GetProperty("errors");
        Assert.True(errors.TryGetProperty(field, out var messages), $"no error for {field}: {body}");
        return messages[0].GetString()!;
    }

    private static async Task<int> CountCasesAsync(HttpClient client) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/cases?take=200")).GetArrayLength();
}
