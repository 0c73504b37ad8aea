using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Cases;

/// <summary>
/// The size and shape of everything a request may send, in one place (the API docs list the same
/// figures): a refusal names the field and says what is allowed, before anything is changed.
/// </summary>
public static partial class InputLimits
{
    /// <summary>A person's name, an account's display name.</summary>
    public const int Name = 200;

    /// <summary>A note on an event, a pathway version's note, a reason for cancelling or retracting.</summary>
    public const int Note = 2000;

    /// <summary>A field value sent as text.</summary>
    public const int FieldValue = 2000;

    /// <summary>An identifier: a pathway, event, state, field, agency or user name.</summary>
    public const int Identifier = 100;

    /// <summary>A partnership's name, an email address.</summary>
    public const int LongName = 300;

    /// <summary>The most a list may be asked to skip.</summary>
    public const int MaxSkip = 1_000_000;

    /// <summary>The earliest plausible date of birth.</summary>
    public static readonly LocalDate EarliestBirth = new(1900, 1, 1);

    /// <summary>The youngest a person in custody may be (the age of criminal responsibility in England and Wales).</summary>
    public const int YoungestAge = 10;

    public const string PrisonNumberFormat = "a prison number is one letter, four digits and two letters, for example A1234BC";

    /// <summary>A prison number, upper-cased, when it has the shape A1234BC.</summary>
    public static bool TryReadPrisonNumber(string? text, out string prisonNumber)
    {
        prisonNumber = (text ?? "").Trim().ToUpperInvariant();
        return PrisonNumberPattern().IsMatch(prisonNumber);
    }

    /// <summary>
    /// Why a text may not be stored, or null when it may: too long, or carrying a control character
    /// (NUL and the like; tab and line breaks only where the text may run over several lines) or a
    /// character that reverses the direction of text (U+202E and its kin, which can make one thing
    /// read as another), or half of a surrogate pair.
    /// </summary>
    public static string? Problem(string? text, int maxLength, bool multiLine = false)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > maxLength)
        {
            return $"{maxLength} characters at most (this is {text.Length})";
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"character {i + 1} is half of a character, not a whole one";
            }

            if (multiLine && c is '\n' or '\r' or '\t')
            {
                continue;
            }

            if (char.IsControl(c))
            {
                return $"character {i + 1} is a control character (U+{(int)c:X4}), which is not allowed";
            }

            if (IsDirectionControl(c))
            {
                return $"character {i + 1} changes the direction of the text (U+{(int)c:X4}), which is not allowed";
            }
        }

        return null;
    }

    /// <summary>Adds the problem with a text, if any, under the field's name.</summary>
    public static void Check(IDictionary<string, string> errors, string field, string? text, int maxLength, bool multiLine = false)
    {
        if (Problem(text, maxLength, multiLine) is { } problem)
        {
            errors[field] = problem;
        }
    }

    /// <summary>Why a date of birth is not plausible, or null when it is.</summary>
    public static string? BirthProblem(LocalDate born, LocalDate today)
    {
        var latest = today.PlusYears(-YoungestAge);
        return born < EarliestBirth || born > latest
            ? $"a date of birth from {EarliestBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} to {latest.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({YoungestAge} years ago)"
            : null;
    }

    /// <summary>Skip and take of a list, checked: skip from 0 to <see cref="MaxSkip"/>, take from 1 to <paramref name="maxTake"/>.</summary>
    public static void CheckPage(IDictionary<string, string> errors, int? skip, int? take, int maxTake)
    {
        if (skip is < 0 or > MaxSkip)
        {
            errors["skip"] = $"skip is a whole number from 0 to {MaxSkip:N0}";
        }

        if (take is < 1 || take > maxTake)
        {
            errors["take"] = $"take is a whole number from 1 to {maxTake}";
        }
    }

    private static bool IsDirectionControl(char c) =>
        c is '\u061C' or '\u200E' or '\u200F' or (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    [GeneratedRegex("^[A-Z][0-9]{4}[A-Z]{2}$", RegexOptions.CultureInvariant)]
    private static partial Regex PrisonNumberPattern();
}
