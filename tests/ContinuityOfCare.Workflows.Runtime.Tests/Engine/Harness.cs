using System.Collections.Immutable;
using System.Globalization;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Semantics;
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
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>
/// The real runtime over the in-memory store, with a shipped (or given) pathway and a clock the test
/// drives. <see cref="RunUntilAsync"/> moves the clock to each due timer in turn and fires it, as the
/// scheduler would, so breach and timer times are exact.
/// </summary>
public sealed class Harness
{
    public static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private static readonly LocalDateTimePattern LocalPattern = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    private Harness(PathwayDefinition definition, Instant start, IRuntimeStore? store = null, ICalendarSource? calendars = null)
    {
        Definition = definition;
        Store = store ?? new InMemoryRuntimeStore();
        Clock = new ManualClock(start);
        Catalog.Add(definition);
        Runtime = new PathwayRuntime(Catalog, Store, Scheduler, new DeadlineCalculator(calendars ?? CalendarSource.Default), new ScribanNotificationRenderer(), Clock);
    }

    public PathwayDefinition Definition { get; }

    public ManualClock Clock { get; }

    public InMemoryDefinitionCatalog Catalog { get; } = new();

    /// <summary>The store under test: in memory unless a test hands in another (the EF Core stores).</summary>
    public IRuntimeStore Store { get; }

    public InMemoryTimerScheduler Scheduler { get; } = new();

    public PathwayRuntime Runtime { get; }

    /// <summary>A harness for a shipped pathway, e.g. "national/custody-to-community", with the clock at a London local time.</summary>
    public static Harness ForShipped(string name, string startsAt, IRuntimeStore? store = null) =>
        new(Compile(Path.Combine(RepositoryPaths.Pathways, name + ".pathway")), At(startsAt), store);

    public static Harness ForText(string pathway, string startsAt, IRuntimeStore? store = null)
    {
        var result = TestCompiler.Compile(pathway, "test.pathway");
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return new Harness(result.Definition!, At(startsAt), store);
    }

    /// <summary>A harness for a pathway compiled against <paramref name="calendars"/>, counting deadlines with them.</summary>
    public static Harness ForText(string pathway, string startsAt, ICalendarSource calendars)
    {
        var result = PathwayCompiler.Compile(new Language.Text.SourceText(pathway, "test.pathway"), new CompileEnvironment(calendars.Names, calendars.TimeZones, FolderTemplateFileReader.None));
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return new Harness(result.Definition!, At(startsAt), store: null, calendars);
    }

    /// <summary>The same pathway, store and clock, counted with other calendars: what a server restarted after an import sees.</summary>
    public Harness WithCalendars(ICalendarSource calendars) => new(Definition, Clock.Now, Store, calendars);

    public static PathwayDefinition Compile(string path)
    {
        var result = TestCompiler.CompileFile(path);
        Assert.True(result.Succeeded, string.Join('\n', result.Diagnostics));
        return result.Definition!;
    }

    /// <summary>A London local time written "2026-06-11 10:00" as an instant.</summary>
    public static Instant At(string local) => LocalPattern.Parse(local).Value.InZoneStrictly(London).ToInstant();

    /// <summary>An instant as London local time, "2026-06-11 10:00", for readable assertions.</summary>
    public static string Local(Instant? instant) =>
        instant is { } i ? LocalPattern.Format(i.InZone(London).LocalDateTime) : "none";

    public static Actor Caseworker(string agency) => Actor.Caseworker($"{agency}-worker", agency);

    public async Task<PathwayInstance> StartAsync(string agency, bool consent = true, params (string Field, string Value)[] fields) =>
        (await Runtime.Cases.StartAsync(
            new StartCase(Definition.Id, Definition.Partnership, new Person("A0000AA", "Alex Example", new LocalDate(1990, 1, 1)), consent, Values(fields)),
            Caseworker(agency))).Instance;

    public async Task<PathwayInstance> RaiseAsync(PathwayInstance instance, string eventName, string agency, params (string Field, string Value)[] fields) =>
        (await Runtime.Cases.RaiseEventAsync(instance.Id, eventName, Values(fields), null, Caseworker(agency))).Instance;

    public ImmutableDictionary<string, FieldValue> Values(params (string Field, string Value)[] fields) =>
        fields.ToImmutableDictionary(
            f => f.Field,
            f => FieldValues.TryParse(Definition.FindField(f.Field) ?? throw new ArgumentException($"No field {f.Field}"), f.Value, London, out var value, out var error)
                ? value!
                : throw new ArgumentException(error));

    /// <summary>Moves the clock forward to a London local time, firing every timer that falls due on the way at its own due time.</summary>
    public async Task RunUntilAsync(string local)
    {
        var until = At(local);
        while (await Store.GetNextDueAsync() is { } next && next <= until)
        {
            if (next > Clock.Now)
            {
                Clock.Set(next);
            }

            await Runtime.Timers.FireDueAsync();
        }

        Clock.Set(until);
    }

    public async Task<PathwayInstance> ReloadAsync(PathwayInstance instance) =>
        (await Store.FindInstanceAsync(instance.Id))!;

    public async Task<ActionItem> ActionAsync(PathwayInstance instance, string actionId) =>
        (await Store.GetActionsAsync(instance.Id)).Last(a => a.ActionId == actionId);

    public async Task<IReadOnlyList<HistoryEntry>> HistoryAsync(PathwayInstance instance) =>
        await Store.GetHistoryAsync(instance.Id);

    public async Task<List<T>> HistoryOfAsync<T>(PathwayInstance instance) where T : HistoryChange =>
        [.. (await Store.GetHistoryAsync(instance.Id)).Select(h => h.Change).OfType<T>()];

    public static string Describe(ActionItem item) =>
        string.Create(CultureInfo.InvariantCulture, $"{item.ActionId} {item.Agency} {item.Status} due {Local(item.DueAt)}");
}
