using ContinuityOfCare.Workflows.Definitions;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>The published pathway versions a pathway compiled here may be based on, as its host knows them.</summary>
public interface IPathwayBaseSource
{
    /// <summary>What is known of one version of a pathway: its definition, or why it cannot be a base.</summary>
    BaseLookup Find(string pathwayId, int version);
}

/// <summary>The answer to looking up a base.</summary>
public abstract record BaseLookup;

/// <summary>The version is published and may be built on.</summary>
public sealed record BaseFound(PathwayDefinition Definition, string ContentHash) : BaseLookup;

/// <summary>No pathway with that id can be read here; <paramref name="Known"/> are the ids that can, for a suggestion.</summary>
public sealed record BaseUnknown(IReadOnlyList<string> Known) : BaseLookup;

/// <summary>The pathway exists but that version was never published; <paramref name="Current"/> is the one new cases start on, if any.</summary>
public sealed record BaseVersionMissing(IReadOnlyList<int> Published, int? Current) : BaseLookup;

/// <summary>The version was retracted, so nothing new may start on it or build on it.</summary>
public sealed record BaseRetracted(string Reason, int? Current) : BaseLookup;

/// <summary>One version a <see cref="PathwayBases"/> holds.</summary>
/// <param name="Definition">Its compiled definition; a host may leave it out for a version it knows of but did not read (one not asked for).</param>
/// <param name="Retraction">Why it was retracted, or null when it stands.</param>
public sealed record PathwayBaseVersion(int Number, PathwayDefinition? Definition, string? Retraction = null);

/// <summary>Bases held in memory: what a host has read from its store or its files before compiling.</summary>
public sealed class PathwayBases : IPathwayBaseSource
{
    private readonly Dictionary<string, List<PathwayBaseVersion>> _versions = new(StringComparer.Ordinal);

    /// <summary>A host that offers no bases: every <c>based on</c> names an unknown pathway.</summary>
    public static IPathwayBaseSource None { get; } = new PathwayBases();

    public PathwayBases Add(string pathwayId, PathwayBaseVersion version)
    {
        if (!_versions.TryGetValue(pathwayId, out var list))
        {
            _versions[pathwayId] = list = [];
        }

        list.RemoveAll(v => v.Number == version.Number);
        list.Add(version);
        return this;
    }

    /// <summary>Adds a compiled definition as a version of its own pathway id.</summary>
    public PathwayBases Add(PathwayDefinition definition, int number, string? retraction = null) =>
        Add(definition.Id, new PathwayBaseVersion(number, definition, retraction));

    /// <summary>Whether the pathway id is known here at all.</summary>
    public bool Knows(string pathwayId) => _versions.ContainsKey(pathwayId);

    public BaseLookup Find(string pathwayId, int version)
    {
        if (!_versions.TryGetValue(pathwayId, out var list))
        {
            return new BaseUnknown([.. _versions.Keys.Order(StringComparer.Ordinal)]);
        }

        var current = list.Where(v => v.Retraction is null).Select(v => (int?)v.Number).Max();
        return list.Find(v => v.Number == version) switch
        {
            null => new BaseVersionMissing([.. list.Select(v => v.Number).Order()], current),
            { Retraction: { } reason } => new BaseRetracted(reason, current),
            { Definition: { } definition } => new BaseFound(definition, DefinitionJson.ContentHash(definition)),
            _ => new BaseVersionMissing([.. list.Select(v => v.Number).Order()], current),
        };
    }
}
