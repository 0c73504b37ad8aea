using System.Globalization;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>Reads field values from text (forms, the command line) and checks typed values against their fields.</summary>
public static class FieldValues
{
    private static readonly LocalDateTimePattern LocalDateTime = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    /// <summary>Reads a value written as the pathway language writes constants: yes/no, 2026-06-19, 2026-06-19T10:30, 12.5, an option, or text.</summary>
    public static bool TryParse(FieldDefinition field, string text, DateTimeZone zone, out FieldValue? value, out string? error)
    {
        value = null;
        error = null;
        text = text.Trim();
        switch (field.Type)
        {
            case FieldType.Text:
                value = new TextValue(text);
                return true;
            case FieldType.Number when decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number):
                value = new NumberValue(number);
                return true;
            case FieldType.YesNo when text is "yes" or "no":
                value = new YesNoValue(text == "yes");
                return true;
            case FieldType.OneOf when field.Options.Contains(text):
                value = new OptionValue(text);
                return true;
            case FieldType.Date when LocalDatePattern.Iso.Parse(text) is { Success: true } date:
                value = new DateValue(date.Value);
                return true;
            case FieldType.DateTime when LocalDateTime.Parse(text) is { Success: true } local:
                value = new DateTimeValue(local.Value.InZoneLeniently(zone).ToInstant());
                return true;
            default:
                error = Expected(field);
                return false;
        }
    }

    /// <summary>Why a value does not fit a field, or null when it does.</summary>
    public static string? Check(FieldDefinition field, FieldValue value) => (field.Type, value) switch
    {
        (FieldType.Text, TextValue) => null,
        (FieldType.Number, NumberValue) => null,
        (FieldType.YesNo, YesNoValue) => null,
        (FieldType.Date, DateValue) => null,
        (FieldType.DateTime, DateTimeValue) => null,
        (FieldType.OneOf, OptionValue option) when field.Options.Contains(option.Option) => null,
        _ => Expected(field),
    };

    /// <summary>A constant from a definition (a condition or a <c>set</c> effect) as a value, reading today and now from the clock.</summary>
    public static FieldValue FromConstant(Value constant, FieldDefinition? field, Instant now, DateTimeZone zone) => constant.Kind switch
    {
        ValueKind.Text => new TextValue(constant.Text),
        ValueKind.Number => new NumberValue(decimal.Parse(constant.Text, NumberStyles.Number, CultureInfo.InvariantCulture)),
        ValueKind.YesNo => new YesNoValue(constant.Text == "yes"),
        ValueKind.Option => new OptionValue(constant.Text),
        ValueKind.Date => new DateValue(LocalDatePattern.Iso.Parse(constant.Text).Value),
        ValueKind.DateTime => new DateTimeValue(LocalDateTime.Parse(constant.Text).Value.InZoneLeniently(zone).ToInstant()),
        ValueKind.Today => field?.Type == FieldType.DateTime ? new DateTimeValue(now) : new DateValue(now.InZone(zone).Date),
        ValueKind.Now => field?.Type == FieldType.Date ? new DateValue(now.InZone(zone).Date) : new DateTimeValue(now),
        _ => throw new ArgumentOutOfRangeException(nameof(constant), constant.Kind, "Unknown kind of value."),
    };

    private static string Expected(FieldDefinition field) => field.Type switch
    {
        FieldType.Text => "expected text",
        FieldType.Number => "expected a number such as 12 or 12.5",
        FieldType.YesNo => "expected yes or no",
        FieldType.Date => "expected a date written 2026-06-19",
        FieldType.DateTime => "expected a date and time written 2026-06-19T10:30",
        FieldType.OneOf => "expected one of " + string.Join(", ", field.Options),
        _ => "unexpected value",
    };
}
