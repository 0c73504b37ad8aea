using System.Text.Json;
using ContinuityOfCare.Workflows.Runtime.Cases;
using NodaTime;

namespace ContinuityOfCare.Workflows.Server.Cases;

/// <summary>
/// Field values sent as plain JSON (strings, numbers, true/false), handed to the runtime as the text
/// a caseworker would write, to be read against the fields of the version the case runs on once it
/// is loaded. What JSON itself gets wrong (an object or a list where a value belongs) is noted here
/// and reported by the runtime with every other mistake, under the same names.
/// </summary>
internal static class FieldInput
{
    /// <param name="prefix">How the request names the values (<c>values</c>, <c>fields</c>): errors say <c>values.release-date</c>.</param>
    /// <param name="refusals">Where a value that is too long or carries a forbidden character is noted (the request is then refused before the runtime reads anything).</param>
    public static FieldInputs Read(IReadOnlyDictionary<string, JsonElement>? values, string prefix, IDictionary<string, string> refusals)
    {
        var text = new Dictionary<string, string>(StringComparer.Ordinal);
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, json) in values ?? new Dictionary<string, JsonElement>())
        {
            if (InputLimits.Problem(id, InputLimits.Identifier) is { } badName)
            {
                refusals[prefix] = $"a field's name: {badName}";
                continue;
            }

            var written = json.ValueKind switch
            {
                JsonValueKind.String => json.GetString(),
                JsonValueKind.True => "yes",
                JsonValueKind.False => "no",
                JsonValueKind.Number => json.GetRawText(),
                _ => null,
            };
            if (written is null)
            {
                errors[$"{prefix}.{id}"] = "send a string, a number, or true or false";
            }
            else if (InputLimits.Problem(written, InputLimits.FieldValue, multiLine: true) is { } badValue)
            {
                refusals[$"{prefix}.{id}"] = badValue;
            }
            else
            {
                text[id] = written;
            }
        }

        return FieldInputs.Text(text, prefix, errors);
    }

    /// <summary>A date of birth as sent: an ISO date (yyyy-mm-dd).</summary>
    public static bool TryReadDate(string? text, out LocalDate date)
    {
        var parsed = NodaTime.Text.LocalDatePattern.Iso.Parse(text ?? "");
        date = parsed.Success ? parsed.Value : default;
        return parsed.Success;
    }
}
