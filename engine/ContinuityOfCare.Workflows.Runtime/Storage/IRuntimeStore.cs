using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Storage;

/// <summary>
/// Where instances, their action items, timers, outbox and history are kept. The runtime reads
/// through it and writes only whole <see cref="ChangeSet"/>s; an implementation commits each one
/// atomically and rejects it with <see cref="ConcurrencyConflictException"/> when the instance's
/// version is not the one expected.
/// </summary>
public interface IRuntimeStore
{
    Task<PathwayInstance?> FindInstanceAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>All instances for a person (by prison number) in a partnership, oldest first.</summary>
    Task<IReadOnlyList<PathwayInstance>> FindInstancesForPersonAsync(string partnership, string prisonNumber, CancellationToken cancellationToken = default);

    /// <summary>Instances that match a query, most recently started first.</summary>
    Task<IReadOnlyList<PathwayInstance>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// An instance with its outstanding (open or breached) action items and its pending timers: what
    /// an operation reads before it changes a case, read together (one round trip where the store
    /// can). Done and cancelled items are read too only when asked for (to show the whole case), so
    /// the cost of firing a timer does not grow with the length of the case.
    /// </summary>
    Task<StoredCase?> LoadCaseAsync(Guid instanceId, bool withClosedActions = false, CancellationToken cancellationToken = default);

    /// <summary>
    /// Several cases as <see cref="LoadCaseAsync"/> reads one, in a few round trips for all of them
    /// (for work over many cases, such as a migration); cases that are not there are left out.
    /// </summary>
    Task<IReadOnlyList<StoredCase>> LoadCasesAsync(IReadOnlyList<Guid> instanceIds, bool withClosedActions = false, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<ActionItem>> GetActionsAsync(Guid instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<PendingTimer>> GetPendingTimersAsync(Guid instanceId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>
    /// How many outstanding (open or breached) action items one agency has across the active
    /// instances of a partnership, by how soon they are due against the window's boundaries, for
    /// each definition version those instances run on (so each can be read in its own time zone).
    /// </summary>
    Task<IReadOnlyDictionary<DefinitionVersion, CaseloadCounts>> CountCaseloadAsync(CaseloadWindow window, CancellationToken cancellationToken = default);

    /// <summary>
    /// A page of one agency's outstanding action items across the active instances of a
    /// partnership, with their instances: those with a due time earliest first, or (when
    /// <paramref name="dated"/> is false) those waiting for one, oldest first.
    /// </summary>
    Task<IReadOnlyList<(PathwayInstance Instance, ActionItem Action)>> ListCaseloadAsync(string partnership, string agency, bool dated, int skip, int take, CancellationToken cancellationToken = default);

    /// <summary>The ids of the active instances running on one definition version, oldest first (for a migration).</summary>
    Task<IReadOnlyList<Guid>> FindActiveInstanceIdsAsync(DefinitionVersion version, CancellationToken cancellationToken = default);

    /// <summary>How many active instances run on each definition version, of one pathway or of all.</summary>
    Task<IReadOnlyDictionary<DefinitionVersion, int>> CountActiveInstancesAsync(string? pathwayId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> due timers for one sweeper, earliest first, for the
    /// length of a lease. Timers another sweeper holds an unexpired lease on are skipped (on
    /// PostgreSQL without waiting for them: <c>FOR UPDATE SKIP LOCKED</c>), so several servers share
    /// the work. A claim only hands out work: firing stays idempotent, so a lease that runs out before
    /// its timer fired lets another sweeper try it.
    /// </summary>
    Task<IReadOnlyList<PendingTimer>> ClaimDueTimersAsync(Instant now, int limit, Guid sweeper, NodaTime.Duration lease, CancellationToken cancellationToken = default);

    /// <summary>The earliest pending due instant, for the scheduler's next wake-up.</summary>
    Task<Instant?> GetNextDueAsync(CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxMessage>> GetOutboxAsync(Guid instanceId, CancellationToken cancellationToken = default);

    /// <summary>A partnership's notifications (every partnership's when null), newest first, optionally of one status.</summary>
    Task<IReadOnlyList<OutboxMessage>> ListOutboxAsync(string? partnership, OutboxStatus? status, int limit, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<OutboxMessage>> GetPendingOutboxAsync(int limit, CancellationToken cancellationToken = default);

    /// <summary>Records the outcome of a delivery attempt and its history line, together.</summary>
    Task UpdateOutboxAsync(OutboxMessage message, HistoryEntry? history, CancellationToken cancellationToken = default);

    /// <summary>Commits one operation's changes atomically.</summary>
    Task SaveAsync(ChangeSet changes, CancellationToken cancellationToken = default);
}

/// <summary>Which instances to list: of one partnership (or all), pathway, status, state and person; a page of them.</summary>
public sealed record InstanceQuery(
    string? Partnership = null,
    string? PathwayId = null,
    InstanceStatus? Status = null,
    string? State = null,
    string? PrisonNumber = null,
    int Skip = 0,
    int Take = 50)
{
    public bool Matches(PathwayInstance instance) =>
        (Partnership is null || instance.Case.Partnership == Partnership)
        && (PathwayId is null || instance.Definition.PathwayId == PathwayId)
        && (Status is null || instance.Status == Status)
        && (State is null || instance.State == State)
        && (PrisonNumber is null || instance.Case.Person.PrisonNumber == PrisonNumber);
}

/// <summary>
/// The boundaries one agency's caseload is counted against: overdue at or before <see cref="Now"/>,
/// due today up to <see cref="EndOfToday"/>, due soon up to <see cref="EndOfSoon"/>, and later;
/// of the cases of one definition version when <see cref="Version"/> is given.
/// </summary>
public sealed record CaseloadWindow(string Partnership, string Agency, Instant Now, Instant EndOfToday, Instant EndOfSoon, DefinitionVersion? Version = null)
{
    /// <summary>Which group an outstanding item due at <paramref name="due"/> falls in.</summary>
    public CaseloadGroup GroupOf(Instant? due) => due switch
    {
        null => CaseloadGroup.Waiting,
        { } d when d <= Now => CaseloadGroup.Overdue,
        { } d when d <= EndOfToday => CaseloadGroup.DueToday,
        { } d when d <= EndOfSoon => CaseloadGroup.DueSoon,
        _ => CaseloadGroup.Later,
    };
}

/// <summary>How soon a caseload's item is due, in the order a caseload lists them.</summary>
public enum CaseloadGroup
{
    Overdue,
    DueToday,
    DueSoon,
    Later,
    Waiting,
}

/// <summary>How many outstanding items a caseload holds: overdue, due today, due soon, later, and waiting for a due time.</summary>
public sealed record CaseloadCounts(int Overdue, int DueToday, int DueSoon, int Later, int Waiting)
{
    public static readonly CaseloadCounts None = new(0, 0, 0, 0, 0);

    /// <summary>Every outstanding item.</summary>
    public int Total => Overdue + DueToday + DueSoon + Later + Waiting;

    /// <summary>The items that have a due time.</summary>
    public int Dated => Overdue + DueToday + DueSoon + Later;

    /// <summary>One item in a group.</summary>
    public static CaseloadCounts One(CaseloadGroup group) => group switch
    {
        CaseloadGroup.Overdue => new(1, 0, 0, 0, 0),
        CaseloadGroup.DueToday => new(0, 1, 0, 0, 0),
        CaseloadGroup.DueSoon => new(0, 0, 1, 0, 0),
        CaseloadGroup.Later => new(0, 0, 0, 1, 0),
        _ => new(0, 0, 0, 0, 1),
    };

    public static CaseloadCounts operator +(CaseloadCounts a, CaseloadCounts b) =>
        new(a.Overdue + b.Overdue, a.DueToday + b.DueToday, a.DueSoon + b.DueSoon, a.Later + b.Later, a.Waiting + b.Waiting);
}
