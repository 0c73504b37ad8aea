namespace ContinuityOfCare.Workflows.Interop.Fhir;

/// <summary>
/// Where the FHIR resources' canonical URLs and identifier systems are rooted. The default is a name
/// under the reserved <c>.invalid</c> domain, so nothing written with it can be mistaken for a real
/// NHS system; a deployment sets its own.
/// </summary>
public sealed record FhirOptions(string CanonicalBase = FhirOptions.DefaultCanonicalBase)
{
    public const string DefaultCanonicalBase = "https://fhir.continuity-of-care.invalid";

    /// <summary>The canonical URL of a pathway's PlanDefinition (every version shares it; the version tells them apart).</summary>
    public string PlanDefinitionUrl(string pathwayId) => $"{Base}/PlanDefinition/{pathwayId}";

    /// <summary>An identifier system or code system of this product, e.g. <c>…/prison-number</c>.</summary>
    public string System(string name) => $"{Base}/{name}";

    /// <summary>The full URL of a resource in a bundle, from which its relative references resolve.</summary>
    public string FullUrl(string resourceType, string id) => $"{Base}/{resourceType}/{id}";

    private string Base => CanonicalBase.TrimEnd('/');
}

/// <summary>The facts about a pathway version a PlanDefinition carries: its number and whether and when it was published or retracted.</summary>
/// <param name="PublishedAt">When it was published; null for a pathway file that has not been (its PlanDefinition is a draft).</param>
public sealed record PlanVersion(int Number, DateTimeOffset? PublishedAt = null, bool Retracted = false)
{
    /// <summary>A pathway compiled from a file, numbered as asked but not published.</summary>
    public static PlanVersion Unpublished(int number) => new(number);
}
