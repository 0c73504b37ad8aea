using BenchmarkDotNet.Attributes;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Benchmarks;

/// <summary>Parse + check + compile of the shipped national pathway, and of Riverside written as its changes to it.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 20)]
public class NationalPathwayBenchmarks
{
    private string _national = "";
    private string _nationalPath = "";
    private string _riverside = "";
    private string _riversidePath = "";

    [GlobalSetup]
    public void Setup()
    {
        _nationalPath = Repository.File("pathways", "national", "custody-to-community.pathway");
        _national = File.ReadAllText(_nationalPath);
        Repository.EnsureCompiles(_national, _nationalPath);
        _riversidePath = Repository.File("pathways", "local", "riverside.pathway");
        _riverside = File.ReadAllText(_riversidePath);
        Repository.EnsureCompiles(_riverside, _riversidePath);
    }

    /// <summary>Parsing alone, measured in the same run as the full compile for comparison.</summary>
    [Benchmark(Baseline = true)]
    public object ParseNational() => Language.Parsing.PathwayParser.Parse(_national, _nationalPath);

    [Benchmark]
    public object CompileNational() => TestCompiler.Compile(_national, _nationalPath);

    /// <summary>The national definition (its base) is already compiled, as a host holds a published version.</summary>
    [Benchmark]
    public object CompileRiversideOnNational() => TestCompiler.Compile(_riverside, _riversidePath);
}

/// <summary>Parse + check + compile of generated pathways: the 10,000-state one must cost at most 12 times the 1,000-state one.</summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class GeneratedPathwayBenchmarks
{
    private string _thousand = "";
    private string _fiveThousand = "";
    private string _tenThousand = "";

    [GlobalSetup]
    public void Setup()
    {
        _thousand = SyntheticPathway.Generate(1_000);
        _fiveThousand = SyntheticPathway.Generate(5_000);
        _tenThousand = SyntheticPathway.Generate(10_000);
        Repository.EnsureCompiles(_thousand, "synthetic-1000.pathway");
        Repository.EnsureCompiles(_fiveThousand, "synthetic-5000.pathway");
        Repository.EnsureCompiles(_tenThousand, "synthetic-10000.pathway");
    }

    [Benchmark(Baseline = true)]
    public object Compile1000States() => TestCompiler.Compile(_thousand, "synthetic-1000.pathway");

    /// <summary>Parsing alone, to show how the compile time divides between reading and checking.</summary>
    [Benchmark]
    public object Parse1000States() => Language.Parsing.PathwayParser.Parse(_thousand, "synthetic-1000.pathway");

    /// <summary>Halfway to the largest: 10,000 states should cost twice this if nothing grows faster than the pathway.</summary>
    [Benchmark]
    public object Compile5000States() => TestCompiler.Compile(_fiveThousand, "synthetic-5000.pathway");

    [Benchmark]
    public object Compile10000States() => TestCompiler.Compile(_tenThousand, "synthetic-10000.pathway");
}

internal static class Repository
{
    public static string File(params string[] parts)
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !System.IO.File.Exists(Path.Combine(directory.FullName, "ContinuityOfCare.Workflows.sln")))
        {
            directory = directory.Parent;
        }

        return Path.Combine([directory?.FullName ?? Directory.GetCurrentDirectory(), .. parts]);
    }

    public static void EnsureCompiles(string text, string path)
    {
        var result = TestCompiler.Compile(text, path);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"{path} does not compile:\n{string.Join("\n", result.Errors)}");
        }
    }
}
