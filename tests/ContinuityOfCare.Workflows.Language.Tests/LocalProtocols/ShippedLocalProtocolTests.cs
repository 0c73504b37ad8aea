using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diff;

namespace ContinuityOfCare.Workflows.Language.Tests.LocalProtocols;

/// <summary>
/// The shipped local protocols are written as changes to the national pathway. Each must behave
/// exactly as the whole copy it replaced, which is kept under FullCopies for this comparison.
/// </summary>
public class ShippedLocalProtocolTests
{
    public static TheoryData<string> LocalProtocols => new() { "riverside", "northbridge" };

    [Theory]
    [MemberData(nameof(LocalProtocols))]
    public void ChangesToTheNationalPathwayBehaveAsTheWholeCopyDid(string name)
    {
        var copy = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.FullCopies, name + ".pathway"));
        var changes = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Pathways, "local", name + ".pathway"));

        Assert.Empty(changes.Diagnostics);
        var diff = PathwayDiffer.Compare(copy.Definition!, changes.Definition!, "full copy", "changes");
        Assert.True(diff.Changes.IsEmpty, DiffReport.Text(diff));
        Assert.Contains("No change in behaviour.", DiffReport.Text(diff), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LocalProtocols))]
    public void TheDefinitionRecordsTheNationalVersionItIsBasedOn(string name)
    {
        var national = TestCompiler.CompileFile(RepositoryPaths.NationalPathway);
        var changes = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Pathways, "local", name + ".pathway"));

        Assert.Equal(new PathwayBase("custody-to-community", TestCompiler.NationalVersion, national.ContentHash!), changes.Definition!.Base);
        var json = DefinitionJson.ToCanonicalJson(changes.Definition);
        Assert.Equal(json, DefinitionJson.ToCanonicalJson(DefinitionJson.FromJson(json)));
        Assert.Contains("\"base\":{\"pathwayId\":\"custody-to-community\"", json, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(LocalProtocols))]
    public void TheLocalFileHoldsOnlyItsChanges(string name)
    {
        var copy = File.ReadAllLines(Path.Combine(RepositoryPaths.FullCopies, name + ".pathway")).Length;
        var changes = File.ReadAllLines(Path.Combine(RepositoryPaths.Pathways, "local", name + ".pathway")).Length;

        Assert.True(changes * 2 < copy, $"{name}: {changes} lines of changes against a {copy}-line copy.");
    }
}
