using System.Collections.Immutable;
using System.Diagnostics;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Timers;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>What a transition run measured.</summary>
public sealed record TransitionResult(int Clients, int Transitions, int Conflicts, TimeSpan Elapsed, long HistoryLines, double ServerCpu, double ClientCpu)
{
    public double PerSecond => Transitions / Elapsed.TotalSeconds;

    /// <summary>The database server's CPU time per transition (zero for SQLite, which runs in this process).</summary>
    public TimeSpan ServerCpuPerTransition => TimeSpan.FromSeconds(ServerCpu / Transitions);

    /// <summary>This process's CPU time per transition: the runtime, the store and the database driver.</summary>
    public TimeSpan ClientCpuPerTransition => TimeSpan.FromSeconds(ClientCpu / Transitions);
}

/// <summary>
/// Caseworkers recording events as fast as they can: each client owns its own cases and records the
/// next event on each in turn through the real runtime and store, for a fixed time.
/// </summary>
public static class TransitionLoad
{
    private static readonly Actor Caseworker = Actor.Caseworker("load-caseworker", LoadPathway.Agency);

    public static async Task<TransitionResult> RunAsync(RuntimeDatabase database, int clients, TimeSpan duration, int casesPerClient = 16)
    {
        var definition = LoadPathway.Compile();
        var catalog = new InMemoryDefinitionCatalog();
        catalog.Add(definition);
        var store = new EfRuntimeStore(database);
        var runtime = new PathwayRuntime(catalog, store, new InMemoryTimerScheduler(), new DeadlineCalculator(CalendarSource.Default), new ScribanNotificationRenderer(), TimeProvider.System);

        var cases = new List<Guid>[clients];
        for (var c = 0; c < clients; c++)
        {
            cases[c] = [];
            for (var i = 0; i < casesPerClient; i++)
            {
                var person = new Person($"L{c:D3}{i:D3}", $"Load Example {c}-{i}", new LocalDate(1990, 1, 1));
                var started = (await runtime.Cases.StartAsync(new StartCase(definition.Id, LoadPathway.Partnership, person, ConsentRecorded: true), Caseworker)).Instance;
                cases[c].Add(started.Id);
            }
        }

        // A short warm-up on every client, so the run measures steady work rather than JIT and pool start-up.
        await DriveAsync(runtime, store, cases, TimeSpan.FromSeconds(2));
        var serverBefore = ProcessCpu.PostgresSeconds();
        var clientBefore = ProcessCpu.OwnSeconds();
        var stopwatch = Stopwatch.StartNew();
        var (transitions, conflicts) = await DriveAsync(runtime, store, cases, duration);
        stopwatch.Stop();
        var serverCpu = ProcessCpu.PostgresSeconds() - serverBefore;
        var clientCpu = ProcessCpu.OwnSeconds() - clientBefore;

        await using var db = database.CreateContext();
        var history = db.History.LongCount();
        return new TransitionResult(clients, transitions, conflicts, stopwatch.Elapsed, history, serverCpu, clientCpu);
    }

    private static async Task<(int Transitions, int Conflicts)> DriveAsync(PathwayRuntime runtime, IRuntimeStore store, List<Guid>[] cases, TimeSpan duration)
    {
        var until = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var results = await Task.WhenAll(cases.Select(mine => Task.Run(async () =>
        {
            var transitions = 0;
            var conflicts = 0;
            var states = new Dictionary<Guid, string>();
            for (var turn = 0; Stopwatch.GetTimestamp() < until; turn++)
            {
                var id = mine[turn % mine.Count];
                if (!states.TryGetValue(id, out var state))
                {
                    state = (await store.FindInstanceAsync(id))!.State;
                }

                var next = state == "ping" ? "pong" : "ping";
                try
                {
                    var after = (await runtime.Cases.RaiseEventAsync(
                        id, next, ImmutableDictionary<string, FieldValue>.Empty.Add("note", new TextValue($"turn {turn}")), note: null, Caseworker)).Instance;
                    states[id] = after.State;
                    transitions++;
                }
                catch (ConcurrencyConflictException)
                {
                    conflicts++;
                    states.Remove(id);
                }
            }

            return (transitions, conflicts);
        })));
        return (results.Sum(r => r.transitions), results.Sum(r => r.conflicts));
    }
}
