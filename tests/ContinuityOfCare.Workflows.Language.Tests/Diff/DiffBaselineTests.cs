using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diff;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Tests.Diff;

/// <summary>
/// The national pathway against each local variant, in every report format, compared with the
/// reports kept in <c>Baselines/diff</c>. A reviewer reads a change to the comparison as a plain diff
/// of those files. Regenerate after an intended change with
/// <c>COC_UPDATE_BASELINES=1 dotnet test tests/ContinuityOfCare.Workflows.Language.Tests --filter Diff</c>.
/// </summary>
public class DiffBaselineTests
{
    private static readonly bool Update = Environment.GetEnvironmentVariable("COC_UPDATE_BASELINES") == "1";

    public static TheoryData<string, string> Reports()
    {
        var data = new TheoryData<string, string>();
        foreach (var variant in new[] { "riverside", "northbridge" })
        {
            foreach (var format in new[] { "txt", "md", "json", "html" })
            {
                data.Add(variant, format);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Reports))]
    public void TheReportMatchesTheBaseline(string variant, string format)
    {
        var diff = NationalAgainst(variant);
        var report = format switch
        {
            "txt" => DiffReport.Text(diff),
            "md" => DiffReport.Markdown(diff),
            "json" => DiffReport.Json(diff),
            _ => DiffReport.Html(diff),
        };

        var path = Path.Combine(RepositoryPaths.Baselines, "diff", $"national-to-{variant}.{format}");
        if (Update)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, report);
            return;
        }

        Assert.True(File.Exists(path), $"{path} is missing; regenerate baselines with COC_UPDATE_BASELINES=1.");
        Assert.Equal(File.ReadAllText(path).ReplaceLineEndings("\n"), report);
    }

    [Theory]
    [InlineData("riverside")]
    [InlineData("northbridge")]
    public void TheJsonReportFollowsItsSchemaAndListsEveryChange(string variant)
    {
        var diff = NationalAgainst(variant);
        using var json = JsonDocument.Parse(DiffReport.Json(diff));
        var root = json.RootElement;

        Assert.Equal(DiffReport.JsonSchema, root.GetProperty("schema").GetString());
        Assert.Equal("custody-to-community", root.GetProperty("from").GetProperty("pathwayId").GetString());
        Assert.Equal($"{variant}-custody-to-community", root.GetProperty("to").GetProperty("pathwayId").GetString());
        Assert.Equal(diff.From.ContentHash, root.GetProperty("from").GetProperty("contentHash").GetString());
        Assert.True(root.GetProperty("behaviourChanged").GetBoolean());
        var changes = root.GetProperty("changes").EnumerateArray().ToList();
        Assert.Equal(diff.Changes.Length, changes.Count);
        Assert.All(changes, c =>
        {
            Assert.Contains(c.GetProperty("section").GetString(), new[] { "pathway", "agencies", "fields", "templates", "states" });
            Assert.Contains(c.GetProperty("kind").GetString(), new[] { "added", "removed", "renamed", "changed" });
            Assert.False(string.IsNullOrWhiteSpace(c.GetProperty("summary").GetString()));
        });
    }

    [Fact]
    public void RiversideIsReportedAsTheLocalProtocolDescribesItself()
    {
        var diff = NationalAgainst("riverside");
        var states = diff.Changes.Where(c => c.Section == ChangeSection.States).ToList();

        // "The prison substance misuse team refers the person straight to the community treatment
        // service ... at least 3 weeks before release."
        Assert.Contains(states, c => c.State == "pre-release" && c.Summary == "refer to treatment: responsible agency: cjit → carats");
        Assert.Contains(states, c => c.State == "pre-release" && c.Summary == "refer to treatment: by release date → 3 weeks before release date");

        // "A missed first appointment is followed up three times ... before the case is closed as lost contact."
        Assert.Contains(states, c => c.State == "appointment-booked" && c.Summary == "on did-not-attend: now leads to first-follow-up instead of missed-appointment");
        Assert.Contains(states, c => c is { State: "third-follow-up", Kind: ChangeKind.Added, Subject: "state third-follow-up" });
        Assert.Contains(states, c => c is { State: "missed-appointment", Kind: ChangeKind.Removed });

        // "The change-of-circumstance Alert Form uses Riverside's own wording, kept in its own file."
        var alert = Assert.Single(diff.Changes, c => c.Subject == "template alert-change" && !c.Lines.IsEmpty);
        Assert.Contains(alert.Lines, l => l is { Mark: '+', Text: "RIVERSIDE ALERT FORM: SOMETHING HAS CHANGED" });
    }

    private static PathwayDiffResult NationalAgainst(string variant) =>
        PathwayDiffer.Compare(
            Compile("national/custody-to-community.pathway"),
            Compile($"local/{variant}.pathway"),
            "pathways/national/custody-to-community.pathway",
            $"pathways/local/{variant}.pathway");

    private static PathwayDefinition Compile(string relative)
    {
        var path = Path.Combine(RepositoryPaths.Pathways, relative);
        var result = TestCompiler.Compile(new SourceText(File.ReadAllText(path).ReplaceLineEndings("\n"), path));
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Definition!;
    }
}
