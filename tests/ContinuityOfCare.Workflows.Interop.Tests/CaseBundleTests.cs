using ContinuityOfCare.Workflows.Interop.Fhir;
using ContinuityOfCare.Workflows.Runtime.Cases;
using Hl7.Fhir.Model;
using Xunit.Abstractions;
using Duration = NodaTime.Duration;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ContinuityOfCare.Workflows.Interop.Tests;

/// <summary>Cases of every shipped pathway, read as FHIR at several points of their journey: each bundle and every resource in it validates against R4.</summary>
public class CaseBundleTests(ITestOutputHelper output)
{
    public static TheoryData<string> ShippedPathways() => PlanDefinitionTests.ShippedPathways();

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public async System.Threading.Tasks.Task EveryPointOfTheJourneyIsABundleTheR4SpecificationAccepts(string pathway)
    {
        var cases = new FhirCases(pathway);
        var points = new List<(string Point, CaseView View)>();
        var started = await cases.StartAsync();
        points.Add(("started", await cases.ViewAsync(started.Id)));
        await cases.RecordAsync(started.Id, "arrived", values: ("prison", "HMP Example (fictional)"));
        await cases.RecordAsync(started.Id, "origin-recorded", values: ("origin", "community"));
        await cases.RecordAsync(started.Id, "screened", values: [("priority-offender", "yes"), ("problematic-drug-use", "yes")]);
        await cases.CompleteAsync(started.Id, "clinical-assessment");
        points.Add(("assessed", await cases.ViewAsync(started.Id)));
        await cases.RecordAsync(started.Id, "care-plan-completed");
        await cases.RecordAsync(started.Id, "release-date-set", values: [("release-date", "2026-09-14"), ("key-worker", "A key worker (fictional)")]);
        await cases.RecordAsync(started.Id, "release-planning-started");
        points.Add(("planning release", await cases.ViewAsync(started.Id)));
        var referral = cases.Definition.FindState("pre-release")!.Actions.First(a => a.Id.StartsWith(PlanDefinitionExporter.ReferralPrefix, StringComparison.Ordinal));
        await cases.CompleteAsync(started.Id, referral.Id);
        points.Add(("referred", await cases.ViewAsync(started.Id)));
        await cases.RecordAsync(started.Id, "released", values: ("release-date", "2026-03-03"));
        points.Add(("released", await cases.ViewAsync(started.Id)));
        await cases.WaitAsync(Duration.FromDays(22));
        points.Add(("closed after 21 days", await cases.ViewAsync(started.Id)));
        var cancelled = await cases.StartAsync();
        await cases.Runtime.Cases.CancelAsync(cancelled.Id, "Opened twice", FhirCases.Worker("cjit"));
        points.Add(("cancelled", await cases.ViewAsync(cancelled.Id)));

        foreach (var (point, view) in points)
        {
            var bundle = CaseBundleExporter.Export(view, 2);
            var errors = R4Validation.Errors(bundle).Concat(bundle.Entry.SelectMany(e => R4Validation.Errors(e.Resource!).Select(m => $"{e.Resource!.TypeName}/{e.Resource.Id}: {m}"))).ToList();
            var warnings = R4Validation.Validate(bundle).Issue.Where(i => i.Severity == OperationOutcome.IssueSeverity.Warning).Select(i => i.Details?.Text ?? i.Diagnostics).ToList();
            output.WriteLine($"{pathway}, {point}: {bundle.Entry.Count} resources ({string.Join(", ", bundle.Entry.GroupBy(e => e.Resource!.TypeName).Select(g => $"{g.Count()} {g.Key}"))}), {errors.Count} errors, {warnings.Count} warnings {string.Join("; ", warnings)}.");
            Assert.True(errors.Count == 0, $"{point}:\n{string.Join("\n", errors)}");
            Assert.Equal(view.Actions.Count, bundle.Entry.Count(e => e.Resource is FhirTask));
        }

        Assert.Equal(RequestStatus.Completed, CarePlanOf(points[^2].View).Status);
        Assert.Equal(RequestStatus.Revoked, CarePlanOf(points[^1].View).Status);
        Assert.Equal(RequestStatus.Active, CarePlanOf(points[0].View).Status);
    }

    [Fact]
    public async System.Threading.Tasks.Task TheCarePlanInstantiatesItsVersionAndHasATaskPerActionItemWithItsOwnerDueTimeAndCompletion()
    {
        var cases = new FhirCases("national/custody-to-community.pathway");
        var started = await cases.StartAsync();
        await cases.RecordAsync(started.Id, "arrived", values: ("prison", "HMP Example (fictional)"));
        await cases.CompleteAsync(started.Id, "establish-origin");
        var view = await cases.ViewAsync(started.Id);

        var bundle = CaseBundleExporter.Export(view, 4);
        var plan = Single<CarePlan>(bundle);
        var tasks = bundle.Entry.Select(e => e.Resource).OfType<FhirTask>().ToList();
        var sendDir = tasks.Single(t => t.Code!.Coding.Single().Code == "send-dir");
        var origin = tasks.Single(t => t.Code!.Coding.Single().Code == "establish-origin");
        var dirItem = view.Actions.Single(a => a.ActionId == "send-dir");

        Assert.Equal($"{FhirOptions.DefaultCanonicalBase}/PlanDefinition/custody-to-community|4", plan.InstantiatesCanonical.Single());
        Assert.Equal($"Patient/patient-{started.Id}", plan.Subject!.Reference);
        Assert.Equal(tasks.Select(t => $"Task/{t.Id}"), plan.Activity.Select(a => a.Reference!.Reference));
        Assert.StartsWith("At 'Reception: from court or from another prison? (process point 1)'", plan.Description, StringComparison.Ordinal);
        Assert.Equal(FhirTask.TaskStatus.Cancelled, sendDir.Status);
        Assert.Equal(FhirText.DateTime(dirItem.DueAt!.Value.ToDateTimeOffset()).Value, sendDir.Restriction!.Period!.End);
        Assert.Equal("Organization/agency-cjit", sendDir.Owner!.Reference);
        Assert.Equal(FhirTask.TaskStatus.Completed, origin.Status);
        Assert.Equal("Done on time", origin.BusinessStatus!.Text);
        Assert.Equal("healthcare.worker (healthcare)", ((FhirString)origin.Output.Single().Value).Value);
        Assert.NotNull(origin.ExecutionPeriod!.End);
        Assert.Equal("reception", ((FhirString)origin.Input.Single().Value).Value);
    }

    [Fact]
    public async System.Threading.Tasks.Task RiversidesReferralIsAServiceRequestFromThePrisonTeamToTheTreatmentService()
    {
        var cases = new FhirCases("local/riverside.pathway");
        var id = await InPreReleaseAsync(cases);
        var before = CaseBundleExporter.Export(await cases.ViewAsync(id), 1);
        await cases.CompleteAsync(id, "refer-to-treatment");
        await cases.RecordAsync(id, "referral-sent", values: ("treatment-service", "Riverside Recovery Hub (fictional)"));
        var after = CaseBundleExporter.Export(await cases.ViewAsync(id), 1);

        var draft = Single<ServiceRequest>(before);
        var sent = Single<ServiceRequest>(after);
        var task = after.Entry.Select(e => e.Resource).OfType<FhirTask>().Single(t => t.Code!.Coding.Single().Code == "refer-to-treatment");

        Assert.Equal(RequestStatus.Draft, draft.Status);
        Assert.Null(draft.AuthoredOn);
        Assert.Equal(RequestStatus.Active, sent.Status);
        Assert.Equal(RequestIntent.Order, sent.Intent);
        Assert.Equal("Referral to Riverside Community Recovery Service", sent.Code!.Text);
        Assert.Equal("Organization/agency-carats", sent.Requester!.Reference);
        Assert.Equal("Organization/agency-treatment", sent.Performer.Single().Reference);
        Assert.Equal("Riverside Recovery Hub (fictional)", sent.Performer.Single().Display);
        Assert.Equal($"Patient/patient-{id}", sent.Subject!.Reference);
        Assert.Equal($"CarePlan/{id}", sent.BasedOn.Single().Reference);
        Assert.Equal($"ServiceRequest/{sent.Id}", task.Focus!.Reference);
        Assert.NotNull(sent.AuthoredOn);
        Assert.Empty(R4Validation.Errors(sent));
        // Everything it refers to is in the bundle, so it can be lifted out with them.
        var present = after.Entry.Select(e => (string?)$"{e.Resource!.TypeName}/{e.Resource.Id}").ToHashSet();
        Assert.All(new[] { sent.Subject!, sent.Requester!, sent.Performer.Single(), sent.BasedOn.Single() }, r => Assert.Contains(r.Reference, present));
    }

    [Fact]
    public async System.Threading.Tasks.Task ThePersonAppearsOnlyInThePatientAndOnlyAsTheCaseViewShowsThem()
    {
        var cases = new FhirCases("national/custody-to-community.pathway");
        var started = await cases.StartAsync();

        var bundle = CaseBundleExporter.Export(await cases.ViewAsync(started.Id), 1);
        var patient = Single<Patient>(bundle);
        using var json = System.Text.Json.JsonDocument.Parse(FhirText.ToJson(patient));

        Assert.Equal(["resourceType", "id", "identifier", "name", "birthDate"], json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("A1234BC", patient.Identifier.Single().Value);
        Assert.Equal("Sam Example (fictional)", patient.Name.Single().Text);
        Assert.Equal("1990-02-01", patient.BirthDate);
        Assert.All(bundle.Entry.Where(e => e.Resource is not Patient), e =>
        {
            var text = FhirText.ToJson(e.Resource!);
            Assert.DoesNotContain("Sam Example", text, StringComparison.Ordinal);
            Assert.DoesNotContain("A1234BC", text, StringComparison.Ordinal);
            Assert.DoesNotContain("1990-02-01", text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public async System.Threading.Tasks.Task TheSameCaseGivesTheSameBundle()
    {
        var cases = new FhirCases("national/custody-to-community.pathway");
        var started = await cases.StartAsync();
        var view = await cases.ViewAsync(started.Id);

        Assert.Equal(FhirText.ToJson(CaseBundleExporter.Export(view, 1)), FhirText.ToJson(CaseBundleExporter.Export(view, 1)));
        Assert.Equal(Bundle.BundleType.Collection, CaseBundleExporter.Export(view, 1).Type);
    }

    private static async System.Threading.Tasks.Task<Guid> InPreReleaseAsync(FhirCases cases)
    {
        var started = await cases.StartAsync();
        await cases.RecordAsync(started.Id, "arrived", values: ("prison", "HMP Example (fictional)"));
        await cases.RecordAsync(started.Id, "origin-recorded", values: ("origin", "community"));
        await cases.RecordAsync(started.Id, "screened", values: [("priority-offender", "yes"), ("problematic-drug-use", "no")]);
        await cases.RecordAsync(started.Id, "care-plan-completed");
        await cases.RecordAsync(started.Id, "release-date-set", values: [("release-date", "2026-09-14"), ("key-worker", "A key worker (fictional)")]);
        await cases.RecordAsync(started.Id, "release-planning-started");
        return started.Id;
    }

    private static CarePlan CarePlanOf(CaseView view) => Single<CarePlan>(CaseBundleExporter.Export(view, 1));

    private static T Single<T>(Bundle bundle) where T : Resource => bundle.Entry.Select(e => e.Resource).OfType<T>().Single();
}
