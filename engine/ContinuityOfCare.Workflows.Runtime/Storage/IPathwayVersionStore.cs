using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Runtime.Storage;

/// <summary>
/// Where published pathway versions and drafts are kept. Versions are only ever added, and
/// retracted; a version's number is unique per pathway and partnership, and a store refuses a
/// second version with the same number with <see cref="VersionNumberTakenException"/>.
/// </summary>
public interface IPathwayVersionStore
{
    /// <summary>Versions by pathway id, partnership and number; either filter may be left out.</summary>
    Task<IReadOnlyList<PathwayVersion>> ListVersionsAsync(string? pathwayId, string? partnership, CancellationToken cancellationToken = default);

    Task<PathwayVersion?> FindVersionAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default);

    /// <summary>The highest-numbered version, retracted or not.</summary>
    Task<PathwayVersion?> FindLatestAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default);

    /// <summary>The highest-numbered version that is not retracted: the one new cases start on.</summary>
    Task<PathwayVersion?> FindCurrentAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default);

    Task<PathwayVersionContent?> GetContentAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default);

    /// <summary>
    /// The compiled definition JSON of a definition version, retracted or not. Every version with the
    /// same pathway id and content hash has the same JSON, so any of them will do.
    /// </summary>
    Task<string?> FindDefinitionJsonAsync(DefinitionVersion version, CancellationToken cancellationToken = default);

    /// <summary>The lowest number under which a definition version was published in a partnership, retracted or not; null if never.</summary>
    Task<int?> FindFirstNumberAsync(DefinitionVersion version, string partnership, CancellationToken cancellationToken = default);

    /// <summary>Adds a version; <see cref="VersionNumberTakenException"/> if its number is already taken.</summary>
    Task AddVersionAsync(PathwayVersion version, PathwayVersionContent content, CancellationToken cancellationToken = default);

    /// <summary>Records a retraction; false (and nothing changed) if there is no such version or it is already retracted.</summary>
    Task<bool> RetractAsync(string pathwayId, string partnership, int number, Retraction retraction, CancellationToken cancellationToken = default);

    /// <summary>Saves the draft of its pathway and partnership, replacing any earlier one.</summary>
    Task SaveDraftAsync(PathwayDraft draft, CancellationToken cancellationToken = default);

    Task<PathwayDraft?> FindDraftAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default);
}

/// <summary>Another version with the same number was written first (two people published at once). Nothing was written.</summary>
public sealed class VersionNumberTakenException(string pathwayId, string partnership, int number, Exception? inner = null)
    : Exception($"Version {number} of pathway '{pathwayId}' in '{partnership}' was published by someone else at the same moment, so nothing was written. List the versions and publish again if this one is still wanted.", inner)
{
    public string PathwayId { get; } = pathwayId;

    public string Partnership { get; } = partnership;

    public int Number { get; } = number;
}
