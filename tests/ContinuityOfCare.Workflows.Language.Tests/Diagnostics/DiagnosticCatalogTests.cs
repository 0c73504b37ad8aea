using ContinuityOfCare.Workflows.Language.Diagnostics;

namespace ContinuityOfCare.Workflows.Language.Tests.Diagnostics;

public class DiagnosticCatalogTests
{
    [Fact]
    public void CodesAreUnique()
    {
        var duplicates = DiagnosticCatalog.All.GroupBy(d => d.Code).Where(g => g.Count() > 1).Select(g => g.Key);

        Assert.Empty(duplicates);
    }

    [Fact]
    public void CodesFollowTheCocNumberingScheme()
    {
        Assert.All(DiagnosticCatalog.All, d => Assert.Matches(@"^COC[12]\d{3}$", d.Code));
    }

    [Fact]
    public void EveryCodeHasAnExampleThatTriggersIt()
    {
        var exemplified = DiagnosticExamples.All.Select(row => (string)row[0]).ToHashSet();

        Assert.Equal(DiagnosticCatalog.All.Select(d => d.Code).Order(), exemplified.Order());
    }

    [Theory]
    [MemberData(nameof(DiagnosticExamples.All), MemberType = typeof(DiagnosticExamples))]
    public void ExampleTriggersItsCodeAtTheExpectedPosition(string code, string text, int line, int column)
    {
        var result = TestCompiler.Compile(text, "example.pathway");

        var found = result.Diagnostics.Where(d => d.Code == code).ToList();
        Assert.True(found.Count > 0, $"{code} not reported; got:\n{string.Join("\n", result.Diagnostics)}");
        Assert.Contains(found, d => d.Start.Line == line && d.Start.Column == column);
    }

    [Fact]
    public void ValidSampleHasNoDiagnostics()
    {
        var result = TestCompiler.Compile(DiagnosticExamples.Header + DiagnosticExamples.States, "sample.pathway");

        Assert.Empty(result.Diagnostics);
        Assert.Equal(["custody", "community"], result.Definition!.States.Select(s => s.Id));
        Assert.Equal(["cjit", "carats"], result.Definition.Agencies.Select(a => a.Id));
    }
}
