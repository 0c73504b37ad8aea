using ContinuityOfCare.Workflows.Language.Diagnostics;
using Snapshooter.Xunit;

namespace ContinuityOfCare.Workflows.Language.Tests.Diagnostics;

public class CatalogSnapshotTests
{
    /// <summary>Codes are quoted in documents and tickets: any change to one shows up as a snapshot diff.</summary>
    [Fact]
    public void CatalogMatchesItsSnapshot()
    {
        var catalog = DiagnosticCatalog.All.Select(d => new { d.Code, Severity = d.Severity.ToString(), d.Title });

        Snapshot.Match(catalog);
    }

    [Fact]
    public void EveryCodeIsDocumentedInTheLanguageReference()
    {
        var reference = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "language.md"));

        var undocumented = DiagnosticCatalog.All.Where(d => !reference.Contains($"### {d.Code}", StringComparison.Ordinal)).Select(d => d.Code);

        Assert.Empty(undocumented);
    }
}
