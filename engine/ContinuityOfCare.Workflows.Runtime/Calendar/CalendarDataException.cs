namespace ContinuityOfCare.Workflows.Runtime.Calendar;

/// <summary>
/// The bank holiday data is wrong, missing a calendar, or does not cover the date asked about. The
/// message says what is wrong and, where it helps, that a newer bank-holidays.json can be imported.
/// </summary>
/// <remarks>
/// Not a <c>RuntimeException</c>: it is never the caller's mistake, but a fact the operator must
/// fix by importing data, so hosts should report it as such rather than as a refused request.
/// </remarks>
public sealed class CalendarDataException(string message) : Exception(message);
