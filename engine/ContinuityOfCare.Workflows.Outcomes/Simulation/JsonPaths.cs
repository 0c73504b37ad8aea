using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>
/// The line each value of a JSON text starts on, by its JSON path (<c>$.states["referral"].next[0]</c>),
/// so that a mistake found while reading the parsed document can name the line it is on.
/// </summary>
internal sealed partial class JsonPaths
{
    private readonly Dictionary<string, int> _lines = new(StringComparer.Ordinal);

    public JsonPaths(byte[] utf8)
    {
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var newlines = new List<long>();
        for (var i = 0; i < utf8.Length; i++)
        {
            if (utf8[i] == (byte)'\n')
            {
                newlines.Add(i);
            }
        }

        // Each open container: its path, and for arrays the index the next element will have.
        var open = new Stack<(string Path, int NextIndex, bool IsArray)>();
        string? property = null;
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.PropertyName)
                {
                    property = reader.GetString();
                    continue;
                }

                if (reader.TokenType is JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    open.Pop();
                    continue;
                }

                string path;
                if (open.Count == 0)
                {
                    path = "$";
                }
                else if (open.Peek().IsArray)
                {
                    var parent = open.Pop();
                    path = Index(parent.Path, parent.NextIndex);
                    open.Push(parent with { NextIndex = parent.NextIndex + 1 });
                }
                else
                {
                    path = Property(open.Peek().Path, property ?? "");
                }

                var line = newlines.BinarySearch(reader.TokenStartIndex);
                _lines.TryAdd(path, (line < 0 ? ~line : line) + 1);
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    open.Push((path, 0, reader.TokenType == JsonTokenType.StartArray));
                }
            }
        }
        catch (JsonException)
        {
            // The document is not JSON; parsing it reports where.
        }
    }

    /// <summary>The line (from 1) a value starts on, or null if the path is not in the text.</summary>
    public int? LineOf(string path) => _lines.TryGetValue(path, out var line) ? line : null;

    public static string Property(string parent, string name) =>
        Identifier().IsMatch(name) ? $"{parent}.{name}" : $"{parent}[{JsonSerializer.Serialize(name)}]";

    public static string Index(string parent, int index) => new StringBuilder(parent).Append('[').Append(index).Append(']').ToString();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant)]
    private static partial Regex Identifier();
}
