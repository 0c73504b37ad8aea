using ContinuityOfCare.Workflows.Language.Parsing;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Tests.Diagnostics;

namespace ContinuityOfCare.Workflows.Language.Tests.Parsing;

public class ParserTests
{
    [Fact]
    public void SpansCoverExactlyTheTextOfEachNode()
    {
        var text = "agency cjit \"Criminal justice drug team\"  # the CJIT\n";

        var agency = Assert.IsType<AgencySyntax>(PathwayParser.Parse(text).Syntax.Declarations.Single());

        Assert.Equal("agency cjit \"Criminal justice drug team\"", text[agency.Span.Start..agency.Span.End]);
        Assert.Equal("cjit", text[agency.Id.Span.Start..agency.Id.Span.End]);
    }

    [Fact]
    public void CommentsAreKeptWithTheirPositions()
    {
        var text = "# first\nagency cjit \"CJIT\" # second\n";

        var comments = PathwayParser.Parse(text).Syntax.Comments;

        Assert.Equal(["# first", "# second"], comments.Select(c => c.Text));
        Assert.Equal(text.IndexOf("# second", StringComparison.Ordinal), comments[1].Span.Start);
    }

    [Fact]
    public void SeveralSyntaxErrorsAreAllReported()
    {
        var text = DiagnosticExamples.Header + "agency x\n" + DiagnosticExamples.States
            .Replace("  stage \"Custody\"\n", "  stage Custody\n")
            .Replace("  owner cjit\n", "  owner \"cjit\"\n");

        var result = PathwayParser.Parse(text);

        Assert.Equal([(7, 9), (9, 9), (15, 9)], result.Diagnostics.Select(d => (d.Start.Line, d.Start.Column)));
        Assert.All(result.Diagnostics, d => Assert.Equal("COC1001", d.Code));
    }

    [Fact]
    public void ReadingResumesAtTheNextMemberAfterAnError()
    {
        var text = DiagnosticExamples.Header + DiagnosticExamples.States.Replace("  owner carats\n", "  owner\n  on held -> custody\n");

        var state = PathwayParser.Parse(text).Syntax.Declarations.OfType<StateSyntax>().First();

        Assert.True(state.HasSyntaxErrors);
        Assert.Equal(["held", "released"], state.Transitions.Select(t => t.Event.Name));
    }

    [Fact]
    public void MisspeltKeywordInAClauseGetsASuggestion()
    {
        var text = DiagnosticExamples.Header + DiagnosticExamples.States.Replace("  owner carats\n", "  owner carats\n  action plan \"Plan\" by carats whithin 3 days\n");

        var diagnostic = PathwayParser.Parse(text).Diagnostics.Single();

        Assert.Contains("Did you mean 'within'?", diagnostic.Message);
        Assert.Equal("within", diagnostic.Fix?.Replacement);
    }

    [Fact]
    public void ConditionsBindAndTighterThanOr()
    {
        var text = DiagnosticExamples.Header + DiagnosticExamples.States.Replace("on released", "on released when a or b and not c");

        var transition = PathwayParser.Parse(text).Syntax.Declarations.OfType<StateSyntax>().First().Transitions.Single();

        var or = Assert.IsType<OrSyntax>(transition.Condition);
        var and = Assert.IsType<AndSyntax>(or.Right);
        Assert.IsType<NotSyntax>(and.Right);
    }

    [Fact]
    public void UnclosedTemplateBlockEndsAtTheNextDeclaration()
    {
        var text = DiagnosticExamples.Header + "template t \"Subject\"\n  \"\"\"\n  Hello\n" + DiagnosticExamples.States;

        var result = PathwayParser.Parse(text);

        Assert.Equal("COC1003", result.Diagnostics.Single().Code);
        Assert.Equal(2, result.Syntax.Declarations.OfType<StateSyntax>().Count());
    }
}
