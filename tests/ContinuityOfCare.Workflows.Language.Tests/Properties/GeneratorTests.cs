using CsCheck;

namespace ContinuityOfCare.Workflows.Language.Tests.Properties;

public class GeneratorTests
{
    /// <summary>The round-trip properties are only as good as their inputs: every generated pathway must compile.</summary>
    [Fact]
    public void RandomPathwaysAllCompile()
    {
        RandomPathway.Pathways.Sample(text =>
        {
            var result = TestCompiler.Compile(text, "random.pathway");
            Assert.True(result.Succeeded, string.Join("\n", result.Errors) + "\n" + text);
        }, iter: 300);
    }
}
