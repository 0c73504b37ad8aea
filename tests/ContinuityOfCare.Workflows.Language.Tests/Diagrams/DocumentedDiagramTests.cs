using ContinuityOfCare.Workflows.Definitions.Diagrams;

namespace ContinuityOfCare.Workflows.Language.Tests.Diagrams;

/// <summary>The diagram the documentation shows is the one <c>coc graph</c> draws today, not an old copy.</summary>
public class DocumentedDiagramTests
{
    [Fact]
    public void TheNationalPathwayPageShowsTheCurrentDiagram()
    {
        var page = Read("national-pathway.md");
        var shown = Block(page, "```mermaid\n", after: 0);

        var compiled = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway"));

        Assert.Equal(MermaidDiagram.Write(compiled.Definition!), shown);
    }

    [Fact]
    public void TheTutorialPathwayCompilesCleanlyAndIsDrawnAsShown()
    {
        var guide = Read("language.md");
        var pathway = Block(guide, "```\n", after: guide.IndexOf("### The whole pathway", StringComparison.Ordinal));
        var diagram = Block(guide, "```mermaid\n", after: guide.IndexOf("### Drawing it", StringComparison.Ordinal));

        var compiled = TestCompiler.Compile(pathway, "eastmoor.pathway");

        Assert.Empty(compiled.Diagnostics);
        Assert.Equal(MermaidDiagram.Write(compiled.Definition!), diagram);
    }

    private static string Read(string page) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", page)).ReplaceLineEndings("\n");

    /// <summary>The text of the first fenced block opening with <paramref name="fence"/> at or after an offset.</summary>
    private static string Block(string page, string fence, int after)
    {
        Assert.True(after >= 0, "The section was not found.");
        var start = page.IndexOf(fence, after, StringComparison.Ordinal);
        Assert.True(start >= 0, $"No {fence.Trim()} block found.");
        var end = page.IndexOf("\n```", start + fence.Length - 1, StringComparison.Ordinal);
        return page[(start + fence.Length)..(end + 1)];
    }
}
