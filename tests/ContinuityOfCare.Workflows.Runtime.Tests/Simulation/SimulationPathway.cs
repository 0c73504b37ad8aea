using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Outcomes.Simulation;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Simulation;

/// <summary>A short custody-to-treatment pathway for simulation tests, and helpers to read cohorts and run them.</summary>
public static class SimulationPathway
{
    public const string Text = """
        pathway simulation-test
          title "Custody to treatment (simulation test)"
          partnership "Testshire (fictional)"

        agency carats "Prison team"
        agency cjit "Criminal justice drug team"
        agency treatment "Treatment service"

        field release-date: date "Release date"
        field prison: text "Prison"

        start state custody "In custody"
          stage "In custody"
          owner carats
          action plan "Plan the release" by carats within 2 days
          on released with release-date -> released-to-community

        state released-to-community "Released"
          stage "Released"
          owner cjit
          on treatment-started by treatment -> engaged
          on returned-to-custody by cjit -> back-in-custody
          after 21 days of released -> not-engaged

        final state engaged "Engaged"
          stage "Engaged"
          owner treatment
          outcome continuity-achieved

        final state not-engaged "Not engaged"
          stage "Closed"
          owner cjit
          outcome not-engaged

        final state back-in-custody "Back in custody"
          stage "Closed"
          owner cjit
          outcome returned-to-custody
        """;

    public static readonly PathwayDefinition Definition = Compile(Text);

    public static PathwayDefinition National { get; } =
        TestCompiler.CompileFile(Path.Combine(Language.Tests.RepositoryPaths.Pathways, "national/custody-to-community.pathway")).Definition!;

    public static string CohortFile(string name) => File.ReadAllText(Path.Combine(Language.Tests.RepositoryPaths.Pathways, "cohorts", name));

    public static Cohort Read(string json, params PathwayDefinition[] pathways)
    {
        var read = Outcomes.Simulation.CohortFile.Read(json, pathways.Length == 0 ? [Definition] : pathways);
        Assert.True(read.Succeeded, string.Join('\n', read.Errors));
        return read.Cohort!;
    }

    public static async Task<(SimulationRun Run, OutcomeReports Reports)> RunAsync(PathwayDefinition pathway, Cohort cohort, int seed, int? people = null)
    {
        var run = await Simulator.RunAsync(pathway, cohort, new SimulationOptions(people, seed));
        var (from, to) = run.DefaultPeriod;
        return (run, await run.ReportsAsync(from, to));
    }

    private static PathwayDefinition Compile(string text)
    {
        var result = TestCompiler.Compile(text, "simulation-test.pathway");
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Definition!;
    }
}
