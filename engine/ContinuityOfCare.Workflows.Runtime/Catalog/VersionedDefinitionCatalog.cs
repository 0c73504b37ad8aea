using System.Collections.Concurrent;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Catalog;

/// <summary>
/// The published versions in a version store, as the runtime sees them. A definition is read and
/// deserialised once per content hash and kept, because a content hash never changes meaning; which
/// version is current is asked of the store each time, because another server may publish or retract.
/// </summary>
public sealed class VersionedDefinitionCatalog(IPathwayVersionStore versions) : IDefinitionCatalog
{
    private readonly ConcurrentDictionary<DefinitionVersion, PathwayDefinition> _definitions = new();

    // A version's first number in a partnership never changes once it is published: versions are
    // only ever added, so it is asked of the store once.
    private readonly ConcurrentDictionary<(DefinitionVersion Version, string Partnership), int> _numbers = new();

    public async ValueTask<PathwayDefinition?> FindAsync(DefinitionVersion version, CancellationToken cancellationToken = default)
    {
        if (_definitions.TryGetValue(version, out var cached))
        {
            return cached;
        }

        if (await versions.FindDefinitionJsonAsync(version, cancellationToken) is not { } json)
        {
            return null;
        }

        var definition = DefinitionJson.FromJson(json);
        var hash = DefinitionJson.ContentHash(definition);
        if (hash != version.ContentHash)
        {
            // A case must run on exactly the definition it was started on, or not at all.
            throw new InvalidOperationException(
                $"The stored definition of pathway '{version.PathwayId}' {version.ContentHash} reads back with content hash {hash}; it will not be run.");
        }

        return _definitions.GetOrAdd(version, definition);
    }

    public async ValueTask<DefinitionVersion?> CurrentAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default) =>
        (await versions.FindCurrentAsync(pathwayId, partnership, cancellationToken))?.Definition;

    public async ValueTask<NumberedVersion?> FindNumberedAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default)
    {
        if (await versions.FindVersionAsync(pathwayId, partnership, number, cancellationToken) is not { } found)
        {
            return null;
        }

        var instead = found.IsRetracted ? await versions.FindCurrentAsync(pathwayId, partnership, cancellationToken) : null;
        return new NumberedVersion(found.Definition, found.Number, found.IsRetracted, instead?.Number);
    }

    public async ValueTask<IReadOnlyList<DefinitionVersion>> VersionsAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default) =>
        [.. (await versions.ListVersionsAsync(pathwayId, partnership, cancellationToken)).OrderBy(v => v.Number).Select(v => v.Definition).Distinct()];

    public async ValueTask<int?> NumberOfAsync(DefinitionVersion version, string partnership, CancellationToken cancellationToken = default)
    {
        if (_numbers.TryGetValue((version, partnership), out var known))
        {
            return known;
        }

        if (await versions.FindFirstNumberAsync(version, partnership, cancellationToken) is not { } number)
        {
            return null;
        }

        return _numbers.GetOrAdd((version, partnership), number);
    }
}
