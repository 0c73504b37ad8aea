using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Queries;

/// <summary>One outstanding action on an agency's caseload, with the time zone its pathway's caseworkers read times in.</summary>
public sealed record CaseloadItem(Guid InstanceId, string PrisonNumber, string State, ActionItem Action, DateTimeZone Zone);

/// <summary>
/// An agency's outstanding actions: how many are overdue, due today, due soon, later and waiting
/// for a due time, and one page of them, earliest due first (those waiting last), grouped the same way.
/// </summary>
public sealed record Caseload(
    string Agency,
    Instant At,
    CaseloadCounts Counts,
    int Skip,
    int Take,
    IReadOnlyList<CaseloadItem> Overdue,
    IReadOnlyList<CaseloadItem> DueToday,
    IReadOnlyList<CaseloadItem> DueSoon,
    IReadOnlyList<CaseloadItem> Later,
    IReadOnlyList<CaseloadItem> Waiting)
{
    /// <summary>The most items one page of a caseload lists.</summary>
    public const int MaxPage = 200;

    /// <summary>How many items this page lists.</summary>
    public int Count => Overdue.Count + DueToday.Count + DueSoon.Count + Later.Count + Waiting.Count;

    /// <summary>Whether there are items after this page.</summary>
    public bool HasMore => Skip + Count < Counts.Total;
}

/// <summary>Reading cases: one case as a person sees it, its history and notifications, and an agency's caseload.</summary>
public sealed class CaseQueries
{
    private readonly RuntimeServices _services;

    internal CaseQueries(RuntimeServices services) => _services = services;

    /// <summary>A case as the caller sees it: its state, every action, its pending timers, and the events the caller may record now (read in one round trip).</summary>
    public async Task<CaseView> GetAsync(Guid instanceId, Actor actor, CancellationToken cancellationToken = default)
    {
        var stored = await _services.Store.LoadCaseAsync(instanceId, withClosedActions: true, cancellationToken)
            ?? throw new NotFoundException($"There is no case {instanceId}.");
        var instance = stored.Instance;
        var definition = await _services.DefinitionOfAsync(instance, cancellationToken);
        var number = await _services.Catalog.NumberOfAsync(instance.Definition, instance.Case.Partnership, cancellationToken);
        IReadOnlyList<ActionItem> actions = [.. stored.ClosedActions.Concat(stored.OutstandingActions).OrderBy(a => a.OpenedAt).ThenBy(a => a.ActionId, StringComparer.Ordinal)];
        return CaseView.Build(instance, definition, number, actions, stored.PendingTimers, actor);
    }

    /// <summary>Everything that happened to a case, in order.</summary>
    public async Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await RequireAsync(instanceId, cancellationToken);
        return await _services.Store.GetHistoryAsync(instanceId, cancellationToken);
    }

    /// <summary>The notifications a case has queued, sent, or could not send, oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> GetNotificationsAsync(Guid instanceId, CancellationToken cancellationToken = default)
    {
        await RequireAsync(instanceId, cancellationToken);
        return await _services.Store.GetOutboxAsync(instanceId, cancellationToken);
    }

    /// <summary>
    /// An agency's outstanding actions across the partnership's active cases: how many are overdue,
    /// due today (in each pathway's time zone), due within the next <paramref name="days"/> days,
    /// later, and waiting (no due time yet), and the page of <paramref name="take"/> items after the
    /// first <paramref name="skip"/>, earliest due first. Only the page is read whole; the rest is counted.
    /// </summary>
    public async Task<Caseload> GetCaseloadAsync(string partnership, string agency, int days = 7, int skip = 0, int take = 50, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(skip);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(take);
        take = Math.Min(take, Caseload.MaxPage);
        var now = _services.Now();
        var zones = new Dictionary<DefinitionVersion, DateTimeZone>();
        var counts = await CountAsync(partnership, agency, now, days, zones, cancellationToken);

        var page = new List<(PathwayInstance Instance, ActionItem Action)>();
        if (skip < counts.Dated)
        {
            page.AddRange(await _services.Store.ListCaseloadAsync(partnership, agency, dated: true, skip, take, cancellationToken));
        }

        if (page.Count < take && skip + page.Count >= counts.Dated)
        {
            var waitingSkip = Math.Max(0, skip - counts.Dated);
            page.AddRange(await _services.Store.ListCaseloadAsync(partnership, agency, dated: false, waitingSkip, take - page.Count, cancellationToken));
        }

        var groups = Enum.GetValues<CaseloadGroup>().ToDictionary(g => g, _ => new List<CaseloadItem>());
        foreach (var (instance, action) in page)
        {
            var zone = await ZoneOfAsync(instance.Definition, zones, cancellationToken);
            groups[Window.In(zone, partnership, agency, now, days).GroupOf(action.DueAt)]
                .Add(new CaseloadItem(instance.Id, instance.Case.Person.PrisonNumber, instance.State, action, zone));
        }

        return new Caseload(agency, now, counts, skip, take,
            groups[CaseloadGroup.Overdue], groups[CaseloadGroup.DueToday], groups[CaseloadGroup.DueSoon], groups[CaseloadGroup.Later], groups[CaseloadGroup.Waiting]);
    }

    /// <summary>How many outstanding actions an agency has, by how soon they are due (each pathway's days in its own time zone), without reading them.</summary>
    public Task<CaseloadCounts> CountCaseloadAsync(string partnership, string agency, int days = 7, CancellationToken cancellationToken = default) =>
        CountAsync(partnership, agency, _services.Now(), days, [], cancellationToken);

    /// <summary>Counted once against the days of the usual time zone, and again for any version whose cases are read in another.</summary>
    private async Task<CaseloadCounts> CountAsync(string partnership, string agency, Instant now, int days, Dictionary<DefinitionVersion, DateTimeZone> zones, CancellationToken cancellationToken)
    {
        var usual = Window.DefaultZone(_services);
        var counts = CaseloadCounts.None;
        foreach (var (version, count) in await _services.Store.CountCaseloadAsync(Window.In(usual, partnership, agency, now, days), cancellationToken))
        {
            var zone = await ZoneOfAsync(version, zones, cancellationToken);
            counts += zone.Equals(usual)
                ? count
                : (await _services.Store.CountCaseloadAsync(Window.In(zone, partnership, agency, now, days) with { Version = version }, cancellationToken)).GetValueOrDefault(version, CaseloadCounts.None);
        }

        return counts;
    }

    private async Task<DateTimeZone> ZoneOfAsync(DefinitionVersion version, Dictionary<DefinitionVersion, DateTimeZone> zones, CancellationToken cancellationToken)
    {
        if (!zones.TryGetValue(version, out var zone))
        {
            var definition = await _services.Catalog.FindAsync(version, cancellationToken);
            zones[version] = zone = definition is null ? Window.DefaultZone(_services) : _services.Zone(definition);
        }

        return zone;
    }

    /// <summary>The boundaries of a caseload's groups as the days run in one time zone.</summary>
    private static class Window
    {
        public static DateTimeZone DefaultZone(RuntimeServices services) => services.Deadlines.TimeZones[Definitions.PathwayDefaults.TimeZone];

        public static CaseloadWindow In(DateTimeZone zone, string partnership, string agency, Instant now, int days)
        {
            var today = now.InZone(zone).Date;
            return new CaseloadWindow(
                partnership, agency, now,
                zone.AtStartOfDay(today.PlusDays(1)).ToInstant(),
                zone.AtStartOfDay(today.PlusDays(days + 1)).ToInstant());
        }
    }

    /// <summary>A case the caller can see exists, or else there is no such case for them.</summary>
    private async Task RequireAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        if (await _services.Store.FindInstanceAsync(instanceId, cancellationToken) is null)
        {
            throw new NotFoundException($"There is no case {instanceId}.");
        }
    }
}
