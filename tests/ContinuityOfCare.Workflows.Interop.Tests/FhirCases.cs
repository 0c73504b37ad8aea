using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Tests;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Timers;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;
using Duration = NodaTime.Duration;

namespace ContinuityOfCare.Workflows.Interop.Tests;

/// <summary>
/// The real runtime, in memory, running a shipped pathway on a clock the test moves: cases taken
/// along their journey so their FHIR form can be read at each point. All people are fictional.
/// </summary>
public sealed class FhirCases
{
    private readonly InMemoryRuntimeStore _store = new();
    private readonly TestClock _clock = new(Instant.FromUtc(2026, 3, 2, 9, 0));

    public FhirCases(string pathway)
    {
        var compiled = TestCompiler.CompileFile(Path.Combine(RepositoryPaths.Pathways, pathway));
        Assert.True(compiled.Succeeded, $"{pathway} does not compile.");
        Definition = compiled.Definition!;
        ContentHash = compiled.ContentHash!;
        var catalog = new InMemoryDefinitionCatalog();
        catalog.Add(Definition);
        Runtime = new PathwayRuntime(catalog, _store, new InMemoryTimerScheduler(), new DeadlineCalculator(CalendarSource.Default), new ScribanNotificationRenderer(), _clock);
    }

    public PathwayDefinition Definition { get; }

    public string ContentHash { get; }

    public PathwayRuntime Runtime { get; }

    public static Actor Worker(string agency) => Actor.Caseworker($"{agency}.worker", agency);

    public async Task<PathwayInstance> StartAsync() =>
        (await Runtime.Cases.StartAsync(new StartCase(Definition.Id, Definition.Partnership, new Person("A1234BC", "Sam Example (fictional)", new LocalDate(1990, 2, 1)), true), Worker(Definition.StartState == "sent-to-prison" ? "cjit" : Definition.Agencies[0].Id))).Instance;

    /// <summary>Records an event as an agency allowed to (or the agency named), with the values given in the pathway language's words.</summary>
    public async Task<PathwayInstance> RecordAsync(Guid id, string eventName, string? agency = null, params (string Field, string Value)[] values)
    {
        var instance = (await _store.FindInstanceAsync(id))!;
        var state = Definition.FindState(instance.State)!;
        var fields = values.ToImmutableDictionary(v => v.Field, v => FieldValues.TryParse(Definition.FindField(v.Field)!, v.Value, DateTimeZoneProviders.Tzdb[Definition.TimeZone], out var value, out var error) ? value! : throw new ArgumentException(error));
        _clock.Advance(Duration.FromHours(2));
        var allowed = state.Transitions.First(t => t.Event == eventName).AllowedAgencies;
        return (await Runtime.Cases.RaiseEventAsync(id, eventName, fields, null, Worker(agency ?? (allowed.IsEmpty ? state.Owner : allowed[0])))).Instance;
    }

    /// <summary>Completes the open action item of that id as its own agency.</summary>
    public async Task CompleteAsync(Guid id, string actionId)
    {
        var item = (await _store.GetActionsAsync(id)).Last(a => a.ActionId == actionId && a.IsOutstanding);
        _clock.Advance(Duration.FromHours(1));
        await Runtime.Cases.CompleteActionAsync(id, item.Id, Worker(item.Agency));
    }

    /// <summary>Moves the clock on, firing every timer that falls due on the way.</summary>
    public async Task WaitAsync(Duration duration)
    {
        var until = _clock.Now + duration;
        while (await _store.GetNextDueAsync() is { } next && next <= until)
        {
            _clock.Set(Instant.Max(next, _clock.Now));
            await Runtime.Timers.FireDueAsync();
        }

        _clock.Set(until);
    }

    public Task<CaseView> ViewAsync(Guid id) => Runtime.Queries.GetAsync(id, Actor.Reader("auditor"));

    private sealed class TestClock(Instant start) : TimeProvider
    {
        public Instant Now { get; private set; } = start;

        public void Advance(Duration by) => Now += by;

        public void Set(Instant at) => Now = at;

        public override DateTimeOffset GetUtcNow() => Now.ToDateTimeOffset();
    }
}
