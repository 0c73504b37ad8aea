using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using NodaTime;

namespace ContinuityOfCare.Workflows.Runtime.Operations;

internal sealed partial class Operation
{
    /// <summary>The reason recorded when a notice is held back for want of consent.</summary>
    public const string NoConsentReason =
        "the person's consent to share information with another agency is not recorded, and the pathway does not mark this notice as one that goes without consent";

    /// <summary>
    /// One notice to one agency. The consent gate comes first: a notice to an agency other than the
    /// sender (the caller's agency, or for the engine's own escalations the state's owner) is held
    /// back, and the hold recorded, unless consent is recorded or the pathway marks the notice
    /// <c>without consent</c>. A template that fails to render is recorded and does not stop the
    /// change that sent it.
    /// </summary>
    private void Notify(NotifyEffect notify, string agency, StateDefinition state, ActionItem? action, string? eventName, string? note)
    {
        var sender = Actor.Agency ?? state.Owner;
        if (agency != sender && !Instance.Case.ConsentRecorded && !notify.WithoutConsent)
        {
            Record(new NotificationBlocked(notify.Template, agency, NoConsentReason));
            return;
        }

        var template = Definition.FindTemplate(notify.Template);
        if (template is null)
        {
            Record(new NotificationFailed(notify.Template, agency, $"the pathway has no template '{notify.Template}'"));
            return;
        }

        // Every notice this change sends shares one time budget, so slow templates sent to many
        // agencies hold the change for that long at most; the ones left over are recorded as failed.
        _renderBudget ??= _services.Renderer.StartBudget();
        var rendered = _services.Renderer.Render(template, Model(agency, state, action, eventName, note), _renderBudget);
        if (!rendered.Succeeded)
        {
            Record(new NotificationFailed(notify.Template, agency, rendered.Error!));
            return;
        }

        var message = new OutboxMessage(
            _services.NewId(), Instance.Id, Instance.Case.Partnership, agency, notify.Template,
            rendered.Subject!, rendered.Body!, Now, OutboxStatus.Pending, 0, null, null);
        _outbox.Add(message);
        Record(new NotificationQueued(message.Id, notify.Template, agency));
    }

    private RenderBudget? _renderBudget;

    private NotificationModel Model(string agency, StateDefinition state, ActionItem? action, string? eventName, string? note)
    {
        var person = Instance.Case.Person;
        return new NotificationModel(
            new NotificationPerson(person.Name, person.PrisonNumber, Display(person.DateOfBirth), Instance.Case.ConsentRecorded),
            Instance.Case.Fields.ToDictionary(f => f.Key, f => f.Value.Display(Zone), StringComparer.Ordinal),
            new NotificationPathway(Definition.Id, Definition.Title, Definition.Partnership),
            new NotificationState(state.Id, state.Title, state.Stage),
            new NotificationRecipient(agency, Definition.FindAgency(agency)?.Name ?? agency),
            action is null ? null : new NotificationAction(action.ActionId, action.Description, action.DueAt is { } due ? Display(due) : null),
            eventName is null ? null : new NotificationEvent(eventName, Display(Now), note),
            Display(Now));
    }

    private static string Display(LocalDate date) => new DateValue(date).Display(DateTimeZone.Utc);

    private string Display(Instant instant) => new DateTimeValue(instant).Display(Zone);
}
