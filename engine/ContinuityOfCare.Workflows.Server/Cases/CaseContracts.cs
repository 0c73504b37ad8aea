using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Queries;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Server.Cases;

/// <summary>The person a new case is about.</summary>
public sealed record PersonRequest(string? PrisonNumber, string? Name, string? DateOfBirth);

/// <summary>
/// Starting a case. Field values are written as the pathway language writes them: <c>"2026-06-19"</c>
/// for a date, <c>"2026-06-19T10:30"</c> (local time) for a date-time, <c>true</c>/<c>"yes"</c> for
/// yes/no, a number, an option's id, or text.
/// </summary>
public sealed record StartCaseRequest(string? PathwayId, PersonRequest? Person, bool ConsentRecorded, Dictionary<string, JsonElement>? Fields, int? Version);

/// <summary>Recording an event, with the values it asks for and an optional note.</summary>
public sealed record RaiseEventRequest(string? Event, Dictionary<string, JsonElement>? Values, string? Note);

public sealed record UpdateFieldsRequest(Dictionary<string, JsonElement>? Values);

/// <summary>Recording consent given or withdrawn: the value must be sent, so a body that leaves it out withdraws nothing.</summary>
public sealed record ConsentRequest(bool? ConsentRecorded);

public sealed record CancelRequest(string? Reason);

public sealed record PersonResponse(string PrisonNumber, string Name, string DateOfBirth);

public sealed record StateResponse(string Id, string Title, string Stage, string Owner, string? Outcome);

/// <summary>A case field's value: its type, the value as sent, and as a caseworker reads it.</summary>
public sealed record FieldResponse(string Type, string Value, string Display);

/// <summary>
/// A required action: who must do what by when (UTC and local time), and where it stands.
/// <see cref="DueProvisional"/> says the due time rests on a day of a year whose bank holidays are
/// not yet published (counted by rule), so it may still move when they are.
/// </summary>
public sealed record ActionResponse(
    Guid Id, string ActionId, string Description, string Agency, string Status, string State,
    DateTimeOffset OpenedAt, DateTimeOffset? DueAt, string? DueLocal, DateTimeOffset? CompletedAt, string? CompletedBy,
    bool DueProvisional);

public sealed record AskedFieldResponse(string Id, string Type, string? Label, IReadOnlyList<string> Options);

/// <summary>An event the caller may record now: the values it asks for and the states it can lead to.</summary>
public sealed record PossibleEventResponse(string Event, IReadOnlyList<AskedFieldResponse> AskedFields, IReadOnlyList<string> Targets);

/// <summary>A case as the caller sees it. <see cref="Version"/> is also its ETag: send it back as If-Match to change the case only as you saw it.</summary>
public sealed record CaseResponse(
    Guid Id,
    string PathwayId,
    int? PathwayVersion,
    string ContentHash,
    string Partnership,
    PersonResponse Person,
    bool ConsentRecorded,
    string Status,
    string? Outcome,
    StateResponse State,
    DateTimeOffset StateEnteredAt,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string TimeZone,
    IReadOnlyDictionary<string, FieldResponse> Fields,
    IReadOnlyList<ActionResponse> OpenActions,
    IReadOnlyList<ActionResponse> Actions,
    IReadOnlyList<PossibleEventResponse> PossibleEvents,
    long Version,
    IReadOnlyList<TimerResponse> PendingTimers);

/// <summary>
/// A pending timer: a state's timer transition (<see cref="Target"/> the state it moves the case to)
/// or an action's deadline (<see cref="ActionItemId"/>), when it fires (UTC and local wording), and
/// whether that due time is provisional.
/// </summary>
public sealed record TimerResponse(string Kind, string? Target, Guid? ActionItemId, DateTimeOffset DueAt, string DueLocal, bool DueProvisional);

/// <summary>A case in a list.</summary>
public sealed record CaseSummary(Guid Id, string PathwayId, string PrisonNumber, string State, string Status, string? Outcome, DateTimeOffset StartedAt, long Version);

/// <summary>One line of a case's history: when, who (and for which agency), on which version, and what.</summary>
public sealed record HistoryResponse(long Sequence, DateTimeOffset At, string Actor, string? Agency, string ContentHash, string Kind, string Description, object Change);

public sealed record NotificationResponse(
    Guid Id, Guid CaseId, string RecipientAgency, string Template, string Subject, string Body, string Status,
    int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? SentAt, string? Error);

public sealed record CaseloadItemResponse(Guid CaseId, string PrisonNumber, string State, ActionResponse Action);

/// <summary>How many outstanding actions a caseload holds, by how soon they are due.</summary>
public sealed record CaseloadCountsResponse(int Overdue, int DueToday, int DueThisWeek, int Later, int Waiting, int Total);

/// <summary>
/// An agency's outstanding actions: how many there are by how soon they are due, and one page of
/// them (<c>skip</c>, <c>take</c>), earliest due first, in the same groups; <c>next</c> is the
/// <c>skip</c> of the next page, or null on the last.
/// </summary>
public sealed record CaseloadResponse(
    string Agency, DateTimeOffset At, CaseloadCountsResponse Counts, int Skip, int Take, int? Next,
    IReadOnlyList<CaseloadItemResponse> Overdue, IReadOnlyList<CaseloadItemResponse> DueToday, IReadOnlyList<CaseloadItemResponse> DueThisWeek,
    IReadOnlyList<CaseloadItemResponse> Later, IReadOnlyList<CaseloadItemResponse> Waiting);

/// <summary>Turns the runtime's records into responses.</summary>
internal static class CaseMapping
{
    public static CaseResponse ToResponse(CaseView view)
    {
        var (instance, definition) = (view.Instance, view.Definition);
        var zone = DateTimeZoneProviders.Tzdb[definition.TimeZone];
        var person = instance.Case.Person;
        return new CaseResponse(
            instance.Id,
            instance.Definition.PathwayId,
            view.VersionNumber,
            instance.Definition.ContentHash,
            instance.Case.Partnership,
            new PersonResponse(person.PrisonNumber, person.Name, LocalDatePattern.Iso.Format(person.DateOfBirth)),
            instance.Case.ConsentRecorded,
            instance.Status.ToString(),
            instance.Outcome,
            new StateResponse(view.State.Id, view.State.Title, view.State.Stage, view.State.Owner, view.State.Outcome),
            instance.StateEnteredAt.ToDateTimeOffset(),
            instance.StartedAt.ToDateTimeOffset(),
            instance.EndedAt?.ToDateTimeOffset(),
            definition.TimeZone,
            instance.Case.Fields.OrderBy(f => f.Key, StringComparer.Ordinal).ToDictionary(f => f.Key, f => ToResponse(f.Value, zone)),
            [.. view.OutstandingActions.Select(a => ToResponse(a, zone))],
            [.. view.Actions.Select(a => ToResponse(a, zone))],
            [.. view.PossibleEvents.Select(e => new PossibleEventResponse(
                e.Event,
                [.. e.AskedFields.Select(id => definition.FindField(id)).OfType<FieldDefinition>().Select(ToResponse)],
                e.Targets))],
            instance.Version,
            [.. view.PendingTimers.Select(t => ToResponse(t, view, zone))]);
    }

    public static TimerResponse ToResponse(PendingTimer timer, CaseView view, DateTimeZone zone) => timer.Target switch
    {
        StateTimerTarget state => new TimerResponse(
            "stateTimer", view.Definition.FindState(timer.State)?.Timers.ElementAtOrDefault(state.Index)?.Target, null,
            timer.DueAt.ToDateTimeOffset(), Runtime.Calendar.DueWords.Describe(timer.DueAt, zone), timer.DueProvisional),
        ActionDeadlineTarget action => new TimerResponse(
            "actionDeadline", null, action.ActionItemId,
            timer.DueAt.ToDateTimeOffset(), Runtime.Calendar.DueWords.Describe(timer.DueAt, zone), timer.DueProvisional),
        _ => throw new ArgumentOutOfRangeException(nameof(timer), timer.Target, "Unknown timer target."),
    };

    public static CaseSummary ToSummary(PathwayInstance instance) => new(
        instance.Id, instance.Definition.PathwayId, instance.Case.Person.PrisonNumber, instance.State, instance.Status.ToString(),
        instance.Outcome, instance.StartedAt.ToDateTimeOffset(), instance.Version);

    public static ActionResponse ToResponse(ActionItem action, DateTimeZone zone) => new(
        action.Id, action.ActionId, action.Description, action.Agency, action.Status.ToString(), action.State,
        action.OpenedAt.ToDateTimeOffset(), action.DueAt?.ToDateTimeOffset(),
        action.DueAt is { } due ? Runtime.Calendar.DueWords.Describe(due, zone) : null,
        action.CompletedAt?.ToDateTimeOffset(), action.CompletedBy, action.DueProvisional);

    public static HistoryResponse ToResponse(HistoryEntry entry) => new(
        entry.Sequence, entry.At.ToDateTimeOffset(), entry.Actor.UserId, entry.Actor.Agency, entry.Definition.ContentHash,
        Kind(entry.Change), entry.Change.Describe(), entry.Change);

    public static NotificationResponse ToResponse(OutboxMessage message) => new(
        message.Id, message.InstanceId, message.RecipientAgency, message.Template, message.Subject, message.Body, message.Status.ToString(),
        message.Attempts, message.CreatedAt.ToDateTimeOffset(), message.SentAt?.ToDateTimeOffset(), message.Error);

    public static CaseloadResponse ToResponse(Caseload caseload)
    {
        List<CaseloadItemResponse> Items(IReadOnlyList<CaseloadItem> items) =>
            [.. items.Select(i => new CaseloadItemResponse(i.InstanceId, i.PrisonNumber, i.State, ToResponse(i.Action, i.Zone)))];
        var counts = caseload.Counts;
        return new CaseloadResponse(caseload.Agency, caseload.At.ToDateTimeOffset(),
            new CaseloadCountsResponse(counts.Overdue, counts.DueToday, counts.DueSoon, counts.Later, counts.Waiting, counts.Total),
            caseload.Skip, caseload.Take, caseload.HasMore ? caseload.Skip + caseload.Count : null,
            Items(caseload.Overdue), Items(caseload.DueToday), Items(caseload.DueSoon), Items(caseload.Later), Items(caseload.Waiting));
    }

    private static FieldResponse ToResponse(FieldValue value, DateTimeZone zone) => value switch
    {
        TextValue t => new("text", t.Text, t.Display(zone)),
        NumberValue n => new("number", n.Display(zone), n.Display(zone)),
        YesNoValue y => new("yes/no", y.Display(zone), y.Display(zone)),
        OptionValue o => new("option", o.Option, o.Display(zone)),
        DateValue d => new("date", LocalDatePattern.Iso.Format(d.Date), d.Display(zone)),
        DateTimeValue dt => new("date-time", dt.Instant.InZone(zone).ToString("uuuu-MM-dd'T'HH:mm", System.Globalization.CultureInfo.InvariantCulture), dt.Display(zone)),
        _ => new("unknown", value.ToString() ?? "", value.ToString() ?? ""),
    };

    private static AskedFieldResponse ToResponse(FieldDefinition field) =>
        new(field.Id, FieldTypeName(field.Type), field.Label, field.Options.IsDefault ? [] : [.. field.Options]);

    public static string FieldTypeName(FieldType type) => type switch
    {
        FieldType.YesNo => "yes/no",
        FieldType.OneOf => "one of",
        FieldType.DateTime => "date-time",
        _ => type.ToString().ToLowerInvariant(),
    };

    // The history's own names for its kinds of change (as stored), e.g. "deadlineMoved".
    private static readonly Dictionary<Type, string> Kinds = typeof(HistoryChange)
        .GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonDerivedTypeAttribute), false)
        .Cast<System.Text.Json.Serialization.JsonDerivedTypeAttribute>()
        .ToDictionary(a => a.DerivedType, a => a.TypeDiscriminator!.ToString()!);

    private static string Kind(HistoryChange change) => Kinds.GetValueOrDefault(change.GetType(), change.GetType().Name);
}
