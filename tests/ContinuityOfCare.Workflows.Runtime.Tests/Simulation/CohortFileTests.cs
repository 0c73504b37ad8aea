using ContinuityOfCare.Workflows.Outcomes.Simulation;
using static ContinuityOfCare.Workflows.Runtime.Tests.Simulation.SimulationPathway;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Simulation;

public class CohortFileTests
{
    [Theory]
    [InlineData("""{ "custdy": {} }""",
        """line 3, $.states.custdy: there is no state 'custdy' in simulation-test; the states are: custody, released-to-community, engaged, not-engaged, back-in-custody (mark it "optional": true if it belongs to another version of the protocol)""")]
    [InlineData("""{ "custody": { "next": [ { "event": "relased", "probability": 1 } ] } }""",
        "line 3, $.states.custody.next[0].event: 'relased' is not an event at 'custody'; the events there are: released")]
    [InlineData("""{ "released-to-community": { "next": [ { "event": "treatment-started", "probability": 0.5 }, { "nothing": true, "probability": 0.3 } ] } }""",
        """line 3, $.states["released-to-community"].next: the probabilities add up to 0.8, not 1; add a choice with "nothing": true for the people to whom nothing happens""")]
    [InlineData("""{ "released-to-community": { "next": [ { "event": "treatment-started", "probability": 1, "after": "-2 days" } ] } }""",
        """line 3, $.states["released-to-community"].next[0].after: '-2 days' is negative; a delay cannot go back in time""")]
    [InlineData("""{ "released-to-community": { "next": [ { "event": "treatment-started", "probability": 1, "after": { "normal": { "mean": "2 days" } } } ] } }""",
        """line 3, $.states["released-to-community"].next[0].after.normal: unknown distribution 'normal'; use fixed, uniform, exponential, lognormal""")]
    [InlineData("""{ "custody": { "next": [ { "event": "released", "probability": 1, "values": { "release-date": "soon" } } ] } }""",
        "line 3, $.states.custody.next[0].values[\"release-date\"]: 'soon' does not fit field 'release-date' (a date): expected a date written 2026-06-19")]
    [InlineData("""{ "custody": { "next": [ { "event": "released", "probability": 1, "values": { "prison": "HMP Example (fictional)" } } ] } }""",
        "line 3, $.states.custody.next[0].values.prison: 'released' does not ask for 'prison'; it asks for release-date")]
    [InlineData("""{ "released-to-community": { "next": [ { "event": "treatment-started", "probability": 1, "by": "cjit" } ] } }""",
        """line 3, $.states["released-to-community"].next[0].by: 'treatment-started' at 'released-to-community' may be recorded only by treatment""")]
    [InlineData("""{ "released-to-community": { "next": [ { "event": "treatment-started", "exactly": 3 }, { "nothing": true, "probability": 0.5 } ] } }""",
        """line 3, $.states["released-to-community"].next: either every choice gives a probability or every choice gives an exact count ("exactly"); they cannot be mixed in one state""")]
    [InlineData("""{ "custody": { "next": [ { "event": "released", "probabilty": 1 } ] } }""",
        "line 3, $.states.custody.next[0].probabilty: unknown property 'probabilty'; expected 'event', 'nothing', 'probability', 'exactly', 'by', 'values', 'after'")]
    [InlineData("""{ "engaged": { "next": [ { "nothing": true, "probability": 1 } ] } }""",
        """line 3, $.states.engaged: 'engaged' is a final state: the case has ended there, so nothing can happen next; only "newStay" may be given""")]
    [InlineData("""{ "custody": { "actions": { "plan-release": { "probability": 1 } } } }""",
        """line 3, $.states.custody.actions["plan-release"]: 'custody' has no action 'plan-release'; its actions are: plan""")]
    public void EachMistakeInACohortFileHasItsOwnMessage(string states, string error)
    {
        var read = Outcomes.Simulation.CohortFile.Read(Cohort(states), [Definition]);

        Assert.False(read.Succeeded);
        Assert.Equal([error], read.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void EveryMistakeIsReportedAtOnceInLineOrder()
    {
        var json = """
            {
              "start": "2026-01-05 09:00",
              "people": 0,
              "arrivals": { "perDay": 10, "evenlyOver": "1 day" },
              "states": { "custody": { "next": [ { "event": "released", "probability": 1.5, "after": { "uniform": { "min": "3 days", "max": "1 day" } } } ] } }
            }
            """;

        var read = Outcomes.Simulation.CohortFile.Read(json, [Definition]);

        Assert.Equal(
        [
            "line 2, $.start: expected a local date and time written \"2026-01-05T09:00\"",
            "line 3, $.people: expected a whole number, 1 or more",
            "line 4, $.arrivals: expected {\"evenlyOver\": \"28 days\"} or {\"perDay\": 10}",
            "line 5, $.states.custody.next[0].probability: expected a probability: a number from 0 to 1",
            "line 5, $.states.custody.next[0].after.uniform: 'min' is longer than 'max'",
        ], read.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void TextThatIsNotJsonIsRefusedWithItsLine()
    {
        var read = Outcomes.Simulation.CohortFile.Read("{\n  \"start\": \"2026-01-05T09:00\",\n  \"people\": ,\n}", [Definition]);

        var error = Assert.Single(read.Errors);
        Assert.Equal(("$", 3), (error.Path, error.Line));
        Assert.StartsWith("This is not valid JSON: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AStateOnlyAnotherVersionHasIsNoMistakeWhenMarkedOptional()
    {
        var read = Outcomes.Simulation.CohortFile.Read(Cohort("""{ "release-day": { "optional": true, "next": [ { "event": "met-at-gate", "probability": 1 } ] } }"""), [Definition]);

        Assert.True(read.Succeeded, string.Join('\n', read.Errors));
    }

    [Fact]
    public void TheShippedCohortsReadAgainstThePathwaysTheyAreFor()
    {
        var riverside = Engine.Harness.Compile(Path.Combine(Language.Tests.RepositoryPaths.Pathways, "local/riverside.pathway"));
        var northbridge = Engine.Harness.Compile(Path.Combine(Language.Tests.RepositoryPaths.Pathways, "local/northbridge.pathway"));

        Assert.Empty(Outcomes.Simulation.CohortFile.Read(CohortFile("london-review.json"), [National]).Errors);
        Assert.Empty(Outcomes.Simulation.CohortFile.Read(CohortFile("typical.json"), [National, riverside, northbridge]).Errors);
    }

    private static string Cohort(string states) => $$"""
        {
          "start": "2026-01-05T09:00",
          "states": {{states}}
        }
        """;
}
