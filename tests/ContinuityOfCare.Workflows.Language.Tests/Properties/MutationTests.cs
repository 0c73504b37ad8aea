using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using CsCheck;

namespace ContinuityOfCare.Workflows.Language.Tests.Properties;

/// <summary>Whatever a person types, the compiler answers with diagnostics, never an exception.</summary>
public class MutationTests
{
    private static readonly string[] Fragments =
    [
        "state", "start state", "final state", "on", "after", "->", "action", "by", "within", "of", "before",
        "working days", "if missed:", "notify", "with", "set", "=", "when", "and", "or", "not", "(", ")", "is set",
        "\"", "\"\"\"", "#", ":", ",", "\n", "  ", "{{", "}}", "{{ case.x }}", "{% %}", "24", "9999999", "25:00",
        "2026-02-30", "yes/no", "one of", "template", "agency", "field", "pathway", "\t", "\r\n", "é", "\0",
    ];

    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryPaths.ShippedPathways)
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.Baselines))
        {
            var input = Path.Combine(folder, "input.pathway");
            if (File.Exists(input))
            {
                data.Add(Path.GetRelativePath(RepositoryPaths.Root, input));
            }
        }

        return data;
    }

    private static readonly HashSet<string> CatalogCodes = [.. DiagnosticCatalog.All.Select(d => d.Code)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomMutationsProduceDiagnosticsNotExceptions(string seedFile)
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Root, seedFile));
        var broken = 0;

        Mutations(original).Sample(text =>
        {
            // Any exception here fails the property: compiling never throws on what a person typed.
            var result = TestCompiler.Compile(text, "mutated.pathway");
            Assert.All(result.Diagnostics, d =>
            {
                Assert.Contains(d.Code, CatalogCodes);
                Assert.False(string.IsNullOrWhiteSpace(d.Message));
                Assert.InRange(d.Span.Start, 0, text.Length);
                Assert.InRange(d.Span.End, d.Span.Start, text.Length);
            });
            if (result.Definition is { } definition)
            {
                // A text that compiles gives a definition the runtime can store and read back exactly.
                Assert.Equal(result.ContentHash, DefinitionJson.ContentHash(DefinitionJson.FromJson(DefinitionJson.ToCanonicalJson(definition))));
            }
            else
            {
                Interlocked.Increment(ref broken);
            }
        }, iter: 1500);

        // The mutations do break texts, so the property is about broken input, not only valid input.
        Assert.True(broken > 0, "No mutation of the seed failed to compile.");
    }

    /// <summary>Text edits a person might make by accident: deletions, insertions, swapped and repeated lines.</summary>
    private static Gen<string> Mutations(string text)
    {
        var position = Gen.Int[0, text.Length];
        var delete = Gen.Select(position, Gen.Int[1, 40], (p, n) => text.Remove(p, Math.Min(n, text.Length - p)));
        var insert = Gen.Select(position, Gen.OneOfConst(Fragments), (p, f) => text.Insert(p, f));
        var insertChar = Gen.Select(position, Gen.Char, (p, c) => text.Insert(p, c.ToString()));
        var lines = text.Split('\n');
        var swap = Gen.Select(Gen.Int[0, lines.Length - 1], Gen.Int[0, lines.Length - 1], (a, b) =>
        {
            var copy = (string[])lines.Clone();
            (copy[a], copy[b]) = (copy[b], copy[a]);
            return string.Join('\n', copy);
        });
        var repeat = Gen.Int[0, lines.Length - 1].Select(a => string.Join('\n', lines.Take(a + 1).Append(lines[a]).Concat(lines.Skip(a + 1))));
        var truncate = position.Select(p => text[..p]);
        var single = Gen.OneOf(delete, insert, insertChar, swap, repeat, truncate);
        return Gen.Select(single, single, Gen.Bool, (a, b, both) => both ? Combine(a, b) : a);
    }

    private static string Combine(string a, string b) => a.Length > 0 ? a[..(a.Length / 2)] + b[(Math.Min(b.Length, a.Length / 2))..] : b;
}
