using System.Globalization;
using System.Text;

namespace ContinuityOfCare.Workflows.Benchmarks;

/// <summary>Generates a valid pathway of any size, shaped like a real one: every state has actions with deadlines, guarded transitions and a timer.</summary>
public static class SyntheticPathway
{
    public static string Generate(int states)
    {
        var text = new StringBuilder(states * 400);
        text.Append("pathway synthetic-").Append(states).Append('\n')
            .Append("  title \"Synthetic pathway of ").Append(states).Append(" states\"\n")
            .Append("  partnership \"Benchmark (fictional)\"\n\n")
            .Append("agency carats \"Psychosocial team\"\nagency cjit \"Criminal justice drug team\"\n\n")
            .Append("field release-date: date\nfield priority: yes/no\nfield score: number\nfield route: one of court, prison, community\n\n")
            .Append("template alert \"Alert\"\n  \"\"\"\n  {{ person.name }} ({{ person.prison_number }}) is due for release on {{ fields.release_date }}.\n  \"\"\"\n\n");
        for (var i = 0; i < states; i++)
        {
            var id = Id(i);
            var next = i + 1 < states ? Id(i + 1) : "done";
            var kind = i == 0 ? "start state" : "state";
            text.Append(kind).Append(' ').Append(id).Append(" \"Step ").Append(i.ToString(CultureInfo.InvariantCulture)).Append("\"\n")
                .Append("  stage \"Stage ").Append((i / 10).ToString(CultureInfo.InvariantCulture)).Append("\"\n")
                .Append("  owner ").Append(i % 2 == 0 ? "carats" : "cjit").Append('\n')
                .Append("  action act-").Append(i).Append(" \"Do step ").Append(i).Append("\" by carats within 3 working days of advanced\n")
                .Append("    if missed: notify cjit with alert\n")
                .Append("  action plan-").Append(i).Append(" \"Plan step ").Append(i).Append("\" by cjit 6 weeks before release-date\n")
                .Append("  on advanced with score when priority and score >= 10 -> ").Append(next).Append('\n')
                .Append("    notify cjit with alert\n")
                .Append("  on advanced when not priority and score < 10 -> ").Append(next).Append('\n')
                .Append("    set route = prison\n")
                .Append("  after 21 days -> done\n\n");
        }

        text.Append("final state done \"Done\"\n  stage \"Done\"\n  owner cjit\n  outcome left-pathway\n");
        return text.ToString();
    }

    private static string Id(int i) => "step-" + i.ToString(CultureInfo.InvariantCulture);
}
