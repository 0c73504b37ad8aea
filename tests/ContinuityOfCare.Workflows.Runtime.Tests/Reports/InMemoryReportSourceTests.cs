using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Reports;

/// <summary>The outcome reports read from the in-memory store.</summary>
public sealed class InMemoryReportSourceTests : ReportSourceBehaviour
{
    protected override Task<(IRuntimeStore Store, IReportSource Source)> NewAsync()
    {
        var store = new InMemoryRuntimeStore();
        return Task.FromResult<(IRuntimeStore, IReportSource)>((store, new InMemoryReportSource(store)));
    }
}
