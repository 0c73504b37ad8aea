using System.Collections.Concurrent;
using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Migration;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Scheduling;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Engine;

/// <summary>What the runtime depends on, handed to each operation.</summary>
internal sealed class RuntimeServices(
    IDefinitionCatalog catalog,
    IRuntimeStore store,
    DeadlineCalculator deadlines,
    INotificationRenderer renderer,
    TimeProvider clock)
{
    public IDefinitionCatalog Catalog { get; } = catalog;

    public IRuntimeStore Store { get; } = store;

    public DeadlineCalculator Deadlines { get; } = deadlines;

    public INotificationRenderer Renderer { get; } = renderer;

    public Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public Guid NewId() => Guid.CreateVersion7(clock.GetUtcNow());
}

/// <summary>What starting a case needs.</summary>
/// <param name="VersionNumber">A particular version of the pathway in the partnership, or null for its current one.</param>
public sealed record StartCase(
    string PathwayId,
    string Partnership,
    Person Person,
    bool ConsentRecorded,
    IReadOnlyDictionary<string, FieldValue>? Fields = null,
    int? VersionNumber = null);

/// <summary>
/// The runtime's one application service: everything the server, the command line and the simulator
/// do to a case goes through it. Each operation loads the instance, works on a copy, and commits
/// every change it makes (instance, action items, timers, outbox, history) in one change set; a
/// refused or failed operation changes nothing.
/// </summary>
public sealed class PathwayRuntime
{
    /// <summary>How many due timers a sweep claims at once.</summary>
    public const int TimerBatchSize = 100;

    /// <summary>How long a sweep holds the timers it claims before another sweeper may try them.</summary>
    public static readonly NodaTime.Duration TimerLease = NodaTime.Duration.FromMinutes(1);

    private readonly RuntimeServices _services;
    private readonly ITimerScheduler _scheduler;

    /// <summary>This runtime's name when it claims timers, so several servers can share the sweep.</summary>
    private readonly Guid _sweeper = Guid.NewGuid();

    public PathwayRuntime(
        IDefinitionCatalog catalog,
        IRuntimeStore store,
        ITimerScheduler scheduler,
        DeadlineCalculator deadlines,
        INotificationRenderer renderer,
        TimeProvider clock,
        RuntimeMetrics? metrics = null)
    {
        _services = new RuntimeServices(catalog, store, deadlines, renderer, clock);
        _scheduler = scheduler;
        _metrics = metrics;
    }

    private readonly RuntimeMetrics? _metrics;

    // ---- Commands ---------------------------------------------------------------------------

    /// <summary>
    /// Starts a case in the pathway's start state, on the current version of the pathway in the
    /// case's partnership, or on the numbered version asked for. A retracted or unknown version is refused.
    /// </summary>
    public async Task<PathwayInstance> StartAsync(StartCase command, Actor actor, CancellationToken cancellationToken = default)
    {
        var version = await StartingVersionAsync(command, cancellationToken);
        var definition = await _services.Catalog.FindAsync(version, cancellationToken)
            ?? throw new NotFoundException($"Version {version.ContentHash} of pathway '{version.PathwayId}' is not available.");
        var fields = Validate(definition, command.Fields ?? ImmutableDictionary<string, FieldValue>.Empty, allowed: null);
        var now = _services.Now();
        var start = definition.FindState(definition.StartState)!;
        var instance = new PathwayInstance(
            _services.NewId(),
            version,
            new CaseDetails(command.Partnership, command.Person, command.ConsentRecorded, ImmutableDictionary<string, FieldValue>.Empty),
            start.Id,
            now,
            InstanceStatus.Active,
            null,
            now,
            null,
            ImmutableDictionary<string, Instant>.Empty,
            Version: 0);
        var operation = Operation.ForNewInstance(_services, definition, instance, actor);
        operation.Start(start, fields);
        return await CommitAsync(operation, cancellationToken);
    }

    /// <summary>
    /// Records an event with the values the caseworker gave. The first transition on that event in
    /// the current state whose condition holds is taken; when none can be taken, the refusal says
    /// why and lists the events the caller can record now.
    /// </summary>
    public async Task<PathwayInstance> RaiseEventAsync(
        Guid instanceId,
        string eventName,
        IReadOnlyDictionary<string, FieldValue>? values,
        string? note,
        Actor actor,
        long? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        var operation = await Operation.LoadAsync(_services, instanceId, actor, expectedVersion, cancellationToken);
        operation.RequireActive();
        var state = operation.CurrentState;
        var onEvent = state.Transitions.Where(t => t.Event == eventName).ToList();
        if (onEvent.Count == 0)
        {
            var possible = PossibleEvents(state, actor);
            throw new EventRefusedException(
                $"'{eventName}' cannot be recorded while the case is at '{state.Title}'."
                + (possible.Count == 0 ? " Nothing can be recorded here by your agency." : $" Events you can record now: {string.Join(", ", possible)}."),
                possible);
        }

        var permitted = onEvent.Where(t => MayRecord(t, state, actor)).ToList();
        if (permitted.Count == 0)
        {
            var agencies = onEvent.SelectMany(t => Recorders(t, state)).Distinct().ToList();
            throw new ForbiddenException(
                $"Only {string.Join(", ", agencies)} may record '{eventName}' at '{state.Title}'.");
        }

        var asked = permitted.SelectMany(t => t.AskedFields).ToHashSet(StringComparer.Ordinal);
        var given = Validate(operation.Definition, values ?? ImmutableDictionary<string, FieldValue>.Empty, asked, eventName);
        var fields = operation.Instance.Case.Fields.SetItems(given);
        var missing = asked.Where(f => !fields.ContainsKey(f)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new FieldValidationException(missing.ToDictionary(f => f, f => $"'{eventName}' needs a value for this field"));
        }

        var transition = permitted.FirstOrDefault(t => t.Condition is null || ConditionEvaluator.Holds(t.Condition, operation.Definition, fields, operation.Now, operation.Zone));
        if (transition is null)
        {
            var conditions = permitted.Where(t => t.Condition is not null).Select(t => $"'{ConditionText.Write(t.Condition!)}'");
            throw new EventRefusedException(
                $"'{eventName}' was not recorded: with these values none of its conditions holds ({string.Join("; ", conditions)}).",
                PossibleEvents(state, actor));
        }

        operation.SetFields(given);
        operation.TakeTransition(transition, note);
        return await CommitAsync(operation, cancellationToken);
    }

    /// <summary>Marks an outstanding action done (late if its deadline has passed).</summary>
    public async Task<PathwayInstance> CompleteActionAsync(Guid instanceId, Guid actionItemId, Actor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var operation = await Operation.LoadAsync(_services, instanceId, actor, expectedVersion, cancellationToken);
        if (operation.FindOutstandingAction(actionItemId) is not { } item)
        {
            // Only outstanding items are loaded with the case; say what became of this one.
            var stored = (await _services.Store.GetActionsAsync(instanceId, cancellationToken)).FirstOrDefault(a => a.Id == actionItemId)
                ?? throw new NotFoundException($"There is no action {actionItemId} on this case.");
            throw new InvalidOperationForInstanceException(
                $"Action '{stored.ActionId}' is already {stored.Status.ToString().ToLowerInvariant()}.");
        }

        if (actor.Agency is not null && actor.Agency != item.Agency)
        {
            throw new ForbiddenException($"Action '{item.ActionId}' is for {item.Agency}; {actor.Agency} cannot mark it done.");
        }

        operation.CompleteAction(item);
        return await CommitAsync(operation, cancellationToken);
    }

    /// <summary>Changes case fields outside any event; deadlines counted from them move.</summary>
    public async Task<PathwayInstance> UpdateFieldsAsync(Guid instanceId, IReadOnlyDictionary<string, FieldValue> values, Actor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var operation = await Operation.LoadAsync(_services, instanceId, actor, expectedVersion, cancellationToken);
        operation.RequireActive();
        operation.SetFields(Validate(operation.Definition, values, allowed: null));
        return await CommitAsync(operation, cancellationToken);
    }

    /// <summary>Records that the person has given, or withdrawn, consent to share information.</summary>
    public async Task<PathwayInstance> SetConsentAsync(Guid instanceId, bool consentRecorded, Actor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        var operation = await Operation.LoadAsync(_services, instanceId, actor, expectedVersion, cancellationToken);
        operation.RequireActive();
        operation.SetConsent(consentRecorded);
        return await CommitAsync(operation, cancellationToken);
    }

    /// <summary>Ends a case that should not go on (opened in error, a duplicate).</summary>
    public async Task<PathwayInstance> CancelAsync(Guid instanceId, string reason, Actor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldValidationException(new Dictionary<string, string> { ["reason"] = "say why the case is cancelled" });
        }

        var operation = await Operation.LoadAsync(_services, instanceId, actor, expectedVersion, cancellationToken);
        operation.RequireActive();
        operation.Cancel(reason.Trim());
        return await CommitAsync(operation, cancellationToken);
    }

    /// <summary>
    /// Fires every timer due by now, each in its own change set, earliest first, until none is due.
    /// Timers are claimed in batches (see <see cref="IRuntimeStore.ClaimDueTimersAsync"/>), so
    /// several servers share a storm of deadlines. A timer fires only if it is still pending and its
    /// instance is still in the state that set it, so a sweep that runs twice, or on two servers,
    /// fires nothing twice.
    /// </summary>
    /// <returns>How many timers fired.</returns>
    public Task<int> FireDueTimersAsync(CancellationToken cancellationToken = default) =>
        FireDueTimersAsync(parallelism: 1, cancellationToken);

    /// <summary>
    /// As <see cref="FireDueTimersAsync(CancellationToken)"/>, with <paramref name="parallelism"/>
    /// claim-and-fire loops at once, so a storm of deadlines falling due together is worked through
    /// by several database connections rather than one.
    /// </summary>
    public async Task<int> FireDueTimersAsync(int parallelism, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var fired = 0;
        var tried = new ConcurrentDictionary<Guid, byte>();
        var failures = new ConcurrentQueue<Exception>();

        async Task SweepAsync()
        {
            while (true)
            {
                var due = await _services.Store.ClaimDueTimersAsync(_services.Now(), TimerBatchSize, _sweeper, TimerLease, cancellationToken);
                var fresh = due.Where(t => tried.TryAdd(t.Id, 0)).ToList();
                if (fresh.Count == 0)
                {
                    return;
                }

                foreach (var timer in fresh)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    try
                    {
                        if (await FireAsync(timer, cancellationToken))
                        {
                            Interlocked.Increment(ref fired);
                        }
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // One timer that cannot fire (its calendar has no data for the date, say) must
                        // not stop the others; it stays pending and is tried again at the next sweep.
                        failures.Enqueue(new TimerFailedException(timer, exception));
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(SweepAsync, cancellationToken)));

        LastSweepFailures = [.. failures];

        if (await _services.Store.GetNextDueAsync(cancellationToken) is { } next)
        {
            _scheduler.WakeAt(next);
        }

        return fired;
    }

    /// <summary>The timers the last sweep could not fire, and why (the host logs them).</summary>
    public IReadOnlyList<Exception> LastSweepFailures { get; private set; } = [];

    private async Task<bool> FireAsync(PendingTimer due, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var operation = await Operation.LoadAsync(_services, due.InstanceId, Actor.System, expectedVersion: null, cancellationToken);
            var timer = operation.FindTimer(due.Id);
            if (timer is null || timer.Status != TimerStatus.Pending)
            {
                return false;
            }

            operation.MarkFired(timer);
            var acted = operation.Instance.IsActive && timer.State == operation.Instance.State && timer.Kind switch
            {
                TimerKind.ActionDeadline => Guid.TryParse(timer.Target, out var itemId) && operation.Actions.FirstOrDefault(a => a.Id == itemId) is { } item && operation.Breach(item),
                TimerKind.StateTimer => int.TryParse(timer.Target, System.Globalization.CultureInfo.InvariantCulture, out var index) && operation.FireStateTimer(index),
                _ => false,
            };

            try
            {
                await CommitAsync(operation, cancellationToken);
                if (acted)
                {
                    _metrics?.TimerFired(operation.Instance.Definition.PathwayId, operation.Now - due.DueAt);
                }

                return acted;
            }
            catch (ConcurrencyConflictException)
            {
                // Someone changed the case meanwhile: read it again and see whether the timer still applies.
            }
        }

        return false;
    }

    // ---- Migration of running cases -----------------------------------------------------------

    /// <summary>Checks a plan against the two versions it names (both must be in the catalog).</summary>
    public async Task<ResolvedMigration> ResolveMigrationAsync(MigrationPlan plan, CancellationToken cancellationToken = default)
    {
        var from = await _services.Catalog.FindAsync(plan.From, cancellationToken)
            ?? throw new NotFoundException($"Version {plan.From.ContentHash} of pathway '{plan.From.PathwayId}' is not available.");
        var to = await _services.Catalog.FindAsync(plan.To, cancellationToken)
            ?? throw new NotFoundException($"Version {plan.To.ContentHash} of pathway '{plan.To.PathwayId}' is not available.");
        return MigrationPlanner.Resolve(plan, from, to);
    }

    /// <summary>
    /// Moves one running case onto the plan's target version, or (<paramref name="dryRun"/>) says
    /// what moving it would do and changes nothing. Everything the move changes is one change set:
    /// all of it happens or none of it. A case that cannot move (ended, on another version, in a
    /// state the plan does not place) is refused with the reason, and nothing changes.
    /// </summary>
    public async Task<InstanceMigration> MigrateAsync(Guid instanceId, ResolvedMigration migration, bool dryRun, Actor actor, CancellationToken cancellationToken = default)
    {
        if (!migration.Problems.IsEmpty)
        {
            throw new InvalidOperationForInstanceException("The migration plan has problems: " + string.Join(" ", migration.Problems));
        }

        var operation = await Operation.LoadAsync(_services, instanceId, actor, expectedVersion: null, cancellationToken);
        var instance = operation.Instance;
        InstanceMigration Refuse(string why) =>
            new(instance.Id, instance.Case.Person.PrisonNumber, instance.State, null, [], [], Applied: false, why);

        if (!instance.IsActive)
        {
            return Refuse("The case has ended; ended cases stay on the version they ran on.");
        }

        if (instance.Definition != migration.Plan.From)
        {
            return Refuse($"The case runs on version {instance.Definition.ContentHash}, not on the version the plan moves cases from.");
        }

        if (migration.For(instance.State) is not { } mapping)
        {
            return Refuse($"State '{instance.State}' is not in the target version and the plan does not say where its cases go.");
        }

        var done = (await _services.Store.GetActionsAsync(instanceId, cancellationToken))
            .Where(a => a.State == instance.State && a.OpenedAt >= instance.StateEnteredAt && a.Status is ActionStatus.Done or ActionStatus.Late)
            .Select(a => a.ActionId)
            .ToHashSet(StringComparer.Ordinal);
        var result = operation.MigrateTo(migration, mapping, done);
        if (dryRun)
        {
            return result;
        }

        await CommitAsync(operation, cancellationToken);
        return result with { Applied = true };
    }

    /// <summary>
    /// Moves every running case on the plan's source version, or (<paramref name="dryRun"/>) says
    /// what moving each would do. Before anything moves, the plan must have no problems and place
    /// every state a running case is in; otherwise the run is refused as a whole (a dry run still
    /// lists every case, with the refused ones and why). Each case then moves in its own change
    /// set, all or nothing.
    /// </summary>
    public async Task<MigrationReport> MigrateAllAsync(ResolvedMigration migration, bool dryRun, Actor actor, CancellationToken cancellationToken = default)
    {
        var blocked = ImmutableArray.CreateBuilder<string>();
        blocked.AddRange(migration.Problems);
        var cases = ImmutableArray.CreateBuilder<InstanceMigration>();
        if (!migration.Problems.IsEmpty)
        {
            return new MigrationReport(migration, dryRun, cases.ToImmutable(), blocked.ToImmutable());
        }

        var ids = await _services.Store.FindActiveInstanceIdsAsync(migration.Plan.From, cancellationToken);
        foreach (var id in ids)
        {
            cases.Add(await MigrateAsync(id, migration, dryRun: true, actor, cancellationToken));
        }

        foreach (var state in cases.Where(c => c.Refused is not null).Select(c => c.FromState).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            blocked.Add($"Cases are in state '{state}', which the target version does not have; the plan must say where they go.");
        }

        if (dryRun || blocked.Count > 0)
        {
            return new MigrationReport(migration, dryRun, cases.ToImmutable(), blocked.ToImmutable());
        }

        var applied = ImmutableArray.CreateBuilder<InstanceMigration>(ids.Count);
        foreach (var id in ids)
        {
            try
            {
                applied.Add(await MigrateAsync(id, migration, dryRun: false, actor, cancellationToken));
            }
            catch (ConcurrencyConflictException conflict)
            {
                applied.Add(new InstanceMigration(id, conflict.Current.Case.Person.PrisonNumber, conflict.Current.State, null, [], [], Applied: false,
                    "The case changed while it was being moved; nothing of the move was written. Run the migration again to move it."));
            }
        }

        return new MigrationReport(migration, dryRun, applied.ToImmutable(), []);
    }

    // ---- Queries ----------------------------------------------------------------------------

    /// <summary>A case as the caller's agency sees it: its state, its actions, and the events it may record now.</summary>
    public async Task<InstanceView> GetInstanceAsync(Guid instanceId, Actor actor, CancellationToken cancellationToken = default)
    {
        var instance = await _services.Store.FindInstanceAsync(instanceId, cancellationToken)
            ?? throw new NotFoundException($"There is no case {instanceId}.");
        var definition = await _services.Catalog.FindAsync(instance.Definition, cancellationToken)
            ?? throw new NotFoundException($"The pathway version this case runs on is not available.");
        var actions = await _services.Store.GetActionsAsync(instanceId, cancellationToken);
        var state = definition.FindState(instance.State)!;
        var events = instance.IsActive
            ? state.Transitions
                .Where(t => MayRecord(t, state, actor))
                .GroupBy(t => t.Event, StringComparer.Ordinal)
                .Select(g => new PossibleEvent(g.Key, [.. g.SelectMany(t => t.AskedFields).Distinct(StringComparer.Ordinal)], [.. g.Select(t => t.Target ?? state.Id).Distinct(StringComparer.Ordinal)]))
                .ToList()
            : [];
        return new InstanceView(instance, definition, state, actions, [.. actions.Where(a => a.IsOutstanding)], events);
    }

    public Task<IReadOnlyList<HistoryEntry>> GetHistoryAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        _services.Store.GetHistoryAsync(instanceId, cancellationToken);

    public Task<IReadOnlyList<OutboxMessage>> GetNotificationsAsync(Guid instanceId, CancellationToken cancellationToken = default) =>
        _services.Store.GetOutboxAsync(instanceId, cancellationToken);

    /// <summary>
    /// An agency's outstanding actions across the partnership's active cases: overdue, due today
    /// (in the pathway's time zone), due within the next <paramref name="days"/> days, later, and
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
            var definition = await _services.Catalog.FindAsync(instance.Definition, cancellationToken);
            var zone = DateTimeZoneProviders.Tzdb[definition?.TimeZone ?? PathwayDefaults.TimeZone];
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

    // ---- Helpers ----------------------------------------------------------------------------

    /// <summary>The version a new case starts on: the one named, if new cases may start on it, or the current one.</summary>
    private async Task<DefinitionVersion> StartingVersionAsync(StartCase command, CancellationToken cancellationToken)
    {
        var (pathway, partnership) = (command.PathwayId, command.Partnership);
        if (command.VersionNumber is not { } number)
        {
            return await _services.Catalog.CurrentAsync(pathway, partnership, cancellationToken)
                ?? throw new NotFoundException(
                    $"There is no version of pathway '{pathway}' that new cases in '{partnership}' can start on: none is published there, or every one is retracted.");
        }

        var numbered = await _services.Catalog.FindNumberedAsync(pathway, partnership, number, cancellationToken)
            ?? throw new NotFoundException($"There is no version {number} of pathway '{pathway}' in '{partnership}'.");
        if (numbered.Retracted)
        {
            throw new VersionRetractedException(
                $"Version {number} of pathway '{pathway}' in '{partnership}' has been retracted, so no new case can start on it."
                + (numbered.Current is { } current ? $" New cases start on version {current}." : " No version of it is open to new cases."));
        }

        return numbered.Version;
    }

    private async Task<PathwayInstance> CommitAsync(Operation operation, CancellationToken cancellationToken)
    {
        var changes = operation.ToChangeSet();
        await _services.Store.SaveAsync(changes, cancellationToken);
        _metrics?.Committed(changes);
        foreach (var due in operation.NewTimerDueTimes)
        {
            _scheduler.WakeAt(due);
        }

        return changes.Instance;
    }

    /// <summary>
    /// Who may record a transition's event: the agencies it names, or else the state's owner.
    /// The engine itself (timers, escalations) may record anything.
    /// </summary>
    private static bool MayRecord(TransitionDefinition transition, StateDefinition state, Actor actor) =>
        actor.Agency is null || Recorders(transition, state).Contains(actor.Agency);

    private static IEnumerable<string> Recorders(TransitionDefinition transition, StateDefinition state) =>
        transition.AllowedAgencies.IsDefaultOrEmpty ? [state.Owner] : transition.AllowedAgencies;

    private static List<string> PossibleEvents(StateDefinition state, Actor actor) =>
        [.. state.Transitions.Where(t => MayRecord(t, state, actor)).Select(t => t.Event).Distinct(StringComparer.Ordinal)];

    /// <summary>Checks values against their fields; <paramref name="allowed"/>, when given, limits which fields may be set.</summary>
    private static ImmutableDictionary<string, FieldValue> Validate(
        PathwayDefinition definition,
        IReadOnlyDictionary<string, FieldValue> values,
        IReadOnlySet<string>? allowed,
        string? eventName = null)
    {
        var errors = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, value) in values)
        {
            var field = definition.FindField(id);
            if (field is null)
            {
                errors[id] = $"there is no field '{id}' in this pathway";
            }
            else if (allowed is not null && !allowed.Contains(id))
            {
                errors[id] = allowed.Count == 0
                    ? $"'{eventName}' does not ask for any values"
                    : $"'{eventName}' asks only for {string.Join(", ", allowed.Order(StringComparer.Ordinal))}";
            }
            else if (FieldValues.Check(field, value) is { } problem)
            {
                errors[id] = problem;
            }
        }

        if (errors.Count > 0)
        {
            throw new FieldValidationException(errors);
        }

        return values.ToImmutableDictionary(StringComparer.Ordinal);
    }
}

/// <summary>An event the caller may record now, the values it asks for, and where it can lead.</summary>
public sealed record PossibleEvent(string Event, IReadOnlyList<string> AskedFields, IReadOnlyList<string> Targets);

/// <summary>A case as one agency sees it.</summary>
public sealed record InstanceView(
    PathwayInstance Instance,
    PathwayDefinition Definition,
    StateDefinition State,
    IReadOnlyList<ActionItem> Actions,
    IReadOnlyList<ActionItem> OutstandingActions,
    IReadOnlyList<PossibleEvent> PossibleEvents);

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
