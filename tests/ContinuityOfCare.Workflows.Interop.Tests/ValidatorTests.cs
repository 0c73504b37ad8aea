using ContinuityOfCare.Workflows.Interop.Fhir;
using Hl7.Fhir.Model;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ContinuityOfCare.Workflows.Interop.Tests;

/// <summary>The validator the other tests trust does find what the R4 specification forbids, so "no errors" means something.</summary>
public class ValidatorTests
{
    [Fact]
    public void AMissingRequiredElementIsAnError()
    {
        var task = new FhirTask { Intent = FhirTask.TaskIntent.Order };

        Assert.Contains(R4Validation.Errors(task), e => e.Contains("status", StringComparison.OrdinalIgnoreCase) || e.Contains("minimum required", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void ABrokenInvariantIsAnError()
    {
        // per-1: a period cannot end before it starts.
        var task = new FhirTask
        {
            Status = FhirTask.TaskStatus.Ready,
            Intent = FhirTask.TaskIntent.Order,
            ExecutionPeriod = FhirText.Period(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 3, 1, 9, 0, 0, TimeSpan.Zero)),
        };

        Assert.Contains(R4Validation.Errors(task), e => e.Contains("per-1", StringComparison.Ordinal));
    }

    [Fact]
    public void ACodeOutsideARequiredValueSetIsAnError()
    {
        var plan = new PlanDefinition { Status = PublicationStatus.Draft };
        plan.StatusElement.JsonValue = "published";

        Assert.NotEmpty(R4Validation.Errors(plan));
    }

    [Fact]
    public void TheUcumTimingTheExportWritesIsAccepted()
    {
        var plan = new PlanDefinition
        {
            Status = PublicationStatus.Draft,
            Action = [new PlanDefinition.ActionComponent { Title = "Wait", Timing = FhirText.Duration(new Definitions.Duration(7, Definitions.DurationUnit.Days)) }],
        };

        Assert.Empty(R4Validation.Errors(plan));
    }
}
