using System.Collections.Immutable;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Model;

/// <summary>Where an instance is in its life.</summary>
public enum InstanceStatus
{
    Active,

    /// <summary>Reached a final state; <see cref="PathwayInstance.Outcome"/> says which outcome.</summary>
    Completed,

    /// <summary>Reached a final state whose outcome is <c>left-pathway</c> (screened out, transferred, and so on).</summary>
    LeftPathway,

    /// <summary>Stopped by a person (opened in error, duplicate) before reaching a final state.</summary>
    Cancelled,
}

/// <summary>The definition version an instance runs on: it never changes unless the case is migrated.</summary>
public sealed record DefinitionVersion(string PathwayId, string ContentHash);

/// <summary>
/// One person's journey along one pathway during one prison stay. A person may have several over
/// time. <see cref="Version"/> increases with every change and guards against two people changing
/// the same case at once. <see cref="LastEvents"/> holds when each event was last recorded, which is
/// what deadlines "of" an event count from.
/// </summary>
public sealed record PathwayInstance(
    Guid Id,
    DefinitionVersion Definition,
    CaseDetails Case,
    string State,
    Instant StateEnteredAt,
    InstanceStatus Status,
    string? Outcome,
    Instant StartedAt,
    Instant? EndedAt,
    ImmutableDictionary<string, Instant> LastEvents,
    long Version)
{
    public bool IsActive => Status == InstanceStatus.Active;

    /// <summary>When the person was released: the first time the pathway's release event was recorded on this case.</summary>
    public Instant? ReleasedAt { get; init; }

    /// <summary>When the window for continuity of care after that release closes, by the rules of the version the case runs on.</summary>
    public Instant? WindowEndsAt { get; init; }
}
