using ContinuityOfCare.Workflows.Language.Parsing;
using Snapshooter.Xunit;

namespace ContinuityOfCare.Workflows.Language.Tests.Parsing;

public class SyntaxSnapshotTests
{
    /// <summary>The whole syntax tree of the minimal sample, spans included, so any change to what the parser builds is reviewed.</summary>
    [Fact]
    public void MinimalSampleSyntaxTreeMatchesItsSnapshot()
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Baselines, "minimal", "input.pathway")).ReplaceLineEndings("\n");

        var result = PathwayParser.Parse(text, "input.pathway");

        Assert.Empty(result.Diagnostics);
        Snapshot.Match(result.Syntax);
    }
}
