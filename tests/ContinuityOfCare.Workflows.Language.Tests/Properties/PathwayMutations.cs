using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;

namespace ContinuityOfCare.Workflows.Language.Tests.Properties;

/// <summary>
/// Text edits a person might make by accident (deletions, insertions, swapped, repeated and cut
/// lines) to a seed pathway, and the check that whatever comes of them the compiler answers with
/// catalogued diagnostics that point into the text, never an exception. Shared by the mutation
/// property test and the long fuzzing run (<c>tests/ContinuityOfCare.Workflows.Benchmarks -- fuzz-pathways</c>).
/// </summary>
public static class PathwayMutations
{
    private static readonly string[] Fragments =
    [
        "state", "start state", "final state", "on", "after", "->", "action", "by", "within", "of", "before",
        "working days", "if missed:", "notify", "with", "set", "=", "when", "and", "or", "not", "(", ")", "is set",
        "\"", "\"\"\"", "#", ":", ",", "\n", "  ", "{{", "}}", "{{ case.x }}", "{% %}", "24", "9999999", "25:00",
        "2026-02-30", "yes/no", "one of", "template", "agency", "field", "pathway", "\t", "\r\n", "é", "\0",
        "\u202E", "\uFEFF", "-1", "0 days", "99999 working days", "outcome", "stage", "owner", "without consent",
    ];

    private static readonly HashSet<string> CatalogCodes = [.. DiagnosticCatalog.All.Select(d => d.Code)];

    /// <summary>The seed pathways: every shipped pathway and every baseline's input.</summary>
    public static IReadOnlyList<string> SeedFiles()
    {
        var files = new List<string>(RepositoryPaths.ShippedPathways);
        foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.Baselines))
        {
            var input = Path.Combine(folder, "input.pathway");
            if (File.Exists(input))
            {
                files.Add(input);
            }
        }

        return files;
    }

    /// <summary>One or two accidental edits of the text, chosen by the random source.</summary>
    public static string Mutate(string text, Random random)
    {
        var once = Edit(text, random);
        return random.Next(2) == 0 ? once : Combine(once, Edit(text, random));
    }

    /// <summary>
    /// Compiles the text and says what is wrong with the answer, or null when it is as it should be:
    /// no exception, every diagnostic catalogued with a message and a span inside the text, and a
    /// definition (when it compiles) that reads back exactly. <paramref name="compiled"/> says whether it compiled.
    /// </summary>
    public static string? Check(string text, out bool compiled)
    {
        compiled = false;
        CompilationResult result;
        try
        {
            result = TestCompiler.Compile(text, "mutated.pathway");
        }
        catch (Exception thrown)
        {
            return $"the compiler threw {thrown.GetType().Name}: {thrown.Message}";
        }

        foreach (var d in result.Diagnostics)
        {
            if (!CatalogCodes.Contains(d.Code))
            {
                return $"diagnostic code {d.Code} is not in the catalogue";
            }

            if (string.IsNullOrWhiteSpace(d.Message))
            {
                return $"diagnostic {d.Code} has no message";
            }

            if (d.Span.Start < 0 || d.Span.Start > text.Length || d.Span.End < d.Span.Start || d.Span.End > text.Length)
            {
                return $"diagnostic {d.Code} has a span {d.Span.Start}..{d.Span.End} outside the text of {text.Length} characters";
            }
        }

        if (result.Definition is { } definition)
        {
            compiled = true;
            try
            {
                if (result.ContentHash != DefinitionJson.ContentHash(DefinitionJson.FromJson(DefinitionJson.ToCanonicalJson(definition))))
                {
                    return "the compiled definition does not read back as itself";
                }
            }
            catch (Exception thrown)
            {
                return $"the compiled definition could not be stored and read back: {thrown.GetType().Name}: {thrown.Message}";
            }
        }
        else if (!result.Diagnostics.Any())
        {
            return "the text did not compile and no diagnostic says why";
        }

        return null;
    }

    private static string Edit(string text, Random random)
    {
        var p = random.Next(text.Length + 1);
        var lines = text.Split('\n');
        switch (random.Next(7))
        {
            case 0:
                return text.Remove(p, Math.Min(random.Next(1, 41), text.Length - p));
            case 1:
                return text.Insert(p, Fragments[random.Next(Fragments.Length)]);
            case 2:
                // Any character but half of a surrogate pair: a lone half does not survive being
                // stored as JSON (it becomes U+FFFD), which is recorded in docs/reliability.md.
                var c = (char)random.Next(0, 0x10000);
                return text.Insert(p, (char.IsSurrogate(c) ? '\uFFFD' : c).ToString());
            case 3:
                var (a, b) = (random.Next(lines.Length), random.Next(lines.Length));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join('\n', lines);
            case 4:
                var r = random.Next(lines.Length);
                return string.Join('\n', lines.Take(r + 1).Append(lines[r]).Concat(lines.Skip(r + 1)));
            case 5:
                return text[..p];
            default:
                // A line's indentation changed: the language reads blocks from it.
                var l = random.Next(lines.Length);
                lines[l] = random.Next(2) == 0 ? "  " + lines[l] : lines[l].TrimStart();
                return string.Join('\n', lines);
        }
    }

    private static string Combine(string a, string b) => a.Length > 0 ? a[..(a.Length / 2)] + b[Math.Min(b.Length, a.Length / 2)..] : b;
}
