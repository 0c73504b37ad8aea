using System.Collections.Concurrent;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Timers;

/// <summary>A due timer that could not fire this time, and why; it stays pending for the next sweep.</summary>
public sealed record TimerFailure(PendingTimer Timer, Exception Error)
{
    public override string ToString() =>
        $"Timer {Timer.Id} of case {Timer.InstanceId} ({Timer.Kind} in '{Timer.State}', due {Timer.DueAt}) could not fire: {Error.Message}";
}

/// <summary>What one sweep did: how many timers fired, and those that could not.</summary>
public sealed record SweepResult(int Fired, IReadOnlyList<TimerFailure> Failures);

/// <summary>
/// Fires the timers that are due: deadlines breach, timer transitions move cases on. Timers are
/// claimed in batches (see <see cref="IRuntimeStore.ClaimDueTimersAsync"/>), so several servers
/// share a storm of deadlines. A timer fires only if it is still pending and its case is still in
/// the state that set it, so a sweep that runs twice, or on two servers, fires nothing twice.
/// </summary>
public sealed class TimerSweeper
{
    /// <summary>How many due timers a sweep claims at once.</summary>
    public const int BatchSize = 100;

    /// <summary>How long a sweep holds the timers it claims before another sweeper may try them.</summary>
    public static readonly NodaTime.Duration Lease = NodaTime.Duration.FromMinutes(1);

    private readonly RuntimeServices _services;

    /// <summary>This runtime's name when it claims timers, so several servers can share the sweep.</summary>
    private readonly Guid _sweeper = Guid.NewGuid();

    internal TimerSweeper(RuntimeServices services) => _services = services;

    /// <summary>
    /// Fires every timer due by now, each in its own change set, earliest first, until none is due,
    /// with <paramref name="parallelism"/> claim-and-fire loops at once (each on its own database
    /// connection), then makes sure the scheduler wakes for the next one.
    /// </summary>
    public async Task<SweepResult> FireDueAsync(int parallelism = 1, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallelism, 1);
        var fired = 0;
        var tried = new ConcurrentDictionary<Guid, byte>();
        var failures = new ConcurrentQueue<TimerFailure>();

        async Task SweepAsync()
        {
            while (true)
            {
                var due = await _services.Store.ClaimDueTimersAsync(_services.Now(), BatchSize, _sweeper, Lease, cancellationToken);
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
                    catch (CalendarCannotCountException cannot)
                    {
                        // Firing needs a due time the calendar cannot count: trying again every
                        // minute would change nothing, so the failure is recorded on the case once.
                        failures.Enqueue(new TimerFailure(timer, cannot));
                        await RecordFailureAsync(timer, cannot.Message, cancellationToken);
                    }
                    catch (Exception exception) when (exception is not OperationCanceledException)
                    {
                        // One timer that cannot fire (the database is away, say) must not stop the
                        // others; it stays pending and is tried again at the next sweep.
                        failures.Enqueue(new TimerFailure(timer, exception));
                    }
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, parallelism).Select(_ => Task.Run(SweepAsync, cancellationToken)));
        if (await _services.Store.GetNextDueAsync(cancellationToken) is { } next)
        {
            _services.Scheduler.WakeAt(next);
        }

        return new SweepResult(fired, [.. failures]);
    }

    private async Task RecordFailureAsync(PendingTimer due, string reason, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var operation = await Operation.LoadAsync(_services, due.InstanceId, Actor.System, expectedVersion: null, withClosedActions: false, cancellationToken);
            if (operation.FindTimer(due.Id) is not { Status: TimerStatus.Pending } timer)
            {
                return;
            }

            operation.FailTimer(timer, reason);
            try
            {
                await _services.CommitAsync(operation, cancellationToken);
                return;
            }
            catch (ConcurrencyConflictException)
            {
                // Someone changed the case meanwhile: read it again.
            }
        }
    }

    private async Task<bool> FireAsync(PendingTimer due, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 3; attempt++)
        {
            var operation = await Operation.LoadAsync(_services, due.InstanceId, Actor.System, expectedVersion: null, withClosedActions: false, cancellationToken);
            var timer = operation.FindTimer(due.Id);
            if (timer is null || timer.Status != TimerStatus.Pending)
            {
                return false;
            }

            operation.MarkFired(timer);
            var acted = operation.Instance.IsActive && timer.State == operation.Instance.State && timer.Target switch
            {
                ActionDeadlineTarget deadline => operation.FindOutstandingAction(deadline.ActionItemId) is { } item && operation.Breach(item),
                StateTimerTarget stateTimer => operation.FireStateTimer(stateTimer.Index, timer.DueAt),
                _ => false,
            };

            try
            {
                await _services.CommitAsync(operation, cancellationToken);
                if (acted)
                {
                    _services.Metrics?.TimerFired(operation.Instance.Definition.PathwayId, operation.Now - due.DueAt);
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
}
