using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Reports;

/// <summary>Makes a new, empty store and the source that works out its figures.</summary>
public interface IReportStoreMaker
{
    Task<(IRuntimeStore Store, IReportSource Source)> NewAsync();
}

/// <summary>The reference: cases in memory, their figures counted from each journal.</summary>
public sealed class InMemoryReportStores : IReportStoreMaker
{
    public Task<(IRuntimeStore Store, IReportSource Source)> NewAsync()
    {
        var store = new InMemoryRuntimeStore();
        return Task.FromResult<(IRuntimeStore, IReportSource)>((store, new CalculatedReportSource(store)));
    }
}

/// <summary>A store and where its figures are worked out, for report tests that hold every store to the same rules.</summary>
public abstract class ReportStores(IReportStoreMaker maker) : IDisposable
{
    protected async Task<ReportPathway> NewAsync(string startsAt, bool timers = true)
    {
        var (store, source) = await maker.NewAsync();
        return new(startsAt, timers, store, _ => source);
    }

    public void Dispose()
    {
        (maker as IDisposable)?.Dispose();
        GC.SuppressFinalize(this);
    }
}
