using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diagrams;
using ContinuityOfCare.Workflows.Language.Formatting;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Tests.Baselines;

/// <summary>
/// Each sample folder holds an input pathway and the files generated from it: diagnostics written
/// under the offending lines, the compiled definition, its content hash, the Mermaid diagram and the
/// formatted text. The tests regenerate
/// them in memory and compare; a reviewer reads a change of behaviour as a plain diff of those files.
/// Regenerate after an intended change with:
/// <c>COC_UPDATE_BASELINES=1 dotnet test tests/ContinuityOfCare.Workflows.Language.Tests --filter Baseline</c>.
/// </summary>
public class BaselineTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("COC_UPDATE_BASELINES") == "1";

    /// <summary>Each sample: its name, the input file and the folder of generated files.</summary>
    public static TheoryData<string> Samples()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.EnumerateDirectories(RepositoryPaths.Baselines).Order(StringComparer.Ordinal))
        {
            if (File.Exists(Path.Combine(folder, "input.pathway")))
            {
                data.Add("samples/" + Path.GetFileName(folder));
            }
        }

        foreach (var file in RepositoryPaths.ShippedPathways)
        {
            data.Add("pathways/" + Path.GetRelativePath(RepositoryPaths.Pathways, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void GeneratedFilesMatchTheBaseline(string sample)
    {
        var (input, folder) = Locate(sample);
        var source = new SourceText(File.ReadAllText(input).ReplaceLineEndings("\n"), Path.GetFileName(input));
        var result = TestCompiler.Compile(source, new FolderTemplateReader(Path.GetDirectoryName(input)!));

        var expected = new Dictionary<string, string?>
        {
            ["diagnostics.txt"] = AnnotatedSource.Write(source, result.Diagnostics),
            ["definition.json"] = result.Definition is null ? null : DefinitionJson.ToIndentedJson(result.Definition) + "\n",
            ["hash.txt"] = result.ContentHash is null ? null : result.ContentHash + "\n",
            ["diagram.mmd"] = result.Definition is null ? null : MermaidDiagram.Write(result.Definition),
        };

        // A shipped pathway is its own formatted text (FormatterTests hold it to that), so only
        // the samples keep a formatted copy.
        if (sample.StartsWith("samples/", StringComparison.Ordinal))
        {
            expected["formatted.pathway"] = PathwayFormatter.Format(source).Text;
        }

        foreach (var (name, content) in expected)
        {
            Check(Path.Combine(folder, name), content);
        }
    }

    private static (string Input, string Folder) Locate(string sample)
    {
        if (sample.StartsWith("samples/", StringComparison.Ordinal))
        {
            var folder = Path.Combine(RepositoryPaths.Baselines, sample["samples/".Length..]);
            return (Path.Combine(folder, "input.pathway"), folder);
        }

        var relative = sample["pathways/".Length..];
        var generated = Path.Combine(RepositoryPaths.Baselines, "shipped", Path.ChangeExtension(relative, null));
        return (Path.Combine(RepositoryPaths.Pathways, relative), generated);
    }

    private static void Check(string path, string? content)
    {
        if (Update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            if (content is null)
            {
                File.Delete(path);
            }
            else
            {
                File.WriteAllText(path, content);
            }

            return;
        }

        if (content is null)
        {
            Assert.False(File.Exists(path), $"{path} should not exist: this sample does not compile.");
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; regenerate baselines with COC_UPDATE_BASELINES=1.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), content);
    }

    private sealed class FolderTemplateReader(string folder) : Semantics.ITemplateFileReader
    {
        public string? Read(string pathwayPath, string relativePath)
        {
            var path = Path.Combine(folder, relativePath);
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
    }
}
