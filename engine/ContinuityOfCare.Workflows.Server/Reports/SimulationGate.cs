using System.Collections.Concurrent;

namespace ContinuityOfCare.Workflows.Server.Reports;

/// <summary>
/// How many simulations run at once: one per partnership, and no more on the whole server than it
/// has cores to spare (half of them, at least one), so that a few large comparisons cannot starve
/// casework and the readiness check of the machine's time.
/// </summary>
public sealed class SimulationGate
{
    private readonly ConcurrentDictionary<string, byte> _running = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _slots;

    public SimulationGate()
        : this(Math.Max(1, Environment.ProcessorCount / 2))
    {
    }

    public SimulationGate(int slots)
    {
        Slots = slots;
        _slots = new SemaphoreSlim(slots, slots);
    }

    /// <summary>How many simulations the server runs at once.</summary>
    public int Slots { get; }

    /// <summary>Whether a simulation may start now for the partnership; when it may, disposing the pass lets the next one start.</summary>
    public Entry TryEnter(string partnership)
    {
        if (!_running.TryAdd(partnership, 0))
        {
            return new Entry(Refusal.PartnershipBusy, null);
        }

        if (!_slots.Wait(0))
        {
            _running.TryRemove(partnership, out _);
            return new Entry(Refusal.ServerBusy, null);
        }

        return new Entry(null, new Pass(this, partnership));
    }

    /// <summary>Why a simulation may not start now.</summary>
    public enum Refusal
    {
        PartnershipBusy,
        ServerBusy,
    }

    /// <summary>The answer to <see cref="TryEnter"/>: a refusal, or a pass to hold while the simulation runs.</summary>
    public readonly record struct Entry(Refusal? Refused, IDisposable? Pass);

    private sealed class Pass(SimulationGate gate, string partnership) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                gate._slots.Release();
                gate._running.TryRemove(partnership, out _);
            }
        }
    }
}
