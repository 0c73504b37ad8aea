using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diagrams;

namespace ContinuityOfCare.Workflows.Language.Tests.Diagrams;

public class MermaidDiagramTests
{
    private const string Source = """
        pathway drawn
          title "Drawn: a \"quoted\" title"
          partnership "P"
        agency team "Team"
        field ready: yes/no
        field score: number
        start state end "The end; or the start # really"
          stage "One"
          owner team
          on note-added
          on moved with ready, score when ready and (score > 3 or score < 1) -> state
          after 2 working days -> end-state
        state state "A state called state"
          stage "One"
          owner team
          on finished -> end-state
        final state end-state "Finished: done"
          stage "Two"
          owner team
          outcome finished
        """;

    private static PathwayDefinition Definition()
    {
        var result = TestCompiler.Compile(Source);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Definition!;
    }

    [Fact]
    public void DrawsStatesTransitionsTimersStartAndFinish()
    {
        var diagram = MermaidDiagram.Write(Definition());

        Assert.Equal(
            """
            ---
            title: "Drawn: a \"quoted\" title"
            ---
            stateDiagram-v2
                state "The end#59; or the start #35; really" as end_state
                state "A state called state" as state_state
                state "Finished#58; done" as end_state_2

                [*] --> end_state
                end_state --> state_state : moved [ready and (score > 3 or score < 1)]
                end_state --> end_state_2 : after 2 working days
                state_state --> end_state_2 : finished
                end_state_2 --> [*]

            """,
            diagram);
    }

    [Fact]
    public void HighlightsTheChosenState()
    {
        var diagram = MermaidDiagram.Write(Definition(), highlightState: "state");

        Assert.EndsWith(
            $"\n    classDef highlighted {MermaidDiagram.HighlightStyle}\n    class state_state highlighted\n",
            diagram,
            StringComparison.Ordinal);
    }

    [Fact]
    public void EventsThatKeepTheCaseInItsStateAreNotDrawn()
    {
        Assert.DoesNotContain("note-added", MermaidDiagram.Write(Definition()), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a and b or c", "a and b or c")]
    [InlineData("a and (b or c)", "a and (b or c)")]
    [InlineData("(a and b) or c", "a and b or c")]
    [InlineData("not (a or b)", "not (a or b)")]
    [InlineData("not a and not b", "not a and not b")]
    [InlineData("note is not set or note = \"say \\\"hi\\\"\"", "note is not set or note = \"say \\\"hi\\\"\"")]
    [InlineData("n >= 2 and d < 2026-03-29", "n >= 2 and d < 2026-03-29")]
    public void ConditionsAreWrittenBackInThePathwayLanguage(string written, string expected)
    {
        var source = $"""
            pathway c
              title "C"
              partnership "P"
            agency t "T"
            field a: yes/no
            field b: yes/no
            field c: yes/no
            field n: number
            field d: date
            field note: text
            start state s "S"
              stage "S"
              owner t
              on go with a when {written} -> f
            final state f "F"
              stage "F"
              owner t
              outcome done
            """;
        var result = TestCompiler.Compile(source);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var condition = result.Definition!.States[0].Transitions[0].Condition!;

        Assert.Equal(expected, ConditionText.Write(condition));
        var again = TestCompiler.Compile(source.Replace(written, ConditionText.Write(condition), StringComparison.Ordinal));
        Assert.Equal(condition, again.Definition!.States[0].Transitions[0].Condition);
    }
}
