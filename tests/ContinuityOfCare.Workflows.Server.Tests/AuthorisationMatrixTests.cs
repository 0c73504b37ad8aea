using System.Net.Http.Json;
using System.Text.Json;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>
/// Every endpoint, called by every role, from the partnership that owns the data and from another
/// one: the status code each gets. Callers are the national partnership's lead, a CJIT and a
/// healthcare caseworker and its auditor; the Riverside partnership's lead, CJIT caseworker and
/// auditor (marked X: they ask for the national partnership's data); an administrator; and nobody.
/// </summary>
public sealed class AuthorisationMatrixTests : IAsyncLifetime
{
    private const string National = "custody-to-community";
    private readonly TempDataFolder _data = new();
    private readonly Dictionary<string, HttpClient> _callers = [];
    private ServerFactory _server = null!;
    private string _nationalText = "";
    private JsonElement _cohort;

    /// <summary>One row: a request, how to prepare its case, and the status for each caller.</summary>
    private sealed record Row(string Name, HttpMethod Method, Func<Guid, string> Path, Func<Guid, object?> Body, string Expected, string? Case = null);

    private static readonly string[] Callers = ["anon", "lead", "leadX", "cjit", "cjitX", "hc", "aud", "audX", "admin"];

    private IEnumerable<Row> Rows()
    {
        var none = (Guid _) => (object?)null;
        yield return new("list pathways", HttpMethod.Get, _ => "/api/pathways", none, "anon=401 lead=200 leadX=200 cjit=200 cjitX=200 hc=200 aud=200 audX=200 admin=200");
        yield return new("read a version", HttpMethod.Get, _ => $"/api/pathways/{National}/versions/1", none, "anon=401 lead=200 leadX=404 cjit=200 cjitX=404 hc=200 aud=200 audX=404 admin=200");
        yield return new("diff versions", HttpMethod.Get, _ => $"/api/pathways/{National}/diff?from=1&to=2", none, "anon=401 lead=200 leadX=404 cjit=200 cjitX=404 hc=200 aud=200 audX=404 admin=200");
        yield return new("export a version", HttpMethod.Get, _ => $"/api/pathways/{National}/versions/1/export?format=mermaid", none, "anon=401 lead=200 leadX=404 cjit=200 cjitX=404 hc=200 aud=200 audX=404 admin=200");
        yield return new("export a version as FHIR", HttpMethod.Get, _ => $"/api/pathways/{National}/versions/1/export?format=fhir", none, "anon=401 lead=200 leadX=404 cjit=200 cjitX=404 hc=200 aud=200 audX=404 admin=200");
        yield return new("check a text", HttpMethod.Post, _ => "/api/pathways/check", _ => new { text = _nationalText }, "anon=401 lead=200 leadX=200 cjit=200 cjitX=200 hc=200 aud=200 audX=200 admin=200");
        yield return new("preview a text", HttpMethod.Post, _ => "/api/pathways/preview", _ => new { text = _nationalText }, "anon=401 lead=200 leadX=200 cjit=200 cjitX=200 hc=200 aud=200 audX=200 admin=200");
        // Version 1's text again, after version 2: published as version 3.
        yield return new("publish", HttpMethod.Post, _ => "/api/pathways", _ => new { text = _nationalText, note = "Back to version 1's text" }, "anon=401 lead=201 leadX=403 cjit=403 cjitX=403 hc=403 aud=403 audX=403 admin=403");
        yield return new("save a draft", HttpMethod.Put, _ => $"/api/pathways/{National}/draft", _ => new { text = _nationalText }, "anon=401 lead=200 leadX=400 cjit=403 cjitX=403 hc=403 aud=403 audX=403 admin=403");
        yield return new("read the draft", HttpMethod.Get, _ => $"/api/pathways/{National}/draft", none, "anon=401 lead=200 leadX=404 cjit=403 cjitX=403 hc=403 aud=403 audX=403 admin=403");
        yield return new("try a migration", HttpMethod.Post, _ => $"/api/pathways/{National}/migrations", _ => new { from = 1, to = 2, dryRun = true }, "anon=401 lead=200 leadX=404 cjit=403 cjitX=403 hc=403 aud=403 audX=403 admin=403");
        yield return new("retract a version", HttpMethod.Post, _ => $"/api/pathways/{National}/versions/2/retract", _ => new { reason = "Replaced" }, "anon=401 lead=200 leadX=404 cjit=403 cjitX=403 hc=403 aud=403 audX=403 admin=403");
        yield return new("list cases", HttpMethod.Get, _ => "/api/cases", none, "anon=401 lead=200 leadX=200 cjit=200 cjitX=200 hc=200 aud=200 audX=200 admin=200");
        yield return new("start a case", HttpMethod.Post, _ => "/api/cases", _ => StartBody(), "anon=401 lead=403 leadX=403 cjit=201 cjitX=404 hc=201 aud=403 audX=403 admin=403");
        yield return new("read a case", HttpMethod.Get, id => $"/api/cases/{id}", none, "anon=401 lead=200 leadX=404 cjit=200 cjitX=404 hc=200 aud=200 audX=404 admin=200", "sent-to-prison");
        yield return new("read a case as FHIR", HttpMethod.Get, id => $"/api/cases/{id}/fhir", none, "anon=401 lead=200 leadX=404 cjit=200 cjitX=404 hc=200 aud=200 audX=404 admin=200", "sent-to-prison");
        yield return new("record an event healthcare owns", HttpMethod.Post, id => $"/api/cases/{id}/events", _ => new { @event = "origin-recorded", values = new { origin = "community" } },
            "anon=401 lead=403 leadX=403 cjit=403 cjitX=404 hc=200 aud=403 audX=403 admin=403", "reception");
        yield return new("complete a CJIT action", HttpMethod.Post, id => $"/api/cases/{id}/actions/{_sendDir[id]}/complete", none,
            "anon=401 lead=403 leadX=403 cjit=200 cjitX=404 hc=403 aud=403 audX=403 admin=403", "sent-to-prison");
        yield return new("change fields", HttpMethod.Patch, id => $"/api/cases/{id}/fields", _ => new { values = new { prison = "HMP Elsewhere (fictional)" } },
            "anon=401 lead=403 leadX=403 cjit=200 cjitX=404 hc=200 aud=403 audX=403 admin=403", "sent-to-prison");
        yield return new("change consent", HttpMethod.Put, id => $"/api/cases/{id}/consent", _ => new { consentRecorded = false },
            "anon=401 lead=403 leadX=403 cjit=200 cjitX=404 hc=200 aud=403 audX=403 admin=403", "sent-to-prison");
        yield return new("cancel a case", HttpMethod.Post, id => $"/api/cases/{id}/cancel", _ => new { reason = "Opened twice" },
            "anon=401 lead=403 leadX=403 cjit=200 cjitX=404 hc=200 aud=403 audX=403 admin=403", "sent-to-prison");
        yield return new("read history", HttpMethod.Get, id => $"/api/cases/{id}/history", none, "anon=401 lead=200 leadX=404 cjit=200 cjitX=404 hc=200 aud=200 audX=404 admin=200", "sent-to-prison");
        yield return new("read a case's notifications", HttpMethod.Get, id => $"/api/cases/{id}/notifications", none, "anon=401 lead=200 leadX=404 cjit=200 cjitX=404 hc=200 aud=200 audX=404 admin=200", "sent-to-prison");
        yield return new("CJIT caseload", HttpMethod.Get, _ => "/api/caseload?agency=cjit", none, "anon=401 lead=200 leadX=200 cjit=200 cjitX=200 hc=403 aud=200 audX=200 admin=400");
        yield return new("notifications", HttpMethod.Get, _ => "/api/notifications", none, "anon=401 lead=200 leadX=200 cjit=200 cjitX=200 hc=200 aud=200 audX=200 admin=200");
        yield return new("a report", HttpMethod.Get, _ => $"/api/reports/indicator?pathwayId={National}&from=2026-01-01&to=2027-01-01", none,
            "anon=401 lead=200 leadX=404 cjit=200 cjitX=404 hc=200 aud=200 audX=404 admin=400");
        yield return new("simulate a cohort", HttpMethod.Post, _ => "/api/simulations", _ => new { pathwayId = National, version = 1, cohort = _cohort, people = 20 },
            "anon=401 lead=200 leadX=404 cjit=403 cjitX=403 hc=403 aud=200 audX=404 admin=403");
        yield return new("who am I", HttpMethod.Get, _ => "/api/account", none, "anon=401 lead=200 leadX=200 cjit=200 cjitX=200 hc=200 aud=200 audX=200 admin=200");
        yield return new("list accounts", HttpMethod.Get, _ => "/api/accounts", none, "anon=401 lead=403 leadX=403 cjit=403 cjitX=403 hc=403 aud=403 audX=403 admin=200");
        yield return new("create an account", HttpMethod.Post, _ => "/api/accounts", _ => new { userName = "new.auditor", role = "auditor", partnership = NationalPartnership, password = "Fictional-Passw0rd" },
            "anon=401 lead=403 leadX=403 cjit=403 cjitX=403 hc=403 aud=403 audX=403 admin=201");
        yield return new("enable an account", HttpMethod.Post, _ => "/api/accounts/administrator/enable", none, "anon=401 lead=403 leadX=403 cjit=403 cjitX=403 hc=403 aud=403 audX=403 admin=200");
        yield return new("job dashboard", HttpMethod.Get, _ => "/hangfire", none, "anon=401 lead=403 leadX=403 cjit=403 cjitX=403 hc=403 aud=403 audX=403 admin=200");
    }

    private const string NationalPartnership = "National journey map (template for local partnerships)";
    private readonly Dictionary<Guid, Guid> _sendDir = [];
    private int _people;

    public async Task InitializeAsync()
    {
        _server = new ServerFactory(_data.Path);
        _callers["anon"] = _server.CreateClient();
        foreach (var (caller, user) in new[] { ("lead", "lead.national"), ("leadX", "lead.riverside"), ("cjit", "cjit.national"), ("cjitX", "cjit.riverside"), ("hc", "healthcare.national"), ("aud", "auditor.national"), ("audX", "auditor.riverside"), ("admin", "administrator") })
        {
            _callers[caller] = await _server.SignedInAsync(user);
        }

        // A second national version, so that there is something to diff, migrate to and retract.
        _nationalText = File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway"));
        using (var cohort = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "cohorts", "typical.json")), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }))
        {
            _cohort = cohort.RootElement.Clone();
        }

        var changed = _nationalText.Replace("(process point 9)", "(process point 9, version 2)", StringComparison.Ordinal);
        Assert.NotEqual(_nationalText, changed);
        var second = await _callers["lead"].PostAsJsonAsync("/api/pathways", new { text = changed, note = "Version 2" });
        Assert.Equal(System.Net.HttpStatusCode.Created, second.StatusCode);
    }

    public Task DisposeAsync()
    {
        foreach (var client in _callers.Values)
        {
            client.Dispose();
        }

        _server.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task EveryEndpointGivesEachRoleInEachPartnershipItsStatus()
    {
        var mismatches = new List<string>();
        var cells = 0;
        foreach (var row in Rows())
        {
            var expected = row.Expected.Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(Callers, expected.Keys);
            foreach (var caller in Callers)
            {
                var caseId = row.Case is null ? Guid.Empty : await NewCaseAsync(row.Case);
                using var request = new HttpRequestMessage(row.Method, row.Path(caseId));
                if (row.Body(caseId) is { } body)
                {
                    request.Content = JsonContent.Create(body);
                }

                using var response = await _callers[caller].SendAsync(request);
                cells++;
                if ((int)response.StatusCode != expected[caller])
                {
                    mismatches.Add($"{row.Name}, {caller}: expected {expected[caller]}, got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
                }
            }
        }

        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches));
        Assert.Equal(Rows().Count() * Callers.Length, cells);
    }

    private object StartBody() => new
    {
        pathwayId = National,
        person = new { prisonNumber = $"M{++_people:0000}XX", name = "Matrix Person (fictional)", dateOfBirth = "1980-01-01" },
        consentRecorded = true,
    };

    /// <summary>A new national case, started by the CJIT, moved on to the state the row needs.</summary>
    private async Task<Guid> NewCaseAsync(string state)
    {
        var cjit = _callers["cjit"];
        var started = await cjit.PostAsJsonAsync("/api/cases", StartBody());
        var view = await started.Content.ReadFromJsonAsync<JsonElement>();
        var id = view.GetProperty("id").GetGuid();
        _sendDir[id] = view.GetProperty("openActions")[0].GetProperty("id").GetGuid();
        if (state == "reception")
        {
            var arrived = await cjit.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "arrived", values = new { prison = "HMP Example (fictional)" } });
            Assert.True(arrived.IsSuccessStatusCode);
        }

        return id;
    }
}
