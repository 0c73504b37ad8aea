using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Tests.Diagnostics;

namespace ContinuityOfCare.Workflows.Language.Tests.Compilation;

public class ContentHashTests
{
    private const string Sample = DiagnosticExamples.Header + DiagnosticExamples.States;

    private static string Hash(string text) =>
        TestCompiler.Compile(text, "sample.pathway").ContentHash ?? throw new InvalidOperationException("did not compile");

    [Fact]
    public void HashIsSha256OfTheCanonicalJson()
    {
        var result = TestCompiler.Compile(Sample, "sample.pathway");

        Assert.Matches("^sha256:[0-9a-f]{64}$", result.ContentHash);
        Assert.Equal(result.ContentHash, DefinitionJson.ContentHash(DefinitionJson.FromJson(DefinitionJson.ToCanonicalJson(result.Definition!))));
    }

    [Fact]
    public void CommentsDoNotChangeTheHash()
    {
        var commented = "# A comment at the top\n" + Sample.Replace("  owner carats\n", "  owner carats  # who owns it\n");

        Assert.Equal(Hash(Sample), Hash(commented));
    }

    [Fact]
    public void WhitespaceAndLayoutDoNotChangeTheHash()
    {
        var relaid = Sample.Replace("\n  ", "\n        ").Replace("on released -> community", "on   released\n      ->   community");

        Assert.Equal(Hash(Sample), Hash(relaid));
    }

    [Fact]
    public void ChangingADeadlineChangesTheHash()
    {
        var withAction = Sample.Replace("  owner carats\n", "  owner carats\n  action plan \"Plan\" by carats within 3 days\n");
        var longer = withAction.Replace("within 3 days", "within 4 days");

        Assert.NotEqual(Hash(withAction), Hash(longer));
    }

    [Fact]
    public void ChangingATitleChangesTheHash()
    {
        Assert.NotEqual(Hash(Sample), Hash(Sample.Replace("\"In custody\"", "\"In prison\"")));
    }
}
