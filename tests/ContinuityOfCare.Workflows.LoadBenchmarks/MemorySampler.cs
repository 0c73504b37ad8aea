using System.Diagnostics;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>The highest working set of this process while a phase runs, sampled every 100 ms.</summary>
public sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public MemorySampler() => _sampling = SampleAsync();

    /// <summary>The peak in MiB so far.</summary>
    public double PeakMiB => Interlocked.Read(ref _peak) / (1024.0 * 1024.0);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        using var process = Process.GetCurrentProcess();
        while (!_stop.IsCancellationRequested)
        {
            process.Refresh();
            if (process.WorkingSet64 > Interlocked.Read(ref _peak))
            {
                Interlocked.Exchange(ref _peak, process.WorkingSet64);
            }

            try
            {
                await Task.Delay(100, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
