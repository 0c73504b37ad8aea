using System.Data.Common;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>
/// Reads rows from a plain data reader, for the hot paths that need several result sets in one
/// round trip (which EF Core queries cannot batch). Columns are found by name.
/// </summary>
internal static class RowReader
{
    public static InstanceRow Instance(DbDataReader r) => new()
    {
        Id = r.GetGuid(r.GetOrdinal(nameof(InstanceRow.Id))),
        PathwayId = Text(r, nameof(InstanceRow.PathwayId)),
        ContentHash = Text(r, nameof(InstanceRow.ContentHash)),
        Partnership = Text(r, nameof(InstanceRow.Partnership)),
        PrisonNumber = Text(r, nameof(InstanceRow.PrisonNumber)),
        PersonName = Text(r, nameof(InstanceRow.PersonName)),
        DateOfBirth = Text(r, nameof(InstanceRow.DateOfBirth)),
        ConsentRecorded = r.GetBoolean(r.GetOrdinal(nameof(InstanceRow.ConsentRecorded))),
        FieldsJson = Text(r, nameof(InstanceRow.FieldsJson)),
        State = Text(r, nameof(InstanceRow.State)),
        StateEnteredAt = Number(r, nameof(InstanceRow.StateEnteredAt)),
        Status = Text(r, nameof(InstanceRow.Status)),
        Outcome = OptionalText(r, nameof(InstanceRow.Outcome)),
        StartedAt = Number(r, nameof(InstanceRow.StartedAt)),
        EndedAt = OptionalNumber(r, nameof(InstanceRow.EndedAt)),
        LastEventsJson = Text(r, nameof(InstanceRow.LastEventsJson)),
        Version = Number(r, nameof(InstanceRow.Version)),
        HistoryCount = Number(r, nameof(InstanceRow.HistoryCount)),
    };

    public static ActionRow Action(DbDataReader r) => new()
    {
        Id = r.GetGuid(r.GetOrdinal(nameof(ActionRow.Id))),
        InstanceId = r.GetGuid(r.GetOrdinal(nameof(ActionRow.InstanceId))),
        Partnership = Text(r, nameof(ActionRow.Partnership)),
        State = Text(r, nameof(ActionRow.State)),
        ActionId = Text(r, nameof(ActionRow.ActionId)),
        Description = Text(r, nameof(ActionRow.Description)),
        Agency = Text(r, nameof(ActionRow.Agency)),
        OpenedAt = Number(r, nameof(ActionRow.OpenedAt)),
        DueAt = OptionalNumber(r, nameof(ActionRow.DueAt)),
        Status = Text(r, nameof(ActionRow.Status)),
        BreachedAt = OptionalNumber(r, nameof(ActionRow.BreachedAt)),
        CompletedAt = OptionalNumber(r, nameof(ActionRow.CompletedAt)),
        CompletedBy = OptionalText(r, nameof(ActionRow.CompletedBy)),
    };

    public static TimerRow Timer(DbDataReader r) => new()
    {
        Id = r.GetGuid(r.GetOrdinal(nameof(TimerRow.Id))),
        InstanceId = r.GetGuid(r.GetOrdinal(nameof(TimerRow.InstanceId))),
        State = Text(r, nameof(TimerRow.State)),
        Kind = Text(r, nameof(TimerRow.Kind)),
        Target = Text(r, nameof(TimerRow.Target)),
        DueAt = Number(r, nameof(TimerRow.DueAt)),
        Status = Text(r, nameof(TimerRow.Status)),
        ClaimedBy = r.IsDBNull(r.GetOrdinal(nameof(TimerRow.ClaimedBy))) ? null : r.GetGuid(r.GetOrdinal(nameof(TimerRow.ClaimedBy))),
        ClaimedUntil = OptionalNumber(r, nameof(TimerRow.ClaimedUntil)),
    };

    private static string Text(DbDataReader r, string column) => r.GetString(r.GetOrdinal(column));

    private static string? OptionalText(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetString(i);
    }

    private static long Number(DbDataReader r, string column) => r.GetInt64(r.GetOrdinal(column));

    private static long? OptionalNumber(DbDataReader r, string column)
    {
        var i = r.GetOrdinal(column);
        return r.IsDBNull(i) ? null : r.GetInt64(i);
    }
}
