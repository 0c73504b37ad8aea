using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Authoring;

/// <summary>The publishing rules on the in-memory stores.</summary>
public sealed class InMemoryPublisherRules : PublisherRules
{
    protected override Task<(IPathwayVersionStore Versions, IRuntimeStore Instances)> NewStoresAsync() =>
        Task.FromResult<(IPathwayVersionStore, IRuntimeStore)>((new InMemoryPathwayVersionStore(), new InMemoryRuntimeStore()));
}
