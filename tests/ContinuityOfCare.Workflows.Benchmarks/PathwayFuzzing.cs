using System.Diagnostics;
using System.Globalization;
using ContinuityOfCare.Workflows.Language.Tests.Properties;

namespace ContinuityOfCare.Workflows.Benchmarks;

/// <summary>
/// The long run of the mutation property: mutated pathways through parse, check and compile, each
/// answer held to <see cref="PathwayMutations.Check"/>. Bounded in count and in time; reproducible
/// from its seed. Usage: <c>fuzz-pathways [count] [minutes] [seed]</c> (100,000, 30, 1 by default).
/// </summary>
internal static class PathwayFuzzing
{
    public static int Run(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 100_000;
        var limit = TimeSpan.FromMinutes(args.Length > 1 ? double.Parse(args[1], CultureInfo.InvariantCulture) : 30);
        var seed = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 1;
        var seeds = PathwayMutations.SeedFiles().Select(File.ReadAllText).ToArray();
        var random = new Random(seed);
        var watch = Stopwatch.StartNew();
        int done = 0, compiled = 0, failures = 0;
        for (; done < count && watch.Elapsed < limit; done++)
        {
            var caseSeed = random.Next();
            var text = PathwayMutations.Mutate(seeds[done % seeds.Length], new Random(caseSeed));
            if (PathwayMutations.Check(text, out var ok) is { } failure)
            {
                failures++;
                Console.WriteLine($"FAILED (seed file {done % seeds.Length}, case seed {caseSeed}): {failure}");
            }

            compiled += ok ? 1 : 0;
            if ((done + 1) % 10_000 == 0)
            {
                Console.WriteLine($"{done + 1:N0} mutations, {watch.Elapsed.TotalSeconds:F0} s");
            }
        }

        Console.WriteLine($"{done:N0} mutated pathways from {seeds.Length} seeds in {watch.Elapsed.TotalSeconds:F1} s: {compiled:N0} compiled, {done - compiled:N0} refused with diagnostics, {failures} failures.");
        return failures == 0 && done == count ? 0 : 1;
    }
}
