using System.Text.Json;
using System.Text.Json.Nodes;
using ContinuityOfCare.Workflows.Definitions.Export;

namespace ContinuityOfCare.Workflows.Language.Tests.Export.SchedulingModel;

/// <summary>
/// The model is not vacuous: the national pathway as the export used to write it
/// (<c>previous-shape.elsa.json</c>, kept beside this test) faults on stock Elsa at its first
/// state, and even with its custom activities and guards made to work it deadlocks at the first
/// state with two inbound connections and leaves the states behind it resumable.
/// </summary>
public class PreviousShapeTests
{
    private static readonly string PreviousShape = Path.Combine(
        RepositoryPaths.Root, "tests", "ContinuityOfCare.Workflows.Language.Tests", "Export", "SchedulingModel", "previous-shape.elsa.json");

    [Fact]
    public void StockElsaFaultsThePreviousShapeAtItsFirstState()
    {
        var run = new FlowchartRun(Graph(File.ReadAllText(PreviousShape)), RouteDriver.Beginning).Start();

        Assert.Equal(RunStatus.Faulted, run.Status);
        Assert.Equal("Activity type ContinuityOfCare.EnterState is not found.", run.Fault);
    }

    [Fact]
    public void WithItsActivitiesRegisteredThePreviousGuardsNeverHoldSoTheCaseNeverLeavesReception()
    {
        var run = new FlowchartRun(Graph(File.ReadAllText(PreviousShape)), RouteDriver.Beginning, passThroughUnknown: true).Start();
        run.Publish("arrived");
        run.SetVariable("origin", "community");

        Assert.Equal(1, run.Publish("origin-recorded"));

        Assert.Equal(RunStatus.Running, run.Status);
        Assert.Equal(["reception.on.origin-recorded"], run.Bookmarks.Select(b => b.Activity));
    }

    [Fact]
    public void WithItsGuardsInJavaScriptThePreviousShapeDeadlocksAtAJoinAndKeepsLeftStatesResumable()
    {
        var run = new FlowchartRun(Graph(WithJavaScriptGuards()), RouteDriver.Beginning, passThroughUnknown: true).Start();
        run.Publish("arrived");
        run.SetVariable("origin", "community");
        run.Publish("origin-recorded");
        run.SetVariable("priority-offender", true);
        run.Publish("screened");
        run.Publish("care-plan-completed");
        Assert.Contains(run.Bookmarks, b => b.Activity == "main-prison.on.release-date-set");

        Assert.Equal(1, run.Publish("release-date-set"));

        // ongoing-care is also entered by 'remanded', whose Event still waits: the implicit join waits for ever.
        Assert.Equal(RunStatus.Running, run.Status);
        Assert.DoesNotContain(run.Bookmarks, b => b.Activity.StartsWith("ongoing-care", StringComparison.Ordinal));
        Assert.Contains(run.Bookmarks, b => b.Activity == "main-prison.on.remanded");
        // And a state the case left long ago still answers its events.
        Assert.Equal(1, run.Publish("referred-to-carats"));
    }

    [Fact]
    public void TheNewShapeTakesTheSameRouteIntoTheCommunityAndLeavesNothingBehind()
    {
        var (definition, graph) = ShippedRouteTests.Exported("national/custody-to-community.pathway");
        var driver = new RouteDriver(definition, graph);
        var at = driver.Begin();
        foreach (var (state, @event, target) in new[]
        {
            ("sent-to-prison", "arrived", "reception"), ("reception", "origin-recorded", "screening"), ("screening", "screened", "arrived-from-community"),
            ("arrived-from-community", "care-plan-completed", "main-prison"), ("main-prison", "release-date-set", "ongoing-care"), ("ongoing-care", "released", "released-to-community"),
        })
        {
            at = driver.Take(at, driver.Exits(definition.FindState(state)!).Single(e => e.Event == @event && e.Target == target))!;
            Assert.Null(driver.Check(at, target));
        }

        Assert.All(at.Run.Bookmarks, b => Assert.StartsWith("released-to-community.", b.Activity, StringComparison.Ordinal));
        Assert.Equal(0, at.Run.Clone().Publish("transfer-due"));
    }

    /// <summary>The previous shape with each guard in the pathway's words replaced by the JavaScript the export now writes.</summary>
    private static string WithJavaScriptGuards()
    {
        var definition = ElsaWorkflow.CompileShipped("national/custody-to-community.pathway").Definition!;
        var document = JsonNode.Parse(File.ReadAllText(PreviousShape))!;
        foreach (var activity in document["root"]!["activities"]!.AsArray().Select(a => a!.AsObject()))
        {
            if (activity["type"]!.GetValue<string>() != "Elsa.FlowDecision")
            {
                continue;
            }

            // Ids are <state>.on.<event>.<n>: the n-th transition on that event.
            var id = activity["id"]!.GetValue<string>();
            var parts = id.Split(".on.");
            var (eventName, index) = (parts[1][..parts[1].LastIndexOf('.')], int.Parse(parts[1][(parts[1].LastIndexOf('.') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
            var transition = definition.FindState(parts[0])!.Transitions.Where(t => t.Event == eventName).ElementAt(index - 1);
            activity["condition"]!["expression"]!["type"] = ElsaScript.ExpressionType;
            activity["condition"]!["expression"]!["value"] = ElsaScript.Condition(transition.Condition!, definition);
        }

        return document.ToJsonString();
    }

    private static FlowGraph Graph(string json)
    {
        using var document = JsonDocument.Parse(json);
        return new FlowGraph(document.RootElement);
    }
}
