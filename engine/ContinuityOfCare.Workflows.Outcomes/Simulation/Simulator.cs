using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Timers;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>How many people to simulate (the cohort's number unless given) and the seed of the random numbers.</summary>
/// <param name="RenderNotices">
/// Whether to render each notice's text with its template. Off by default: no report counts the
/// text, and rendering is half the cost of a simulation. Notices are queued, held back for consent
/// and recorded on the cases either way.
/// </param>
/// <param name="Store">Where the simulated cases are kept: in memory unless given (a test may give a database, to read the reports from it).</param>
public sealed record SimulationOptions(int? People = null, int Seed = 0, bool RenderNotices = false, IRuntimeStore? Store = null);

/// <summary>A cohort file's people could not be run through the pathway (an event refused, a timer that cannot fire).</summary>
public sealed class SimulationException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Replays a synthetic cohort through the real runtime, in memory, on a simulated clock: each person
/// starts a case on arrival; at each state the cohort decides what they do next and when; the
/// pathway's deadlines and timers fire when the clock reaches them. One queue, ordered by simulated
/// time, holds every person's next step, and the only source of chance is one
/// <see cref="Random"/> seeded by the caller, drawn in an order that does not depend on ids, so
/// equal seeds give equal reports.
/// </summary>
public sealed partial class Simulator
{
    /// <summary>How many times a person may record an event that leaves them where they are before nothing more happens in that stay.</summary>
    public const int MaxDrawsPerStay = 10;

    /// <summary>How long a simulation runs at most when the cohort does not say (<c>until</c>).</summary>
    public static readonly Period DefaultHorizon = Period.FromYears(3);

    private readonly PathwayDefinition _pathway;
    private readonly Cohort _cohort;
    private readonly DateTimeZone _zone;
    private readonly Random _random;
    private readonly SimulationClock _clock;
    private readonly InMemoryDefinitionCatalog _catalog = new();
    private readonly SimulationStore _store;
    private readonly PathwayRuntime _runtime;
    private readonly PriorityQueue<Step, (Instant At, long Order)> _queue = new();
    private readonly Dictionary<Guid, SimulatedPerson> _people = [];
    private readonly Dictionary<string, int[]> _decks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FieldValue> _constants = new(StringComparer.Ordinal);
    private long _order;
    private int _events;
    private int _actionsDone;
    private int _timersFired;

    private Simulator(PathwayDefinition pathway, Cohort cohort, int seed, bool renderNotices, IRuntimeStore store)
    {
        _pathway = pathway;
        _cohort = cohort;
        _zone = DateTimeZoneProviders.Tzdb[pathway.TimeZone];
        _random = new Random(seed);
        _clock = new SimulationClock(cohort.Start.InZoneLeniently(_zone).ToInstant());
        _catalog.Add(pathway);
        _store = new SimulationStore(store, id => _people.TryGetValue(id, out var person) ? person.Index : -1);
        _runtime = new PathwayRuntime(_catalog, _store, new InMemoryTimerScheduler(), new DeadlineCalculator(CalendarSource.Default), renderNotices ? new ScribanNotificationRenderer() : new UnrenderedNotices(), _clock);
    }

    /// <summary>Runs the cohort through one pathway. The cohort must have been read against it (<see cref="CohortFile.Read"/>).</summary>
    public static async Task<SimulationRun> RunAsync(PathwayDefinition pathway, Cohort cohort, SimulationOptions options, CancellationToken cancellationToken = default)
    {
        var people = options.People ?? cohort.People;
        ArgumentOutOfRangeException.ThrowIfLessThan(people, 1);
        var simulator = new Simulator(pathway, cohort, options.Seed, options.RenderNotices, options.Store ?? new InMemoryRuntimeStore());
        return await simulator.RunAsync(people, options.Seed, cancellationToken);
    }

    private async Task<SimulationRun> RunAsync(int people, int seed, CancellationToken cancellationToken)
    {
        var start = _clock.Now;
        var until = (_cohort.Until ?? _cohort.Start.Plus(DefaultHorizon)).InZoneLeniently(_zone).ToInstant();
        for (var i = 0; i < people; i++)
        {
            var person = new SimulatedPerson(i, $"SIM{i + 1:00000}");
            Enqueue(Distribution.After(start, _cohort.Arrivals.OffsetMinutes(i, people), _zone), new Step(StepKind.Start, person, 0, null, [], null));
        }

        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var nextStep = _queue.TryPeek(out _, out var key) ? key.At : (Instant?)null;
            var nextTimer = await _store.GetNextDueAsync(cancellationToken);
            var next = (nextStep, nextTimer) switch
            {
                (null, null) => (Instant?)null,
                ({ } s, { } t) => s <= t ? s : t,
                _ => nextStep ?? nextTimer,
            };
            if (next is not { } at || at > until)
            {
                break;
            }

            // A deadline can be set already past (6 weeks before a release date 4 weeks away): it fires now.
            _clock.Set(Instant.Max(at, _clock.Now));

            // Someone acting at the very moment a deadline falls is in time: steps go before timers.
            if (nextStep == at)
            {
                await TakeAsync(_queue.Dequeue(), cancellationToken);
            }
            else
            {
                await SweepAsync(cancellationToken);
            }
        }

        if (_clock.Now < until && _queue.Count > 0)
        {
            _clock.Set(until);
        }

        var ids = _people.ToDictionary(p => p.Key, p => p.Value.CaseIds[p.Key]);
        return new SimulationRun(_pathway, _cohort, people, seed, start, _clock.Now, _events, _actionsDone, _timersFired, _store.Inner, _catalog, _clock, ids);
    }

    private void Enqueue(Instant at, Step step) => _queue.Enqueue(step, (at, _order++));

    private async Task TakeAsync(Step step, CancellationToken cancellationToken)
    {
        var person = step.Person;
        switch (step.Kind)
        {
            case StepKind.Start:
                await StartAsync(person, cancellationToken);
                break;
            case StepKind.Event when step.Draw == person.Draw && person.InstanceId is { } id:
                await RecordAsync(person, id, step, cancellationToken);
                _events++;
                await ReactAsync(person, cancellationToken);
                break;
            case StepKind.Action when step.Stay == person.Stay && person.InstanceId is { } id:
                await CompleteAsync(id, step.ActionId!, cancellationToken);
                await ReactAsync(null, cancellationToken);
                break;
        }
    }

    private async Task StartAsync(SimulatedPerson person, CancellationToken cancellationToken)
    {
        var command = new StartCase(
            _pathway.Id,
            _pathway.Partnership,
            new Person(person.PrisonNumber, $"Simulated person {person.Index + 1}", new LocalDate(1990, 1, 1)),
            _cohort.ConsentRecorded,
            Resolve(_cohort.StartValues.Select(v => (v, Sample(v)))));
        var owner = _pathway.FindState(_pathway.StartState)!.Owner;
        var instance = await Refused(async () => (await _runtime.Cases.StartAsync(command, Actor.Caseworker("simulator", owner), cancellationToken)).Instance, person, "starting the case");
        person.InstanceId = instance.Id;
        person.State = null;
        person.CaseIds[instance.Id] = SimulationRun.CaseId(person.Index, person.CaseIds.Count + 1);
        _people[instance.Id] = person;
        await ReactAsync(null, cancellationToken);
    }

    private async Task RecordAsync(SimulatedPerson person, Guid id, Step step, CancellationToken cancellationToken)
    {
        var choice = step.Choice!;
        var state = _pathway.FindState(person.State!)!;
        var agency = choice.By ?? state.Transitions.Where(t => t.Event == choice.Event).Select(t => t.AllowedAgencies.IsDefaultOrEmpty ? state.Owner : t.AllowedAgencies[0]).First();
        var values = Resolve(step.Values);
        await Refused(async () => (await _runtime.Cases.RaiseEventAsync(id, choice.Event!, values, null, Actor.Caseworker("simulator", agency), cancellationToken: cancellationToken)).Instance, person, $"recording '{choice.Event}' at '{state.Id}'");
    }

    private async Task CompleteAsync(Guid id, string actionId, CancellationToken cancellationToken)
    {
        var instance = (await _store.FindInstanceAsync(id, cancellationToken))!;
        var item = (await _store.GetActionsAsync(id, cancellationToken))
            .LastOrDefault(a => a.ActionId == actionId && a.State == instance.State && a.IsOutstanding);
        if (item is not null)
        {
            await _runtime.Cases.CompleteActionAsync(id, item.Id, Actor.Caseworker("simulator", item.Agency), cancellationToken: cancellationToken);
            _actionsDone++;
        }
    }

    private async Task SweepAsync(CancellationToken cancellationToken)
    {
        var sweep = await _runtime.Timers.FireDueAsync(cancellationToken: cancellationToken);
        _timersFired += sweep.Fired;
        if (sweep.Failures.Count > 0)
        {
            var failure = sweep.Failures[0];
            throw new SimulationException($"A deadline or timer could not fire at {_clock.Now.InZone(_zone):uuuu-MM-dd HH:mm}: {failure.Error.Message}", failure.Error);
        }

        await ReactAsync(null, cancellationToken);
    }

    /// <summary>A runtime refusal means the cohort asks for something the pathway does not allow: say who, where and why.</summary>
    private async Task<PathwayInstance> Refused(Func<Task<PathwayInstance>> action, SimulatedPerson person, string doing)
    {
        try
        {
            return await action();
        }
        catch (Exception refused) when (refused is RuntimeException)
        {
            var detail = refused is FieldValidationException fields ? string.Join("; ", fields.Errors.Select(e => $"{e.Key}: {e.Value}")) : refused.Message;
            throw new SimulationException($"{person.PrisonNumber} (simulated), {doing} at {_clock.Now.InZone(_zone):uuuu-MM-dd HH:mm}: the pathway refused it. {detail}", refused);
        }
    }
}

/// <summary>Notices in a simulation unless asked otherwise: the template's subject, and no body.</summary>
internal sealed class UnrenderedNotices : INotificationRenderer
{
    public RenderedNotification Render(TemplateDefinition template, NotificationModel model) =>
        RenderedNotification.Rendered(template.Subject, "(not rendered in a simulation)");
}
