namespace ContinuityOfCare.Workflows.Runtime;

/// <summary>A request the runtime refuses, with a message a caseworker can act on. Nothing was changed.</summary>
public abstract class RuntimeException(string message) : Exception(message);

/// <summary>The instance, action item or pathway version does not exist.</summary>
public sealed class NotFoundException(string message) : RuntimeException(message);

/// <summary>A request that cannot be carried out as it was made (a missing author or reason, a version already retracted).</summary>
public sealed class InvalidRequestException(string message) : RuntimeException(message);

/// <summary>A new case was asked to start on a pathway version that has been retracted.</summary>
public sealed class VersionRetractedException(string message) : RuntimeException(message);

/// <summary>Field values that do not fit their fields; <see cref="Errors"/> maps each field to what is wrong.</summary>
public sealed class FieldValidationException(IReadOnlyDictionary<string, string> errors)
    : RuntimeException("Some values do not fit their fields: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")))
{
    public IReadOnlyDictionary<string, string> Errors { get; } = errors;
}

/// <summary>
/// The event cannot be recorded now: the case is not in a state where it can happen, the caller's
/// agency may not record it, or no transition's condition holds. <see cref="PossibleEvents"/> lists
/// what the caller can record instead.
/// </summary>
public sealed class EventRefusedException(string message, IReadOnlyList<string> possibleEvents) : RuntimeException(message)
{
    public IReadOnlyList<string> PossibleEvents { get; } = possibleEvents;
}

/// <summary>The operation does not fit the instance as it is (it has ended, the action is already done, and so on).</summary>
public sealed class InvalidOperationForInstanceException(string message) : RuntimeException(message);

/// <summary>The caller's agency may not do this.</summary>
public sealed class ForbiddenException(string message) : RuntimeException(message);

/// <summary>
/// A due time the calendar cannot count: the case's calendar has neither published bank holidays nor
/// rules for a year the count needs, or the date is so far ahead the count runs off the calendar.
/// <see cref="Field"/> names what the due time counts from (a field, an event, or "state"), <see cref="Date"/> its date.
/// </summary>
public sealed class CalendarCannotCountException(string field, NodaTime.LocalDate date, string message) : RuntimeException(message)
{
    public string Field { get; } = field;

    public NodaTime.LocalDate Date { get; } = date;
}
