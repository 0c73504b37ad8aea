using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Timers;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Operations;

/// <summary>What the runtime's parts depend on, shared by them and handed to each operation; and the one way an operation is committed.</summary>
internal sealed class RuntimeServices(
    IDefinitionCatalog catalog,
    IRuntimeStore store,
    ITimerScheduler scheduler,
    DeadlineCalculator deadlines,
    INotificationRenderer renderer,
    TimeProvider clock,
    RuntimeMetrics? metrics)
{
    public IDefinitionCatalog Catalog { get; } = catalog;

    public IRuntimeStore Store { get; } = store;

    public ITimerScheduler Scheduler { get; } = scheduler;

    public DeadlineCalculator Deadlines { get; } = deadlines;

    public INotificationRenderer Renderer { get; } = renderer;

    public RuntimeMetrics? Metrics { get; } = metrics;

    public Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());

    public Guid NewId() => Guid.CreateVersion7(clock.GetUtcNow());

    /// <summary>The time zone a pathway's caseworkers read its times in.</summary>
    public DateTimeZone Zone(PathwayDefinition definition) => Deadlines.TimeZones[definition.TimeZone];

    /// <summary>The definition a case runs on: always available, since published versions are never removed.</summary>
    public async Task<PathwayDefinition> DefinitionOfAsync(PathwayInstance instance, CancellationToken cancellationToken) =>
        await Catalog.FindAsync(instance.Definition, cancellationToken)
            ?? throw new NotFoundException($"The pathway version this case runs on ({instance.Definition.PathwayId}, {instance.Definition.ContentHash}) is not available.");

    /// <summary>Commits everything an operation changed in one change set, then makes sure the scheduler wakes for the timers it set.</summary>
    public async Task<ChangeSet> CommitAsync(Operation operation, CancellationToken cancellationToken)
    {
        var changes = operation.ToChangeSet();
        await Store.SaveAsync(changes, cancellationToken);
        Metrics?.Committed(changes);
        foreach (var due in operation.NewTimerDueTimes)
        {
            Scheduler.WakeAt(due);
        }

        return changes;
    }
}
