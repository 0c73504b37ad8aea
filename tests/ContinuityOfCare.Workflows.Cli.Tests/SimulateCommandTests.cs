using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Cli.Tests;

/// <summary><c>coc simulate</c> end to end, on the shipped pathways and cohorts.</summary>
public class SimulateCommandTests
{
    private const string National = "pathways/national/custody-to-community.pathway";
    private const string London = "pathways/cohorts/london-review.json";

    [Fact]
    public void TheLondonCohortPrintsTheReviewsFunnelAsCsv()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "simulate", National, "--cohort", London, "--seed", "42", "--report", "funnel", "--format", "csv");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal(
        [
            "stage,reached,in_progress,lost,lost_from_state,lost_with_outcome,lost_from_state_count\r",
            "Released,264,0,82,released-to-community,not-engaged,80\r",
            "Released,264,0,82,released-to-community,died,2\r",
            "Referral,182,0,29,referral,not-engaged,29\r",
            "Appointment,153,0,75,appointment-booked,not-engaged,75\r",
            "Attended,78,0,8,attended-first-appointment,not-engaged,8\r",
            "Engaged,70,0,0,,,\r",
        ], run.OutputLines);
    }

    [Fact]
    public void TwoPathwaysAreComparedSideBySideWithTheDifference()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "simulate", National, National, "--cohort", London, "--seed", "42", "--format", "csv");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        Assert.Equal($"report,measure,{National},{National},difference\r", run.OutputLines[0]);
        Assert.Contains("indicator,percentage,26.7,26.7,0\r", run.OutputLines);
        Assert.Contains("funnel,Attended: reached,78,78,0\r", run.OutputLines);
    }

    [Fact]
    public void TheTextComparisonGivesPercentageDifferencesInPoints()
    {
        var run = CocRunner.Run(RepositoryPaths.Root, "simulate", National, "pathways/local/northbridge.pathway", "--cohort", "pathways/cohorts/typical.json", "--people", "200", "--seed", "3");

        Assert.Equal(ExitCodes.Success, run.ExitCode);
        var percentage = Assert.Single(run.OutputLines, l => l.StartsWith("indicator      percentage", StringComparison.Ordinal));
        Assert.EndsWith(" pts", percentage, StringComparison.Ordinal);
        Assert.StartsWith("Simulation of 200 people (Typical cohort (fictional)), seed 3, on custody-to-community", run.OutputLines[0], StringComparison.Ordinal);
    }

    [Fact]
    public void TheSameSeedPrintsTheSameReports()
    {
        string Run(string seed) => CocRunner.Run(RepositoryPaths.Root, "simulate", National, "--cohort", London, "--seed", seed).Output;

        Assert.Equal(Run("5"), Run("5"));
        Assert.NotEqual(Run("5"), Run("6"));
    }

    [Fact]
    public void ABadCohortFileIsRefusedWithEveryMistakeAndExitCodeTwo()
    {
        using var folder = new TempFolder();
        folder.Write("cohort.json", """
            {
              "start": "2026-01-05T09:00",
              "states": {
                "sent-to-prison": { "next": [ { "event": "arived", "probability": 1 } ] },
                "reception": { "next": [ { "event": "origin-recorded", "probability": 0.5, "after": "-1 hour" } ] }
              }
            }
            """);

        var run = CocRunner.Run(folder.Path, "simulate", Path.Combine(RepositoryPaths.Root, National), "--cohort", "cohort.json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Equal(
            "cohort.json(4): $.states[\"sent-to-prison\"].next[0].event: 'arived' is not an event at 'sent-to-prison'; the events there are: arrived\n"
            + "cohort.json(5): $.states.reception.next[0].after: '-1 hour' is negative; a delay cannot go back in time\n"
            + "cohort.json: 2 mistakes; nothing simulated.\n",
            run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void APathwayWithErrorsIsRefusedWithExitCodeTwo()
    {
        using var folder = new TempFolder();
        folder.Write("broken.pathway", "pathway broken\n  title \"Broken\"\n");

        var run = CocRunner.Run(folder.Path, "simulate", "broken.pathway", "--cohort", Path.Combine(RepositoryPaths.Root, London));

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("broken.pathway: ", run.Error, StringComparison.Ordinal);
        Assert.EndsWith("nothing written.\n", run.Error, StringComparison.Ordinal);
    }
}
