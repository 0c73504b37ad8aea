namespace ContinuityOfCare.Workflows.Persistence;

// The tables. Instants are stored as Unix ticks (100 ns since 1970-01-01 UTC) in 64-bit integers:
// exact, ordered and indexable the same way on SQLite and PostgreSQL. Statuses are stored as their
// names, so the tables read plainly. Values with structure (case fields, history changes) are JSON.

/// <summary>A row of <c>instances</c>: one pathway instance with its case details.</summary>
public sealed class InstanceRow
{
    public Guid Id { get; set; }

    public required string PathwayId { get; set; }

    public required string ContentHash { get; set; }

    public required string Partnership { get; set; }

    public required string PrisonNumber { get; set; }

    public required string PersonName { get; set; }

    /// <summary>ISO date, e.g. 1990-01-01.</summary>
    public required string DateOfBirth { get; set; }

    public bool ConsentRecorded { get; set; }

    public required string FieldsJson { get; set; }

    public required string State { get; set; }

    public long StateEnteredAt { get; set; }

    public required string Status { get; set; }

    public string? Outcome { get; set; }

    public long StartedAt { get; set; }

    public long? EndedAt { get; set; }

    public required string LastEventsJson { get; set; }

    /// <summary>Increases with every change; the optimistic concurrency token.</summary>
    public long Version { get; set; }

    /// <summary>How many history lines the instance has: the last line's sequence number.</summary>
    public long HistoryCount { get; set; }

    /// <summary>When the person was released (the first time the release event was recorded), for the indicator.</summary>
    public long? ReleasedAt { get; set; }

    /// <summary>When the continuity window after that release closes.</summary>
    public long? WindowEndsAt { get; set; }
}

/// <summary>
/// A row of <c>stays</c>: one stay of a case in one state, from the history line that entered it
/// (its <see cref="Sequence"/>) until the next entry (<see cref="LeftAt"/>, or none while the case
/// is there or has ended there). Kept with each change, so that the time-in-state and funnel figures
/// are read where the cases are rather than worked out from every history line.
/// </summary>
public sealed class StayRow
{
    public Guid InstanceId { get; set; }

    /// <summary>The sequence number of the history line that entered the state.</summary>
    public long Sequence { get; set; }

    public required string Partnership { get; set; }

    public required string PathwayId { get; set; }

    public required string State { get; set; }

    public long EnteredAt { get; set; }

    public long? LeftAt { get; set; }
}

/// <summary>A row of <c>actions</c>. The partnership is copied from the instance for the caseload index.</summary>
public sealed class ActionRow
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string Partnership { get; set; }

    public required string State { get; set; }

    public required string ActionId { get; set; }

    public required string Description { get; set; }

    public required string Agency { get; set; }

    public long OpenedAt { get; set; }

    public long? DueAt { get; set; }

    public required string Status { get; set; }

    public long? BreachedAt { get; set; }

    public long? CompletedAt { get; set; }

    public string? CompletedBy { get; set; }

    /// <summary>The due time rests on a projected day (a year whose bank holidays are not yet published).</summary>
    public bool DueProvisional { get; set; }
}

/// <summary>A row of <c>timers</c>: the truth about every pending deadline.</summary>
public sealed class TimerRow
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string State { get; set; }

    public required string Kind { get; set; }

    public required string Target { get; set; }

    public long DueAt { get; set; }

    public required string Status { get; set; }

    /// <summary>The sweeper holding this timer, until <see cref="ClaimedUntil"/>.</summary>
    public Guid? ClaimedBy { get; set; }

    public long? ClaimedUntil { get; set; }

    /// <summary>The due time rests on a projected day (a year whose bank holidays are not yet published).</summary>
    public bool DueProvisional { get; set; }
}

/// <summary>A row of <c>outbox</c>: a rendered notice and its delivery status.</summary>
public sealed class OutboxRow
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public required string Partnership { get; set; }

    public required string RecipientAgency { get; set; }

    public required string Template { get; set; }

    public required string Subject { get; set; }

    public required string Body { get; set; }

    public long CreatedAt { get; set; }

    public required string Status { get; set; }

    public int Attempts { get; set; }

    public long? SentAt { get; set; }

    public string? Error { get; set; }
}

/// <summary>A row of <c>history</c>: one journal line; <see cref="Sequence"/> is unique per instance.</summary>
public sealed class HistoryRow
{
    public Guid Id { get; set; }

    public Guid InstanceId { get; set; }

    public long Sequence { get; set; }

    public long At { get; set; }

    public required string UserId { get; set; }

    public string? Agency { get; set; }

    public required string PathwayId { get; set; }

    public required string ContentHash { get; set; }

    /// <summary>The change's kind, e.g. <c>deadlineMoved</c>, for queries and reports.</summary>
    public required string Kind { get; set; }

    public required string ChangeJson { get; set; }
}

/// <summary>
/// A row of <c>pathway_versions</c>: one published version, its text and compiled definition, keyed
/// by (pathway id, partnership, number). Only the retraction columns are ever written after insert.
/// </summary>
public sealed class PathwayVersionRow
{
    public required string PathwayId { get; set; }

    public required string Partnership { get; set; }

    public int Number { get; set; }

    public required string ContentHash { get; set; }

    public required string Author { get; set; }

    public long PublishedAt { get; set; }

    public required string Note { get; set; }

    public required string SourceText { get; set; }

    /// <summary>The canonical definition JSON, the text the content hash is computed over.</summary>
    public required string DefinitionJson { get; set; }

    public string? RetractedBy { get; set; }

    public long? RetractedAt { get; set; }

    public string? RetractionReason { get; set; }
}

/// <summary>A row of <c>pathway_drafts</c>: the one draft of a pathway in a partnership.</summary>
public sealed class PathwayDraftRow
{
    public required string PathwayId { get; set; }

    public required string Partnership { get; set; }

    public required string Text { get; set; }

    public required string SavedBy { get; set; }

    public long SavedAt { get; set; }
}

/// <summary>
/// A row of <c>idempotency_keys</c>: a state-changing request one caller sent with an idempotency
/// key, and, once it succeeded, the response to send again if the same request is retried.
/// </summary>
public sealed class IdempotencyRow
{
    /// <summary>Who sent it (their user name): keys are one caller's own, so two callers cannot collide.</summary>
    public required string Owner { get; set; }

    public required string Key { get; set; }

    /// <summary>A hash of the method, path and body, so a key reused for a different request is refused.</summary>
    public required string RequestHash { get; set; }

    public long CreatedAt { get; set; }

    /// <summary>Null while the request is being carried out.</summary>
    public int? StatusCode { get; set; }

    public string? ContentType { get; set; }

    public string? Location { get; set; }

    /// <summary>The ETag the response carried (a case's version), sent again with it.</summary>
    public string? ETag { get; set; }

    public byte[]? ResponseBody { get; set; }
}
