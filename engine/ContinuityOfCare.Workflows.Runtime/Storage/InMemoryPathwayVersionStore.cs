using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Runtime.Storage;

/// <summary>Pathway versions and drafts in memory, for tests and simulation; one lock keeps each change whole.</summary>
public sealed class InMemoryPathwayVersionStore : IPathwayVersionStore
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<(string PathwayId, string Partnership, int Number), (PathwayVersion Version, PathwayVersionContent Content)> _versions = new(KeyOrder.Instance);
    private readonly Dictionary<(string PathwayId, string Partnership), PathwayDraft> _drafts = [];

    public Task<IReadOnlyList<PathwayVersion>> ListVersionsAsync(string? pathwayId, string? partnership, CancellationToken cancellationToken = default) =>
        Read<IReadOnlyList<PathwayVersion>>(() => [.. _versions.Values
            .Select(v => v.Version)
            .Where(v => (pathwayId is null || v.PathwayId == pathwayId) && (partnership is null || v.Partnership == partnership))]);

    public Task<PathwayVersion?> FindVersionAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default) =>
        Read(() => _versions.TryGetValue((pathwayId, partnership, number), out var found) ? found.Version : null);

    public Task<PathwayVersion?> FindLatestAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default) =>
        Read(() => Of(pathwayId, partnership).LastOrDefault());

    public Task<PathwayVersion?> FindCurrentAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default) =>
        Read(() => Of(pathwayId, partnership).LastOrDefault(v => !v.IsRetracted));

    public Task<PathwayVersionContent?> GetContentAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default) =>
        Read(() => _versions.TryGetValue((pathwayId, partnership, number), out var found) ? found.Content : null);

    public Task<string?> FindDefinitionJsonAsync(DefinitionVersion version, CancellationToken cancellationToken = default) =>
        Read(() => _versions.Values
            .FirstOrDefault(v => v.Version.PathwayId == version.PathwayId && v.Version.ContentHash == version.ContentHash)
            .Content?.DefinitionJson);

    public Task<int?> FindFirstNumberAsync(DefinitionVersion version, string partnership, CancellationToken cancellationToken = default) =>
        Read(() => Of(version.PathwayId, partnership).FirstOrDefault(v => v.ContentHash == version.ContentHash)?.Number);

    public Task AddVersionAsync(PathwayVersion version, PathwayVersionContent content, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            if (!_versions.TryAdd((version.PathwayId, version.Partnership, version.Number), (version, content)))
            {
                throw new VersionNumberTakenException(version.PathwayId, version.Partnership, version.Number);
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> RetractAsync(string pathwayId, string partnership, int number, Retraction retraction, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var key = (pathwayId, partnership, number);
            if (!_versions.TryGetValue(key, out var found) || found.Version.IsRetracted)
            {
                return Task.FromResult(false);
            }

            _versions[key] = (found.Version with { Retraction = retraction }, found.Content);
            return Task.FromResult(true);
        }
    }

    public Task SaveDraftAsync(PathwayDraft draft, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _drafts[(draft.PathwayId, draft.Partnership)] = draft;
        }

        return Task.CompletedTask;
    }

    public Task<PathwayDraft?> FindDraftAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default) =>
        Read(() => _drafts.GetValueOrDefault((pathwayId, partnership)));

    private IEnumerable<PathwayVersion> Of(string pathwayId, string partnership) =>
        _versions.Values.Select(v => v.Version).Where(v => v.PathwayId == pathwayId && v.Partnership == partnership);

    private Task<T> Read<T>(Func<T> read)
    {
        lock (_lock)
        {
            return Task.FromResult(read());
        }
    }

    /// <summary>Ordinal order of pathway id and partnership, then number: the order versions are listed in.</summary>
    private sealed class KeyOrder : IComparer<(string PathwayId, string Partnership, int Number)>
    {
        public static readonly KeyOrder Instance = new();

        public int Compare((string PathwayId, string Partnership, int Number) x, (string PathwayId, string Partnership, int Number) y)
        {
            var byPathway = string.CompareOrdinal(x.PathwayId, y.PathwayId);
            if (byPathway != 0)
            {
                return byPathway;
            }

            var byPartnership = string.CompareOrdinal(x.Partnership, y.Partnership);
            return byPartnership != 0 ? byPartnership : x.Number.CompareTo(y.Number);
        }
    }
}
