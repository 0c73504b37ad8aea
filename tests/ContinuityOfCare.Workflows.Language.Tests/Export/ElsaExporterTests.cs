using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Export;
using static ContinuityOfCare.Workflows.Language.Tests.Export.ElsaWorkflow;

namespace ContinuityOfCare.Workflows.Language.Tests.Export;

public class ElsaExporterTests
{
    private const string National = "national/custody-to-community.pathway";

    private const string Sample = """"
        pathway elsa-sample
          title "Elsa sample"
          partnership "Testshire (fictional)"

        agency cjit "Criminal justice drug team"
        agency treatment "Treatment service"

        field release-date: date "Release date"
        field risk: yes/no "Risk of harm"
        field attempts: number "Follow-up attempts"

        template alert "Alert"
          """
          Hello {{ recipient.name }}
          """

        start state custody "In custody"
          stage "Custody"
          owner cjit
          action plan "Agree the plan" by cjit 6 weeks before release-date
            if missed: notify cjit with alert
          action chase "Chase the prison" by cjit within 2 working days
            if missed: raise chased
          on chased
          on note-added by cjit, treatment
            notify treatment with alert
            set attempts = 1
          on released with risk when risk -> risky
            notify treatment with alert without consent
          on released with risk when not risk -> community
          after 48 hours -> community
          after 3 days -> community
          after 2 weeks -> community
          after 5 working days -> community
          after 21 days of released -> community

        final state community "In the community"
          stage "Community"
          owner treatment
          outcome continuity-achieved

        final state risky "Handed to the risk team"
          stage "Community"
          owner treatment
          outcome left-pathway

        """";

    public static TheoryData<string> ShippedPathways() => ElsaExportSnapshotTests.ShippedPathways();

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void EveryStateHasOneEntryActivityCarryingItsTitleOwnerAndActions(string pathway)
    {
        var definition = CompileShipped(pathway).Definition!;
        var workflow = ExportOf(definition);

        foreach (var state in definition.States)
        {
            var activity = workflow.Activity(state.Id);
            Assert.Equal("ContinuityOfCare.EnterState", TypeOf(activity));
            Assert.Equal(state.Title, Input(activity, "title"));
            Assert.Equal(state.Owner, Input(activity, "owner"));
            Assert.Equal(state.Id, Custom(activity).GetProperty("state").GetString());
            Assert.Equal(state.Actions.Select(a => a.Id), Custom(activity).GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        }

        Assert.Equal(definition.States.Length, workflow.Activities.Count(a => TypeOf(a) == "ContinuityOfCare.EnterState"));
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void EveryTransitionAndTimerLeadsThroughItsEffectsToItsTarget(string pathway)
    {
        var definition = CompileShipped(pathway).Definition!;
        var workflow = ExportOf(definition);

        foreach (var state in definition.States)
        {
            foreach (var group in state.Transitions.GroupBy(t => t.Event))
            {
                var eventId = $"{state.Id}.on.{group.Key}";
                Assert.Equal("Elsa.Event", TypeOf(workflow.Activity(eventId)));
                Assert.Equal(group.Key, Input(workflow.Activity(eventId), "eventName"));
                Assert.Contains(workflow.Connections, c => c.Source == state.Id && c.SourcePort == "Done" && c.Target == eventId);

                var (from, port) = (eventId, "Done");
                var index = 0;
                foreach (var transition in group)
                {
                    index++;
                    if (transition.Condition is not null)
                    {
                        var decision = workflow.Next(from, port);
                        Assert.Equal($"{eventId}.{index}", decision);
                        Assert.Equal("Elsa.FlowDecision", TypeOf(workflow.Activity(decision)));
                        Assert.Equal(ConditionText.Write(transition.Condition), Input(workflow.Activity(decision), "condition"));
                        (from, port) = (decision, "True");
                    }

                    var (passed, end) = workflow.Walk(from, port, stopAt: eventId);
                    Assert.Equal(transition.Target ?? eventId, end);
                    Assert.Equal(transition.Effects.Select(ExpectedType), passed.Select(TypeOf));
                    if (transition.Condition is null)
                    {
                        break;
                    }

                    port = "False";
                }
            }

            for (var i = 0; i < state.Timers.Length; i++)
            {
                var timerId = $"{state.Id}.after.{i + 1}";
                Assert.Contains(workflow.Connections, c => c.Source == state.Id && c.SourcePort == "Done" && c.Target == timerId);
                var (passed, end) = workflow.Walk(timerId, "Done", stopAt: timerId);
                Assert.Equal(state.Timers[i].Target, end);
                Assert.Equal(state.Timers[i].Effects.Select(ExpectedType), passed.Select(TypeOf));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void IdsAreUniqueAndEveryConnectionJoinsTwoActivities(string pathway)
    {
        var workflow = ExportOf(CompileShipped(pathway).Definition!);
        var ids = workflow.Activities.Select(a => a.GetProperty("id").GetString()!).ToList();

        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(ElsaExporter.FlowchartId, ids);
        Assert.All(workflow.Connections, c =>
        {
            Assert.Contains(c.Source, ids);
            Assert.Contains(c.Target, ids);
            Assert.Equal("In", c.TargetPort);
        });
        Assert.Equal(workflow.Connections.Count, workflow.Connections.Distinct().Count());
    }

    [Fact]
    public void TheDocumentHasTheElsaWorkflowDefinitionFields()
    {
        var compiled = CompileShipped(National);
        var workflow = ExportOf(compiled.Definition!);
        var root = workflow.Root;

        Assert.Equal(ElsaExporter.VersionId("custody-to-community", compiled.ContentHash!), root.GetProperty("id").GetString());
        Assert.StartsWith("custody-to-community-", root.GetProperty("id").GetString(), StringComparison.Ordinal);
        Assert.Equal("custody-to-community", root.GetProperty("definitionId").GetString());
        Assert.Equal("Drug-misusing offenders: custody to community", root.GetProperty("name").GetString());
        Assert.Equal(compiled.Definition!.Partnership, root.GetProperty("description").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.True(root.GetProperty("isLatest").GetBoolean());
        Assert.True(root.GetProperty("isPublished").GetBoolean());
        Assert.Equal("Json", root.GetProperty("materializerName").GetString());
        Assert.Equal("Elsa.Flowchart", root.GetProperty("root").GetProperty("type").GetString());
        Assert.Equal(1, root.GetProperty("root").GetProperty("version").GetInt32());
        Assert.Equal(ElsaExporter.FlowchartId, root.GetProperty("root").GetProperty("id").GetString());
        Assert.Equal(compiled.ContentHash, Custom(root).GetProperty("contentHash").GetString());
    }

    [Fact]
    public void AGivenVersionAndFlagsAreWrittenAndTheVersionIdStaysTheContents()
    {
        var definition = CompileShipped(National).Definition!;

        var first = ExportOf(definition).Root;
        var third = ExportOf(definition, new ElsaExportOptions(Version: 3, IsLatest: false, IsPublished: false)).Root;

        Assert.Equal(3, third.GetProperty("version").GetInt32());
        Assert.False(third.GetProperty("isLatest").GetBoolean());
        Assert.False(third.GetProperty("isPublished").GetBoolean());
        Assert.Equal(first.GetProperty("id").GetString(), third.GetProperty("id").GetString());
        Assert.Throws<ArgumentOutOfRangeException>(() => ElsaExporter.Export(definition, "sha256:00", new ElsaExportOptions(Version: 0)));
    }

    [Fact]
    public void TheOutputIsTheSameEveryTimeAndForTheSameContentLaidOutDifferently()
    {
        var tidy = ExportOf(Sample).Json;
        var untidy = ExportOf(Sample.Replace("  on chased\n", "  # a comment\n  on   chased\n", StringComparison.Ordinal)).Json;

        Assert.Equal(tidy, ExportOf(Sample).Json);
        Assert.Equal(tidy, untidy);
        Assert.DoesNotContain("\r", tidy, StringComparison.Ordinal);
        Assert.StartsWith("{\n  \"id\": \"elsa-sample-", tidy, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStartActivityLeadsToTheStartStateAndFinalStatesFinishTheWorkflow()
    {
        var workflow = ExportOf(Sample);

        Assert.Equal("Elsa.Start", TypeOf(workflow.Activity(ElsaExporter.StartId)));
        Assert.Equal("custody", workflow.Next(ElsaExporter.StartId, "Done"));
        Assert.Equal("community.finish", workflow.Next("community", "Done"));
        Assert.Equal("Elsa.Finish", TypeOf(workflow.Activity("community.finish")));
        Assert.Equal("continuity-achieved", Input(workflow.Activity("community"), "outcome"));
    }

    [Fact]
    public void TimersFromEnteringTheStateBecomeElsaDelaysAndTheRestCarryTheirRule()
    {
        var workflow = ExportOf(Sample);

        var delays = Enumerable.Range(1, 5).Select(i => workflow.Activity($"custody.after.{i}")).ToList();

        Assert.Equal(["Elsa.Delay", "Elsa.Delay", "Elsa.Delay", "ContinuityOfCare.Timer", "ContinuityOfCare.Timer"], delays.Select(TypeOf));
        Assert.Equal(["2.00:00:00", "3.00:00:00", "14.00:00:00"], delays.Take(3).Select(d => Input(d, "timeSpan")));
        Assert.Equal("TimeSpan", delays[0].GetProperty("timeSpan").GetProperty("typeName").GetString());
        Assert.Equal("workingDays", Custom(delays[3]).GetProperty("delay").GetProperty("unit").GetString());
        Assert.Equal("after 21 days of released", Custom(delays[4]).GetProperty("text").GetString());
        Assert.Equal("released", Custom(delays[4]).GetProperty("delay").GetProperty("anchor").GetProperty("name").GetString());
        Assert.All(delays, d => Assert.Equal("community", workflow.Next(d.GetProperty("id").GetString()!, "Done")));
    }

    [Fact]
    public void GuardsAreTriedInOrderAndAnEventNoGuardAcceptsIsAwaitedAgain()
    {
        var workflow = ExportOf(Sample);

        Assert.Equal("custody.on.released.1", workflow.Next("custody.on.released", "Done"));
        Assert.Equal("risk", Input(workflow.Activity("custody.on.released.1"), "condition"));
        Assert.Equal(ElsaExporter.ExpressionType, workflow.Activity("custody.on.released.1").GetProperty("condition").GetProperty("expression").GetProperty("type").GetString());
        Assert.Equal("custody.on.released.2", workflow.Next("custody.on.released.1", "False"));
        Assert.Equal("community", workflow.Next("custody.on.released.2", "True"));
        Assert.Equal("custody.on.released", workflow.Next("custody.on.released.2", "False"));
    }

    [Fact]
    public void ATransitionThatStaysRunsItsEffectsAndWaitsForTheEventAgain()
    {
        var workflow = ExportOf(Sample);

        Assert.Equal("custody.on.chased", workflow.Next("custody.on.chased", "Done"));
        var (passed, end) = workflow.Walk("custody.on.note-added", "Done", stopAt: "custody.on.note-added");

        Assert.Equal("custody.on.note-added", end);
        Assert.Equal(["ContinuityOfCare.Notify", "Elsa.SetVariable"], passed.Select(TypeOf));
        Assert.Equal(["cjit", "treatment"], Custom(workflow.Activity("custody.on.note-added")).GetProperty("recordedBy").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public void NoticesSayWhetherTheyMayGoWithoutConsent()
    {
        var workflow = ExportOf(Sample);

        var withConsent = workflow.Activity("custody.on.note-added.1.effect.1");
        var withoutConsent = workflow.Activity("custody.on.released.1.effect.1");

        Assert.Equal("false", Input(withConsent, "withoutConsent"));
        Assert.Equal("true", Input(withoutConsent, "withoutConsent"));
        Assert.Equal("alert", Input(withoutConsent, "template"));
        Assert.Equal(["treatment"], Custom(withoutConsent).GetProperty("agencies").EnumerateArray().Select(a => a.GetString()));
        Assert.Equal("risky", workflow.Next("custody.on.released.1.effect.1", "Done"));
    }

    [Fact]
    public void SettingAFieldSetsTheWorkflowVariableDeclaredForIt()
    {
        var workflow = ExportOf(Sample);

        var set = workflow.Activity("custody.on.note-added.1.effect.2");
        var variable = workflow.Root.GetProperty("variables").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "attempts");

        Assert.Equal(variable.GetProperty("id").GetString(), set.GetProperty("variable").GetProperty("id").GetString());
        Assert.Equal("Decimal", variable.GetProperty("typeName").GetString());
        Assert.Equal("1", Input(set, "value"));
    }

    [Fact]
    public void ActionsKeepTheirDeadlinesAndEscalationsOnTheStateEntry()
    {
        var workflow = ExportOf(Sample);

        var actions = Custom(workflow.Activity("custody")).GetProperty("actions").EnumerateArray().ToList();

        Assert.Equal("6 weeks before release-date", actions[0].GetProperty("deadline").GetProperty("text").GetString());
        Assert.Equal("release-date", actions[0].GetProperty("deadline").GetProperty("field").GetString());
        Assert.Equal("notify", actions[0].GetProperty("onMissed")[0].GetProperty("kind").GetString());
        Assert.Equal("within 2 working days", actions[1].GetProperty("deadline").GetProperty("text").GetString());
        Assert.Equal("chased", actions[1].GetProperty("onMissed")[0].GetProperty("event").GetString());
    }

    [Fact]
    public void TheNationalDeadlineWithTheNextWorkingDayRuleKeepsIt()
    {
        var workflow = ExportOf(CompileShipped(National).Definition!);

        var sendDir = Custom(workflow.Activity("sent-to-prison")).GetProperty("actions")[0].GetProperty("deadline");

        Assert.Equal("within 24 hours or by 09:00 next working day", sendDir.GetProperty("text").GetString());
        Assert.Equal("09:00", sendDir.GetProperty("nextWorkingDayAt").GetString());
        Assert.Equal(JsonValueKind.Number, sendDir.GetProperty("amount").ValueKind);
    }

    private static string ExpectedType(Effect effect) => effect switch
    {
        NotifyEffect => "ContinuityOfCare.Notify",
        SetFieldEffect => "Elsa.SetVariable",
        RaiseEffect => "Elsa.PublishEvent",
        _ => throw new ArgumentException("Unknown effect.", nameof(effect)),
    };
}
