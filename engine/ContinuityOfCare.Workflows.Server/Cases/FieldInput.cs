using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Engine;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Server.Cases;

/// <summary>
/// Reads field values sent as plain JSON (strings, numbers, true/false) into the pathway's typed
/// values. Every value that cannot be read is reported at once, by field.
/// </summary>
internal static class FieldInput
{
    public static Dictionary<string, FieldValue> Read(PathwayDefinition definition, IReadOnlyDictionary<string, JsonElement>? values, string prefix)
    {
        var read = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
        if (values is null)
        {
            return read;
        }

        var zone = DateTimeZoneProviders.Tzdb[definition.TimeZone];
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, json) in values)
        {
            if (definition.FindField(id) is not { } field)
            {
                errors[$"{prefix}.{id}"] = $"there is no field '{id}' in this pathway";
                continue;
            }

            var text = json.ValueKind switch
            {
                JsonValueKind.String => json.GetString(),
                JsonValueKind.True => "yes",
                JsonValueKind.False => "no",
                JsonValueKind.Number => json.GetRawText(),
                _ => null,
            };
            if (text is null)
            {
                errors[$"{prefix}.{id}"] = "send a string, a number, or true or false";
            }
            else if (FieldValues.TryParse(field, text, zone, out var value, out var error))
            {
                read[id] = value!;
            }
            else
            {
                errors[$"{prefix}.{id}"] = error!;
            }
        }

        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }

        return read;
    }

    /// <summary>A date of birth as sent: an ISO date (yyyy-mm-dd).</summary>
    public static bool TryReadDate(string? text, out LocalDate date)
    {
        var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text ?? "");
        date = parsed.Success ? parsed.Value : default;
        return parsed.Success;
    }
}
