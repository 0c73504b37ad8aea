using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>
/// A date the calendar cannot count is a 422 problem naming the field and the date, never a 500, and
/// changes nothing: on a server whose data folder adds a calendar with published days for 2026 only
/// and no rules.
/// </summary>
public sealed class CalendarApiTests : IDisposable
{
    private const string Pathway = """
        pathway isle-of-man-release
          title "Release planning on the Isle of Man calendar (fictional)"
          partnership "National journey map (template for local partnerships)"
          calendar isle-of-man

        agency carats "CARATs"

        field release-date: date "Release date"

        start state custody "In custody"
          stage "Custody"
          owner carats
          action plan "Plan the release"
            by carats 6 weeks before release-date
          on release-date-set with release-date
          on released by carats -> out

        final state out "Released"
          stage "Community"
          owner carats
          outcome continuity-achieved
        """;

    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task ADateTheCalendarCannotCountIsA422NamingTheFieldAndTheDateAndChangesNothing()
    {
        Directory.CreateDirectory(_data.Path);
        File.WriteAllText(
            Path.Combine(_data.Path, "bank-holidays.json"),
            """{"isle-of-man": {"division": "isle-of-man", "events": [{"title": "Tynwald Day", "date": "2026-07-06"}]}}""");
        using var server = new ServerFactory(_data.Path);
        var lead = await server.SignedInAsync("lead.national");
        var published = await lead.PostAsJsonAsync("/api/pathways", new { text = Pathway, note = "A calendar with one published year" });
        Assert.True(published.StatusCode == HttpStatusCode.Created, await published.Content.ReadAsStringAsync());
        var carats = await server.SignedInAsync("carats.national");
        var started = await carats.PostAsJsonAsync("/api/cases", new
        {
            pathwayId = "isle-of-man-release",
            person = new { prisonNumber = "T2028AA", name = "Pat Example (fictional)", dateOfBirth = "1985-04-01" },
            consentRecorded = true,
        });
        Assert.True(started.StatusCode == HttpStatusCode.Created, await started.Content.ReadAsStringAsync());
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();

        var refused = await carats.PostAsJsonAsync($"/api/cases/{id}/events", new { @event = "release-date-set", values = new Dictionary<string, object> { ["release-date"] = "2028-03-01" } });

        var body = await refused.Content.ReadAsStringAsync();
        Assert.True(refused.StatusCode == HttpStatusCode.UnprocessableEntity, body);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement;
        Assert.Equal(("release-date", "2028-03-01"), (problem.GetProperty("field").GetString(), problem.GetProperty("date").GetString()));
        Assert.StartsWith("A due time counted from field 'release-date' (2028-03-01) on the 'isle-of-man' calendar cannot be worked out", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        var after = await carats.GetFromJsonAsync<JsonElement>($"/api/cases/{id}");
        Assert.Equal(1, after.GetProperty("version").GetInt64());
        Assert.False(after.GetProperty("fields").TryGetProperty("release-date", out _));
    }
}
