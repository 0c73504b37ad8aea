using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace ContinuityOfCare.Workflows.Interop.Tests;

/// <summary>
/// Firely's validator against the base FHIR R4 specification (the <c>specification.zip</c> that
/// Hl7.Fhir.Specification.Data.R4 ships), with its local terminology service: structure,
/// cardinality, types, invariants and the value sets the specification carries.
/// </summary>
public static class R4Validation
{
    private static readonly Lazy<Validator> Shared = new(() =>
    {
        var specification = new CachedResolver(ZipSource.CreateValidationSource());
        return new Validator(specification, new LocalTerminologyService(specification));
    });

    /// <summary>The issues of error or fatal severity the validator finds, each with where and what.</summary>
    public static IReadOnlyList<string> Errors(Resource resource)
    {
        var outcome = Validate(resource);
        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{string.Join(", ", i.Expression)}: {i.Details?.Text ?? i.Diagnostics}")];
    }

    public static OperationOutcome Validate(Resource resource)
    {
        lock (Shared)
        {
            return Shared.Value.Validate(resource);
        }
    }
}
