using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Export;
using Xunit.Abstractions;

namespace ContinuityOfCare.Workflows.Language.Tests.Export.SchedulingModel;

/// <summary>
/// The export of every shipped pathway, run on the model of Elsa's counter-based flowchart along
/// every route of the pathway, reaches Finish at every final state with no deadlock, no fault and no
/// bookmark left over from a state the case has left.
/// </summary>
public class ShippedRouteTests(ITestOutputHelper output)
{
    public static TheoryData<string> ShippedPathways() => ElsaExportSnapshotTests.ShippedPathways();

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void EveryRouteReachesFinishWithNoDeadlock(string pathway)
    {
        var (definition, graph) = Exported(pathway);
        var driver = new RouteDriver(definition, graph);

        var report = driver.DriveEveryRoute();

        output.WriteLine($"{pathway}: {report.Routes} routes, {report.Steps} steps, {report.Infeasible} ways out no recorded values can take.");
        Assert.True(report.Failures.Count == 0, string.Join("\n", report.Failures));
        var exits = definition.States.SelectMany(driver.Exits).Select(e => e.ToString()).ToHashSet(StringComparer.Ordinal);
        Assert.Empty(exits.Except(report.TakenExits));
        Assert.Equal(definition.States.Where(s => s.Kind == StateKind.Final).Select(s => s.Id).Order(), report.Finals.Order());
        Assert.True(report.Routes >= exits.Count, $"{report.Routes} routes for {exits.Count} ways out.");
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void EveryStayAndEveryRepeatLeavesTheStateWaitingForTheSameThings(string pathway)
    {
        var (definition, graph) = Exported(pathway);
        var driver = new RouteDriver(definition, graph);
        var stays = 0;

        foreach (var (stateId, at) in FirstArrivals(definition, driver))
        {
            var state = definition.FindState(stateId)!;
            var position = at;
            // Twice each, so that Elsa's visit counters are tested on repeated rounds of the dispatch.
            for (var round = 0; round < 2; round++)
            {
                foreach (var group in state.Transitions.GroupBy(t => t.Event))
                {
                    var index = group.ToList().FindIndex(t => t.Target is null || t.Target == stateId);
                    if (index >= 0 && driver.Record(position, stateId, group.Key, index) is { } stayed)
                    {
                        Assert.Null(driver.Check(stayed, stateId));
                        position = stayed;
                        stays++;
                    }
                }
            }

            foreach (var exit in driver.Exits(state))
            {
                if (driver.Take(position, exit) is { } left)
                {
                    Assert.Null(driver.Check(left, exit.Target));
                }
            }
        }

        output.WriteLine($"{pathway}: {stays} stays recorded.");
        Assert.True(stays > 0);
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void OnlyExplicitJoinsHaveSeveralInboundConnectionsAndEveryLoopIsOneElsaAccepts(string pathway)
    {
        var (_, graph) = Exported(pathway);

        var joins = graph.Activities.Keys.Where(id => graph.ForwardInbound(id).Count > 1).ToList();
        var backward = graph.Connections.Where(graph.IsBackward).ToList();

        Assert.NotEmpty(joins);
        Assert.All(joins, id => Assert.Equal("Elsa.FlowJoin", graph.TypeOf(id)));
        Assert.All(joins, id => Assert.Equal("WaitAny", graph.Activities[id].GetProperty("mode").GetProperty("expression").GetProperty("value").GetString()));
        Assert.NotEmpty(backward);
        Assert.All(backward, c => Assert.Equal(ElsaExporter.DispatchId, c.Target));
        Assert.All(backward, c => Assert.True(graph.IsValidBackward(c), $"{c} is not a loop Elsa accepts."));
        Assert.All(graph.Activities.Keys, id => Assert.False(graph.IsDangling(id), $"{id} cannot be reached from the start."));
    }

    [Fact]
    public void AnEventOfAStateTheCaseHasLeftResumesNothing()
    {
        var (definition, graph) = Exported("national/custody-to-community.pathway");
        var driver = new RouteDriver(definition, graph);
        var inCustody = FirstArrivals(definition, driver).First(a => a.State == "ongoing-care").At;

        var released = driver.Take(inCustody, driver.Exits(definition.FindState("ongoing-care")!).First(e => e.Event == "released"))!;
        var run = released.Run.Clone();

        Assert.Null(driver.Check(released, "released-to-community"));
        Assert.Equal(0, run.Publish("transfer-due", new Dictionary<string, object?> { ["receiving-prison"] = "HMP Elsewhere (fictional)" }));
        Assert.Equal(0, run.Publish("release-planning-started"));
        Assert.Equal("released-to-community", run.Variables[ElsaExporter.StateVariable]);
        Assert.Equal(released.Run.Bookmarks, run.Bookmarks);
    }

    /// <summary>The first position reached in each state, by taking ways out breadth-first from the start.</summary>
    internal static List<(string State, RouteDriver.Position At)> FirstArrivals(PathwayDefinition definition, RouteDriver driver)
    {
        var start = driver.Begin();
        var found = new List<(string, RouteDriver.Position)> { (definition.StartState, start) };
        var seen = new HashSet<string>(StringComparer.Ordinal) { definition.StartState };
        var queue = new Queue<(string, RouteDriver.Position)>([(definition.StartState, start)]);
        while (queue.TryDequeue(out var item))
        {
            var (stateId, at) = item;
            foreach (var exit in driver.Exits(definition.FindState(stateId)!))
            {
                if (definition.FindState(exit.Target)!.Kind != StateKind.Final && !seen.Contains(exit.Target) && driver.Take(at, exit) is { } next)
                {
                    seen.Add(exit.Target);
                    found.Add((exit.Target, next));
                    queue.Enqueue((exit.Target, next));
                }
            }
        }

        return found;
    }

    internal static (PathwayDefinition Definition, FlowGraph Graph) Exported(string pathway)
    {
        var compiled = ElsaWorkflow.CompileShipped(pathway);
        Assert.True(compiled.Succeeded, $"{pathway} does not compile.");
        using var json = JsonDocument.Parse(ElsaExporter.Export(compiled.Definition!, compiled.ContentHash!));
        return (compiled.Definition!, new FlowGraph(json.RootElement));
    }
}
