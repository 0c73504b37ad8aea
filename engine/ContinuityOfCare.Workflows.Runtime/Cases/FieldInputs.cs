using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Cases;

/// <summary>
/// The values someone gives for a case's fields with a change: typed already (a form that read
/// them, the simulator), or as text written the way the pathway language writes constants
/// (<c>2027-03-01</c>, <c>yes</c>, an option's id), read against the case's own definition once the
/// case is loaded. Either way the runtime checks them once, against the fields of the version the
/// case runs on.
/// </summary>
public sealed class FieldInputs
{
    private readonly IReadOnlyDictionary<string, FieldValue>? _typed;
    private readonly IReadOnlyDictionary<string, string>? _text;
    private readonly string? _errorPrefix;
    private readonly IReadOnlyDictionary<string, string> _unreadable;

    private FieldInputs(IReadOnlyDictionary<string, FieldValue>? typed, IReadOnlyDictionary<string, string>? text, string? errorPrefix, IReadOnlyDictionary<string, string>? unreadable)
    {
        _typed = typed;
        _text = text;
        _errorPrefix = errorPrefix;
        _unreadable = unreadable ?? new Dictionary<string, string>();
    }

    /// <summary>No values.</summary>
    public static FieldInputs None { get; } = new(null, null, null, null);

    public static FieldInputs Typed(IReadOnlyDictionary<string, FieldValue> values) => new(values, null, null, null);

    /// <param name="errorPrefix">How a request names these values, so that an error names each one as <c>prefix.field</c> (e.g. <c>values.release-date</c>).</param>
    /// <param name="unreadable">Values that could not even be read as text, with why, by their error name: reported with every other mistake.</param>
    public static FieldInputs Text(IReadOnlyDictionary<string, string> values, string? errorPrefix = null, IReadOnlyDictionary<string, string>? unreadable = null) =>
        new(null, values, errorPrefix, unreadable);

    public static implicit operator FieldInputs(ImmutableDictionary<string, FieldValue> values) => Typed(values);

    public static implicit operator FieldInputs(Dictionary<string, FieldValue> values) => Typed(values);

    public bool IsEmpty => (_typed?.Count ?? 0) + (_text?.Count ?? 0) + _unreadable.Count == 0;

    /// <summary>How an error names a field.</summary>
    public string Key(string field) => _errorPrefix is null ? field : $"{_errorPrefix}.{field}";

    /// <summary>
    /// The values, read and checked against the definition's fields; <paramref name="allowed"/>, when
    /// given, limits which fields may be set (those an event asks for).
    /// </summary>
    /// <exception cref="FieldValidationException">Every value that is not a field of the pathway, not asked for, or does not fit its field, by field.</exception>
    internal ImmutableDictionary<string, FieldValue> Read(PathwayDefinition definition, DateTimeZone zone, IReadOnlySet<string>? allowed, string? eventName)
    {
        var read = ImmutableDictionary.CreateBuilder<string, FieldValue>(StringComparer.Ordinal);
        var errors = new SortedDictionary<string, string>(_unreadable.ToDictionary(), StringComparer.Ordinal);
        foreach (var id in Ids())
        {
            var field = definition.FindField(id);
            if (field is null)
            {
                errors[Key(id)] = $"there is no field '{id}' in this pathway";
            }
            else if (allowed is not null && !allowed.Contains(id))
            {
                errors[Key(id)] = allowed.Count == 0
                    ? $"'{eventName}' does not ask for any values"
                    : $"'{eventName}' asks only for {string.Join(", ", allowed.Order(StringComparer.Ordinal))}";
            }
            else if (_typed is not null)
            {
                var value = _typed[id];
                if (FieldValues.Check(field, value) is { } problem)
                {
                    errors[Key(id)] = problem;
                }
                else
                {
                    read[id] = value;
                }
            }
            else if (FieldValues.TryParse(field, _text![id], zone, out var parsed, out var error))
            {
                read[id] = parsed!;
            }
            else
            {
                errors[Key(id)] = error!;
            }
        }

        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }

        return read.ToImmutable();
    }

    private IEnumerable<string> Ids() => (IEnumerable<string>?)_typed?.Keys ?? _text?.Keys ?? [];
}
