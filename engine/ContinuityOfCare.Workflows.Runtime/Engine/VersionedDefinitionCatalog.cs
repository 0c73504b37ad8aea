using System.Collections.Concurrent;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Engine;

/// <summary>
/// The published versions in a version store, as the runtime sees them. A definition is read and
/// deserialised once per content hash and kept, because a content hash never changes meaning; which
/// version is current is asked of the store each time, because another server may publish or retract.
/// </summary>
public sealed class VersionedDefinitionCatalog(IPathwayVersionStore versions) : IDefinitionCatalog
{
    private readonly ConcurrentDictionary<DefinitionVersion, PathwayDefinition> _definitions = new();

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
}
