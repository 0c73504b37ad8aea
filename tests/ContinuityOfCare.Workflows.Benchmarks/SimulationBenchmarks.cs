using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Outcomes.Simulation;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Benchmarks;

/// <summary>
/// <c>coc simulate</c>'s work for 10,000 people (target: under 10 s): the typical cohort through the
/// national pathway and through Northbridge's, then all four reports. Baseline: 10,000 people who
/// start a case on the national pathway and to whom nothing else happens (a start and one breached
/// deadline each).
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class SimulationBenchmarks
{
    private const int People = 10_000;
    private PathwayDefinition _national = null!;
    private PathwayDefinition _northbridge = null!;
    private Cohort _typical = null!;
    private Cohort _startOnly = null!;

    [GlobalSetup]
    public void Setup()
    {
        _national = TestCompiler.CompileFile(Repository.File("pathways", "national", "custody-to-community.pathway")).Definition!;
        _northbridge = TestCompiler.CompileFile(Repository.File("pathways", "local", "northbridge.pathway")).Definition!;
        var typical = File.ReadAllText(Repository.File("pathways", "cohorts", "typical.json"));
        _typical = CohortFile.Read(typical, [_national, _northbridge]).Cohort
            ?? throw new InvalidOperationException("pathways/cohorts/typical.json does not read.");
        _startOnly = CohortFile.Read("""{ "start": "2026-01-05T09:00", "arrivals": { "evenlyOver": "26 weeks" }, "states": {} }""", [_national]).Cohort!;
    }

    [Benchmark(Baseline = true)]
    public Task<object> StartOnly10000() => RunAsync(_national, _startOnly);

    [Benchmark]
    public Task<object> TypicalNational10000() => RunAsync(_national, _typical);

    [Benchmark]
    public Task<object> TypicalNorthbridge10000() => RunAsync(_northbridge, _typical);

    private static async Task<object> RunAsync(PathwayDefinition pathway, Cohort cohort)
    {
        var run = await Simulator.RunAsync(pathway, cohort, new SimulationOptions(People, Seed: 42));
        var (from, to) = run.DefaultPeriod;
        return await run.ReportsAsync(from, to);
    }
}
