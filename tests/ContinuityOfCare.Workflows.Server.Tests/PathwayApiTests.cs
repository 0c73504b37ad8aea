using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Tests;
using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>The server on its embedded default, on a fresh data folder.</summary>
public sealed class SqlitePathwayApiTests : PathwayApiScenarios
{
    protected override Task<string?> NewPostgreSqlDatabaseAsync() => Task.FromResult<string?>(null);

    [Fact]
    public void TheEmbeddedDatabaseIsCreatedInTheDataFolder() =>
        Assert.True(File.Exists(Path.Combine(Data.Path, "continuity.db")));
}

/// <summary>The server on PostgreSQL (runtime and Hangfire), on a fresh database.</summary>
[Collection(PostgresClusterFixture.Collection)]
public sealed class PostgreSqlPathwayApiTests(PostgresClusterFixture cluster) : PathwayApiScenarios
{
    protected override async Task<string?> NewPostgreSqlDatabaseAsync() => await cluster.NewDatabaseAsync();
}

/// <summary>Health, the shipped pathways published, checking and comparing through HTTP.</summary>
public abstract class PathwayApiScenarios : IAsyncLifetime
{
    private const string National = "custody-to-community";
    private string? _postgreSql;
    private ServerFactory _server = null!;
    private HttpClient _client = null!;

    protected TempDataFolder Data { get; } = new();

    /// <summary>A new PostgreSQL database for the test, or null for the embedded default.</summary>
    protected abstract Task<string?> NewPostgreSqlDatabaseAsync();

    public async Task InitializeAsync()
    {
        _postgreSql = await NewPostgreSqlDatabaseAsync();
        _server = NewServer();
        _client = await _server.SignedInAsync("administrator");
    }

    public Task DisposeAsync()
    {
        _client.Dispose();
        _server.Dispose();
        Data.Dispose();
        return Task.CompletedTask;
    }

    /// <summary>Another server on the same data (the same folder or database).</summary>
    private ServerFactory NewServer() => new(Data.Path, _postgreSql);

    [Fact]
    public async Task TheServerIsLiveAndReady()
    {
        Assert.Equal("Healthy", await _client.GetStringAsync("/health/live"));
        Readiness.AssertReady(await _client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task TheShippedPathwaysArePublishedOnceAtStartUp()
    {
        var first = await VersionsAsync(_client);
        Assert.Equal(
            ["custody-to-community 1 current", "northbridge-custody-to-community 1 current", "riverside-custody-to-community 1 current"],
            first.Select(v => $"{v.GetProperty("pathwayId").GetString()} {v.GetProperty("number").GetInt32()} {(v.GetProperty("current").GetBoolean() ? "current" : "")}").Order());
        Assert.All(first, v => Assert.Equal("ContinuityOfCare.Workflows (shipped)", v.GetProperty("author").GetString()));

        // A second start on the same data folder publishes nothing new.
        using var again = NewServer();
        using var client = await again.SignedInAsync("administrator");
        var second = await VersionsAsync(client);
        Assert.Equal(3, second.Count);
        Assert.All(second, v => Assert.Equal(1, v.GetProperty("number").GetInt32()));
    }

    [Fact]
    public async Task APublishedVersionCarriesItsDefinition()
    {
        var expected = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway"));

        using var version = JsonDocument.Parse(await _client.GetStringAsync($"/api/pathways/{National}/versions/1"));

        Assert.Equal(expected.ContentHash, version.RootElement.GetProperty("contentHash").GetString());
        Assert.Equal(File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway")), version.RootElement.GetProperty("sourceText").GetString());
        Assert.Equal(25, version.RootElement.GetProperty("definition").GetProperty("states").GetArrayLength());
    }

    [Fact]
    public async Task AVersionThatDoesNotExistIsAProblemResponse()
    {
        var response = await _client.GetAsync($"/api/pathways/{National}/versions/9");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("There is no version 9 of pathway 'custody-to-community'.", problem.RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task CheckingAPathwayWithMistakesGives422WithEveryDiagnostic()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Baselines, "five-mistakes", "input.pathway"));
        var expected = TestCompiler.Compile(text, "input.pathway").Diagnostics;

        var response = await _client.PostAsJsonAsync("/api/pathways/check", new { text, fileName = "input.pathway" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var diagnostics = problem.RootElement.GetProperty("diagnostics").EnumerateArray()
            .Select(d => $"{d.GetProperty("code").GetString()} {d.GetProperty("line").GetInt32()}:{d.GetProperty("column").GetInt32()}")
            .ToList();
        Assert.Equal(expected.Select(d => $"{d.Code} {d.Start.Line}:{d.Start.Column}"), diagnostics);
        Assert.Equal(5, diagnostics.Count(d => d.StartsWith("COC", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task ASuggestedFixSaysWhatToReplaceWhereSoAnEditorCanApplyIt()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Baselines, "five-mistakes", "input.pathway"));

        var response = await _client.PostAsJsonAsync("/api/pathways/check", new { text });

        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var withFix = problem.RootElement.GetProperty("diagnostics").EnumerateArray().First(d => d.GetProperty("fix").ValueKind == JsonValueKind.Object);
        var fix = withFix.GetProperty("fix");
        var lines = text.Split('\n');
        var line = lines[fix.GetProperty("line").GetInt32() - 1];
        var (from, to) = (fix.GetProperty("column").GetInt32() - 1, fix.GetProperty("endColumn").GetInt32() - 1);
        Assert.Equal(fix.GetProperty("line").GetInt32(), fix.GetProperty("endLine").GetInt32());
        lines[fix.GetProperty("line").GetInt32() - 1] = line[..from] + fix.GetProperty("replacement").GetString() + line[to..];

        var fixedUp = TestCompiler.Compile(string.Join('\n', lines), "input.pathway").Diagnostics;
        var before = TestCompiler.Compile(text, "input.pathway").Diagnostics;
        Assert.Equal(before.Count - 1, fixedUp.Count);
        Assert.DoesNotContain(fixedUp, d => d.Code == withFix.GetProperty("code").GetString() && d.Start.Line == withFix.GetProperty("line").GetInt32());
    }

    [Fact]
    public async Task APreviewDrawsTheTextAndNamesEachStatesNode()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway"));

        using var preview = JsonDocument.Parse(await (await _client.PostAsJsonAsync("/api/pathways/preview", new { text })).Content.ReadAsStringAsync());

        var mermaid = preview.RootElement.GetProperty("mermaid").GetString()!;
        Assert.Contains("\nstateDiagram-v2\n", mermaid, StringComparison.Ordinal);
        var states = preview.RootElement.GetProperty("states").EnumerateArray().ToList();
        Assert.Equal(25, states.Count);
        var first = states[0];
        Assert.Equal("sent-to-prison", first.GetProperty("id").GetString());
        Assert.Equal("sent_to_prison", first.GetProperty("mermaidId").GetString());
        Assert.All(states, s => Assert.Contains(s.GetProperty("mermaidId").GetString()!, mermaid, StringComparison.Ordinal));
    }

    [Fact]
    public async Task ATextSentToTheServerReadsTemplateFilesFromThePathwaysFolderOnly()
    {
        var riverside = File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "local", "riverside.pathway"));

        var found = await _client.PostAsJsonAsync("/api/pathways/check", new { text = riverside });
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);

        var probing = riverside.Replace("\"templates/riverside-alert.sbn\"", "\"../../../../../../etc/hostname\"", StringComparison.Ordinal);
        Assert.NotEqual(riverside, probing);
        var refused = await _client.PostAsJsonAsync("/api/pathways/check", new { text = probing });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Contains("etc/hostname", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CheckingACleanPathwayGivesItsContentHash()
    {
        var path = Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway");

        var response = await _client.PostAsJsonAsync("/api/pathways/check", new { text = File.ReadAllText(path) });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(body.RootElement.GetProperty("compiles").GetBoolean());
        Assert.Equal(TestCompiler.CompileFile(path).ContentHash, body.RootElement.GetProperty("contentHash").GetString());
    }

    [Fact]
    public async Task ARequestWithoutTextIsABadRequestNamingTheField()
    {
        var response = await _client.PostAsJsonAsync("/api/pathways/check", new { fileName = "x.pathway" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Send the pathway text to check.", problem.RootElement.GetProperty("errors").GetProperty("text")[0].GetString());
    }

    [Fact]
    public async Task ComparingPublishedVersionsSaysWhetherBehaviourChanged()
    {
        using var same = JsonDocument.Parse(await _client.GetStringAsync($"/api/pathways/{National}/diff?from=1&to=1"));
        Assert.False(same.RootElement.GetProperty("behaviourChanged").GetBoolean());

        var markdown = await _client.GetAsync($"/api/pathways/{National}/diff?from=1&to=1&format=markdown");
        Assert.Equal("text/markdown", markdown.Content.Headers.ContentType?.MediaType);
        Assert.Contains("**No change in behaviour.**", await markdown.Content.ReadAsStringAsync());

        var wrong = await _client.GetAsync($"/api/pathways/{National}/diff?from=1&format=pdf");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var problem = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(["format", "to"], errors.EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task AMigrationCountsEveryCaseByWhereItGoesAndListsThemAPageAtATime()
    {
        var lead = await _server.SignedInAsync("lead.national");
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway"));
        var at = text.IndexOf("  title \"", StringComparison.Ordinal);
        using (var published = await lead.PostAsJsonAsync("/api/pathways", new { text = text[..at] + "  title \"Revised: " + text[(at + 9)..], note = "A new title" }))
        {
            Assert.True(published.IsSuccessStatusCode, await published.Content.ReadAsStringAsync());
        }

        using var whole = JsonDocument.Parse(await (await lead.PostAsJsonAsync($"/api/pathways/{National}/migrations", new { from = 1, to = 2, dryRun = true })).Content.ReadAsStringAsync());
        var caseCount = whole.RootElement.GetProperty("caseCount").GetInt32();
        Assert.True(caseCount >= 3, whole.RootElement.ToString());
        Assert.Equal(caseCount, whole.RootElement.GetProperty("moves").EnumerateArray().Sum(m => m.GetProperty("cases").GetInt32())
            + whole.RootElement.GetProperty("refusals").EnumerateArray().Sum(r => r.GetProperty("cases").GetInt32()));
        Assert.Equal(caseCount, whole.RootElement.GetProperty("cases").GetArrayLength());

        using var page = JsonDocument.Parse(await (await lead.PostAsJsonAsync($"/api/pathways/{National}/migrations?skip=1&take=2", new { from = 1, to = 2, dryRun = true })).Content.ReadAsStringAsync());
        Assert.Equal(caseCount, page.RootElement.GetProperty("caseCount").GetInt32());
        Assert.Equal(
            whole.RootElement.GetProperty("cases").EnumerateArray().Skip(1).Take(2).Select(c => c.GetProperty("instanceId").GetGuid()),
            page.RootElement.GetProperty("cases").EnumerateArray().Select(c => c.GetProperty("instanceId").GetGuid()));

        var wrong = await lead.PostAsJsonAsync($"/api/pathways/{National}/migrations?skip=-1&take=0", new { from = 1, to = 2, dryRun = true });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        using var problem = JsonDocument.Parse(await wrong.Content.ReadAsStringAsync());
        Assert.Equal(["skip", "take"], problem.RootElement.GetProperty("errors").EnumerateObject().Select(e => e.Name).Order());
    }

    [Fact]
    public async Task TheOpenApiDocumentDescribesTheEndpoints()
    {
        using var document = JsonDocument.Parse(await _client.GetStringAsync("/openapi/v1.json"));
        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();

        Assert.Contains("/api/pathways/check", paths);
        Assert.Contains("/api/pathways/{pathwayId}/diff", paths);
        Assert.Contains("/api/pathways/{pathwayId}/versions/{number}", paths);
    }

    private static async Task<List<JsonElement>> VersionsAsync(HttpClient client)
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync("/api/pathways"));
        return [.. document.RootElement.EnumerateArray().Select(e => e.Clone())];
    }
}
