namespace ContinuityOfCare.Workflows.Runtime.Notifications;

/// <summary>
/// Everything a notification template can read, already formatted for display by the runtime.
/// </summary>
/// <remarks>
/// The parts match the names the language checker allows (<c>PathwayChecker.TemplateObjects</c>):
/// person, fields, pathway, state, recipient, action, event and now. Fields are keyed by field id as
/// declared (with hyphens); templates read them with underscores (<c>fields.release_date</c>).
/// A missing field, action or event renders as empty text.
/// </remarks>
public sealed record NotificationModel(
    NotificationPerson Person,
    IReadOnlyDictionary<string, string> Fields,
    NotificationPathway Pathway,
    NotificationState State,
    NotificationRecipient Recipient,
    NotificationAction? Action,
    NotificationEvent? Event,
    string Now);

/// <summary>The person the case is about; <c>person</c> in a template.</summary>
public sealed record NotificationPerson(string Name, string PrisonNumber, string? DateOfBirth, bool Consent);

/// <summary>The pathway header; <c>pathway</c> in a template.</summary>
public sealed record NotificationPathway(string Id, string Title, string Partnership);

/// <summary>The state the case is in; <c>state</c> in a template.</summary>
public sealed record NotificationState(string Id, string Title, string Stage);

/// <summary>The agency receiving the notice; <c>recipient</c> in a template.</summary>
public sealed record NotificationRecipient(string Id, string Name);

/// <summary>The action whose deadline was missed; <c>action</c> in a template.</summary>
public sealed record NotificationAction(string Id, string Description, string? Due);

/// <summary>The event being recorded; <c>event</c> in a template.</summary>
public sealed record NotificationEvent(string Id, string At, string? Note);
