using BenchmarkDotNet.Running;

// Run with: dotnet run -c Release --project tests/ContinuityOfCare.Workflows.Benchmarks -- --filter '*'
// The long fuzzing run of the compiler: ... -- fuzz-pathways [count] [minutes] [seed]
if (args is ["fuzz-pathways", .. var fuzz])
{
    return ContinuityOfCare.Workflows.Benchmarks.PathwayFuzzing.Run(fuzz);
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
