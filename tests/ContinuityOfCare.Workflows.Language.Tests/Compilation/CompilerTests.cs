using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Tests.Diagnostics;

namespace ContinuityOfCare.Workflows.Language.Tests.Compilation;

public class CompilerTests
{
    private static PathwayDefinition Compile(string text)
    {
        var result = TestCompiler.Compile(text, "sample.pathway");
        Assert.True(result.Succeeded, string.Join("\n", result.Diagnostics));
        return result.Definition!;
    }

    private static string WithAction(string action, string fields = "") =>
        DiagnosticExamples.Header + fields + DiagnosticExamples.States.Replace("  owner carats\n", "  owner carats\n" + action);

    [Fact]
    public void HeaderDefaultsToLondonTimeAndTheEnglandAndWalesCalendar()
    {
        var definition = Compile(DiagnosticExamples.Header + DiagnosticExamples.States);

        Assert.Equal(("Europe/London", "england-and-wales"), (definition.TimeZone, definition.Calendar));
    }

    [Fact]
    public void ActionWithoutAnAgencyBelongsToTheStateOwner()
    {
        var definition = Compile(WithAction("  action plan \"Plan\"\n"));

        Assert.Equal("carats", definition.FindState("custody")!.Actions.Single().Agency);
    }

    [Fact]
    public void WithinDeadlineAnchoredToAnEventRecordsTheEvent()
    {
        var definition = Compile(WithAction("  action plan \"Plan\" by carats within 5 working days of released or by 09:00 next working day\n"));

        var deadline = Assert.IsType<WithinDeadline>(definition.FindState("custody")!.Actions.Single().Deadline);
        Assert.Equal(new WithinDeadline(new Duration(5, DurationUnit.WorkingDays), new Anchor(AnchorKind.Event, "released"), "09:00"), deadline);
    }

    [Fact]
    public void BeforeDeadlineIsAnchoredToItsDateField()
    {
        var definition = Compile(WithAction("  action plan \"Plan\" by carats 6 weeks before release-date\n", "field release-date: date\n"));

        var deadline = Assert.IsType<BeforeDeadline>(definition.FindState("custody")!.Actions.Single().Deadline);
        Assert.Equal((6, DurationUnit.Weeks, "release-date"), (deadline.Duration.Amount, deadline.Duration.Unit, deadline.Field));
        Assert.Equal(new Anchor(AnchorKind.Field, "release-date"), deadline.DependsOn);
    }

    [Fact]
    public void BareYesNoFieldInAConditionMeansYes()
    {
        var text = DiagnosticExamples.Header + "field risk: yes/no\n" + DiagnosticExamples.States.Replace("on released", "on released when not risk");

        var transition = Compile(text).FindState("custody")!.Transitions.Single();

        Assert.Equal(new NotCondition(new CompareCondition("risk", ComparisonOperator.Equal, new Value(ValueKind.YesNo, "yes"))), transition.Condition);
    }

    [Fact]
    public void NumbersAreStoredInCanonicalForm()
    {
        var text = DiagnosticExamples.Header + "field score: number\n" + DiagnosticExamples.States.Replace("on released", "on released when score >= 10.50");

        var condition = Assert.IsType<CompareCondition>(Compile(text).FindState("custody")!.Transitions.Single().Condition);

        Assert.Equal(new Value(ValueKind.Number, "10.5"), condition.Value);
    }

    [Fact]
    public void CanonicalJsonRoundTripsToAnEqualDefinition()
    {
        var definition = Compile(WithAction("  action plan \"Plan\" by carats within 3 days\n    if missed: notify cjit with alert\n", "template alert \"Alert\"\n  \"\"\"\n  {{ person.name }}\n  \"\"\"\n"));

        var json = DefinitionJson.ToCanonicalJson(definition);

        Assert.Equal(json, DefinitionJson.ToCanonicalJson(DefinitionJson.FromJson(json)));
    }

    [Fact]
    public void TemplateBodyLosesItsCommonIndentationOnly()
    {
        var text = WithAction("  action plan \"Plan\" by carats within 3 days\n    if missed: notify cjit with alert\n", "template alert \"Alert\"\n    \"\"\"\n    Dear {{ recipient.name }},\n      indented line\n    \"\"\"\n");

        Assert.Equal("Dear {{ recipient.name }},\n  indented line", Compile(text).FindTemplate("alert")!.Body);
    }

    [Fact]
    public void NotifyWithoutConsentIsMarkedAndOtherNoticesKeepTheirHash()
    {
        const string template = "template alert \"Alert\"\n  \"\"\"\n  {{ event.note }}\n  \"\"\"\n";
        var plain = WithAction("  action plan \"Plan\" by carats within 3 days\n    if missed: notify cjit with alert\n", template);
        var withoutConsent = plain.Replace("notify cjit with alert", "notify cjit with alert without consent", StringComparison.Ordinal);

        var notify = Assert.IsType<NotifyEffect>(Compile(withoutConsent).FindState("custody")!.Actions.Single().OnMissed.Single());

        Assert.True(notify.WithoutConsent);
        Assert.DoesNotContain("withoutConsent", DefinitionJson.ToCanonicalJson(Compile(plain)), StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(DefinitionJson.ContentHash(Compile(plain)), DefinitionJson.ContentHash(Compile(withoutConsent)));
    }
}
