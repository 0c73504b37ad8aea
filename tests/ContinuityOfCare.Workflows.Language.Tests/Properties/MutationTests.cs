using CsCheck;

namespace ContinuityOfCare.Workflows.Language.Tests.Properties;

/// <summary>
/// Whatever a person types, the compiler answers with diagnostics, never an exception. The long run
/// of the same check (100,000 and more mutations) is
/// <c>dotnet run -c Release --project tests/ContinuityOfCare.Workflows.Benchmarks -- fuzz-pathways</c>.
/// </summary>
public class MutationTests
{
    public static TheoryData<string> Seeds()
    {
        var data = new TheoryData<string>();
        foreach (var file in PathwayMutations.SeedFiles())
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void RandomMutationsProduceDiagnosticsNotExceptions(string seedFile)
    {
        var original = File.ReadAllText(Path.Combine(RepositoryPaths.Root, seedFile));
        var broken = 0;

        // Each sample is a seed of the random edits, so a failure shrinks to a seed that repeats it.
        Gen.Int.Sample(seed =>
        {
            var text = PathwayMutations.Mutate(original, new Random(seed));
            Assert.Null(PathwayMutations.Check(text, out var compiled));
            if (!compiled)
            {
                Interlocked.Increment(ref broken);
            }
        }, iter: 1500);

        // The mutations do break texts, so the property is about broken input, not only valid input.
        Assert.True(broken > 0, "No mutation of the seed failed to compile.");
    }
}
