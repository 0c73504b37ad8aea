using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>
/// A published version of a pathway in a partnership. Numbered 1, 2, 3, ... per pathway and
/// partnership, and never changed once written, except that it may be retracted: new cases then
/// stop starting on it, while cases already running on it carry on.
/// </summary>
public sealed record PathwayVersion(
    string PathwayId,
    string Partnership,
    int Number,
    string ContentHash,
    string Author,
    Instant PublishedAt,
    string Note,
    Retraction? Retraction = null)
{
    /// <summary>The definition version cases started on this version are pinned to.</summary>
    public DefinitionVersion Definition => new(PathwayId, ContentHash);

    public bool IsRetracted => Retraction is not null;
}

/// <summary>Who retracted a version, when, and why.</summary>
public sealed record Retraction(string By, Instant At, string Reason);

/// <summary>What a version was published from (the pathway text) and compiled to (the canonical definition JSON).</summary>
public sealed record PathwayVersionContent(string SourceText, string DefinitionJson);

/// <summary>Work in progress on a pathway: one per pathway and partnership, replaced by each save.</summary>
public sealed record PathwayDraft(string PathwayId, string Partnership, string Text, string SavedBy, Instant SavedAt);
