using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Timers;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>What the runtime counts for operators, measured through a real metrics listener.</summary>
public sealed class RuntimeMetricsTests : IDisposable
{
    private const string Pathway = """"
        pathway metered
          title "Metered"
          partnership "Testshire (fictional)"

        agency team "Team"
        agency other "Other team"

        template broken "Too long to render"
          """
          {{ string.repeat "x" 1000000 }}
          """

        start state open "Open"
          stage "Open"
          owner team
          action check "Check the record"
            by team within 2 hours
          on tell
            notify other with broken
          on close -> done

        final state done "Done"
          stage "Done"
          owner team
          outcome finished
        """";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Instrument, double Value, string? Stage)> _measured = new();

    public RuntimeMetricsTests()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == RuntimeMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Keep(instrument, value, tags));
        _listener.Start();
    }

    public void Dispose() => _listener.Dispose();

    [Fact]
    public async Task CasesTransitionsBreachesTimerLagAndFailedNoticesAreCounted()
    {
        var definition = TestCompiler.Compile(Pathway, "metered.pathway").Definition!;
        var catalog = new InMemoryDefinitionCatalog();
        catalog.Add(definition);
        var clock = new ManualClock(At("2026-06-01 09:00"));
        using var metrics = new RuntimeMetrics();
        var runtime = new PathwayRuntime(catalog, new InMemoryRuntimeStore(), new InMemoryTimerScheduler(), new DeadlineCalculator(CalendarSource.Default), new ScribanNotificationRenderer(), clock, metrics);
        var team = Actor.Caseworker("team-worker", "team");

        var first = (await runtime.Cases.StartAsync(new StartCase("metered", "Testshire (fictional)", new Person("A0000AA", "Alex Example", new LocalDate(1990, 1, 1)), true), team)).Instance;
        await runtime.Cases.StartAsync(new StartCase("metered", "Testshire (fictional)", new Person("B0000BB", "Sam Example", new LocalDate(1991, 2, 2)), true), team);
        await runtime.Cases.RaiseEventAsync(first.Id, "tell", null, null, team);
        await runtime.Cases.RaiseEventAsync(first.Id, "close", null, null, team);

        // The second case's deadline (11:00) is swept 30 seconds late.
        clock.Set(At("2026-06-01 11:00") + NodaTime.Duration.FromSeconds(30));
        Assert.Equal(1, (await runtime.Timers.FireDueAsync()).Fired);

        Assert.Equal(2, Total("coc.cases.started"));
        Assert.Equal(1, Total("coc.transitions"));
        Assert.Equal(1, Total("coc.deadlines.breached"));
        Assert.Equal([("coc.notifications.failed", 1.0, "render")], _measured.Where(m => m.Instrument == "coc.notifications.failed"));
        Assert.Equal([30.0], _measured.Where(m => m.Instrument == "coc.timers.lag").Select(m => m.Value));
    }

    private double Total(string instrument) => _measured.Where(m => m.Instrument == instrument).Sum(m => m.Value);

    /// <summary>Keeps measurements of this test's pathway only: other tests' runtimes measure at the same time.</summary>
    private void Keep(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        string? pathway = null;
        string? stage = null;
        foreach (var tag in tags)
        {
            pathway = tag.Key == "pathway" ? tag.Value as string : pathway;
            stage = tag.Key == "stage" ? tag.Value as string : stage;
        }

        if (pathway == "metered")
        {
            _measured.Enqueue((instrument.Name, value, stage));
        }
    }
}
