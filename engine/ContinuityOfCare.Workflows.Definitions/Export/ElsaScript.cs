using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ContinuityOfCare.Workflows.Definitions.Export;

/// <summary>
/// The JavaScript Elsa's own expression module evaluates for a pathway: guards, values, the instants
/// timers wait for, and taking in the values recorded with an event. Every script reads the case
/// through Elsa's <c>getVariable</c> and writes it through <c>setVariable</c>, so it needs nothing
/// registered in the host except, for a timer counted in working days, <c>addWorkingDays</c>.
/// </summary>
/// <remarks>
/// The pathway language's rule that a comparison with an empty field is false is written out in
/// every comparison (<c>x != null &amp;&amp; …</c>), so a guard never holds by accident on missing data.
/// Dates are held as their ISO 8601 text and compare in order as text; date-times as the local text
/// the pathway language writes (<c>yyyy-MM-ddTHH:mm</c>).
/// </remarks>
public static class ElsaScript
{
    /// <summary>The expression type of Elsa's JavaScript module.</summary>
    public const string ExpressionType = "JavaScript";

    /// <summary>The host function a timer in working days calls; docs/elsa-export.md gives its contract.</summary>
    public const string WorkingDaysFunction = "addWorkingDays";

    private static readonly JsonSerializerOptions Strings = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A text as a JavaScript string literal.</summary>
    public static string Quote(string text) => JsonSerializer.Serialize(text, Strings);

    /// <summary>Reading a workflow variable by its name.</summary>
    public static string Read(string variable) => $"getVariable({Quote(variable)})";

    /// <summary>A guard as a JavaScript expression that is true exactly when the pathway's condition holds.</summary>
    public static string Condition(Condition condition, PathwayDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(definition);
        var script = new StringBuilder();
        Write(condition, definition, script, nested: false);
        return script.ToString();
    }

    /// <summary>A constant as the JavaScript value the field's variable holds.</summary>
    public static string Value(Value value, FieldType? fieldType) => value.Kind switch
    {
        ValueKind.Number => decimal.Parse(value.Text, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture),
        ValueKind.YesNo => value.Text == "yes" ? "true" : "false",
        // Today and now are read in UTC: Elsa's JavaScript has no time-zone database to ask.
        ValueKind.Today => "new Date().toISOString().slice(0, 10)",
        ValueKind.Now => fieldType == FieldType.Date ? "new Date().toISOString().slice(0, 10)" : "new Date().toISOString().slice(0, 16)",
        _ => Quote(value.Text),
    };

    /// <summary>The script of the step that takes in the values recorded with an event, and when it was recorded.</summary>
    /// <param name="askedFields">The fields the event asks for, with their types.</param>
    /// <param name="recordedAtVariable">The variable holding when the event was last recorded, or null when no timer counts from it.</param>
    public static string TakeValues(IReadOnlyList<FieldDefinition> askedFields, string? recordedAtVariable)
    {
        var script = new StringBuilder();
        if (askedFields.Count > 0)
        {
            script.Append("const recorded = getLastResult() ?? {};\n");
            script.Append("const given = name => recorded[name] !== undefined && recorded[name] !== null;\n");
            foreach (var field in askedFields)
            {
                var value = $"recorded[{Quote(field.Id)}]";
                var typed = field.Type switch
                {
                    FieldType.YesNo => $"{value} === true || {value} === \"yes\"",
                    FieldType.Number => $"Number({value})",
                    _ => $"String({value})",
                };
                script.Append($"if (given({Quote(field.Id)})) setVariable({Quote(field.Id)}, {typed});\n");
            }
        }

        if (recordedAtVariable is not null)
        {
            script.Append($"setVariable({Quote(recordedAtVariable)}, new Date().toISOString());\n");
        }

        return script.ToString().TrimEnd('\n');
    }

    /// <summary>
    /// The instant a timer fires, as an ISO 8601 text, counted from the variable that holds its anchor.
    /// Hours, days and weeks are counted as elapsed time (a day is 24 hours); working days call the
    /// host's <see cref="WorkingDaysFunction"/> with the pathway's calendar and time zone.
    /// </summary>
    public static string TimerInstant(Delay delay, string anchorVariable, FieldType? anchorFieldType, PathwayDefinition definition)
    {
        // A date field counts from the start of its day; a local date-time as if it were UTC (docs/elsa-export.md says so).
        var from = anchorFieldType switch
        {
            FieldType.Date => "Date.parse(from + \"T00:00:00Z\")",
            FieldType.DateTime => "Date.parse(from + \":00Z\")",
            _ => "Date.parse(from)",
        };
        var amount = delay.Duration.Amount;
        var at = delay.Duration.Unit switch
        {
            DurationUnit.Hours => $"new Date({from} + {amount} * 3600000).toISOString()",
            DurationUnit.Days => $"new Date({from} + {amount} * 86400000).toISOString()",
            DurationUnit.Weeks => $"new Date({from} + {amount * 7} * 86400000).toISOString()",
            DurationUnit.WorkingDays => $"{WorkingDaysFunction}(new Date({from}).toISOString(), {amount}, {Quote(definition.Calendar)}, {Quote(definition.TimeZone)})",
            _ => throw new ArgumentOutOfRangeException(nameof(delay), delay.Duration.Unit, "Unknown unit."),
        };
        return $"const from = {Read(anchorVariable)};\nreturn {at};";
    }

    private static void Write(Condition condition, PathwayDefinition definition, StringBuilder script, bool nested)
    {
        switch (condition)
        {
            case AndCondition and:
                Binary(and.Left, "&&", and.Right, definition, script, nested);
                break;
            case OrCondition or:
                Binary(or.Left, "||", or.Right, definition, script, nested);
                break;
            case NotCondition not:
                script.Append("!(");
                Write(not.Operand, definition, script, nested: false);
                script.Append(')');
                break;
            case IsSetCondition isSet:
                script.Append(Read(isSet.Field)).Append(" != null");
                break;
            case CompareCondition compare:
                Compare(compare, definition, script, nested);
                break;
            default:
                throw new ArgumentException($"Unknown condition {condition.GetType().Name}.", nameof(condition));
        }
    }

    private static void Binary(Condition left, string op, Condition right, PathwayDefinition definition, StringBuilder script, bool nested)
    {
        if (nested)
        {
            script.Append('(');
        }

        Write(left, definition, script, nested: true);
        script.Append(' ').Append(op).Append(' ');
        Write(right, definition, script, nested: true);
        if (nested)
        {
            script.Append(')');
        }
    }

    private static void Compare(CompareCondition compare, PathwayDefinition definition, StringBuilder script, bool nested)
    {
        var fieldType = definition.FindField(compare.Field)?.Type;
        var read = Read(compare.Field);
        // A date-time compared with a date compares its local day, as the engine does.
        var operand = fieldType == FieldType.DateTime && compare.Value.Kind is ValueKind.Date or ValueKind.Today ? $"{read}.slice(0, 10)" : read;
        var op = compare.Operator switch
        {
            ComparisonOperator.Equal => "===",
            ComparisonOperator.NotEqual => "!==",
            ComparisonOperator.Less => "<",
            ComparisonOperator.LessOrEqual => "<=",
            ComparisonOperator.Greater => ">",
            ComparisonOperator.GreaterOrEqual => ">=",
            _ => throw new ArgumentOutOfRangeException(nameof(compare), compare.Operator, "Unknown comparison."),
        };
        var value = Value(compare.Value, fieldType);
        if (nested)
        {
            script.Append('(');
        }

        script.Append(read).Append(" != null && ").Append(operand).Append(' ').Append(op).Append(' ').Append(value);
        if (nested)
        {
            script.Append(')');
        }
    }
}
