using System.Globalization;
using System.Text.Json.Serialization;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>
/// The value of a case field, typed as the pathway declares it. Dates are calendar dates (no time,
/// no zone); date-times are instants, shown in the pathway's time zone.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(TextValue), "text")]
[JsonDerivedType(typeof(NumberValue), "number")]
[JsonDerivedType(typeof(YesNoValue), "yesNo")]
[JsonDerivedType(typeof(OptionValue), "option")]
[JsonDerivedType(typeof(DateValue), "date")]
[JsonDerivedType(typeof(DateTimeValue), "dateTime")]
public abstract record FieldValue
{
    /// <summary>The value as a caseworker reads it, e.g. "Friday 19 June 2026" or "yes".</summary>
    public abstract string Display(DateTimeZone zone);
}

public sealed record TextValue(string Text) : FieldValue
{
    public override string Display(DateTimeZone zone) => Text;
}

public sealed record NumberValue(decimal Number) : FieldValue
{
    public override string Display(DateTimeZone zone) => Number.ToString(CultureInfo.InvariantCulture);
}

public sealed record YesNoValue(bool Yes) : FieldValue
{
    public override string Display(DateTimeZone zone) => Yes ? "yes" : "no";
}

/// <summary>One of a one-of field's options.</summary>
public sealed record OptionValue(string Option) : FieldValue
{
    public override string Display(DateTimeZone zone) => Option;
}

public sealed record DateValue(LocalDate Date) : FieldValue
{
    public override string Display(DateTimeZone zone) => Date.ToString("dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}

public sealed record DateTimeValue(Instant Instant) : FieldValue
{
    public override string Display(DateTimeZone zone) =>
        Instant.InZone(zone).ToString("HH:mm 'on' dddd d MMMM yyyy", CultureInfo.InvariantCulture);
}
