using static ContinuityOfCare.Workflows.Language.Tests.Export.ElsaWorkflow;

namespace ContinuityOfCare.Workflows.Language.Tests.Export;

/// <summary>The Elsa export page names every activity type the export writes, so its mapping table is not out of date.</summary>
public class DocumentedExportTests
{
    [Fact]
    public void TheMappingTableNamesEveryActivityTypeTheShippedPathwaysExportTo()
    {
        var page = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "elsa-export.md"));
        var types = RepositoryPaths.ShippedPathways
            .SelectMany(file => ExportOf(TestCompiler.CompileFile(file).Definition!).Activities.Select(TypeOf))
            .Append("Elsa.Flowchart")
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();

        Assert.Contains("Elsa.FlowJoin", types);
        Assert.All(types, type => Assert.Contains($"`{type}`", page, StringComparison.Ordinal));
    }
}
