using System.Collections.Concurrent;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Runtime.Catalog;

/// <summary>
/// The compiled pathway definitions the runtime can run: the exact version a case is pinned to, and
/// which version new cases of a pathway start on in a partnership.
/// </summary>
public interface IDefinitionCatalog
{
    /// <summary>The exact version an instance is pinned to, retracted or not: running cases always find theirs.</summary>
    ValueTask<PathwayDefinition?> FindAsync(DefinitionVersion version, CancellationToken cancellationToken = default);

    /// <summary>The version new cases of a pathway start on in a partnership, or null if there is none to start on.</summary>
    ValueTask<DefinitionVersion?> CurrentAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default);

    /// <summary>A version by its number in a partnership, or null if there is no such number.</summary>
    ValueTask<NumberedVersion?> FindNumberedAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default);

    /// <summary>
    /// The number a definition version was first published as in a partnership (the same content
    /// published again after a retraction keeps its first number), or null if it was never published there.
    /// </summary>
    ValueTask<int?> NumberOfAsync(DefinitionVersion version, string partnership, CancellationToken cancellationToken = default);

    /// <summary>Every version of a pathway published in a partnership, retracted or not, oldest first: the versions its cases can run on.</summary>
    ValueTask<IReadOnlyList<DefinitionVersion>> VersionsAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default);
}

/// <summary>A numbered version of a pathway in a partnership, and whether new cases may start on it.</summary>
/// <param name="Current">For a retracted version, the number of the version new cases start on instead, if there is one.</param>
public sealed record NumberedVersion(DefinitionVersion Version, int Number, bool Retracted, int? Current = null);

/// <summary>
/// Definitions held in memory, for tests, simulation and the command line. Each definition added is
/// numbered after the last one of its pathway and partnership, and becomes the current version there.
/// </summary>
public sealed class InMemoryDefinitionCatalog : IDefinitionCatalog
{
    private readonly Lock _lock = new();
    private readonly ConcurrentDictionary<DefinitionVersion, PathwayDefinition> _definitions = new();
    private readonly Dictionary<(string PathwayId, string Partnership), List<DefinitionVersion>> _numbered = [];

    public DefinitionVersion Add(PathwayDefinition definition)
    {
        var version = new DefinitionVersion(definition.Id, DefinitionJson.ContentHash(definition));
        lock (_lock)
        {
            _definitions[version] = definition;
            var key = (definition.Id, definition.Partnership);
            if (!_numbered.TryGetValue(key, out var versions))
            {
                _numbered[key] = versions = [];
            }

            if (versions.Count == 0 || versions[^1] != version)
            {
                versions.Add(version);
            }
        }

        return version;
    }

    public ValueTask<PathwayDefinition?> FindAsync(DefinitionVersion version, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(_definitions.GetValueOrDefault(version));

    public ValueTask<DefinitionVersion?> CurrentAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            return ValueTask.FromResult(_numbered.TryGetValue((pathwayId, partnership), out var versions) ? versions[^1] : null);
        }
    }

    public ValueTask<NumberedVersion?> FindNumberedAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var found = _numbered.TryGetValue((pathwayId, partnership), out var versions) && number >= 1 && number <= versions.Count
                ? new NumberedVersion(versions[number - 1], number, Retracted: false)
                : null;
            return ValueTask.FromResult(found);
        }
    }

    public ValueTask<IReadOnlyList<DefinitionVersion>> VersionsAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<DefinitionVersion> versions = _numbered.TryGetValue((pathwayId, partnership), out var numbered) ? [.. numbered.Distinct()] : [];
            return ValueTask.FromResult(versions);
        }
    }

    public ValueTask<int?> NumberOfAsync(DefinitionVersion version, string partnership, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var index = _numbered.TryGetValue((version.PathwayId, partnership), out var versions) ? versions.IndexOf(version) : -1;
            return ValueTask.FromResult<int?>(index < 0 ? null : index + 1);
        }
    }
}
