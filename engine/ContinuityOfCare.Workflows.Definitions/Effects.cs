using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ContinuityOfCare.Workflows.Definitions;

/// <summary>Something the runtime does when a transition is taken or a deadline is missed.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(NotifyEffect), "notify")]
[JsonDerivedType(typeof(SetFieldEffect), "set")]
[JsonDerivedType(typeof(RaiseEffect), "raise")]
public abstract record Effect;

/// <summary>Render a template and send it to agencies (subject to consent at run time).</summary>
/// <param name="WithoutConsent">
/// The notice goes even when the person's consent to share information is not recorded (risk of
/// harm). Left out of the JSON when false, so pathways without it keep their content hash.
/// </param>
public sealed record NotifyEffect(
    ImmutableArray<string> Agencies,
    string Template,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool WithoutConsent = false) : Effect;

/// <summary>Set a case field to a value.</summary>
public sealed record SetFieldEffect(string Field, Value Value) : Effect;

/// <summary>Record an event on the case, as if a caseworker had recorded it.</summary>
public sealed record RaiseEffect(string Event) : Effect;
