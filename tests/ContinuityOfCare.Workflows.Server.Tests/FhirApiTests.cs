using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinuityOfCare.Workflows.Interop.Tests;
using Bundle = Hl7.Fhir.Model.Bundle;
using PlanDefinition = Hl7.Fhir.Model.PlanDefinition;
using Hl7.Fhir.Serialization;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>FHIR over HTTP: a published version as a PlanDefinition, a case as a Bundle, mistakes as problem responses, and no person in the logs.</summary>
public sealed class FhirApiTests : IAsyncLifetime
{
    private static readonly JsonSerializerOptions Fhir = new JsonSerializerOptions().ForFhir();
    private readonly TempDataFolder _data = new();
    private ServerFactory _server = null!;
    private HttpClient _cjit = null!;

    public async Task InitializeAsync()
    {
        _server = new ServerFactory(_data.Path) { Logs = new CollectedLogs() };
        _cjit = await _server.SignedInAsync("cjit.riverside");
    }

    public Task DisposeAsync()
    {
        _cjit.Dispose();
        _server.Dispose();
        _data.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task APublishedVersionExportsAsAPlanDefinitionOfThatVersion()
    {
        using var response = await _cjit.GetAsync("/api/pathways/riverside-custody-to-community/versions/1/export?format=fhir");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Empty(R4Validation.Errors(JsonSerializer.Deserialize<PlanDefinition>(text, Fhir)!));
        var plan = JsonDocument.Parse(text).RootElement;
        Assert.Equal("PlanDefinition", plan.GetProperty("resourceType").GetString());
        Assert.Equal("riverside-custody-to-community-v1", plan.GetProperty("id").GetString());
        Assert.Equal("1", plan.GetProperty("version").GetString());
        Assert.Equal("active", plan.GetProperty("status").GetString());
        Assert.Equal(28, plan.GetProperty("action").GetArrayLength());
    }

    [Fact]
    public async Task ACaseReadsAsABundleWhosePatientIsThePersonTheCaseViewShows()
    {
        var id = await StartAsync("R2020RR", "Rowan Fhirtest (fictional)");

        using var response = await _cjit.GetAsync($"/api/cases/{id}/fhir");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/fhir+json", response.Content.Headers.ContentType!.MediaType);
        var text = await response.Content.ReadAsStringAsync();
        Assert.Empty(R4Validation.Errors(JsonSerializer.Deserialize<Bundle>(text, Fhir)!));
        var bundle = JsonDocument.Parse(text).RootElement;
        var resources = bundle.GetProperty("entry").EnumerateArray().Select(e => e.GetProperty("resource")).ToList();
        var patient = resources.Single(r => r.GetProperty("resourceType").GetString() == "Patient");
        var plan = resources.Single(r => r.GetProperty("resourceType").GetString() == "CarePlan");
        Assert.Equal("collection", bundle.GetProperty("type").GetString());
        Assert.Equal("R2020RR", patient.GetProperty("identifier")[0].GetProperty("value").GetString());
        Assert.Equal("Rowan Fhirtest (fictional)", patient.GetProperty("name")[0].GetProperty("text").GetString());
        Assert.Equal("1985-07-30", patient.GetProperty("birthDate").GetString());
        Assert.EndsWith("/PlanDefinition/riverside-custody-to-community|1", plan.GetProperty("instantiatesCanonical")[0].GetString(), StringComparison.Ordinal);
        Assert.Contains(resources, r => r.GetProperty("resourceType").GetString() == "Task");
        Assert.DoesNotContain(_server.Logs!.Lines, l => l.Contains("Fhirtest", StringComparison.Ordinal) || l.Contains("1985", StringComparison.Ordinal) || l.Contains("R2020RR", StringComparison.Ordinal));
        Assert.Contains(_server.Logs!.Lines, l => l.Contains($"Case {id} read as FHIR by cjit.riverside.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AnUnknownCaseOrFormatIsAProblemResponseNotAFailure()
    {
        using var unknown = await _cjit.GetAsync($"/api/cases/{Guid.NewGuid()}/fhir");
        using var notAnId = await _cjit.GetAsync("/api/cases/not-a-case/fhir");
        using var badFormat = await _cjit.GetAsync("/api/pathways/riverside-custody-to-community/versions/1/export?format=hl7v2");
        using var noVersion = await _cjit.GetAsync("/api/pathways/riverside-custody-to-community/versions/9/export?format=fhir");

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badFormat.StatusCode);
        var problem = await badFormat.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("The format is mermaid, elsa, fhir or json.", problem.GetProperty("errors").GetProperty("format")[0].GetString());
        Assert.Equal(HttpStatusCode.NotFound, noVersion.StatusCode);
    }

    [Fact]
    public async Task TheElsaExportOfAVersionCarriesItsNumber()
    {
        var workflow = await _cjit.GetFromJsonAsync<JsonElement>("/api/pathways/riverside-custody-to-community/versions/1/export?format=elsa");

        Assert.Equal(1, workflow.GetProperty("version").GetInt32());
        Assert.False(workflow.GetProperty("isPublished").GetBoolean());
        Assert.Equal("Elsa.Flowchart", workflow.GetProperty("root").GetProperty("type").GetString());
    }

    private async Task<Guid> StartAsync(string prisonNumber, string name)
    {
        var started = await _cjit.PostAsJsonAsync("/api/cases", new
        {
            pathwayId = "riverside-custody-to-community",
            consentRecorded = true,
            person = new { prisonNumber, name, dateOfBirth = "1985-07-30" },
        });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        return (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }
}
