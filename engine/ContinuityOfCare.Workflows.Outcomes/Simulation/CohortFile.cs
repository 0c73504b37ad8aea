using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>A mistake in a cohort file: where it is (JSON path and, where known, line) and what is wrong, in words.</summary>
public sealed record CohortError(string Path, int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}, {Path}: {Message}" : $"{Path}: {Message}";
}

/// <summary>A cohort read from a file, or every mistake found in it.</summary>
public sealed record CohortReadResult(Cohort? Cohort, ImmutableArray<CohortError> Errors)
{
    public bool Succeeded => Cohort is not null;
}

/// <summary>
/// Reads a cohort file (JSON; comments and trailing commas allowed) and checks it against the
/// pathway or pathways it will run through. Every mistake is reported, each with its JSON path and
/// line: a shape that is wrong, a state, event, agency, field or action the pathway does not have,
/// probabilities that do not add up to 1, a negative delay, an unknown distribution, a value that
/// does not fit its field.
/// </summary>
public static partial class CohortFile
{
    /// <summary>How far the probabilities of a state's choices may be from adding up to 1.</summary>
    public const double Tolerance = 0.001;

    private static readonly LocalDateTimePattern DateTimePattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd'T'HH:mm");

    /// <param name="pathways">The pathways the cohort will run through: every state it names must be in at least one, and wherever a state is, what the cohort says about it must fit.</param>
    public static CohortReadResult Read(string json, IReadOnlyList<PathwayDefinition> pathways)
    {
        var utf8 = Encoding.UTF8.GetBytes(json);
        var reader = new Reader(new JsonPaths(utf8));
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException invalid)
        {
            return new CohortReadResult(null, [new CohortError("$", (int?)invalid.LineNumber + 1, "This is not valid JSON: " + FirstSentence(invalid.Message))]);
        }

        using (document)
        {
            var cohort = reader.ReadCohort(document.RootElement);
            if (cohort is not null)
            {
                CohortCheck.Check(cohort, pathways, reader);
            }

            var errors = reader.Errors.Distinct().OrderBy(e => e.Line ?? 0).ToImmutableArray();
            return new CohortReadResult(errors.IsEmpty ? cohort : null, errors);
        }
    }

    private static string FirstSentence(string message) => message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0].Trim();

    /// <summary>Reads the cohort's shape, collecting every mistake rather than stopping at the first.</summary>
    internal sealed partial class Reader(JsonPaths paths)
    {
        public List<CohortError> Errors { get; } = [];

        public void Error(string path, string message) => Errors.Add(new CohortError(path, paths.LineOf(path), message));

        public Cohort? ReadCohort(JsonElement root)
        {
            if (!Expect(root, "$", JsonValueKind.Object, "the cohort must be a JSON object"))
            {
                return null;
            }

            var p = Properties(root, "$", "description", "start", "people", "arrivals", "consent", "fields", "until", "report", "states");
            var start = p.TryGetValue("start", out var s) ? DateTime(s, "$.start") : Missing<LocalDateTime?>("$", "start", "when the first person arrives, such as \"2026-01-05T09:00\"");
            var people = p.TryGetValue("people", out var n) ? Count(n, "$.people", minimum: 1) : 100;
            var states = p.TryGetValue("states", out var st) ? States(st) : Missing<ImmutableDictionary<string, CohortState>?>("$", "states", "what happens to people at each state");
            LocalDate? from = null, to = null;
            if (p.TryGetValue("report", out var report) && Expect(report, "$.report", JsonValueKind.Object, "expected an object such as {\"from\": \"2026-01-01\", \"to\": \"2027-01-01\"}"))
            {
                var r = Properties(report, "$.report", "from", "to");
                from = r.TryGetValue("from", out var f) ? Date(f, "$.report.from") : null;
                to = r.TryGetValue("to", out var t) ? Date(t, "$.report.to") : null;
                if (from is { } a && to is { } b && b <= a)
                {
                    Error("$.report", $"the report period must end after it starts: from {a:uuuu-MM-dd} to {b:uuuu-MM-dd} is empty");
                }
            }

            var cohort = new Cohort(
                p.TryGetValue("description", out var d) ? Text(d, "$.description") : null,
                start ?? default,
                people ?? 0,
                p.TryGetValue("arrivals", out var arrivals) ? Arrivals(arrivals) : new AllAtStart(),
                !p.TryGetValue("consent", out var consent) || (Bool(consent, "$.consent") ?? true),
                p.TryGetValue("fields", out var fields) ? Values(fields, "$.fields") : [],
                p.TryGetValue("until", out var until) ? DateTime(until, "$.until") : null,
                from,
                to,
                states ?? ImmutableDictionary<string, CohortState>.Empty);
            return start is null || states is null ? null : cohort;
        }

        private Arrivals Arrivals(JsonElement element)
        {
            const string path = "$.arrivals";
            const string expected = "expected {\"evenlyOver\": \"28 days\"} or {\"perDay\": 10}";
            if (!Expect(element, path, JsonValueKind.Object, expected))
            {
                return new AllAtStart();
            }

            var p = Properties(element, path, "evenlyOver", "perDay");
            if (p.Count != 1)
            {
                Error(path, expected);
                return new AllAtStart();
            }

            return p.TryGetValue("evenlyOver", out var over)
                ? new ArrivalsEvenlyOver(Length(over, path + ".evenlyOver") ?? 0)
                : new ArrivalsPerDay(Count(p["perDay"], path + ".perDay", minimum: 1) ?? 1);
        }

        private ImmutableDictionary<string, CohortState>? States(JsonElement element)
        {
            if (!Expect(element, "$.states", JsonValueKind.Object, "expected an object with one entry per state"))
            {
                return null;
            }

            var states = ImmutableDictionary.CreateBuilder<string, CohortState>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                var path = JsonPaths.Property("$.states", property.Name);
                if (Expect(property.Value, path, JsonValueKind.Object, "expected an object with \"next\", \"actions\", \"newStay\" or \"optional\""))
                {
                    states[property.Name] = State(property.Name, property.Value, path);
                }
            }

            return states.ToImmutable();
        }

        private CohortState State(string id, JsonElement element, string path)
        {
            var p = Properties(element, path, "next", "actions", "newStay", "optional");
            var choices = ImmutableArray.CreateBuilder<CohortChoice>();
            var errorsBefore = Errors.Count;
            if (p.TryGetValue("next", out var next) && Expect(next, path + ".next", JsonValueKind.Array, "expected a list of what can happen next"))
            {
                var i = 0;
                foreach (var item in next.EnumerateArray())
                {
                    if (Choice(item, JsonPaths.Index(path + ".next", i++)) is { } choice)
                    {
                        choices.Add(choice);
                    }
                }
            }

            // One mistake in a choice (a misspelt "probabilty") would make the shares look wrong too: say it once.
            var quotas = Errors.Count == errorsBefore ? CheckShares(choices, path + ".next") : choices.Any(c => c.Exactly >= 0);
            var actions = ImmutableArray.CreateBuilder<CohortAction>();
            if (p.TryGetValue("actions", out var list) && Expect(list, path + ".actions", JsonValueKind.Object, "expected an object with one entry per action"))
            {
                foreach (var action in list.EnumerateObject())
                {
                    var actionPath = JsonPaths.Property(path + ".actions", action.Name);
                    var (probability, after) = Chance(action.Value, actionPath);
                    actions.Add(new CohortAction(actionPath, action.Name, probability, after));
                }
            }

            CohortNewStay? newStay = null;
            if (p.TryGetValue("newStay", out var stay))
            {
                var (probability, after) = Chance(stay, path + ".newStay");
                newStay = new CohortNewStay(path + ".newStay", probability, after);
            }

            var optional = p.TryGetValue("optional", out var o) && (Bool(o, path + ".optional") ?? false);
            return new CohortState(id, path, choices.ToImmutable(), quotas, actions.ToImmutable(), newStay, optional);
        }

        private CohortChoice? Choice(JsonElement element, string path)
        {
            if (!Expect(element, path, JsonValueKind.Object, "expected an object such as {\"event\": \"referral-received\", \"probability\": 0.7, \"after\": \"3 days\"}"))
            {
                return null;
            }

            var errorsBefore = Errors.Count;
            var p = Properties(element, path, "event", "nothing", "probability", "exactly", "by", "values", "after");
            var eventName = p.TryGetValue("event", out var e) ? Text(e, path + ".event") : null;
            var nothing = p.TryGetValue("nothing", out var no) && (Bool(no, path + ".nothing") ?? false);
            if ((eventName is null) == !nothing)
            {
                Error(path, eventName is null
                    ? "say what happens: an \"event\" to record, or \"nothing\": true to let the pathway's timers take their course"
                    : "give either an \"event\" or \"nothing\": true, not both");
            }

            if (p.ContainsKey("probability") == p.ContainsKey("exactly") && Errors.Count == errorsBefore)
            {
                Error(path, "give either a \"probability\" (0 to 1) or an exact count (\"exactly\"), but not both");
            }

            var probability = p.TryGetValue("probability", out var pr) ? Probability(pr, path + ".probability") : 0;
            var exactly = p.TryGetValue("exactly", out var ex) ? Count(ex, path + ".exactly", minimum: 0) ?? 0 : -1;
            return new CohortChoice(
                path,
                nothing ? null : eventName,
                probability,
                exactly,
                p.TryGetValue("by", out var by) ? Text(by, path + ".by") : null,
                p.TryGetValue("values", out var values) ? Values(values, path + ".values") : [],
                p.TryGetValue("after", out var after) ? Delay(after, path + ".after") : Distribution.Immediately);
        }

        /// <summary>Probabilities must add up to 1; exact counts must not be mixed with them. True when the state uses counts.</summary>
        private bool CheckShares(ImmutableArray<CohortChoice>.Builder choices, string path)
        {
            var counted = choices.Count(c => c.Exactly >= 0);
            if (counted > 0 && counted < choices.Count)
            {
                Error(path, "either every choice gives a probability or every choice gives an exact count (\"exactly\"); they cannot be mixed in one state");
                return false;
            }

            var total = choices.Sum(c => c.Probability);
            if (counted == 0 && choices.Count > 0 && Math.Abs(total - 1) > Tolerance)
            {
                Error(path, string.Create(CultureInfo.InvariantCulture, $"the probabilities add up to {Math.Round(total, 4)}, not 1; add a choice with \"nothing\": true for the people to whom nothing happens"));
            }

            if (counted > 0 && choices.Sum(c => c.Exactly) == 0)
            {
                Error(path, "the exact counts add up to 0; at least one must be more than 0");
            }

            return counted > 0;
        }

        /// <summary>An action's completion or a new stay: {"probability": 0.9, "after": ...}.</summary>
        private (double Probability, Distribution After) Chance(JsonElement element, string path)
        {
            if (!Expect(element, path, JsonValueKind.Object, "expected an object such as {\"probability\": 0.9, \"after\": \"2 days\"}"))
            {
                return (0, Distribution.Immediately);
            }

            var p = Properties(element, path, "probability", "after");
            return (
                p.TryGetValue("probability", out var pr) ? Probability(pr, path + ".probability") : 1,
                p.TryGetValue("after", out var after) ? Delay(after, path + ".after") : Distribution.Immediately);
        }

        private ImmutableArray<CohortValue> Values(JsonElement element, string path)
        {
            if (!Expect(element, path, JsonValueKind.Object, "expected an object with a value for each field, such as {\"prison\": \"HMP Example (fictional)\"}"))
            {
                return [];
            }

            var values = ImmutableArray.CreateBuilder<CohortValue>();
            foreach (var field in element.EnumerateObject())
            {
                var fieldPath = JsonPaths.Property(path, field.Name);
                switch (field.Value.ValueKind)
                {
                    case JsonValueKind.String:
                        values.Add(new ConstantValue(fieldPath, field.Name, field.Value.GetString()!));
                        break;
                    case JsonValueKind.True or JsonValueKind.False:
                        values.Add(new ConstantValue(fieldPath, field.Name, field.Value.GetBoolean() ? "yes" : "no"));
                        break;
                    case JsonValueKind.Number:
                        values.Add(new ConstantValue(fieldPath, field.Name, field.Value.GetRawText()));
                        break;
                    case JsonValueKind.Object when field.Value.TryGetProperty("fromNow", out var fromNow) && field.Value.EnumerateObject().Count() == 1:
                        values.Add(new FromNowValue(fieldPath, field.Name, Delay(fromNow, fieldPath + ".fromNow")));
                        break;
                    default:
                        Error(fieldPath, "expected a value (text, yes/no, a number, a date) or a date relative to the moment it is recorded, such as {\"fromNow\": {\"uniform\": {\"min\": \"8 weeks\", \"max\": \"16 weeks\"}}}");
                        break;
                }
            }

            return values.ToImmutable();
        }
    }
}
