using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ContinuityOfCare.Workflows.Definitions;

/// <summary>The canonical JSON form of a pathway definition and the content hash that identifies a version.</summary>
/// <remarks>
/// The canonical form is compact JSON with camel-case names in declaration order, enums as
/// camel-case strings and absent values omitted. The hash is SHA-256 over its UTF-8 bytes, so two
/// pathway files that differ only in comments, whitespace or layout share a hash.
/// </remarks>
public static class DefinitionJson
{
    private static readonly JsonSerializerOptions Canonical = CreateOptions(indented: false);
    private static readonly JsonSerializerOptions Indented = CreateOptions(indented: true);

    /// <summary>The compact canonical JSON that the content hash is computed over.</summary>
    public static string ToCanonicalJson(PathwayDefinition definition) =>
        JsonSerializer.Serialize(definition, Canonical);

    /// <summary>The same content, indented for people and for diffs.</summary>
    public static string ToIndentedJson(PathwayDefinition definition) =>
        JsonSerializer.Serialize(definition, Indented);

    /// <summary>Reads a definition written by <see cref="ToCanonicalJson"/> or <see cref="ToIndentedJson"/>.</summary>
    public static PathwayDefinition FromJson(string json) =>
        JsonSerializer.Deserialize<PathwayDefinition>(json, Canonical)
        ?? throw new JsonException("The JSON document is empty.");

    /// <summary>The content hash, written "sha256:" followed by 64 lower-case hex digits.</summary>
    public static string ContentHash(PathwayDefinition definition)
    {
        var bytes = Encoding.UTF8.GetBytes(ToCanonicalJson(definition));
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(bytes));
    }

    private static JsonSerializerOptions CreateOptions(bool indented)
    {
        var options = new JsonSerializerOptions
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            WriteIndented = indented,
            IndentSize = 2,
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            NewLine = "\n",
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
