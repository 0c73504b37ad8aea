using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Cases;

/// <summary>What starting a case needs.</summary>
/// <param name="VersionNumber">A particular version of the pathway in the partnership, or null for its current one.</param>
public sealed record StartCase(
    string PathwayId,
    string Partnership,
    Person Person,
    bool ConsentRecorded,
    FieldInputs? Fields = null,
    int? VersionNumber = null);

/// <summary>
/// Everything a person does to a case: start it, record an event, complete an action, change its
/// fields or consent, cancel it. Each command loads the case once (with all its action items),
/// checks what it was given once against the version the case runs on, commits every change it
/// makes (instance, action items, timers, outbox, history) in one change set, and answers with the
/// case as it now is, built from what it loaded and changed. A refused or failed command changes nothing.
/// </summary>
public sealed class CaseCommands
{
    private readonly RuntimeServices _services;

    internal CaseCommands(RuntimeServices services) => _services = services;

    /// <summary>
    /// Starts a case in the pathway's start state, on the current version of the pathway in the
    /// case's partnership, or on the numbered version asked for. A retracted or unknown version is refused.
    /// </summary>
    public async Task<CaseView> StartAsync(StartCase command, Actor actor, CancellationToken cancellationToken = default)
    {
        var (version, number) = await StartingVersionAsync(command, cancellationToken);
        var definition = await _services.Catalog.FindAsync(version, cancellationToken)
            ?? throw new NotFoundException($"The version of pathway '{version.PathwayId}' that the case would start on is not available.");
        var fields = (command.Fields ?? FieldInputs.None).Read(definition, _services.Zone(definition), allowed: null, eventName: null);
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
        return await CommitAsync(operation, number, cancellationToken);
    }

    /// <summary>
    /// Records an event with the values the caseworker gave. The first transition on that event in
    /// the current state whose condition holds is taken; when none can be taken, the refusal says
    /// why and lists the events the caller can record now.
    /// </summary>
    public async Task<CaseView> RaiseEventAsync(
        Guid instanceId,
        string eventName,
        FieldInputs? values,
        string? note,
        Actor actor,
        long? expectedVersion = null,
        CancellationToken cancellationToken = default)
    {
        var given = values ?? FieldInputs.None;
        return await ChangeAsync(instanceId, actor, expectedVersion, operation => RecordEvent(operation, eventName, given, note, actor), cancellationToken);
    }

    private static void RecordEvent(Operation operation, string eventName, FieldInputs values, string? note, Actor actor)
    {
        operation.RequireActive();
        var state = operation.CurrentState;
        var onEvent = state.Transitions.Where(t => t.Event == eventName).ToList();
        if (onEvent.Count == 0)
        {
            var possible = Permissions.PossibleEvents(state, actor);
            throw new EventRefusedException(
                $"'{eventName}' cannot be recorded while the case is at '{state.Title}'."
                + (possible.Count == 0 ? " Nothing can be recorded here by your agency." : $" Events you can record now: {string.Join(", ", possible)}."),
                possible);
        }

        var permitted = onEvent.Where(t => Permissions.MayRecord(t, state, actor)).ToList();
        if (permitted.Count == 0)
        {
            var agencies = onEvent.SelectMany(t => Permissions.Recorders(t, state)).Distinct().ToList();
            throw new ForbiddenException($"Only {string.Join(", ", agencies)} may record '{eventName}' at '{state.Title}'.");
        }

        var asked = permitted.SelectMany(t => t.AskedFields).ToHashSet(StringComparer.Ordinal);
        var given = values.Read(operation.Definition, operation.Zone, asked, eventName);
        var fields = operation.Instance.Case.Fields.SetItems(given);
        var missing = asked.Where(f => !fields.ContainsKey(f)).Order(StringComparer.Ordinal).ToList();
        if (missing.Count > 0)
        {
            throw new FieldValidationException(missing.ToDictionary(values.Key, f => $"'{eventName}' needs a value for this field"));
        }

        var transition = operation.Choose(permitted, fields);
        if (transition is null)
        {
            var conditions = permitted.Where(t => t.Condition is not null).Select(t => $"'{ConditionText.Write(t.Condition!)}'");
            throw new EventRefusedException(
                $"'{eventName}' was not recorded: with these values none of its conditions holds ({string.Join("; ", conditions)}).",
                Permissions.PossibleEvents(state, actor));
        }

        operation.SetFields(given);
        operation.TakeTransition(transition, note);
    }

    /// <summary>Marks an outstanding action done (late if its deadline has passed).</summary>
    public Task<CaseView> CompleteActionAsync(Guid instanceId, Guid actionItemId, Actor actor, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(instanceId, actor, expectedVersion, operation =>
        {
            if (operation.FindOutstandingAction(actionItemId) is not { } item)
            {
                var closed = operation.ClosedActions.FirstOrDefault(a => a.Id == actionItemId)
                    ?? throw new NotFoundException($"There is no action {actionItemId} on this case.");
                throw new InvalidOperationForInstanceException($"Action '{closed.ActionId}' is already {closed.Status.ToString().ToLowerInvariant()}.");
            }

            if (!actor.ActsFor(item.Agency))
            {
                throw new ForbiddenException(actor.Agency is { } own
                    ? $"Action '{item.ActionId}' is for {item.Agency}; {own} cannot mark it done."
                    : $"Action '{item.ActionId}' is for {item.Agency}; only its caseworkers can mark it done.");
            }

            operation.CompleteAction(item);
        }, cancellationToken);

    /// <summary>Changes case fields outside any event; deadlines counted from them move.</summary>
    public Task<CaseView> UpdateFieldsAsync(Guid instanceId, FieldInputs values, Actor actor, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(instanceId, actor, expectedVersion, operation =>
        {
            operation.RequireActive();
            operation.SetFields(values.Read(operation.Definition, operation.Zone, allowed: null, eventName: null));
        }, cancellationToken);

    /// <summary>Records that the person has given, or withdrawn, consent to share information.</summary>
    public Task<CaseView> SetConsentAsync(Guid instanceId, bool consentRecorded, Actor actor, long? expectedVersion = null, CancellationToken cancellationToken = default) =>
        ChangeAsync(instanceId, actor, expectedVersion, operation =>
        {
            operation.RequireActive();
            operation.SetConsent(consentRecorded);
        }, cancellationToken);

    /// <summary>Ends a case that should not go on (opened in error, a duplicate).</summary>
    public Task<CaseView> CancelAsync(Guid instanceId, string reason, Actor actor, long? expectedVersion = null, CancellationToken cancellationToken = default)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new FieldValidationException(new Dictionary<string, string> { ["reason"] = "say why the case is cancelled" });
        }

        return ChangeAsync(instanceId, actor, expectedVersion, operation =>
        {
            operation.RequireActive();
            operation.Cancel(reason.Trim());
        }, cancellationToken);
    }

    /// <summary>How many times a change made without a version to hold to is tried against a case someone else changed meanwhile.</summary>
    private const int Attempts = 3;

    /// <summary>
    /// Loads the case (with every action item, since the answer shows the whole case), makes the
    /// change on it and commits it. A change that names the version it was made on is refused if the
    /// case has moved on (<see cref="ConcurrencyConflictException"/>). One that names none — a
    /// caseworker who did not send If-Match — is not refused because the engine (a deadline, a
    /// delivery) or someone else changed the case in the moment between reading and writing: it is
    /// worked out again on the case as it now is, and refused only if it no longer makes sense there.
    /// </summary>
    private async Task<CaseView> ChangeAsync(Guid instanceId, Actor actor, long? expectedVersion, Action<Operation> change, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var operation = await Operation.LoadAsync(_services, instanceId, actor, expectedVersion, withClosedActions: true, cancellationToken);
            change(operation);
            try
            {
                return await CommitAsync(operation, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (expectedVersion is null && attempt < Attempts)
            {
                // Read the case again and make the change on it as it now is.
            }
        }
    }

    private async Task<CaseView> CommitAsync(Operation operation, CancellationToken cancellationToken) =>
        await CommitAsync(operation, await _services.Catalog.NumberOfAsync(operation.Instance.Definition, operation.Instance.Case.Partnership, cancellationToken), cancellationToken);

    private async Task<CaseView> CommitAsync(Operation operation, int? number, CancellationToken cancellationToken)
    {
        var changes = await _services.CommitAsync(operation, cancellationToken);
        return CaseView.Build(changes.Instance, operation.Definition, number, operation.AllActions, operation.PendingTimers, operation.Actor);
    }

    /// <summary>The version a new case starts on, and its number: the one named, if new cases may start on it, or the current one.</summary>
    private async Task<(DefinitionVersion Version, int? Number)> StartingVersionAsync(StartCase command, CancellationToken cancellationToken)
    {
        var (pathway, partnership) = (command.PathwayId, command.Partnership);
        if (command.VersionNumber is not { } number)
        {
            var current = await _services.Catalog.CurrentAsync(pathway, partnership, cancellationToken)
                ?? throw new NotFoundException(
                    $"There is no version of pathway '{pathway}' that new cases in '{partnership}' can start on: none is published there, or every one is retracted.");
            return (current, await _services.Catalog.NumberOfAsync(current, partnership, cancellationToken));
        }

        var numbered = await _services.Catalog.FindNumberedAsync(pathway, partnership, number, cancellationToken)
            ?? throw new NotFoundException($"There is no version {number} of pathway '{pathway}' in '{partnership}'.");
        if (numbered.Retracted)
        {
            throw new VersionRetractedException(
                $"Version {number} of pathway '{pathway}' in '{partnership}' has been retracted, so no new case can start on it."
                + (numbered.Current is { } current ? $" New cases start on version {current}." : " No version of it is open to new cases."));
        }

        return (numbered.Version, number);
    }
}
