using ContinuityOfCare.Workflows.Definitions;

using ContinuityOfCare.Workflows.Runtime.Model;
using Microsoft.AspNetCore.Http;

namespace ContinuityOfCare.Workflows.Designer.Web;

/// <summary>
/// A pathway field as a form input: its name in the posted form, its element id, the HTML input it
/// needs for its type, and reading what was posted back into a typed value.
/// </summary>
public sealed record FieldInput(string FormName, string ElementId, FieldDefinition Field, string? Value)
{
    /// <summary>The label a caseworker reads: the field's own label, or its id in words.</summary>
    public string Label => Field.Label ?? char.ToUpperInvariant(Field.Id[0]) + Field.Id[1..].Replace('-', ' ');

    /// <summary>The HTML input type for a field typed as text, date or date-time.</summary>
    public string InputType => Field.Type switch
    {
        FieldType.Date => "date",
        FieldType.DateTime => "datetime-local",
        _ => "text",
    };

    public string? Hint => Field.Type switch
    {
        FieldType.Date => "A date, for example 2026-06-19.",
        FieldType.DateTime => "A date and a time, for example 2026-06-19 at 10:30.",
        FieldType.Number => "A number, for example 12.5.",
        _ => null,
    };

    /// <summary>Radios stand for yes/no and one-of fields; the rest are single inputs.</summary>
    public IReadOnlyList<string> Choices => Field.Type switch
    {
        FieldType.YesNo => ["yes", "no"],
        FieldType.OneOf => Field.Options,
        _ => [],
    };
}

/// <summary>Builds the inputs of a form about a case and reads them back.</summary>
public static class FieldForm
{
    public static List<FieldInput> Inputs(PathwayDefinition definition, IEnumerable<string> fieldIds, string scope, IFormCollection? posted, CaseDetails? current)
    {
        var zone = CaseClock.Zone(definition);
        var inputs = new List<FieldInput>();
        foreach (var id in fieldIds)
        {
            if (definition.FindField(id) is not { } field)
            {
                continue;
            }

            var name = $"{scope}.{id}";
            var value = posted is not null && posted.ContainsKey(name) ? posted[name].ToString() : AsInput(current?.Field(id), zone);
            inputs.Add(new FieldInput(name, $"{scope}-{id}", field, value));
        }

        return inputs;
    }

    /// <summary>The posted values that were filled in, typed; errors by element id for those that cannot be read.</summary>
    public static Dictionary<string, FieldValue> Read(PathwayDefinition definition, IEnumerable<FieldInput> inputs, IFormCollection form, IDictionary<string, string> errors)
    {
        var zone = CaseClock.Zone(definition);
        var values = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        foreach (var input in inputs)
        {
            var text = form[input.FormName].ToString();
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            if (FieldValues.TryParse(input.Field, text, zone, out var value, out var error))
            {
                values[input.Field.Id] = value!;
            }
            else
            {
                errors[input.ElementId] = $"{input.Label}: {error}";
            }
        }

        return values;
    }

    /// <summary>A stored value as its input shows it (the HTML date and datetime-local formats).</summary>
    private static string? AsInput(FieldValue? value, NodaTime.DateTimeZone zone) => value switch
    {
        null => null,
        DateValue d => d.Date.ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        DateTimeValue t => t.Instant.InZone(zone).LocalDateTime.ToString("uuuu-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture),
        _ => value.Display(zone),
    };
}

/// <summary>A field input as the form shows it, with its error when the last post could not be read.</summary>
public sealed record FieldView(FieldInput Input, string? Error);

/// <summary>A list of cases with a caption, and what to say when it is empty.</summary>
public sealed record CaseList(string Caption, string Empty, IReadOnlyList<ContinuityOfCare.Workflows.Runtime.Model.PathwayInstance> Cases);
