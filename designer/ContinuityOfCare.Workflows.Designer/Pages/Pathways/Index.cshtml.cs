using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Authoring;

namespace ContinuityOfCare.Workflows.Designer.Pages.Pathways;

/// <summary>The partnership's pathways: their current version and how many cases run on them.</summary>
public sealed class PathwaysModel(PathwayPublisher publisher) : DesignerPage
{
    public sealed record Row(string Id, string Partnership, int? Current, int Versions, int RunningCases);

    public List<Row> Pathways { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var listed = await publisher.ListVersionsAsync(cancellationToken: cancellationToken);
        Pathways.AddRange(listed
            .GroupBy(l => (l.Version.PathwayId, l.Version.Partnership))
            .OrderBy(g => g.Key.PathwayId, StringComparer.Ordinal)
            .Select(g => new Row(g.Key.PathwayId, g.Key.Partnership, g.FirstOrDefault(l => l.IsCurrent)?.Version.Number, g.Count(), g.Sum(l => l.RunningInstances))));
    }
}
