using System.Globalization;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Syntax;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>Decides whether a written value fits a field's type, and gives its canonical form.</summary>
internal static class ValueChecker
{
    /// <summary>The value as the field's type, or null with the reason it does not fit.</summary>
    public static (Value? Value, string? Problem) Convert(FieldSyntax field, ValueSyntax value)
    {
        var type = field.Type.Type;
        switch (type)
        {
            case FieldType.Text when value.Kind == ValueSyntaxKind.Text:
                return (new Value(ValueKind.Text, value.Text), null);
            case FieldType.Number when value.Kind == ValueSyntaxKind.Number:
                var number = decimal.Parse(value.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
                return (new Value(ValueKind.Number, number.ToString("G29", CultureInfo.InvariantCulture)), null);
            case FieldType.Date when value.Kind == ValueSyntaxKind.Date:
                return IsRealDate(value.Text)
                    ? (new Value(ValueKind.Date, value.Text), null)
                    : (null, "invalid-date");
            case FieldType.Date when value is { Kind: ValueSyntaxKind.Word, Text: "today" }:
                return (new Value(ValueKind.Today, "today"), null);
            case FieldType.DateTime when value.Kind == ValueSyntaxKind.DateTime:
                return IsRealDate(value.Text[..10]) && IsRealTime(value.Text[11..])
                    ? (new Value(ValueKind.DateTime, value.Text), null)
                    : (null, "invalid-date");
            case FieldType.DateTime when value is { Kind: ValueSyntaxKind.Word, Text: "now" }:
                return (new Value(ValueKind.Now, "now"), null);
            case FieldType.YesNo when value is { Kind: ValueSyntaxKind.Word, Text: "yes" or "no" }:
                return (new Value(ValueKind.YesNo, value.Text), null);
            case FieldType.OneOf when value.Kind == ValueSyntaxKind.Word && field.Type.Options.Any(o => o.Name == value.Text):
                return (new Value(ValueKind.Option, value.Text), null);
            default:
                return (null, Describe(value));
        }
    }

    /// <summary>Whether the operator makes sense for the field's type (ordering only for numbers and dates).</summary>
    public static bool SupportsOrdering(FieldType type) => type is FieldType.Number or FieldType.Date or FieldType.DateTime;

    public static string Describe(ValueSyntax value) => value.Kind switch
    {
        ValueSyntaxKind.Text => $"the text \"{value.Text}\"",
        ValueSyntaxKind.Number => $"the number {value.Text}",
        ValueSyntaxKind.Date => $"the date {value.Text}",
        ValueSyntaxKind.DateTime => $"the date and time {value.Text}",
        _ => $"'{value.Text}'",
    };

    public static bool IsRealDate(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static bool IsRealTime(string text) =>
        TimeOnly.TryParseExact(text, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
