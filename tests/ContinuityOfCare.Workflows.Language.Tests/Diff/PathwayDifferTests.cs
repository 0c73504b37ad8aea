using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diff;

namespace ContinuityOfCare.Workflows.Language.Tests.Diff;

/// <summary>Each kind of change, found and put in words, on a small pathway changed one thing at a time.</summary>
public class PathwayDifferTests
{
    private const string Before = """"
        pathway plans
          title "Plans"
          partnership "Testshire (fictional)"

        agency prison "Prison team"
        agency community "Community team"

        field release-date: date "Release date"
        field risk: number "Risk score"

        template told "Told"
          """
          Dear {{ recipient.name }},
          {{ person.name }} is due out on {{ fields.release_date }}.
          Thank you.
          """

        start state custody "In custody"
          stage "Custody"
          owner prison
          action release-plan "Agree the release plan"
            by prison 6 weeks before release-date
            if missed: notify community with told
          on release-date-set with release-date
          on released when risk < 10 -> out
          on released -> watched

        state watched "Released with a watch"
          stage "Released"
          owner community
          on engaged -> out
          after 21 days -> out

        final state out "Out"
          stage "Closed"
          owner community
          outcome finished
        """";

    [Fact]
    public void CommentsLayoutAndWhitespaceAreNoChangeInBehaviour()
    {
        var after = "# A comment at the top\n" + Before.Replace("  stage \"Custody\"", "  stage   \"Custody\"   # where it starts").Replace("\n\n", "\n\n\n");

        var diff = Compare(Before, after);

        Assert.False(diff.BehaviourChanged);
        Assert.Empty(diff.Changes);
        Assert.Equal(diff.From.ContentHash, diff.To.ContentHash);
        Assert.Contains("No change in behaviour.", DiffReport.Text(diff));
        Assert.Contains("No change in behaviour.", DiffReport.Markdown(diff));
        Assert.Contains("No change in behaviour.", DiffReport.Html(diff));
        Assert.Contains("\"behaviourChanged\": false", DiffReport.Json(diff));
    }

    [Fact]
    public void AChangedDeadlineIsShownInWords()
    {
        var diff = Compare(Before, Before.Replace("by prison 6 weeks before release-date", "by prison 8 weeks before release-date"));

        var change = Assert.Single(diff.Changes);
        Assert.Equal(new PathwayChange(ChangeSection.States, "custody", "action release-plan", ChangeKind.Changed,
            "release plan: 6 weeks before release date → 8 weeks before release date",
            "6 weeks before release date", "8 weeks before release date", []), change);
    }

    [Fact]
    public void AChangeToHowTheIndicatorIsCountedIsAChange()
    {
        var after = Before.Replace("start state custody", "report\n  release on released\n  continuity finished within 4 weeks\n\nstart state custody");

        var diff = Compare(Before, after);

        Assert.Equal(
            [
                "reporting: outcomes that count as continuity: continuity-achieved → finished",
                "reporting: continuity window after release: 21 days → 4 weeks",
            ],
            diff.Changes.Select(c => c.Summary));
        Assert.All(diff.Changes, c => Assert.Equal(ChangeSection.Pathway, c.Section));
    }

    [Fact]
    public void AResponsibleAgencyAndAnEscalationChange()
    {
        var diff = Compare(Before, Before
            .Replace("by prison 6 weeks", "by community 6 weeks")
            .Replace("if missed: notify community with told", "if missed: notify community, prison with told without consent"));

        Assert.Equal(
            [
                "release plan: responsible agency: prison → community",
                "release plan: if missed: notify community with told → notify community, prison with told without consent",
            ],
            diff.Changes.Select(c => c.Summary));
    }

    [Fact]
    public void TransitionsRetargetedGuardedAddedAndRemoved()
    {
        var diff = Compare(Before, Before
            .Replace("on released when risk < 10 -> out", "on released when risk < 20 -> watched")
            .Replace("on released -> watched", "on released by prison, community -> out")
            .Replace("on engaged -> out", "on reviewed with risk"));

        Assert.Equal(
            [
                "on released (first): now leads to watched instead of out",
                "on released (first): condition: risk < 10 → risk < 20",
                "on released (second): now leads to out instead of watched",
                "on released (second): who may record it: the state's owner → prison, community",
                "transition on reviewed with risk (stays in the state)",
                "transition on engaged → out",
            ],
            diff.Changes.Select(c => c.Summary));
        Assert.Equal([ChangeKind.Changed, ChangeKind.Changed, ChangeKind.Changed, ChangeKind.Changed, ChangeKind.Added, ChangeKind.Removed], diff.Changes.Select(c => c.Kind));
    }

    [Fact]
    public void StatesAddedRemovedAndRetitled()
    {
        var after = Before
            .Replace("on released -> watched", "on released -> supported")
            .Replace("""
                state watched "Released with a watch"
                  stage "Released"
                  owner community
                  on engaged -> out
                  after 21 days -> out
                """, """
                state supported "Released with support"
                  stage "Released"
                  owner community
                  action call "Call the person"
                    by community within 2 working days
                  on engaged -> out
                """)
            .Replace("final state out \"Out\"", "final state out \"Closed\"");

        var diff = Compare(Before, after);

        Assert.Equal(
            [
                "on released (second): now leads to supported instead of watched",
                "state supported \"Released with support\" (state, stage Released, owned by community)",
                "action call: Call the person (by community, within 2 working days)",
                "transition on engaged → out",
                "title: Out → Closed",
                "state watched \"Released with a watch\"",
            ],
            diff.Changes.Select(c => c.Summary));
        Assert.Equal(["custody", "supported", "supported", "supported", "out", "watched"], diff.Changes.Select(c => c.State));
    }

    [Fact]
    public void TimersFieldsAgenciesAndTemplates()
    {
        var diff = Compare(Before, Before
            .Replace("after 21 days -> out", "after 28 days -> out")
            .Replace("field risk: number \"Risk score\"", "field risk: one of low, high \"Risk\"")
            .Replace("agency community \"Community team\"", "agency community \"Community drug team\"\nagency probation \"Probation\"")
            .Replace("{{ person.name }} is due out on {{ fields.release_date }}.", "{{ person.name }} leaves on {{ fields.release_date }}.")
            .Replace("on released when risk < 10 -> out", "on released when risk = low -> out"));

        Assert.Contains("agency community name: Community team → Community drug team", diff.Changes.Select(c => c.Summary));
        Assert.Contains("agency probation (Probation)", diff.Changes.Select(c => c.Summary));
        Assert.Contains("field risk type: number → one of low, high", diff.Changes.Select(c => c.Summary));
        Assert.Contains("field risk label: Risk score → Risk", diff.Changes.Select(c => c.Summary));
        Assert.Contains("timer: after 21 days → after 28 days", diff.Changes.Select(c => c.Summary));

        var template = Assert.Single(diff.Changes, c => c.Subject == "template told");
        Assert.Equal("template told text changed (1 line added, 1 line removed)", template.Summary);
        Assert.Equal(
            [
                new TextLine(' ', "Dear {{ recipient.name }},"),
                new TextLine('-', "{{ person.name }} is due out on {{ fields.release_date }}."),
                new TextLine('+', "{{ person.name }} leaves on {{ fields.release_date }}."),
                new TextLine(' ', "Thank you."),
            ],
            template.Lines.ToArray());
    }

    [Fact]
    public void ADeclaredRenameIsARenameAndTransitionsToTheOldIdFollowIt()
    {
        var after = Before
            .Replace("state watched \"Released with a watch\"", "state supervised (was watched) \"Released with a watch\"")
            .Replace("on released -> watched", "on released -> supervised")
            .Replace("  on engaged -> out\n  after 21 days", "  on engaged -> out\n  after 28 days");

        var diff = Compare(Before, after);

        Assert.Equal(
            [
                (ChangeKind.Renamed, "supervised", "state watched → supervised"),
                (ChangeKind.Changed, "supervised", "timer: after 21 days → after 28 days"),
            ],
            diff.Changes.Select(c => (c.Kind, c.State!, c.Summary)));
        Assert.Equal("watched", Compile(after).FindState("supervised")!.Was);
    }

    [Fact]
    public void WithoutTheRenameTheSameEditIsARemovalAndAnAddition()
    {
        var after = Before
            .Replace("state watched \"Released with a watch\"", "state supervised \"Released with a watch\"")
            .Replace("on released -> watched", "on released -> supervised");

        var diff = Compare(Before, after);

        Assert.Contains(diff.Changes, c => c is { Kind: ChangeKind.Added, Subject: "state supervised" });
        Assert.Contains(diff.Changes, c => c is { Kind: ChangeKind.Removed, Subject: "state watched" });
        Assert.Contains(diff.Changes, c => c.Summary == "on released (second): now leads to supervised instead of watched");
    }

    [Fact]
    public void ReportsKeepTheLinesAroundATemplateChangeAndCountTheRest()
    {
        var lines = TextDiff.Compare("a\nb\nc\nd\ne\nf\ng\nh\n", "a\nb\nc\nd\nE\nf\ng\nh\n");

        Assert.Equal(
            ["… 2 unchanged lines", " c", " d", "-e", "+E", " f", " g", "… 1 unchanged line"],
            TextDiff.WithContext(lines).Select(l => l.Mark == '…' ? "… " + l.Text : l.Mark + l.Text));
    }

    private static PathwayDiffResult Compare(string before, string after) =>
        PathwayDiffer.Compare(Compile(before), Compile(after), "before.pathway", "after.pathway");

    private static PathwayDefinition Compile(string text)
    {
        var result = TestCompiler.Compile(text, "test.pathway");
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Definition!;
    }
}
