using ContinuityOfCare.Workflows.Language.Formatting;
using ContinuityOfCare.Workflows.Language.Parsing;
using ContinuityOfCare.Workflows.Language.Tests.Properties;
using CsCheck;

namespace ContinuityOfCare.Workflows.Language.Tests.Formatting;

public class FormatterTests
{
    private const string TripleQuote = "\"\"\"";

    private const string UntidySource = """"
        # A small pathway, written in a hurry
        pathway   tidy-me
        title "Tidy me"     # the title
          partnership "Testshire (fictional)"
        agency cjit    "Criminal justice drug team"
        agency carats "CARAT team"


        field release-date:date "Release date"
        field route : one of court,prison
        field priority: yes/no
        template alert "Alert"
              """
              To {{ recipient.name }},

                {{ event.note }}
              """
        start state arrived "Arrived"
        stage "Reception"
           owner carats
        action assess "Assess needs" by carats within 1 days of screened or by 09:00 next working day
         if missed : notify cjit,carats with alert
          # a clause comment
           if missed:raise overdue
        on overdue
        on screened with route,priority by carats,cjit when route=court and not (priority) -> released
             notify cjit with alert
             set priority to yes
        after 21 days of screened -> released
          # closing comment
        final state released "Released" stage "Community" owner cjit outcome continuity-achieved
        """";

    private const string TidySource = """"
        # A small pathway, written in a hurry
        pathway tidy-me
          title "Tidy me" # the title
          partnership "Testshire (fictional)"

        agency cjit "Criminal justice drug team"
        agency carats "CARAT team"

        field release-date: date "Release date"
        field route: one of court, prison
        field priority: yes/no

        template alert "Alert"
          """
          To {{ recipient.name }},

            {{ event.note }}
          """

        start state arrived "Arrived"
          stage "Reception"
          owner carats
          action assess "Assess needs"
            by carats within 1 day of screened or by 09:00 next working day
            if missed: notify cjit, carats with alert
            # a clause comment
            if missed: raise overdue
          on overdue
          on screened with route, priority by carats, cjit when route = court and not (priority) -> released
            notify cjit with alert
            set priority = yes
          after 21 days of screened -> released
          # closing comment

        final state released "Released"
          stage "Community"
          owner cjit
          outcome continuity-achieved
        """";

    [Fact]
    public void WritesTheCanonicalLayout()
    {
        var result = PathwayFormatter.Format(UntidySource);

        Assert.True(result.Succeeded);
        Assert.Equal(TidySource + "\n", result.Text);
    }

    [Fact]
    public void FormattingKeepsTheDefinitionAndItsHash()
    {
        var untidy = UntidySource;
        var before = TestCompiler.Compile(untidy);
        var after = TestCompiler.Compile(PathwayFormatter.Format(untidy).Text!);

        Assert.True(before.Succeeded, string.Join('\n', before.Diagnostics));
        Assert.Equal(before.ContentHash, after.ContentHash);
    }

    [Fact]
    public void BreaksALongTransitionBeforeItsCondition()
    {
        const string source = """
            pathway p
            agency a "A"
            field first-long-field-name: yes/no
            field second-long-field-name: yes/no
            start state s "S"
              owner a
              on screened with first-long-field-name, second-long-field-name when first-long-field-name or second-long-field-name -> done
            final state done "Done"
              owner a
              outcome finished
            """;

        var text = PathwayFormatter.Format(source).Text!;

        Assert.Contains(
            "  on screened with first-long-field-name, second-long-field-name\n    when first-long-field-name or second-long-field-name -> done\n",
            text,
            StringComparison.Ordinal);
        Assert.All(text.Split('\n'), line => Assert.True(line.Length <= PathwayFormatter.LineWidth, line));
    }

    [Fact]
    public void RefusesAFileWithSyntaxErrorsAndSaysWhy()
    {
        var result = PathwayFormatter.Format("pathway p\nagency \"no id\"\nstate s \"S\"\n  on -> \n", "broken.pathway");

        Assert.False(result.Succeeded);
        Assert.Null(result.Text);
        Assert.Equal(2, result.Diagnostics.Count);
        Assert.All(result.Diagnostics, d => Assert.StartsWith("COC10", d.Code, StringComparison.Ordinal));
        Assert.Equal([2, 4], result.Diagnostics.Select(d => d.Start.Line));
    }

    [Fact]
    public void KeepsARenameInTheStateHead()
    {
        const string source = "pathway p\n  title \"P\"\n  partnership \"Testshire (fictional)\"\n\nagency a \"A\"\n\nstart state   new-id   (  was   old-id )   \"Open\"\n  stage \"S\"\n  owner a\n  on done -> end\n\nfinal state end \"End\"\n  stage \"S\"\n  owner a\n  outcome o\n";

        var formatted = PathwayFormatter.Format(source).Text!;

        Assert.Contains("\nstart state new-id (was old-id) \"Open\"\n", formatted);
        Assert.Equal("old-id", TestCompiler.Compile(formatted).Definition!.FindState("new-id")!.Was);
        Assert.Equal(TestCompiler.Compile(source).ContentHash, TestCompiler.Compile(formatted).ContentHash);
    }

    [Fact]
    public void FormatsAFileOfOnlyCommentsAndAnEmptyFile()
    {
        Assert.Equal("# nothing yet\n", PathwayFormatter.Format("   # nothing yet   \r\n\r\n").Text);
        Assert.Equal("", PathwayFormatter.Format("").Text);
    }

    [Fact]
    public void KeepsEscapedQuotesExactlyAsWritten()
    {
        const string source = "pathway p\n  title \"The \\\"quoted\\\" pathway\"\n";

        Assert.Equal(source, PathwayFormatter.Format(source).Text);
    }

    public static TheoryData<string> ShippedPathways() => [.. RepositoryPaths.ShippedPathways.Select(p => Path.GetRelativePath(RepositoryPaths.Root, p))];

    [Theory]
    [MemberData(nameof(ShippedPathways))]
    public void ShippedPathwaysAreAlreadyInCanonicalLayout(string file)
    {
        var text = File.ReadAllText(Path.Combine(RepositoryPaths.Root, file));

        Assert.Equal(text, PathwayFormatter.Format(text).Text);
    }

    [Fact]
    public void RandomPathwaysRoundTrip()
    {
        RandomPathway.Pathways.Sample(source =>
        {
            var original = TestCompiler.Compile(source);
            Assert.True(original.Succeeded, string.Join('\n', original.Diagnostics));
            var formatted = PathwayFormatter.Format(source).Text ?? throw new Xunit.Sdk.XunitException("A pathway that compiles was not formatted.");

            Assert.Equal(formatted, PathwayFormatter.Format(formatted).Text);
            Assert.Equal(original.ContentHash, TestCompiler.Compile(formatted).ContentHash);
            AssertCommentsKept(source, formatted);
        }, iter: 300);
    }

    [Fact]
    public void ReflowingTheShippedPathwaysChangesNothingOnceFormatted()
    {
        // Untidy every line of the shipped pathways (indentation, spacing between words, blank
        // lines), then check the formatter brings each back to the same canonical text.
        foreach (var file in RepositoryPaths.ShippedPathways)
        {
            var canonical = PathwayFormatter.Format(File.ReadAllText(file)).Text!;
            Gen.Int[0, int.MaxValue].Sample(seed =>
            {
                var untidy = Untidy(canonical, new Random(seed));
                var result = PathwayFormatter.Format(untidy);
                Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
                Assert.Equal(canonical, result.Text);
            }, iter: 20);
        }
    }

    private static string Untidy(string canonical, Random random)
    {
        var output = new List<string>();
        var inBlock = false;
        foreach (var line in canonical.Split('\n'))
        {
            var trimmed = line.Trim();
            if (inBlock || trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                if (inBlock && trimmed == TripleQuote)
                {
                    inBlock = false;
                }

                output.Add(line);
                continue;
            }

            if (trimmed == TripleQuote)
            {
                inBlock = true;
                output.Add(line);
                continue;
            }

            // Only spaces between tokens outside quotes change; quoted text is left alone.
            var parts = SplitOutsideQuotes(trimmed);

            // A change to a base (add, replace, remove, rename, change) starts a declaration only at
            // the left margin, and a line of a change block starting with one of them is indented. So
            // each stays on its side of the margin.
            var margin = !ChangeWords.Contains(parts[0]) ? random.Next(0, 6) : line[0] == ' ' ? random.Next(1, 6) : 0;
            output.Add(new string(' ', margin) + string.Join(new string(' ', random.Next(1, 4)), parts));
        }

        return string.Join('\n', output);
    }

    private static readonly HashSet<string> ChangeWords = ["add", "replace", "remove", "rename", "change"];

    private static List<string> SplitOutsideQuotes(string line)
    {
        var parts = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (quoted && c == '\\' && i + 1 < line.Length)
            {
                current.Append(c).Append(line[++i]);
                continue;
            }

            if (c == '"')
            {
                quoted = !quoted;
            }

            if (c == ' ' && !quoted)
            {
                if (current.Length > 0)
                {
                    parts.Add(current.ToString());
                    current.Clear();
                }

                continue;
            }

            current.Append(c);
        }

        parts.Add(current.ToString());
        return parts;
    }

    private static void AssertCommentsKept(string source, string formatted)
    {
        var before = PathwayParser.Parse(source).Syntax.Comments.Select(c => c.Text.Trim()).ToList();
        var after = string.Join('\n', PathwayParser.Parse(formatted).Syntax.Comments.Select(c => c.Text));
        var at = 0;
        foreach (var comment in before)
        {
            var found = after.IndexOf(comment, at, StringComparison.Ordinal);
            Assert.True(found >= 0, $"The comment '{comment}' was lost or moved out of order.");
            at = found + comment.Length;
        }
    }
}
