using ContinuityOfCare.Workflows.Definitions;

namespace ContinuityOfCare.Workflows.Language.Tests.Compilation;

public class ReportRulesTests
{
    private static string Sample(string name) =>
        File.ReadAllText(Path.Combine(RepositoryPaths.Baselines, name, "input.pathway"));

    [Fact]
    public void APathwayWithoutReportRulesIsCountedByTheNationalIndicator()
    {
        var definition = TestCompiler.Compile(Sample("minimal"), "minimal.pathway").Definition!;

        Assert.Null(definition.Report);
        Assert.Same(ReportRules.National, ReportRules.For(definition));
        Assert.DoesNotContain("\"report\"", DefinitionJson.ToCanonicalJson(definition), StringComparison.Ordinal);
    }

    [Fact]
    public void DeclaredRulesCompileWithTheNationalRuleForEveryLineLeftOut()
    {
        var text = Sample("minimal").Replace("agency carats", "report\n  continuity continuity-achieved within 4 weeks\n\nagency carats", StringComparison.Ordinal);

        var rules = TestCompiler.Compile(text, "local.pathway").Definition!.Report!;

        Assert.Equal("released", rules.ReleaseEvent);
        Assert.Equal(["continuity-achieved"], rules.ContinuityOutcomes.ToArray());
        Assert.Equal(new Duration(4, DurationUnit.Weeks), rules.Window);
        Assert.Equal(ReportRules.National.Exclusions.ToArray(), rules.Exclusions.ToArray());
        Assert.Empty(rules.Funnel);
    }

    [Fact]
    public void ReportRulesSurviveTheJsonRoundTripWithTheSameHash()
    {
        var definition = TestCompiler.Compile(Sample("report-rules"), "report-rules.pathway").Definition!;

        var read = DefinitionJson.FromJson(DefinitionJson.ToCanonicalJson(definition));

        Assert.Equal(["Released", "Engaged"], read.Report!.Funnel.ToArray());
        Assert.Equal([new ReportExclusion("not-engaged", "Closed without treatment")], read.Report.Exclusions.ToArray());
        Assert.Equal(DefinitionJson.ContentHash(definition), DefinitionJson.ContentHash(read));
    }

    [Fact]
    public void ChangingTheWindowChangesTheHash()
    {
        var text = Sample("report-rules");

        var four = TestCompiler.Compile(text, "a.pathway").ContentHash;
        var three = TestCompiler.Compile(text.Replace("4 weeks", "3 weeks", StringComparison.Ordinal), "b.pathway").ContentHash;

        Assert.NotEqual(four, three);
    }
}
