using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Interop.Fhir;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Tests;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirDuration = Hl7.Fhir.Model.Duration;
using Xunit.Abstractions;

namespace ContinuityOfCare.Workflows.Interop.Tests;

public class PlanDefinitionTests(ITestOutputHelper output)
{
    private static readonly DateTimeOffset Published = new(2026, 2, 2, 10, 0, 0, TimeSpan.Zero);

    public static TheoryData<string> ShippedPathways()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryPaths.ShippedPathways)
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Pathways, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void EveryShippedPathwayIsAPlanDefinitionTheR4SpecificationAccepts(string pathway)
    {
        var (definition, hash) = Compile(pathway);

        var plan = PlanDefinitionExporter.Export(definition, hash, new PlanVersion(3, Published));
        var outcome = R4Validation.Validate(plan);

        output.WriteLine($"{pathway}: {plan.Action.Count} state actions, {plan.Action.Sum(a => a.Action.Count)} required actions; "
            + $"{outcome.Issue.Count(i => i.Severity == OperationOutcome.IssueSeverity.Warning)} warnings, "
            + $"{outcome.Issue.Count(i => i.Severity == OperationOutcome.IssueSeverity.Information)} notes.");
        Assert.Empty(R4Validation.Errors(plan));
        Assert.Equal(definition.States.Length, plan.Action.Count);
        Assert.Equal(definition.States.Sum(s => s.Actions.Length), plan.Action.Sum(a => a.Action.Count));
    }

    [Fact]
    public void TheDocumentNamesThePathwayItsVersionAndItsContent()
    {
        var (definition, hash) = Compile("national/custody-to-community.pathway");

        var plan = PlanDefinitionExporter.Export(definition, hash, new PlanVersion(3, Published));

        Assert.Equal("custody-to-community-v3", plan.Id);
        Assert.Equal($"{FhirOptions.DefaultCanonicalBase}/PlanDefinition/custody-to-community", plan.Url);
        Assert.Equal("3", plan.Version);
        Assert.Equal("CustodyToCommunity", plan.Name);
        Assert.Equal(definition.Title, plan.Title);
        Assert.Equal(PublicationStatus.Active, plan.Status);
        Assert.Equal("2026-02-02T10:00:00+00:00", plan.Date);
        Assert.Equal(definition.Partnership, plan.Publisher);
        Assert.Equal(hash, plan.Identifier.Single().Value);
        Assert.Equal("workflow-definition", plan.Type!.Coding.Single().Code);
    }

    [Fact]
    public void AFileNotPublishedIsADraftAndARetractedVersionIsRetired()
    {
        var (definition, hash) = Compile("national/custody-to-community.pathway");

        Assert.Equal(PublicationStatus.Draft, PlanDefinitionExporter.Export(definition, hash, PlanVersion.Unpublished(1)).Status);
        Assert.Equal(PublicationStatus.Retired, PlanDefinitionExporter.Export(definition, hash, new PlanVersion(2, Published, Retracted: true)).Status);
        Assert.Empty(R4Validation.Errors(PlanDefinitionExporter.Export(definition, hash, PlanVersion.Unpublished(1))));
        Assert.Empty(R4Validation.Errors(PlanDefinitionExporter.Export(definition, hash, new PlanVersion(2, Published, Retracted: true))));
    }

    [Fact]
    public void EachStateIsAnActionWithItsOwnerTheEventsThatLeadToItAndTheStatesItLeadsTo()
    {
        var (definition, hash) = Compile("national/custody-to-community.pathway");

        var plan = PlanDefinitionExporter.Export(definition, hash, new PlanVersion(1, Published));
        var ongoing = plan.Action.Single(a => a.ElementId == "ongoing-care");

        Assert.Equal("Ongoing care in prison (process point 6)", ongoing.Title);
        Assert.Equal("carats", ongoing.Participant.Single().Role!.Coding.Single().Code);
        Assert.Equal("Prison substance misuse team (psychosocial)", ongoing.Participant.Single().Role!.Coding.Single().Display);
        Assert.Equal(["release-date-set", "remanded", "transfer-cancelled", "care-resumed"], ongoing.Trigger.Select(t => t.Name));
        Assert.Equal(["pre-release", "released-to-community", "transfer-out", "court-transfer", "died", "removed-from-uk"], ongoing.RelatedAction.Select(r => r.ActionId));
        Assert.All(ongoing.RelatedAction, r => Assert.Equal(ActionRelationshipType.BeforeStart, r.Relationship));
        Assert.All(plan.Action.SelectMany(a => a.RelatedAction), r => Assert.Contains(plan.Action, a => a.ElementId == r.ActionId));
    }

    [Fact]
    public void RequiredActionsCarryTheirAgencyAndDeadlineAsATimingWhereFhirHasOneAndInWordsAlways()
    {
        var (definition, hash) = Compile("national/custody-to-community.pathway");

        var plan = PlanDefinitionExporter.Export(definition, hash, new PlanVersion(1, Published));
        var closeCase = plan.Action.Single(a => a.ElementId == "released-at-court").Action.Single(a => a.ElementId == "released-at-court.close-prison-case");
        var sendDir = plan.Action.Single(a => a.ElementId == "sent-to-prison").Action.Single();

        var timing = Assert.IsType<FhirDuration>(closeCase.Timing);
        Assert.Equal(7, timing.Value);
        Assert.Equal("d", timing.Code);
        Assert.Equal(FhirText.Ucum, timing.System);
        Assert.Equal("Due within 7 days. If missed: notify carats with deadline-missed.", closeCase.TextEquivalent);
        Assert.Null(sendDir.Timing);
        Assert.Equal("Due within 24 hours or by 09:00 next working day. If missed: notify cjit, healthcare with deadline-missed.", sendDir.TextEquivalent);
        Assert.Equal("cjit", sendDir.Participant.Single().Role!.Coding.Single().Code);
        Assert.Equal(ActionRequiredBehavior.Must, sendDir.RequiredBehavior);
    }

    [Fact]
    public void RiversidesReferralToTheTreatmentServiceIsACreateActionNamingBothAgencies()
    {
        var (definition, hash) = Compile("local/riverside.pathway");

        var plan = PlanDefinitionExporter.Export(definition, hash, new PlanVersion(1, Published));
        var referral = plan.Action.Single(a => a.ElementId == "pre-release").Action.Single(a => a.ElementId == "pre-release.refer-to-treatment");

        Assert.Equal("create", referral.Type!.Coding.Single().Code);
        Assert.Equal("Referral to Riverside Community Recovery Service", referral.Code.Single().Text);
        Assert.Equal(["carats", "treatment"], referral.Participant.Select(p => p.Role!.Coding.Single().Code));
        Assert.Equal("Due 3 weeks before release-date. If missed: notify carats, cjit with deadline-missed.", referral.TextEquivalent);
    }

    [Fact]
    public void TheJsonIsFhirJsonIndentedWithUnixLineEnds()
    {
        var (definition, hash) = Compile("national/custody-to-community.pathway");

        var json = FhirText.ToJson(PlanDefinitionExporter.Export(definition, hash, new PlanVersion(1, Published)));

        Assert.StartsWith("{\n  \"resourceType\": \"PlanDefinition\",\n  \"id\": \"custody-to-community-v1\",", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", json, StringComparison.Ordinal);
        var parsed = System.Text.Json.JsonSerializer.Deserialize<PlanDefinition>(json, new System.Text.Json.JsonSerializerOptions().ForFhir());
        Assert.Equal(definition.States.Length, parsed!.Action.Count);
    }

    internal static (PathwayDefinition Definition, string Hash) Compile(string pathway)
    {
        var compiled = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Pathways, pathway));
        Assert.True(compiled.Succeeded, $"{pathway} does not compile.");
        return (compiled.Definition!, compiled.ContentHash!);
    }
}
