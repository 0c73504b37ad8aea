using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Export;
using ContinuityOfCare.Workflows.Language.Tests.Export.SchedulingModel;
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
        field seen-at: date-time "Seen at"

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
          after 2 weeks -> community
          after 5 working days -> community
          after 21 days of released -> community
          after 1 day of release-date -> community

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
    public void EveryStateHasOneDispatchDecisionCarryingItsTitleOwnerAndActions(string pathway)
    {
        var definition = CompileShipped(pathway).Definition!;
        var workflow = ExportOf(definition);

        foreach (var state in definition.States)
        {
            var activity = workflow.Activity(state.Id);
            Assert.Equal("Elsa.FlowDecision", TypeOf(activity));
            Assert.Equal($"getVariable(\"pathway.state\") === \"{state.Id}\"", Input(activity, "condition"));
            Assert.Equal(state.Title, activity.GetProperty("metadata").GetProperty("displayText").GetString());
            Assert.Equal(state.Owner, Custom(activity).GetProperty("owner").GetString());
            Assert.Equal(state.Actions.Select(a => a.Id), Custom(activity).GetProperty("actions").EnumerateArray().Select(a => a.GetProperty("id").GetString()));
        }

        // The dispatch tries the states in declaration order.
        var order = definition.States.Select(s => s.Id).ToList();
        Assert.Equal(order[0], workflow.Next(ElsaExporter.DispatchId, "Done"));
        Assert.All(order.Zip(order.Skip(1)), pair => Assert.Equal(pair.Second, workflow.Next(pair.First, "False")));
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void EveryTransitionAndTimerLeadsThroughItsEffectsAndMoveToTheStatesWayOut(string pathway)
    {
        var definition = CompileShipped(pathway).Definition!;
        var workflow = ExportOf(definition);

        foreach (var state in definition.States.Where(s => s.Kind != StateKind.Final))
        {
            var leave = $"{state.Id}.leave";
            Assert.Equal(ElsaExporter.DispatchId, workflow.Next(leave, "Done"));
            foreach (var group in state.Transitions.GroupBy(t => t.Event))
            {
                var eventId = $"{state.Id}.on.{group.Key}";
                Assert.Equal(group.Key, Input(workflow.Activity(eventId), "eventName"));
                Assert.Contains(workflow.Connections, c => c.Source == state.Id && c.SourcePort == "True" && c.Target == eventId);
                var (from, port) = (eventId, "Done");
                if (workflow.Activities.Any(a => a.GetProperty("id").GetString() == eventId + ".values"))
                {
                    Assert.Equal(eventId + ".values", workflow.Next(eventId, "Done"));
                    (from, port) = (eventId + ".values", "Done");
                }

                var index = 0;
                foreach (var transition in group)
                {
                    index++;
                    if (transition.Condition is not null)
                    {
                        var decision = workflow.Next(from, port);
                        Assert.Equal($"{eventId}.{index}", decision);
                        Assert.Equal(ConditionText.Write(transition.Condition), Custom(workflow.Activity(decision)).GetProperty("condition").GetString());
                        (from, port) = (decision, "True");
                    }

                    var (passed, end) = workflow.Walk(from, port);
                    Assert.Equal(leave, end);
                    Assert.Equal(transition.Target == state.Id ? null : transition.Target, MovesTo(passed));
                    Assert.Equal(transition.Effects.Select(ExpectedType), passed.Where(a => !IsMove(a)).Select(TypeOf));
                    if (transition.Condition is null)
                    {
                        break;
                    }

                    port = "False";
                }
            }

            for (var i = 0; i < state.Timers.Length; i++)
            {
                var (passed, end) = workflow.Walk($"{state.Id}.after.{i + 1}", "Done");
                Assert.Equal(leave, end);
                Assert.Equal(state.Timers[i].Target, MovesTo(passed));
                Assert.Equal(state.Timers[i].Effects.Select(ExpectedType), passed.Where(a => !IsMove(a)).Select(TypeOf));
            }
        }
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void OnlyActivitiesAStockElsaServerHasAreUsedAndEveryConnectionJoinsTwoOfThem(string pathway)
    {
        var workflow = ExportOf(CompileShipped(pathway).Definition!);
        var ids = workflow.Activities.Select(a => a.GetProperty("id").GetString()!).ToList();

        Assert.All(workflow.Activities, a => Assert.Contains(TypeOf(a), FlowchartRun.StockTypes));
        Assert.Equal(ids.Count, ids.Distinct(StringComparer.Ordinal).Count());
        Assert.DoesNotContain(ElsaExporter.FlowchartId, ids);
        Assert.All(workflow.Connections, c =>
        {
            Assert.Contains(c.Source, ids);
            Assert.Contains(c.Target, ids);
            Assert.Equal("In", c.TargetPort);
        });
        Assert.Equal(workflow.Connections.Count, workflow.Connections.Distinct().Count());
        Assert.DoesNotContain("ContinuityOfCare.", string.Join(" ", workflow.Activities.Select(TypeOf)), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void GuardsAreJavaScriptAndVariablesAreOfTypesElsaRegisters(string pathway)
    {
        var definition = CompileShipped(pathway).Definition!;
        var workflow = ExportOf(definition);

        var expressionTypes = workflow.Activities.SelectMany(a => a.EnumerateObject())
            .Where(p => p.Value.ValueKind == JsonValueKind.Object && p.Value.TryGetProperty("expression", out _))
            .Select(p => p.Value.GetProperty("expression").GetProperty("type").GetString()).Distinct().Order();
        var variables = workflow.Root.GetProperty("variables").EnumerateArray().ToList();

        Assert.Equal(["JavaScript", "Literal"], expressionTypes);
        Assert.All(variables, v => Assert.Contains(v.GetProperty("typeName").GetString(), new[] { "String", "Boolean", "Decimal" }));
        Assert.All(definition.Fields, f => Assert.Contains(variables, v => v.GetProperty("name").GetString() == f.Id));
        Assert.All(variables, v => Assert.Equal("Elsa.Workflows.WorkflowInstanceStorageDriver, Elsa.Workflows.Core", v.GetProperty("storageDriverTypeName").GetString()));
        Assert.DoesNotContain("DateOnly", workflow.Json, StringComparison.Ordinal);
    }

    [Fact]
    public void TheDocumentHasTheElsaWorkflowDefinitionFieldsAndIsADraftUnlessAsked()
    {
        var compiled = CompileShipped(National);
        var root = ExportOf(compiled.Definition!).Root;

        Assert.Equal(ElsaExporter.Schema, root.GetProperty("$schema").GetString());
        Assert.Equal(ElsaExporter.VersionId("custody-to-community", compiled.ContentHash!), root.GetProperty("id").GetString());
        Assert.Equal("custody-to-community", root.GetProperty("definitionId").GetString());
        Assert.Equal("Drug-misusing offenders: custody to community", root.GetProperty("name").GetString());
        Assert.Equal(1, root.GetProperty("version").GetInt32());
        Assert.True(root.GetProperty("isLatest").GetBoolean());
        Assert.False(root.GetProperty("isPublished").GetBoolean());
        Assert.Equal("Elsa.Flowchart", root.GetProperty("root").GetProperty("type").GetString());
        Assert.Equal(ElsaExporter.FlowchartId, root.GetProperty("root").GetProperty("id").GetString());
        Assert.Equal(compiled.ContentHash, Custom(root).GetProperty("contentHash").GetString());
        Assert.Equal("sent-to-prison", root.GetProperty("variables")[0].GetProperty("value").GetString());
    }

    [Fact]
    public void AGivenVersionAndFlagsAreWrittenAndTheVersionIdStaysTheContents()
    {
        var definition = CompileShipped(National).Definition!;

        var first = ExportOf(definition).Root;
        var third = ExportOf(definition, new ElsaExportOptions(Version: 3, IsLatest: false, IsPublished: true)).Root;

        Assert.Equal(3, third.GetProperty("version").GetInt32());
        Assert.False(third.GetProperty("isLatest").GetBoolean());
        Assert.True(third.GetProperty("isPublished").GetBoolean());
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
        Assert.StartsWith("{\n  \"$schema\": ", tidy, StringComparison.Ordinal);
    }

    [Fact]
    public void TheStartLeadsToTheDispatchAndFinalStatesFinishTheWorkflow()
    {
        var workflow = ExportOf(Sample);

        Assert.Equal("Elsa.Start", TypeOf(workflow.Activity(ElsaExporter.StartId)));
        Assert.Equal(ElsaExporter.StartId + ".entered", workflow.Next(ElsaExporter.StartId, "Done"));
        Assert.Equal(ElsaExporter.DispatchId, workflow.Next(ElsaExporter.StartId + ".entered", "Done"));
        Assert.Equal("community.finish", workflow.Next("community", "True"));
        Assert.Equal("Elsa.Finish", TypeOf(workflow.Activity("community.finish")));
        Assert.Equal("continuity-achieved", Custom(workflow.Activity("community")).GetProperty("outcome").GetString());
    }

    [Fact]
    public void TimersWaitWithStartAtForAnInstantCountedFromTheirAnchor()
    {
        var workflow = ExportOf(Sample);

        var timers = Enumerable.Range(1, 5).Select(i => workflow.Activity($"custody.after.{i}")).ToList();

        Assert.All(timers, t => Assert.Equal("Elsa.StartAt", TypeOf(t)));
        Assert.All(timers, t => Assert.Equal("DateTimeOffset", t.GetProperty("dateTime").GetProperty("typeName").GetString()));
        Assert.Equal("const from = getVariable(\"pathway.state-entered-at\");\nreturn new Date(Date.parse(from) + 48 * 3600000).toISOString();", Input(timers[0], "dateTime"));
        Assert.Contains("+ 14 * 86400000", Input(timers[1], "dateTime"), StringComparison.Ordinal);
        Assert.Contains("addWorkingDays(new Date(Date.parse(from)).toISOString(), 5, \"england-and-wales\", \"Europe/London\")", Input(timers[2], "dateTime"), StringComparison.Ordinal);
        Assert.Contains("getVariable(\"recorded.released\")", Input(timers[3], "dateTime"), StringComparison.Ordinal);
        Assert.Contains("Date.parse(from + \"T00:00:00Z\") + 1 * 86400000", Input(timers[4], "dateTime"), StringComparison.Ordinal);
        // Counted from an event or a field: waited for only once the anchor is known.
        Assert.Equal("custody.after.4", workflow.Next("custody.after.4.anchored", "True"));
        Assert.Equal("getVariable(\"recorded.released\") != null", Input(workflow.Activity("custody.after.4.anchored"), "condition"));
        Assert.Equal("after 21 days of released", Custom(timers[3]).GetProperty("text").GetString());
    }

    [Fact]
    public void GuardsAreTriedInOrderAndAnEventNoGuardAcceptsLeavesAndReentersTheState()
    {
        var workflow = ExportOf(Sample);

        Assert.Equal("custody.on.released.values", workflow.Next("custody.on.released", "Done"));
        Assert.Equal("custody.on.released.1", workflow.Next("custody.on.released.values", "Done"));
        Assert.Equal("getVariable(\"risk\") != null && getVariable(\"risk\") === true", Input(workflow.Activity("custody.on.released.1"), "condition"));
        Assert.Equal("custody.on.released.2", workflow.Next("custody.on.released.1", "False"));
        Assert.Equal("!(getVariable(\"risk\") != null && getVariable(\"risk\") === true)", Input(workflow.Activity("custody.on.released.2"), "condition"));
        Assert.Equal("custody.leave", workflow.Next("custody.on.released.2", "False"));
        Assert.Contains("setVariable(\"recorded.released\", new Date().toISOString());", Input(workflow.Activity("custody.on.released.values"), "script"), StringComparison.Ordinal);
    }

    [Fact]
    public void NoticesAreHandedToTheHostAsAnEventSayingWhetherTheyMayGoWithoutConsent()
    {
        var workflow = ExportOf(Sample);

        var withConsent = workflow.Activity("custody.on.note-added.1.effect.1");
        var withoutConsent = workflow.Activity("custody.on.released.1.effect.1");

        Assert.Equal("Elsa.PublishEvent", TypeOf(withoutConsent));
        Assert.Equal(ElsaExporter.NoticeEvent, Input(withoutConsent, "eventName"));
        Assert.Equal("false", Input(withoutConsent, "isLocalEvent"));
        Assert.False(withoutConsent.TryGetProperty("isLocal", out _));
        Assert.Contains("withoutConsent: false", Input(withConsent, "payload"), StringComparison.Ordinal);
        Assert.Equal(
            "return { template: \"alert\", agencies: [\"treatment\"], withoutConsent: true, state: \"custody\", consentRecorded: getVariable(\"pathway.consent-recorded\") === true };",
            Input(withoutConsent, "payload"));
        Assert.Equal("custody.on.released.1.move", workflow.Next("custody.on.released.1.effect.1", "Done"));
    }

    [Fact]
    public void SettingAFieldSetsTheWorkflowVariableDeclaredForItWithItsType()
    {
        var workflow = ExportOf(Sample);

        var set = workflow.Activity("custody.on.note-added.1.effect.2");
        var variable = workflow.Root.GetProperty("variables").EnumerateArray().Single(v => v.GetProperty("name").GetString() == "attempts");

        Assert.Equal(variable.GetProperty("id").GetString(), set.GetProperty("variable").GetProperty("id").GetString());
        Assert.Equal("Decimal", variable.GetProperty("typeName").GetString());
        Assert.Equal("return 1;", Input(set, "value"));
        Assert.Equal("custody.leave", workflow.Next("custody.on.note-added.1.effect.2", "Done"));
    }

    [Fact]
    public void ActionsKeepTheirDeadlinesAndEscalationsOnTheStatesDecision()
    {
        var workflow = ExportOf(Sample);

        var actions = Custom(workflow.Activity("custody")).GetProperty("actions").EnumerateArray().ToList();

        Assert.Equal("6 weeks before release-date", actions[0].GetProperty("deadline").GetProperty("text").GetString());
        Assert.Equal("notify", actions[0].GetProperty("onMissed")[0].GetProperty("kind").GetString());
        Assert.Equal("within 2 working days", actions[1].GetProperty("deadline").GetProperty("text").GetString());
        Assert.Equal("chased", actions[1].GetProperty("onMissed")[0].GetProperty("event").GetString());
    }

    private static bool IsMove(JsonElement activity) =>
        TypeOf(activity) == "Elsa.SetVariable" && activity.GetProperty("variable").GetProperty("name").GetString()!.StartsWith("pathway.", StringComparison.Ordinal);

    private static string ExpectedType(Effect effect) => effect switch
    {
        NotifyEffect or RaiseEffect => "Elsa.PublishEvent",
        SetFieldEffect => "Elsa.SetVariable",
        _ => throw new ArgumentException("Unknown effect.", nameof(effect)),
    };
}
