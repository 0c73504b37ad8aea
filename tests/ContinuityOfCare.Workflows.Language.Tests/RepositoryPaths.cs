namespace ContinuityOfCare.Workflows.Language.Tests;

/// <summary>Finds folders of the repository from the test binaries' location.</summary>
public static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Pathways => Path.Combine(Root, "pathways");

    public static string Baselines => Path.Combine(Root, "tests", "ContinuityOfCare.Workflows.Language.Tests", "Baselines");

    /// <summary>The local protocols as they were written before they became changes to the national pathway: whole copies of it.</summary>
    public static string FullCopies => Path.Combine(Root, "tests", "ContinuityOfCare.Workflows.Language.Tests", "FullCopies");

    public static string NationalPathway => Path.Combine(Pathways, "national", "custody-to-community.pathway");

    public static IEnumerable<string> ShippedPathways =>
        Directory.EnumerateFiles(Pathways, "*.pathway", SearchOption.AllDirectories).Order(StringComparer.Ordinal);

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "ContinuityOfCare.Workflows.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The repository root (ContinuityOfCare.Workflows.sln) was not found.");
    }
}
