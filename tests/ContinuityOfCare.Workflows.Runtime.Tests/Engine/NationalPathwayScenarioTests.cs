using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Engine;

/// <summary>The national pathway's routes on the in-memory store.</summary>
public sealed class NationalPathwayScenarioTests : NationalPathwayScenarios
{
    protected override Task<IRuntimeStore> NewStoreAsync() => Task.FromResult<IRuntimeStore>(new InMemoryRuntimeStore());
}
