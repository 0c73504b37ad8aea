using System.Text.Json;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

public static partial class CohortFile
{
    /// <summary>The reader's small pieces: kinds of value, lengths of time and distributions.</summary>
    internal sealed partial class Reader
    {
        private static readonly string[] DistributionNames = ["fixed", "uniform", "exponential", "lognormal"];

        public bool Expect(JsonElement element, string path, JsonValueKind kind, string message)
        {
            if (element.ValueKind == kind)
            {
                return true;
            }

            Error(path, message);
            return false;
        }

        /// <summary>An object's properties by name; any other property is a mistake (most likely a misspelling).</summary>
        public Dictionary<string, JsonElement> Properties(JsonElement element, string path, params string[] known)
        {
            var found = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (known.Contains(property.Name, StringComparer.Ordinal))
                {
                    found[property.Name] = property.Value;
                }
                else
                {
                    Error(JsonPaths.Property(path, property.Name), $"unknown property '{property.Name}'; expected {string.Join(", ", known.Select(k => $"'{k}'"))}");
                }
            }

            return found;
        }

        public T? Missing<T>(string path, string property, string what)
        {
            Error(path, $"'{property}' is missing: say {what}");
            return default;
        }

        public string? Text(JsonElement element, string path) =>
            Expect(element, path, JsonValueKind.String, "expected text in double quotes") ? element.GetString() : null;

        public bool? Bool(JsonElement element, string path) =>
            element.ValueKind is JsonValueKind.True or JsonValueKind.False ? element.GetBoolean() : Wrong<bool?>(path, "expected true or false");

        public int? Count(JsonElement element, string path, int minimum) =>
            element.ValueKind == JsonValueKind.Number && element.TryGetInt32(out var n) && n >= minimum
                ? n
                : Wrong<int?>(path, $"expected a whole number, {minimum} or more");

        public double Probability(JsonElement element, string path) =>
            element.ValueKind == JsonValueKind.Number && element.GetDouble() is >= 0 and <= 1 and var p
                ? p
                : Wrong<double>(path, "expected a probability: a number from 0 to 1");

        public LocalDate? Date(JsonElement element, string path) =>
            element.ValueKind == JsonValueKind.String && LocalDatePattern.Iso.Parse(element.GetString()!) is { Success: true } parsed
                ? parsed.Value
                : Wrong<LocalDate?>(path, "expected a date written \"2026-01-05\"");

        public LocalDateTime? DateTime(JsonElement element, string path) =>
            element.ValueKind == JsonValueKind.String && DateTimePattern.Parse(element.GetString()!) is { Success: true } parsed
                ? parsed.Value
                : Wrong<LocalDateTime?>(path, "expected a local date and time written \"2026-01-05T09:00\"");

        /// <summary>A length of time, "3 days"; a negative one is refused with its own message.</summary>
        public long? Length(JsonElement element, string path)
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                return Wrong<long?>(path, "expected a length of time in double quotes, such as \"6 hours\", \"3 days\" or \"2 weeks\"");
            }

            var text = element.GetString()!;
            if (text.TrimStart().StartsWith('-'))
            {
                return Wrong<long?>(path, $"'{text}' is negative; a delay cannot go back in time");
            }

            return DelayText.TryParseMinutes(text) ?? Wrong<long?>(path, $"'{text}' is not a length of time; write a number and minutes, hours, days or weeks, such as \"6 hours\" or \"1.5 days\"");
        }

        /// <summary>A delay: "3 days" (fixed), or {"fixed"|"uniform"|"exponential"|"lognormal": ...}.</summary>
        public Distribution Delay(JsonElement element, string path)
        {
            if (element.ValueKind == JsonValueKind.String)
            {
                return new FixedDelay(Length(element, path) ?? 0);
            }

            if (element.ValueKind != JsonValueKind.Object || element.EnumerateObject().Count() != 1)
            {
                Error(path, "expected a length of time such as \"3 days\", or one distribution: {\"fixed\": \"3 days\"}, {\"uniform\": {\"min\": \"1 day\", \"max\": \"5 days\"}}, {\"exponential\": {\"mean\": \"2 days\"}} or {\"lognormal\": {\"median\": \"2 days\", \"spread\": 1.5}}");
                return Distribution.Immediately;
            }

            var kind = element.EnumerateObject().Single();
            var at = JsonPaths.Property(path, kind.Name);
            switch (kind.Name)
            {
                case "fixed":
                    return new FixedDelay(Length(kind.Value, at) ?? 0);
                case "uniform" when Parameters(kind.Value, at, "min", "max") is { } p:
                    var (min, max) = (Length(p["min"], at + ".min"), Length(p["max"], at + ".max"));
                    if (min > max)
                    {
                        Error(at, "'min' is longer than 'max'");
                    }

                    return new UniformDelay(min ?? 0, Math.Max(min ?? 0, max ?? 0));
                case "exponential" when Parameters(kind.Value, at, "mean") is { } p:
                    return new ExponentialDelay(Length(p["mean"], at + ".mean") ?? 0);
                case "lognormal" when Parameters(kind.Value, at, "median", "spread") is { } p:
                    var spread = p["spread"].ValueKind == JsonValueKind.Number && p["spread"].GetDouble() >= 1
                        ? p["spread"].GetDouble()
                        : Wrong<double>(at + ".spread", "expected a number, 1 or more: the factor one standard deviation stretches the delay by (1 means always the median)");
                    return new LognormalDelay(Length(p["median"], at + ".median") ?? 0, Math.Max(spread, 1));
                case "uniform" or "exponential" or "lognormal":
                    return Distribution.Immediately;
                default:
                    Error(at, $"unknown distribution '{kind.Name}'; use {string.Join(", ", DistributionNames)}");
                    return Distribution.Immediately;
            }
        }

        /// <summary>A distribution's parameters: exactly the ones named, or null after saying what is wrong.</summary>
        private Dictionary<string, JsonElement>? Parameters(JsonElement element, string path, params string[] names)
        {
            if (!Expect(element, path, JsonValueKind.Object, $"expected an object with {string.Join(" and ", names.Select(n => $"'{n}'"))}"))
            {
                return null;
            }

            var p = Properties(element, path, names);
            var missing = names.Where(n => !p.ContainsKey(n)).ToList();
            foreach (var name in missing)
            {
                Error(path, $"'{name}' is missing");
            }

            return missing.Count == 0 ? p : null;
        }

        private T? Wrong<T>(string path, string message)
        {
            Error(path, message);
            return default;
        }
    }
}
