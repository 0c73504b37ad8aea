using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Export;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Language.Tests.Export;

/// <summary>Each guard's JavaScript, run in Jint, holds exactly when the runtime's own evaluator says the condition holds.</summary>
public class ElsaScriptTests
{
    private const string Comparisons = """
        pathway comparisons
          title "Comparisons"
          partnership "Testshire (fictional)"

        agency cjit "Criminal justice drug team"

        field count: number "Count"
        field name: text "Name"
        field due: date "Due"
        field seen: date-time "Seen"
        field kind: one of court, prison "Kind"
        field flag: yes/no "Flag"

        start state a "A"
          stage "A"
          owner cjit
          on one when count >= 3 and count < 10 -> b
          on two when name != "Sam" or due <= 2026-06-01 -> b
          on three when seen > 2026-05-01T10:00 and not (kind = court) -> b
          on four when seen <= 2026-04-01T09:00 or flag = no -> b
          on five when due is not set and not flag -> b

        final state b "B"
          stage "B"
          owner cjit
          outcome left-pathway

        """;

    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    public static TheoryData<string> Pathways()
    {
        var data = new TheoryData<string> { "comparisons" };
        foreach (var pathway in ElsaExportSnapshotTests.ShippedPathways())
        {
            data.Add(pathway);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Pathways))]
    public void EveryGuardAgreesWithTheRuntimeForEveryValueItsFieldsCanTake(string pathway)
    {
        var definition = pathway == "comparisons" ? TestCompiler.Compile(Comparisons, "comparisons.pathway").Definition! : ElsaWorkflow.CompileShipped(pathway).Definition!;
        var guards = definition.States.SelectMany(s => s.Transitions).Select(t => t.Condition).OfType<Condition>().Distinct().ToList();
        var checkedCases = 0;

        foreach (var guard in guards)
        {
            var script = ElsaScript.Condition(guard, definition);
            foreach (var fields in Combinations(definition, FieldsOf(guard).Distinct().ToList()))
            {
                var engine = new Jint.Engine();
                engine.SetValue("getVariable", (Func<string, object?>)(name => fields.TryGetValue(name, out var v) ? AsVariable(v) : null));
                var inJavaScript = engine.Evaluate(script).ToObject() is true;
                var inRuntime = ConditionEvaluator.Holds(guard, definition, fields, Instant.FromUtc(2026, 5, 1, 12, 0), London);
                Assert.True(inRuntime == inJavaScript, $"{ConditionText.Write(guard)} with {string.Join(", ", fields.Select(f => $"{f.Key}={f.Value}"))}: runtime {inRuntime}, JavaScript {inJavaScript} ({script})");
                checkedCases++;
            }
        }

        Assert.True(checkedCases >= guards.Count * 2, $"{checkedCases} cases for {guards.Count} guards.");
    }

    /// <summary>What a host holds in the field's workflow variable: the same text, flag or number the export's values step writes.</summary>
    private static object AsVariable(FieldValue value) => value switch
    {
        TextValue t => t.Text,
        OptionValue o => o.Option,
        YesNoValue y => y.Yes,
        NumberValue n => (double)n.Number,
        DateValue d => d.Date.ToString("uuuu-MM-dd", null),
        DateTimeValue dt => dt.Instant.InZone(London).ToString("uuuu-MM-dd'T'HH:mm", null),
        _ => throw new ArgumentException("Unknown value.", nameof(value)),
    };

    private static IEnumerable<string> FieldsOf(Condition condition) => condition switch
    {
        AndCondition and => FieldsOf(and.Left).Concat(FieldsOf(and.Right)),
        OrCondition or => FieldsOf(or.Left).Concat(FieldsOf(or.Right)),
        NotCondition not => FieldsOf(not.Operand),
        IsSetCondition isSet => [isSet.Field],
        CompareCondition compare => [compare.Field],
        _ => [],
    };

    /// <summary>Every combination of unset and a few values either side of the constants the pathways use.</summary>
    private static IEnumerable<Dictionary<string, FieldValue>> Combinations(PathwayDefinition definition, IReadOnlyList<string> fields)
    {
        IEnumerable<Dictionary<string, FieldValue>> all = [new(StringComparer.Ordinal)];
        foreach (var id in fields)
        {
            var field = definition.FindField(id)!;
            IEnumerable<string> texts = field.Type switch
            {
                FieldType.YesNo => ["yes", "no"],
                FieldType.OneOf => field.Options,
                FieldType.Number => ["2", "3", "9", "10"],
                FieldType.Date => ["2026-05-31", "2026-06-01", "2026-06-02"],
                FieldType.DateTime => ["2026-04-01T09:00", "2026-05-01T10:00", "2026-05-01T10:01"],
                _ => ["Sam", "Alex"],
            };
            var values = texts.Select(t => FieldValues.TryParse(field, t, London, out var v, out _) ? v : null).OfType<FieldValue>().ToList();
            all = all.SelectMany(c => values.Select(v => new Dictionary<string, FieldValue>(c, StringComparer.Ordinal) { [id] = v }).Append(c));
        }

        return all;
    }
}
