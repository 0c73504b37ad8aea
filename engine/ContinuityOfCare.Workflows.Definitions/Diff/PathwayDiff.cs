using System.Collections.Immutable;

namespace ContinuityOfCare.Workflows.Definitions.Diff;

/// <summary>What happened to one part of a pathway between two versions.</summary>
public enum ChangeKind
{
    Added,
    Removed,
    Renamed,
    Changed,
}

/// <summary>The part of a pathway a change is in, in the order a report lists them.</summary>
public enum ChangeSection
{
    Pathway,
    Agencies,
    Fields,
    Templates,
    States,
}

/// <summary>One line of a line-by-line text comparison: kept (' '), removed ('-') or added ('+').</summary>
public sealed record TextLine(char Mark, string Text);

/// <summary>
/// One difference in behaviour between two versions of a pathway, in words a partnership lead or
/// an auditor reads without knowing the pathway language: "release plan: 6 weeks before release
/// date → 8 weeks before release date".
/// </summary>
/// <param name="Section">Where the change is.</param>
/// <param name="State">For a change inside a state, the state's id (in the newer version, unless the state was removed).</param>
/// <param name="Subject">What changed, e.g. "title", "action release-plan", "on released", "template alert-form".</param>
/// <param name="Kind">Added, removed, renamed or changed.</param>
/// <param name="Summary">The change as one sentence.</param>
/// <param name="Before">The older value in words, when there is one.</param>
/// <param name="After">The newer value in words, when there is one.</param>
/// <param name="Lines">For a changed template text, the line-by-line comparison; otherwise empty.</param>
public sealed record PathwayChange(
    ChangeSection Section,
    string? State,
    string Subject,
    ChangeKind Kind,
    string Summary,
    string? Before,
    string? After,
    ImmutableArray<TextLine> Lines);

/// <summary>One side of a comparison: a pathway file or a stored version.</summary>
/// <param name="Label">How to name it in a report: a file path, or "pathway-id version 3".</param>
public sealed record DiffSide(string Label, string PathwayId, string Title, string ContentHash);

/// <summary>The changes in behaviour from one version of a pathway to another.</summary>
/// <param name="StateTitles">The title of every state a change names, by id (the newer title where both have one).</param>
public sealed record PathwayDiffResult(DiffSide From, DiffSide To, ImmutableArray<PathwayChange> Changes, ImmutableDictionary<string, string> StateTitles)
{
    /// <summary>
    /// Whether the versions behave differently. Comments, layout and whitespace are not part of a
    /// compiled definition, so versions that differ only in those have the same content hash and
    /// no changes.
    /// </summary>
    public bool BehaviourChanged => !Changes.IsEmpty;

    /// <summary>The changes in one state, in report order.</summary>
    public IEnumerable<IGrouping<string?, PathwayChange>> ByState() =>
        Changes.Where(c => c.Section == ChangeSection.States).GroupBy(c => c.State);
}
