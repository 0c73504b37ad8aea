using System.Collections.Immutable;
using System.Text.Json;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Persistence;

/// <summary>Converts between the runtime's immutable records and the table rows.</summary>
internal static class RowMapping
{
    public static long Ticks(Instant instant) => instant.ToUnixTimeTicks();

    public static long? Ticks(Instant? instant) => instant?.ToUnixTimeTicks();

    public static Instant Instant(long ticks) => NodaTime.Instant.FromUnixTimeTicks(ticks);

    public static Instant? Instant(long? ticks) => ticks is { } t ? NodaTime.Instant.FromUnixTimeTicks(t) : null;

    public static InstanceRow ToRow(PathwayInstance instance) => new()
    {
        Id = instance.Id,
        PathwayId = instance.Definition.PathwayId,
        ContentHash = instance.Definition.ContentHash,
        Partnership = instance.Case.Partnership,
        PrisonNumber = instance.Case.Person.PrisonNumber,
        PersonName = instance.Case.Person.Name,
        DateOfBirth = LocalDatePattern.Iso.Format(instance.Case.Person.DateOfBirth),
        ConsentRecorded = instance.Case.ConsentRecorded,
        FieldsJson = JsonSerializer.Serialize(instance.Case.Fields.ToDictionary(f => f.Key, f => f.Value, StringComparer.Ordinal), RuntimeJson.Options),
        State = instance.State,
        StateEnteredAt = Ticks(instance.StateEnteredAt),
        Status = instance.Status.ToString(),
        Outcome = instance.Outcome,
        StartedAt = Ticks(instance.StartedAt),
        EndedAt = Ticks(instance.EndedAt),
        LastEventsJson = JsonSerializer.Serialize(instance.LastEvents.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), RuntimeJson.Options),
        Version = instance.Version,
        ReleasedAt = Ticks(instance.ReleasedAt),
        WindowEndsAt = Ticks(instance.WindowEndsAt),
    };

    public static PathwayInstance ToModel(InstanceRow row) => new(
        row.Id,
        new DefinitionVersion(row.PathwayId, row.ContentHash),
        new CaseDetails(
            row.Partnership,
            new Person(row.PrisonNumber, row.PersonName, LocalDatePattern.Iso.Parse(row.DateOfBirth).GetValueOrThrow()),
            row.ConsentRecorded,
            (JsonSerializer.Deserialize<Dictionary<string, FieldValue>>(row.FieldsJson, RuntimeJson.Options) ?? [])
                .ToImmutableDictionary(StringComparer.Ordinal)),
        row.State,
        Instant(row.StateEnteredAt),
        Enum.Parse<InstanceStatus>(row.Status),
        row.Outcome,
        Instant(row.StartedAt),
        Instant(row.EndedAt),
        (JsonSerializer.Deserialize<Dictionary<string, Instant>>(row.LastEventsJson, RuntimeJson.Options) ?? [])
            .ToImmutableDictionary(StringComparer.Ordinal),
        row.Version)
    {
        ReleasedAt = Instant(row.ReleasedAt),
        WindowEndsAt = Instant(row.WindowEndsAt),
    };

    public static ActionRow ToRow(ActionItem item, string partnership) => new()
    {
        Id = item.Id,
        InstanceId = item.InstanceId,
        Partnership = partnership,
        State = item.State,
        ActionId = item.ActionId,
        Description = item.Description,
        Agency = item.Agency,
        OpenedAt = Ticks(item.OpenedAt),
        DueAt = Ticks(item.DueAt),
        Status = item.Status.ToString(),
        BreachedAt = Ticks(item.BreachedAt),
        CompletedAt = Ticks(item.CompletedAt),
        CompletedBy = item.CompletedBy,
        DueProvisional = item.DueProvisional,
    };

    public static ActionItem ToModel(ActionRow row) => new(
        row.Id, row.InstanceId, row.State, row.ActionId, row.Description, row.Agency,
        Instant(row.OpenedAt), Instant(row.DueAt), Enum.Parse<ActionStatus>(row.Status),
        Instant(row.BreachedAt), Instant(row.CompletedAt), row.CompletedBy, row.DueProvisional);

    public static TimerRow ToRow(PendingTimer timer) => new()
    {
        Id = timer.Id,
        InstanceId = timer.InstanceId,
        State = timer.State,
        Kind = timer.Kind.ToString(),
        Target = timer.Target switch
        {
            ActionDeadlineTarget deadline => deadline.ActionItemId.ToString(),
            StateTimerTarget stateTimer => stateTimer.Index.ToString(System.Globalization.CultureInfo.InvariantCulture),
            _ => throw new ArgumentOutOfRangeException(nameof(timer), timer.Target, "Unknown timer target."),
        },
        DueAt = Ticks(timer.DueAt),
        Status = timer.Status.ToString(),
        DueProvisional = timer.DueProvisional,
    };

    /// <summary>A timer row: its kind says how its target column is written (an action item's id, or a state timer's place).</summary>
    public static PendingTimer ToModel(TimerRow row) => new(
        row.Id,
        row.InstanceId,
        row.State,
        Enum.Parse<TimerKind>(row.Kind) switch
        {
            TimerKind.ActionDeadline => new ActionDeadlineTarget(Guid.Parse(row.Target)),
            TimerKind.StateTimer => new StateTimerTarget(int.Parse(row.Target, System.Globalization.CultureInfo.InvariantCulture)),
            var kind => throw new InvalidOperationException($"Timer {row.Id} has an unknown kind '{kind}'."),
        },
        Instant(row.DueAt),
        Enum.Parse<TimerStatus>(row.Status),
        row.DueProvisional);

    public static OutboxRow ToRow(OutboxMessage message) => new()
    {
        Id = message.Id,
        InstanceId = message.InstanceId,
        Partnership = message.Partnership,
        RecipientAgency = message.RecipientAgency,
        Template = message.Template,
        Subject = message.Subject,
        Body = message.Body,
        CreatedAt = Ticks(message.CreatedAt),
        Status = message.Status.ToString(),
        Attempts = message.Attempts,
        SentAt = Ticks(message.SentAt),
        Error = message.Error,
    };

    public static OutboxMessage ToModel(OutboxRow row) => new(
        row.Id, row.InstanceId, row.Partnership, row.RecipientAgency, row.Template, row.Subject, row.Body,
        Instant(row.CreatedAt), Enum.Parse<OutboxStatus>(row.Status), row.Attempts, Instant(row.SentAt), row.Error);

    // Each kind of history line by the name it has in JSON (its type discriminator).
    private static readonly Dictionary<Type, string> Kinds = typeof(HistoryChange)
        .GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute), inherit: false)
        .Cast<System.Text.Json.Serialization.JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => (string)a.TypeDiscriminator!);

    public static HistoryRow ToRow(HistoryEntry entry, long sequence)
    {
        var json = JsonSerializer.Serialize(entry.Change, RuntimeJson.Options);
        return new HistoryRow
        {
            Id = entry.Id,
            InstanceId = entry.InstanceId,
            Sequence = sequence,
            At = Ticks(entry.At),
            UserId = entry.Actor.UserId,
            Agency = entry.Actor.Agency,
            PathwayId = entry.Definition.PathwayId,
            ContentHash = entry.Definition.ContentHash,
            Kind = Kinds[entry.Change.GetType()],
            ChangeJson = json,
        };
    }

    public static HistoryEntry ToModel(HistoryRow row) => new(
        row.Id,
        row.InstanceId,
        row.Sequence,
        Instant(row.At),
        Actor.FromRecord(row.UserId, row.Agency),
        new DefinitionVersion(row.PathwayId, row.ContentHash),
        JsonSerializer.Deserialize<HistoryChange>(row.ChangeJson, RuntimeJson.Options)!);
}
