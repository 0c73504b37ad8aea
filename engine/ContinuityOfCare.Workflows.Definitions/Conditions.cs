using System.Text.Json.Serialization;

namespace ContinuityOfCare.Workflows.Definitions;

/// <summary>A guard over case fields.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(AndCondition), "and")]
[JsonDerivedType(typeof(OrCondition), "or")]
[JsonDerivedType(typeof(NotCondition), "not")]
[JsonDerivedType(typeof(IsSetCondition), "isSet")]
[JsonDerivedType(typeof(CompareCondition), "compare")]
public abstract record Condition;

public sealed record AndCondition(Condition Left, Condition Right) : Condition;

public sealed record OrCondition(Condition Left, Condition Right) : Condition;

public sealed record NotCondition(Condition Operand) : Condition;

/// <summary>True when the field has a value.</summary>
public sealed record IsSetCondition(string Field) : Condition;

/// <summary>Compares a field with a constant; false when the field is not set.</summary>
public sealed record CompareCondition(string Field, ComparisonOperator Operator, Value Value) : Condition;

/// <summary>A comparison between a field and a value.</summary>
public enum ComparisonOperator
{
    Equal,
    NotEqual,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>The kind of a constant value.</summary>
public enum ValueKind
{
    Text,
    Number,
    Date,
    DateTime,
    YesNo,
    Option,

    /// <summary>The current local date when evaluated.</summary>
    Today,

    /// <summary>The current instant when evaluated.</summary>
    Now,
}

/// <summary>A constant in a condition or a field assignment, in its canonical text form.</summary>
/// <remarks>Numbers use invariant culture, dates ISO 8601 (yyyy-MM-dd, yyyy-MM-ddTHH:mm), yes/no "yes"/"no".</remarks>
public sealed record Value(ValueKind Kind, string Text);
