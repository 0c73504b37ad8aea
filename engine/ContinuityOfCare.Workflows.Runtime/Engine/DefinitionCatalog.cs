using System.Collections.Concurrent;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Runtime.Engine;

/// <summary>The compiled pathway definitions the runtime can run, by id and content hash.</summary>
public interface IDefinitionCatalog
{
    /// <summary>The exact version an instance is pinned to.</summary>
    PathwayDefinition? Find(DefinitionVersion version);

    /// <summary>The version new cases of a pathway start on.</summary>
    DefinitionVersion? Current(string pathwayId);
}

/// <summary>Definitions held in memory; the latest one added for a pathway id is its current version.</summary>
public sealed class InMemoryDefinitionCatalog : IDefinitionCatalog
{
    private readonly ConcurrentDictionary<DefinitionVersion, PathwayDefinition> _definitions = new();
    private readonly ConcurrentDictionary<string, DefinitionVersion> _current = new(StringComparer.Ordinal);

    public DefinitionVersion Add(PathwayDefinition definition)
    {
        var version = new DefinitionVersion(definition.Id, DefinitionJson.ContentHash(definition));
        _definitions[version] = definition;
        _current[definition.Id] = version;
        return version;
    }

    public PathwayDefinition? Find(DefinitionVersion version) => _definitions.GetValueOrDefault(version);

    public DefinitionVersion? Current(string pathwayId) => _current.GetValueOrDefault(pathwayId);
}
