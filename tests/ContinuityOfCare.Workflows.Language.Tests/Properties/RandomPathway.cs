using System.Text;
using CsCheck;

namespace ContinuityOfCare.Workflows.Language.Tests.Properties;

/// <summary>
/// Generates valid pathways with every construct of the language, laid out untidily: random
/// indentation, blank lines and comments on their own lines or at the ends of lines.
/// </summary>
public static class RandomPathway
{
    private static readonly string[] Agencies = ["carats", "cjit", "healthcare", "probation"];
    private static readonly string[] Conditions =
    [
        "priority", "not priority", "score >= 10", "score < 3 and priority", "route = court or route is prison",
        "release-date is set", "release-date is not set", "not (route = court) and (score > 2 or priority)",
        "release-date <= today", "seen-at < 2026-03-01T09:00", "note = \"urgent\"", "note != \"\"",
    ];

    private static readonly string[] Deadlines =
    [
        "within 24 hours", "within 24 hours or by 09:00 next working day", "within 3 days of advanced",
        "within 5 working days of advanced", "6 weeks before release-date", "2 working days before release-date",
        "by release-date", "within 1 week of seen-at", "within 1 day", "within 1 working day",
    ];

    private static readonly string[] Effects =
    [
        "notify cjit with alert", "notify carats, probation with alert", "notify probation with alert without consent", "set priority = yes", "set score = 12.5",
        "set route = community", "set release-date = today", "set seen-at = now", "set note = \"changed \\\"quoted\\\"\"",
    ];

    public static Gen<string> Pathways { get; } =
        Gen.Select(Gen.Int[1, 8], Gen.Int[0, int.MaxValue], (states, seed) => Build(states, new Random(seed)));

    private static string Build(int states, Random random)
    {
        var lines = new List<string>
        {
            "pathway random-pathway",
            "title \"Random pathway\"",
            "partnership \"Testshire (fictional)\"",
        };
        if (random.Next(2) == 0)
        {
            lines.Add("time zone Europe/London");
        }

        lines.AddRange(Agencies.Select(a => $"agency {a} \"The {a} team\""));
        lines.AddRange(
        [
            "field release-date: date \"Release date\"", "field seen-at: date-time", "field priority: yes/no",
            "field score: number", "field route: one of court, prison, community", "field note: text",
            "template alert \"Alert form\"", "\"\"\"", "{{ person.name }} ({{ person.prison_number }}): {{ event.note }}",
            "  Release date: {{ fields.release_date }}", "\"\"\"",
        ]);
        for (var i = 0; i < states; i++)
        {
            var next = i + 1 < states ? $"s{i + 1}" : "done";
            lines.Add($"{(i == 0 ? "start state" : "state")} s{i} \"Step {i}\"");
            lines.Add($"stage \"Stage {i % 3}\"");
            lines.Add($"owner {Agencies[random.Next(Agencies.Length)]}");
            for (var a = random.Next(3); a > 0; a--)
            {
                lines.Add($"action act-{a} \"Action {a}\" by {Agencies[random.Next(Agencies.Length)]} {Deadlines[random.Next(Deadlines.Length)]}");
                if (random.Next(2) == 0)
                {
                    lines.Add(random.Next(2) == 0 ? "if missed: notify cjit with alert" : "if missed raise advanced");
                }
            }

            lines.Add($"on advanced when {Conditions[random.Next(Conditions.Length)]} -> {next}");
            for (var e = random.Next(3); e > 0; e--)
            {
                lines.Add(Effects[random.Next(Effects.Length)]);
            }

            lines.Add($"on advanced with note, score by carats, cjit -> {next}");
            if (random.Next(2) == 0)
            {
                lines.Add($"after {random.Next(1, 40)} days{(random.Next(2) == 0 ? " of advanced" : "")} -> done");
            }
        }

        lines.AddRange(["final state done \"Done\"", "stage \"Done\"", "owner cjit", "outcome left-pathway"]);
        return Untidy(lines, random);
    }

    /// <summary>Random indentation, blank lines and comments: everything the formatter must tidy without changing meaning.</summary>
    private static string Untidy(List<string> lines, Random random)
    {
        var text = new StringBuilder();
        var inBlock = false;
        foreach (var line in lines)
        {
            var isQuotes = line == "\"\"\"";
            if (!inBlock && random.Next(6) == 0)
            {
                text.Append(new string(' ', random.Next(4))).Append("# note ").Append(random.Next(100)).Append('\n');
            }

            if (!inBlock && random.Next(8) == 0)
            {
                text.Append('\n');
            }

            text.Append(inBlock && !isQuotes ? "    " : new string(' ', random.Next(5))).Append(line);
            if (!inBlock && !isQuotes && random.Next(6) == 0)
            {
                text.Append(new string(' ', 1 + random.Next(3))).Append("# trailing ").Append(random.Next(100));
            }

            text.Append('\n');
            if (isQuotes)
            {
                inBlock = !inBlock;
            }
        }

        return text.ToString();
    }
}
