using ContinuityOfCare.Workflows.Runtime.Storage;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Migration;

/// <summary>Moving running cases onto a new version: planned, dry-run, applied, recorded, refused (on the in-memory store).</summary>
public sealed class MigrationTests : MigrationScenarios
{
    protected override Task<IRuntimeStore> NewStoreAsync() => Task.FromResult<IRuntimeStore>(new InMemoryRuntimeStore());
}
