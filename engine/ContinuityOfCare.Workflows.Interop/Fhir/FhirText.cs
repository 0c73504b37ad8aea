using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using FhirDuration = Hl7.Fhir.Model.Duration;
using PathwayDuration = ContinuityOfCare.Workflows.Definitions.Duration;

namespace ContinuityOfCare.Workflows.Interop.Fhir;

/// <summary>The small conversions every FHIR resource here needs: ids, times, durations, codes and the JSON they are written as.</summary>
public static class FhirText
{
    /// <summary>UCUM, the only system FHIR allows for a Duration's unit.</summary>
    public const string Ucum = "http://unitsofmeasure.org";

    private static readonly JsonSerializerOptions Json = new JsonSerializerOptions().ForFhir().Pretty();

    /// <summary>A resource as FHIR JSON, indented, with "\n" line ends.</summary>
    public static string ToJson(Resource resource) => JsonSerializer.Serialize(resource, resource.GetType(), Json).ReplaceLineEndings("\n");

    /// <summary>
    /// A FHIR id (letters, digits, '-' and '.', at most 64): the text itself when it already is one,
    /// otherwise its legal characters cut short and a hash of the whole, so two texts never share one.
    /// </summary>
    public static string Id(string text)
    {
        var legal = new string([.. text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.' ? c : '-')]);
        if (legal == text && text.Length is > 0 and <= 64)
        {
            return text;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..12];
        return $"{legal[..Math.Min(legal.Length, 51)]}-{hash}";
    }

    /// <summary>A pathway id as a computable name (<c>custody-to-community</c> becomes <c>CustodyToCommunity</c>).</summary>
    public static string Name(string id)
    {
        var name = string.Concat(id.Split('-', '.', '_').Where(p => p.Length > 0).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));
        return name.Length > 0 && char.IsAsciiLetter(name[0]) ? name : "Pathway" + name;
    }

    public static FhirDateTime DateTime(DateTimeOffset instant) => new(instant.ToUniversalTime());

    public static Period Period(DateTimeOffset? start, DateTimeOffset? end) => new()
    {
        StartElement = start is { } s ? DateTime(s) : null,
        EndElement = end is { } e ? DateTime(e) : null,
    };

    /// <summary>An elapsed or calendar duration in UCUM; null for working days, which UCUM has no unit for.</summary>
    public static FhirDuration? Duration(PathwayDuration duration) => duration.Unit switch
    {
        DurationUnit.Hours => Ucumed(duration.Amount, "h", duration.Amount == 1 ? "hour" : "hours"),
        DurationUnit.Days => Ucumed(duration.Amount, "d", duration.Amount == 1 ? "day" : "days"),
        DurationUnit.Weeks => Ucumed(duration.Amount, "wk", duration.Amount == 1 ? "week" : "weeks"),
        _ => null,
    };

    public static CodeableConcept Concept(string system, string code, string display) => new()
    {
        Coding = [new Coding(system, code, display)],
        Text = display,
    };

    public static CodeableConcept Text(string text) => new() { Text = text };

    public static ResourceReference Reference(string resourceType, string id, string? display = null) => new($"{resourceType}/{id}", display);

    private static FhirDuration Ucumed(int amount, string code, string unit) => new() { Value = amount, Unit = unit, System = Ucum, Code = code };
}
