using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Diff;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Authoring;

/// <summary>What a publish did.</summary>
public enum PublishOutcome
{
    /// <summary>A new version was written.</summary>
    Published,

    /// <summary>The latest version already has this content; nothing was written.</summary>
    AlreadyPublished,

    /// <summary>The pathway has errors; nothing was written.</summary>
    HasErrors,
}

/// <summary>The outcome of a publish, the pathway's diagnostics (warnings too), and the version published or found.</summary>
public sealed record PublishResult(PublishOutcome Outcome, IReadOnlyList<Diagnostic> Diagnostics, PathwayVersion? Version)
{
    /// <summary>One sentence for the person who published.</summary>
    public string Message => Outcome switch
    {
        PublishOutcome.Published => $"Published pathway '{Version!.PathwayId}' in '{Version.Partnership}' as version {Version.Number} ({Version.ContentHash}).",
        PublishOutcome.AlreadyPublished => $"Pathway '{Version!.PathwayId}' in '{Version.Partnership}' is already published as version {Version.Number} with this content; nothing was written.",
        _ => $"The pathway has {Count(Diagnostics.Count(d => d.IsError), "error")}; nothing was published.",
    };

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n} {noun}s";
}

/// <summary>A saved draft and what checking it found; a draft may have errors.</summary>
public sealed record DraftResult(PathwayDraft Draft, IReadOnlyList<Diagnostic> Diagnostics);

/// <summary>A published version as listed: how many cases are running on it, and whether new cases start on it.</summary>
/// <param name="RunningInstances">
/// Active cases pinned to the version's content hash. Cases are pinned to content, so versions of a
/// pathway with the same content (a later version that goes back to earlier text) share their count.
/// </param>
public sealed record VersionListing(PathwayVersion Version, int RunningInstances, bool IsCurrent);

/// <summary>A local protocol's own decisions: the base it is written on, and what it changes there.</summary>
public sealed record LocalChanges(PathwayBase Base, PathwayDiffResult Changes);
