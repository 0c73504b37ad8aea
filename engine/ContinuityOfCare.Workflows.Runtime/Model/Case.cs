using System.Collections.Immutable;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>The person a case is about. Samples and tests use fictional people only.</summary>
public sealed record Person(string PrisonNumber, string Name, LocalDate DateOfBirth);

/// <summary>
/// What a case records: the person, the partnership whose protocol it follows, whether the person's
/// consent to share information between agencies is recorded, and the pathway's case fields.
/// </summary>
public sealed record CaseDetails(
    string Partnership,
    Person Person,
    bool ConsentRecorded,
    ImmutableDictionary<string, FieldValue> Fields)
{
    public FieldValue? Field(string id) => Fields.GetValueOrDefault(id);
}
