using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Operations;

/// <summary>
/// Decides whether a transition's condition holds for a case's fields. A comparison with a field that
/// has no value is false (write <c>is set</c> or <c>is not set</c> to test for that), so a guard never
/// holds by accident on missing data.
/// </summary>
public static class ConditionEvaluator
{
    public static bool Holds(Condition condition, PathwayDefinition definition, IReadOnlyDictionary<string, FieldValue> fields, Instant now, DateTimeZone zone) => condition switch
    {
        AndCondition and => Holds(and.Left, definition, fields, now, zone) && Holds(and.Right, definition, fields, now, zone),
        OrCondition or => Holds(or.Left, definition, fields, now, zone) || Holds(or.Right, definition, fields, now, zone),
        NotCondition not => !Holds(not.Operand, definition, fields, now, zone),
        IsSetCondition isSet => fields.ContainsKey(isSet.Field),
        CompareCondition compare => Compare(compare, definition, fields, now, zone),
        _ => throw new ArgumentException($"Unknown condition {condition.GetType().Name}.", nameof(condition)),
    };

    private static bool Compare(CompareCondition compare, PathwayDefinition definition, IReadOnlyDictionary<string, FieldValue> fields, Instant now, DateTimeZone zone)
    {
        if (!fields.TryGetValue(compare.Field, out var actual))
        {
            return false;
        }

        var expected = FieldValues.FromConstant(compare.Value, definition.FindField(compare.Field), now, zone);
        int? order = (actual, expected) switch
        {
            (NumberValue a, NumberValue b) => a.Number.CompareTo(b.Number),
            (DateValue a, DateValue b) => a.Date.CompareTo(b.Date),
            (DateTimeValue a, DateTimeValue b) => a.Instant.CompareTo(b.Instant),
            (DateTimeValue a, DateValue b) => a.Instant.InZone(zone).Date.CompareTo(b.Date),
            (TextValue a, TextValue b) => string.CompareOrdinal(a.Text, b.Text),
            (YesNoValue a, YesNoValue b) => a.Yes == b.Yes ? 0 : null,
            (OptionValue a, OptionValue b) => a.Option == b.Option ? 0 : null,
            _ => null,
        };

        return compare.Operator switch
        {
            ComparisonOperator.Equal => order == 0,
            ComparisonOperator.NotEqual => order != 0,
            ComparisonOperator.Less => order < 0,
            ComparisonOperator.LessOrEqual => order <= 0,
            ComparisonOperator.Greater => order > 0,
            ComparisonOperator.GreaterOrEqual => order >= 0,
            _ => false,
        };
    }
}
