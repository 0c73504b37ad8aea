using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Export;

namespace ContinuityOfCare.Workflows.Language.Tests.Export.SchedulingModel;

/// <summary>What the exported workflow does on the scheduling model in the cases the shipped pathways do not reach.</summary>
public class ExportBehaviourTests
{
    private const string Sample = """"
        pathway elsa-behaviour
          title "Elsa behaviour sample"
          partnership "Testshire (fictional)"

        agency cjit "Criminal justice drug team"
        agency treatment "Treatment service"

        field risk: yes/no "Risk of harm"
        field attempts: number "Follow-up attempts"

        template alert "Alert"
          """
          Hello {{ recipient.name }}
          """

        start state custody "In custody"
          stage "Custody"
          owner cjit
          on checked with risk when risk -> escalated
          on noted
            notify treatment with alert
            set attempts = 2
          on released -> community
          after 48 hours -> lapsed

        state community "In the community"
          stage "Community"
          owner treatment
          on arrived -> done
          after 2 working days -> lapsed

        final state escalated "Escalated"
          stage "Closed"
          owner cjit
          outcome left-pathway

        final state done "Done"
          stage "Closed"
          owner treatment
          outcome continuity-achieved

        final state lapsed "Lapsed"
          stage "Closed"
          owner cjit
          outcome not-engaged

        """";

    [Fact]
    public void AnEventNoGuardAcceptsIsRefusedAndTheStateWaitsForItAgain()
    {
        var run = Start();

        Assert.Equal(1, run.Publish("checked", new Dictionary<string, object?> { ["risk"] = false }));

        Assert.Equal("custody", run.Variables[ElsaExporter.StateVariable]);
        Assert.Equal(["custody.after.1", "custody.on.checked", "custody.on.noted", "custody.on.released"], run.Bookmarks.Select(b => b.Activity).Order());
        Assert.Equal(1, run.Publish("checked", new Dictionary<string, object?> { ["risk"] = "yes" }));
        Assert.Equal(RunStatus.Finished, run.Status);
    }

    [Fact]
    public void AStayRunsItsEffectsAndKeepsTheTimerCountedFromEnteringTheState()
    {
        var run = Start();
        var timer = run.Bookmarks.Single(b => b.Activity == "custody.after.1").At;

        run.AdvanceTo(RouteDriver.Beginning.AddHours(1));
        Assert.Equal(1, run.Publish("noted"));

        Assert.Equal(2.0, run.Variables["attempts"]);
        Assert.Equal(["alert"], run.Published.Select(p => p.Payload["template"]));
        Assert.Equal(timer, run.Bookmarks.Single(b => b.Activity == "custody.after.1").At);
        Assert.Equal(RouteDriver.Beginning.AddHours(48), timer);
    }

    [Fact]
    public void ATimerFiresAtItsInstantAndMovesTheCase()
    {
        var run = Start();

        run.AdvanceTo(RouteDriver.Beginning.AddHours(47));
        Assert.Equal(RunStatus.Running, run.Status);
        run.AdvanceTo(RouteDriver.Beginning.AddHours(48));

        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal("lapsed", run.Variables[ElsaExporter.StateVariable]);
    }

    [Fact]
    public void ARaisedEventIsPublishedLocallyAndTakenInTheStateTheCaseMovedTo()
    {
        // The language raises events only from missed deadlines; the definition model allows one on a transition too.
        var definition = Compile(Sample);
        var custody = definition.FindState("custody")!;
        var released = custody.Transitions.Single(t => t.Event == "released");
        var raising = definition with
        {
            States = definition.States.Replace(custody, custody with
            {
                Transitions = custody.Transitions.Replace(released, released with { Effects = [new RaiseEffect("arrived")] }),
            }),
        };
        var run = new FlowchartRun(Graph(raising), RouteDriver.Beginning, hostFunctions: WorkingDays).Start();

        Assert.Equal(1, run.Publish("released"));

        Assert.Equal(RunStatus.Finished, run.Status);
        Assert.Equal("done", run.Variables[ElsaExporter.StateVariable]);
        Assert.Empty(run.Published);
    }

    [Fact]
    public void ATimerInWorkingDaysNeedsTheHostsFunctionAndWaitsForWhatItAnswers()
    {
        const string source = """
            pathway working-days
              title "Working days sample"
              partnership "Testshire (fictional)"

            agency cjit "Criminal justice drug team"

            start state waiting "Waiting"
              stage "Custody"
              owner cjit
              on go -> counting

            state counting "Counting"
              stage "Custody"
              owner cjit
              after 2 working days -> closed

            final state closed "Closed"
              stage "Closed"
              owner cjit
              outcome not-engaged

            """;
        var withoutHost = new FlowchartRun(Document(source), RouteDriver.Beginning).Start();
        var withHost = new FlowchartRun(Document(source), RouteDriver.Beginning, hostFunctions: WorkingDays).Start();

        withoutHost.Publish("go");
        withHost.Publish("go");

        Assert.Equal(RunStatus.Faulted, withoutHost.Status);
        Assert.Contains("addWorkingDays is not defined", withoutHost.Fault, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Running, withHost.Status);
        Assert.Equal(new DateTimeOffset(2026, 3, 5, 0, 0, 0, TimeSpan.Zero), withHost.Bookmarks.Single(b => b.Activity == "counting.after.1").At);
    }

    [Fact]
    public void AnEventNobodyWaitsForResumesNothing()
    {
        var run = Start();

        Assert.Equal(0, run.Publish("arrived"));
        Assert.Equal(0, run.Publish("not-an-event"));
        Assert.Equal("custody", run.Variables[ElsaExporter.StateVariable]);
    }

    /// <summary>A stand-in for the host's calendar: every day a working day, so two working days from Monday 09:00 end at midnight after Wednesday.</summary>
    private static readonly Dictionary<string, Delegate> WorkingDays = new()
    {
        [ElsaScript.WorkingDaysFunction] = (Func<string, double, string, string, string>)((from, days, calendar, zone) =>
        {
            Assert.Equal("england-and-wales", calendar);
            Assert.Equal("Europe/London", zone);
            var start = DateTimeOffset.Parse(from, System.Globalization.CultureInfo.InvariantCulture);
            return start.Date.AddDays(days + 1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }),
    };

    private static FlowchartRun Start(IReadOnlyDictionary<string, Delegate>? hostFunctions = null) =>
        new FlowchartRun(Document(Sample), RouteDriver.Beginning, hostFunctions: hostFunctions).Start();

    private static FlowGraph Document(string source) => Graph(Compile(source));

    private static PathwayDefinition Compile(string source)
    {
        var compiled = TestCompiler.Compile(source, "sample.pathway");
        Assert.True(compiled.Succeeded, string.Join("\n", compiled.Diagnostics.Select(d => d.Message)));
        return compiled.Definition!;
    }

    private static FlowGraph Graph(PathwayDefinition definition)
    {
        using var json = JsonDocument.Parse(ElsaExporter.Export(definition, DefinitionJson.ContentHash(definition)));
        return new FlowGraph(json.RootElement);
    }
}
