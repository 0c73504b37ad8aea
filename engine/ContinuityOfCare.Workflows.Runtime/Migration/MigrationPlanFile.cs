using System.Collections.Immutable;
using System.Text.Json;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Runtime.Migration;

/// <summary>
/// A migration plan as a partnership lead writes it: the pathway and partnership, the version
/// numbers cases move from and to, and where the cases in removed states go.
/// </summary>
/// <example>
/// <code>
/// {
///   "pathway": "custody-to-community",
///   "partnership": "Riverside Recovery Partnership (fictional)",
///   "from": 1,
///   "to": 2,
///   "states": { "missed-appointment": "first-follow-up" }
/// }
/// </code>
/// </example>
public sealed record MigrationPlanFile(string Pathway, string Partnership, int From, int To, ImmutableDictionary<string, string> States)
{
    /// <summary>Reads a plan; a mistake is a <see cref="FormatException"/> that says which property and why.</summary>
    public static MigrationPlanFile Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException error)
        {
            throw new FormatException($"The plan is not valid JSON (line {error.LineNumber + 1}): {error.Message}", error);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new FormatException("The plan must be a JSON object with \"pathway\", \"partnership\", \"from\", \"to\" and \"states\".");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (property.Name is not ("pathway" or "partnership" or "from" or "to" or "states"))
                {
                    throw new FormatException($"The plan has an unknown property \"{property.Name}\"; it takes \"pathway\", \"partnership\", \"from\", \"to\" and \"states\".");
                }
            }

            var states = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
            if (root.TryGetProperty("states", out var map))
            {
                if (map.ValueKind != JsonValueKind.Object)
                {
                    throw new FormatException("\"states\" must be an object mapping a state of the old version to a state of the new one, e.g. { \"missed-appointment\": \"first-follow-up\" }.");
                }

                foreach (var entry in map.EnumerateObject())
                {
                    states[entry.Name] = entry.Value.ValueKind == JsonValueKind.String && entry.Value.GetString() is { Length: > 0 } target
                        ? target
                        : throw new FormatException($"\"states\": \"{entry.Name}\" must map to the id of a state of the new version, as a string.");
                }
            }

            return new MigrationPlanFile(Text(root, "pathway"), Text(root, "partnership"), Number(root, "from"), Number(root, "to"), states.ToImmutable());
        }
    }

    /// <summary>The plan with its version numbers looked up in the catalog.</summary>
    public async Task<MigrationPlan> ToPlanAsync(IDefinitionCatalog catalog, CancellationToken cancellationToken = default)
    {
        var from = await catalog.FindNumberedAsync(Pathway, Partnership, From, cancellationToken)
            ?? throw new NotFoundException($"There is no version {From} of pathway '{Pathway}' in '{Partnership}'.");
        var to = await catalog.FindNumberedAsync(Pathway, Partnership, To, cancellationToken)
            ?? throw new NotFoundException($"There is no version {To} of pathway '{Pathway}' in '{Partnership}'.");
        return new MigrationPlan(from.Version, to.Version, States);
    }

    private static string Text(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : throw new FormatException($"The plan needs \"{name}\" as a string.");

    private static int Number(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number) && number >= 1
            ? number
            : throw new FormatException($"The plan needs \"{name}\" as a version number (1, 2, 3, ...).");
}
