using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>Conditions over typed fields, compiled from real pathway text.</summary>
public class ConditionEvaluatorTests
{
    private const string Fields = """
        field flag: yes/no
        field score: number
        field route: one of court, custody
        field note: text
        field release-date: date
        field seen-at: date-time
        """;

    private static readonly ImmutableDictionary<string, FieldValue> Case = ImmutableDictionary<string, FieldValue>.Empty
        .Add("flag", new YesNoValue(true))
        .Add("score", new NumberValue(12.5m))
        .Add("route", new OptionValue("court"))
        .Add("note", new TextValue("urgent"))
        .Add("release-date", new DateValue(new LocalDate(2026, 6, 19)))
        .Add("seen-at", new DateTimeValue(At("2026-06-01 09:00")));

    [Theory]
    [InlineData("flag", true)]
    [InlineData("not flag", false)]
    [InlineData("score > 12", true)]
    [InlineData("score >= 12.5 and score <= 12.5", true)]
    [InlineData("score < 12.5", false)]
    [InlineData("route = court", true)]
    [InlineData("route is not custody", true)]
    [InlineData("note = \"urgent\"", true)]
    [InlineData("note != \"urgent\"", false)]
    [InlineData("release-date > 2026-06-18", true)]
    [InlineData("release-date <= today", false)]
    [InlineData("seen-at < 2026-06-01T09:30", true)]
    [InlineData("seen-at <= now", true)]
    [InlineData("flag and (route = custody or score > 10)", true)]
    [InlineData("not (flag or route = custody)", false)]
    public void ConditionsHoldAsWritten(string condition, bool expected) =>
        Assert.Equal(expected, Evaluate(condition, Case));

    [Theory]
    [InlineData("score > 0")]
    [InlineData("score <= 0")]
    [InlineData("route = court")]
    [InlineData("release-date <= today")]
    [InlineData("flag")]
    public void AComparisonWithAFieldThatHasNoValueIsFalse(string condition) =>
        Assert.False(Evaluate(condition, ImmutableDictionary<string, FieldValue>.Empty));

    [Fact]
    public void IsSetTestsForAValue()
    {
        Assert.True(Evaluate("score is set", Case));
        Assert.True(Evaluate("score is not set", ImmutableDictionary<string, FieldValue>.Empty));
        Assert.True(Evaluate("not (score > 0) and score is not set", ImmutableDictionary<string, FieldValue>.Empty));
    }

    private static bool Evaluate(string condition, IReadOnlyDictionary<string, FieldValue> fields)
    {
        var text = $"""
            pathway conditions
              title "Conditions"
              partnership "Testshire (fictional)"
            agency team "Team"
            {Fields}
            start state s "S"
              stage "S"
              owner team
              on go when {condition} -> f
            final state f "F"
              stage "F"
              owner team
              outcome done
            """;
        var result = ContinuityOfCare.Workflows.Language.Tests.TestCompiler.Compile(text);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        var definition = result.Definition!;
        var guard = definition.States[0].Transitions[0].Condition!;
        return ConditionEvaluator.Holds(guard, definition, fields, At("2026-06-10 12:00"), London);
    }
}
