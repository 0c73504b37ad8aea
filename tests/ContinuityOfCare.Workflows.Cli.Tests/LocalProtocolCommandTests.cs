using ContinuityOfCare.Workflows.Definitions.Diagrams;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Cli.Tests;

/// <summary>The command line on local protocols written as changes to the national pathway.</summary>
public class LocalProtocolCommandTests
{
    private const string Riverside = "pathways/local/riverside.pathway";

    private static readonly string National = File.ReadAllText(RepositoryPaths.NationalPathway);

    /// <summary>A copy of the shipped national pathway and Riverside, laid out as in the repository.</summary>
    private static TempFolder Pathways()
    {
        var folder = new TempFolder();
        folder.Write("national/custody-to-community.pathway", National);
        folder.Write("local/riverside.pathway", File.ReadAllText(Path.Combine(RepositoryPaths.Root, Riverside)));
        folder.Write("local/templates/riverside-alert.sbn", File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "local", "templates", "riverside-alert.sbn")));
        return folder;
    }

    [Fact]
    public void GraphDrawsTheWholeLocalProtocol()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "graph", Riverside);

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(MermaidDiagram.Write(TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Root, Riverside)).Definition!), run.Output);
        Assert.Contains("third_follow_up --> lost_contact : no-response", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void DiffAgainstTheBaseListsTheLocalChangesInWords()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "diff", "--against-base", Riverside);

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.Contains("  from: custody-to-community version 1 (the base) (custody-to-community,", run.Output, StringComparison.Ordinal);
        Assert.Contains("  ~ agency treatment name: Community treatment service → Riverside Community Recovery Service\n", run.Output, StringComparison.Ordinal);
        Assert.Contains("    - state missed-appointment \"Did not attend the first appointment: follow-up\"\n", run.Output, StringComparison.Ordinal);
        Assert.Equal("", run.Error);
    }

    [Fact]
    public void DiffAgainstTheBaseOfAWholePathwayIsAUsageError()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "diff", "--against-base", "pathways/national/custody-to-community.pathway");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal("coc: pathways/national/custody-to-community.pathway is not based on another pathway (it has no 'based on' line), so it has no local changes to show.\n", run.Error);
    }

    [Fact]
    public void ANewBaseVersionThatEveryLocalChangeFitsIsShownAndCanBeTaken()
    {
        using var folder = Pathways();
        using var next = new TempFolder();
        next.Write("custody-to-community.pathway", National.Replace("by cjit within 5 working days of released", "by cjit within 3 working days of released", StringComparison.Ordinal));

        var shown = CocRunner.Run(folder.Path, "rebase", "local/riverside.pathway", "--onto", Path.Combine(next.Path, "custody-to-community.pathway"));
        var taken = CocRunner.Run(folder.Path, "rebase", "local/riverside.pathway", "--onto", Path.Combine(next.Path, "custody-to-community.pathway"), "--write");

        Assert.Equal((ExitCodes.Success, ExitCodes.Success), (shown.ExitCode, taken.ExitCode));
        Assert.Contains("Every local change still applies.", shown.Output, StringComparison.Ordinal);
        Assert.Contains("    ~ report contact: within 5 working days of released → within 3 working days of released\n", shown.Output, StringComparison.Ordinal);
        Assert.Contains("\n  based on custody-to-community version 2\n", folder.Read("local/riverside.pathway"), StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Success, CocRunner.Run(folder.Path, "check", "local/riverside.pathway", "--brief").ExitCode);
    }

    [Fact]
    public void LocalChangesANewBaseVersionNoLongerHasAreDiagnosticsOnTheLocalFile()
    {
        using var folder = Pathways();
        using var next = new TempFolder();
        var withoutReferral = National.Replace(
            "  action refer-to-treatment \"Refer the person to the community treatment service, with the release plan\"\n    by cjit by release-date\n    if missed: notify cjit, carats with deadline-missed\n",
            "",
            StringComparison.Ordinal);
        Assert.NotEqual(National, withoutReferral);
        next.Write("custody-to-community.pathway", withoutReferral);
        var before = folder.Read("local/riverside.pathway");

        var run = CocRunner.Run(folder.Path, "rebase", "local/riverside.pathway", "--onto", Path.Combine(next.Path, "custody-to-community.pathway"), "--write");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        var line = before.Split('\n').ToList().FindIndex(l => l.Contains("replace action refer-to-treatment", StringComparison.Ordinal)) + 1;
        Assert.Contains($"local/riverside.pathway({line},18): error COC2043: Version 2 of 'custody-to-community' has no action 'refer-to-treatment' in state 'pre-release', so it cannot be changed or removed.", run.Output, StringComparison.Ordinal);
        Assert.Contains("1 local change no longer applies:", run.Output, StringComparison.Ordinal);
        Assert.Equal(before, folder.Read("local/riverside.pathway"));
    }
}
