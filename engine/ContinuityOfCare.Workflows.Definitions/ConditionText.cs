using System.Text;

namespace ContinuityOfCare.Workflows.Definitions;

/// <summary>Writes a condition back in the pathway language's words, with only the parentheses it needs.</summary>
public static class ConditionText
{
    public static string Write(Condition condition)
    {
        var text = new StringBuilder();
        Write(condition, text, Precedence.Or);
        return text.ToString();
    }

    /// <summary>A value as it would be written in a pathway: texts quoted, everything else bare.</summary>
    public static string Write(Value value) => value.Kind switch
    {
        ValueKind.Text => "\"" + value.Text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"",
        ValueKind.Today => "today",
        ValueKind.Now => "now",
        _ => value.Text,
    };

    public static string Write(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        ComparisonOperator.GreaterOrEqual => ">=",
        _ => throw new ArgumentOutOfRangeException(nameof(op), op, "Unknown comparison."),
    };

    private enum Precedence
    {
        Or,
        And,
        Not,
    }

    private static void Write(Condition condition, StringBuilder text, Precedence context)
    {
        switch (condition)
        {
            case OrCondition or:
                Group(text, context > Precedence.Or, () =>
                {
                    Write(or.Left, text, Precedence.Or);
                    text.Append(" or ");
                    Write(or.Right, text, Precedence.And);
                });
                break;
            case AndCondition and:
                Group(text, context > Precedence.And, () =>
                {
                    Write(and.Left, text, Precedence.And);
                    text.Append(" and ");
                    Write(and.Right, text, Precedence.Not);
                });
                break;
            case NotCondition { Operand: IsSetCondition isSet }:
                text.Append(isSet.Field).Append(" is not set");
                break;
            case NotCondition not:
                text.Append("not ");
                Write(not.Operand, text, Precedence.Not);
                break;
            case IsSetCondition isSet:
                text.Append(isSet.Field).Append(" is set");
                break;
            case CompareCondition { Operator: ComparisonOperator.Equal, Value: { Kind: ValueKind.YesNo, Text: "yes" } } test:
                text.Append(test.Field);
                break;
            case CompareCondition compare:
                text.Append(compare.Field).Append(' ').Append(Write(compare.Operator)).Append(' ').Append(Write(compare.Value));
                break;
            default:
                throw new ArgumentException($"Unknown condition {condition.GetType().Name}.", nameof(condition));
        }
    }

    private static void Group(StringBuilder text, bool parenthesize, Action write)
    {
        if (parenthesize)
        {
            text.Append('(');
        }

        write();
        if (parenthesize)
        {
            text.Append(')');
        }
    }
}
