using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>
/// Malformed and hostile requests to the case API (broken JSON, wrong types, huge bodies, unknown
/// ids, another partnership's case, replays): never a 5xx, and a refused request changes nothing.
/// </summary>
public sealed class RequestFuzzTests(InputLimitServer fixture) : IClassFixture<InputLimitServer>
{
    private static readonly string[] Bodies =
    [
        "", "{", "}", "[]", "null", "true", "42", "\"text\"", "{\"pathwayId\": 5}", "{\"person\": []}",
        "{\"person\": {\"prisonNumber\": {}}}", "{\"event\": null}", "{\"event\": [1,2]}", "{\"values\": 7}",
        "{\"values\": {\"release-date\": {\"a\": 1}}}", "{\"consentRecorded\": \"maybe\"}", "{\"reason\": 12}",
        "{\"event\": \"arrived\", \"values\": {\"prison\": \"\\u0000\"}}", "{\"a\":" + new string('[', 5000),
        "{\"note\": \"" + new string('x', 100_000) + "\", \"event\": \"arrived\"}", "\u00ff\u00fe", "{\"event\": \"\\ud800\"}",
    ];

    [Fact]
    public async Task NoMalformedOrHostileRequestGetsA5xxOrChangesACase()
    {
        var cjit = await fixture.Server.SignedInAsync("cjit.riverside");
        var other = await fixture.Server.SignedInAsync("cjit.northbridge");
        var started = await cjit.PostAsJsonAsync("/api/cases", new { pathwayId = "riverside-custody-to-community", person = new { prisonNumber = "F1234ZZ", name = "Fuzz Person (fictional)", dateOfBirth = "1991-01-01" }, consentRecorded = true });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var before = await SnapshotAsync(cjit, id);
        var random = new Random(20);
        var targets = new[] { "/api/cases", $"/api/cases/{id}/events", $"/api/cases/{id}/fields", $"/api/cases/{id}/consent", $"/api/cases/{id}/cancel", $"/api/cases/{Guid.NewGuid()}/events", $"/api/cases/not-a-guid/events" };
        var methods = new[] { HttpMethod.Post, HttpMethod.Post, HttpMethod.Patch, HttpMethod.Put, HttpMethod.Post, HttpMethod.Post, HttpMethod.Post };
        var statuses = new SortedDictionary<int, int>();
        for (var i = 0; i < 400; i++)
        {
            var t = random.Next(targets.Length);
            var client = random.Next(5) == 0 ? other : cjit;
            using var request = new HttpRequestMessage(methods[t], targets[t]) { Content = new StringContent(Bodies[random.Next(Bodies.Length)], Encoding.UTF8, random.Next(6) == 0 ? "text/plain" : "application/json") };
            if (random.Next(4) == 0)
            {
                request.Headers.TryAddWithoutValidation("If-Match", random.Next(2) == 0 ? "\"999\"" : "garbage");
            }

            if (random.Next(4) == 0)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", "fuzz-" + random.Next(3));
            }

            var response = await client.SendAsync(request);
            var status = (int)response.StatusCode;
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            Assert.True(status < 500, $"{methods[t]} {targets[t]} answered {status}: {await response.Content.ReadAsStringAsync()}");
            Assert.True(status >= 400, $"{methods[t]} {targets[t]} was accepted ({status}): {await request.Content!.ReadAsStringAsync()}");
        }

        Assert.Equal(before, await SnapshotAsync(cjit, id));
        Assert.True(statuses.Keys.Count > 2, string.Join(", ", statuses.Select(s => $"{s.Key}×{s.Value}")));
    }

    private static async Task<string> SnapshotAsync(HttpClient client, Guid id) =>
        await client.GetStringAsync($"/api/cases/{id}/history") + await client.GetStringAsync("/api/cases?take=200");
}
