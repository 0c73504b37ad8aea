using ContinuityOfCare.Workflows.Definitions.Export;

namespace ContinuityOfCare.Workflows.Language.Tests.Export;

/// <summary>
/// The Elsa export of each shipped pathway, compared with the committed file beside this test, so a
/// change to the exporter or to a pathway shows as a plain diff of what Elsa would import.
/// Regenerate after an intended change with:
/// <c>COC_UPDATE_BASELINES=1 dotnet test tests/ContinuityOfCare.Workflows.Language.Tests --filter ElsaExportSnapshot</c>.
/// </summary>
public class ElsaExportSnapshotTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("COC_UPDATE_BASELINES") == "1";

    public static string Snapshots => Path.Combine(RepositoryPaths.Root, "tests", "ContinuityOfCare.Workflows.Language.Tests", "Export", "Snapshots");

    public static TheoryData<string> ShippedPathways()
    {
        var data = new TheoryData<string>();
        foreach (var file in RepositoryPaths.ShippedPathways)
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Pathways, file).Replace('\\', '/'));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void TheExportMatchesTheSnapshot(string pathway)
    {
        var compiled = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Pathways, pathway));
        Assert.True(compiled.Succeeded, $"{pathway} does not compile.");
        var exported = ElsaExporter.Export(compiled.Definition!, compiled.ContentHash!) + "\n";
        var snapshot = Path.Combine(Snapshots, Path.ChangeExtension(pathway, ".elsa.json"));

        if (Update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(snapshot)!);
            File.WriteAllText(snapshot, exported);
            return;
        }

        Assert.True(File.Exists(snapshot), $"{snapshot} is missing; regenerate it with COC_UPDATE_BASELINES=1.");
        Assert.Equal(File.ReadAllText(snapshot).ReplaceLineEndings("\n"), exported);
    }

    [Fact]
    public void EveryShippedPathwayHasASnapshotAndNoSnapshotIsLeftOver()
    {
        var expected = RepositoryPaths.ShippedPathways
            .Select(f => Path.ChangeExtension(Path.GetRelativePath(RepositoryPaths.Pathways, f), ".elsa.json").Replace('\\', '/'))
            .Order(StringComparer.Ordinal);
        var present = Directory.EnumerateFiles(Snapshots, "*.json", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(Snapshots, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal);

        Assert.Equal(expected, present);
    }
}
