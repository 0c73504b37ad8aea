using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Operations;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Queries;

/// <summary>One outstanding action on an agency's caseload, with the time zone its pathway's caseworkers read times in.</summary>
public sealed record CaseloadItem(Guid InstanceId, string PrisonNumber, string State, ActionItem Action, DateTimeZone Zone);

/// <summary>An agency's outstanding actions, grouped by how soon they are due.</summary>
public sealed record Caseload(
    string Agency,
    Instant At,
    IReadOnlyList<CaseloadItem> Overdue,
    IReadOnlyList<CaseloadItem> DueToday,
    IReadOnlyList<CaseloadItem> DueSoon,
    IReadOnlyList<CaseloadItem> Later,
    IReadOnlyList<CaseloadItem> Waiting);

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
    /// An agency's outstanding actions across the partnership's active cases: overdue, due today
    /// (in each pathway's time zone), due within the next <paramref name="days"/> days, later, and
    /// waiting (no due time yet).
    /// </summary>
    public async Task<Caseload> GetCaseloadAsync(string partnership, string agency, int days = 7, CancellationToken cancellationToken = default)
    {
        var now = _services.Now();
        var items = await _services.Store.GetOutstandingActionsAsync(partnership, agency, cancellationToken);
        var overdue = new List<CaseloadItem>();
        var today = new List<CaseloadItem>();
        var soon = new List<CaseloadItem>();
        var later = new List<CaseloadItem>();
        var waiting = new List<CaseloadItem>();
        foreach (var (instance, action) in items)
        {
            var zone = _services.Zone(await _services.DefinitionOfAsync(instance, cancellationToken));
            var item = new CaseloadItem(instance.Id, instance.Case.Person.PrisonNumber, instance.State, action, zone);
            var localToday = now.InZone(zone).Date;
            if (action.DueAt is not { } due)
            {
                waiting.Add(item);
            }
            else if (due <= now)
            {
                overdue.Add(item);
            }
            else if (due <= zone.AtStartOfDay(localToday.PlusDays(1)).ToInstant())
            {
                today.Add(item);
            }
            else if (due <= zone.AtStartOfDay(localToday.PlusDays(days + 1)).ToInstant())
            {
                soon.Add(item);
            }
            else
            {
                later.Add(item);
            }
        }

        return new Caseload(agency, now, overdue, today, soon, later, waiting);
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
