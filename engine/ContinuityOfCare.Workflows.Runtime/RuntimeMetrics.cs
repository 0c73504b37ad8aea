using System.Diagnostics.Metrics;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime;

/// <summary>
/// What the runtime counts, for OpenTelemetry or any other <see cref="System.Diagnostics.Metrics"/>
/// listener: cases started, transitions, deadlines breached, how late timers fire, and notices that
/// could not be rendered or delivered. Every measurement is tagged with the pathway id only, never
/// with anything about a person.
/// </summary>
public sealed class RuntimeMetrics : IDisposable
{
    public const string MeterName = "ContinuityOfCare.Workflows";

    private readonly Meter _meter;
    private readonly Counter<long> _casesStarted;
    private readonly Counter<long> _transitions;
    private readonly Counter<long> _deadlinesBreached;
    private readonly Counter<long> _notificationFailures;
    private readonly Histogram<double> _timerLag;

    public RuntimeMetrics(IMeterFactory? meters = null)
    {
        _meter = meters?.Create(MeterName) ?? new Meter(MeterName);
        _casesStarted = _meter.CreateCounter<long>("coc.cases.started", "{case}", "Cases started.");
        _transitions = _meter.CreateCounter<long>("coc.transitions", "{transition}", "Cases moved from one state to another.");
        _deadlinesBreached = _meter.CreateCounter<long>("coc.deadlines.breached", "{deadline}", "Action deadlines missed.");
        _notificationFailures = _meter.CreateCounter<long>("coc.notifications.failed", "{notice}", "Notices that could not be rendered, or could not be delivered.");
        _timerLag = _meter.CreateHistogram<double>("coc.timers.lag", "s", "How long after its due time a deadline or timer fired.");
    }

    /// <summary>Counts what a committed change set did, from its history lines.</summary>
    public void Committed(ChangeSet changes)
    {
        var pathway = new KeyValuePair<string, object?>("pathway", changes.Instance.Definition.PathwayId);
        foreach (var line in changes.History)
        {
            switch (line.Change)
            {
                case InstanceStarted:
                    _casesStarted.Add(1, pathway);
                    break;
                case StateEntered:
                    _transitions.Add(1, pathway);
                    break;
                case DeadlineBreached:
                    _deadlinesBreached.Add(1, pathway);
                    break;
                case NotificationFailed:
                    _notificationFailures.Add(1, pathway, new("stage", "render"));
                    break;
            }
        }
    }

    /// <summary>A timer fired <paramref name="lag"/> after it fell due.</summary>
    public void TimerFired(string pathwayId, NodaTime.Duration lag) =>
        _timerLag.Record(Math.Max(0, lag.TotalSeconds), new KeyValuePair<string, object?>("pathway", pathwayId));

    /// <summary>A notice was given up on: no address, a permanent refusal, or too many failed attempts.</summary>
    public void DeliveryFailed(string pathwayId) =>
        _notificationFailures.Add(1, new("pathway", pathwayId), new("stage", "delivery"));

    public void Dispose() => _meter.Dispose();
}
