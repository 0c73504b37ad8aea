using Microsoft.EntityFrameworkCore.Metadata;

namespace ContinuityOfCare.Workflows.Persistence.Statements;

/// <summary>The runtime's tables that the store's own statements read and write, described by the EF Core model.</summary>
internal sealed class Tables(IModel model)
{
    public Table<InstanceRow> Instances { get; } = new(model);

    public Table<ActionRow> Actions { get; } = new(model);

    public Table<TimerRow> Timers { get; } = new(model);

    public Table<OutboxRow> Outbox { get; } = new(model);

    public Table<HistoryRow> History { get; } = new(model);

    public Table<StayRow> Stays { get; } = new(model);
}
