using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages.Cases;

/// <summary>
/// One case: the person, consent, where the case is on the diagram, open actions with their due
/// times, the events this user may record (with the values each asks for), its history and its
/// notifications. Every change names the case version the user saw, so a change someone else made
/// in the meantime is explained instead of overwritten, and what the user typed is kept.
/// </summary>
public sealed class CaseModel(PathwayRuntime runtime, IPathwayVersionStore versions, CaseClock clock) : DesignerPage
{
    /// <summary>An event form: the event, where it leads, and the inputs it asks for.</summary>
    public sealed record EventForm(string Event, string Scope, IReadOnlyList<string> Targets, IReadOnlyList<FieldInput> Inputs);

    [FromRoute]
    public Guid Id { get; set; }

    /// <summary>The case version the user saw when the form was drawn.</summary>
    [BindProperty]
    public long Seen { get; set; }

    public CaseView View { get; private set; } = null!;

    public PathwayDefinition Definition => View.Definition;

    public IReadOnlyList<HistoryEntry> History { get; private set; } = [];

    public IReadOnlyList<OutboxMessage> Notifications { get; private set; } = [];

    public List<EventForm> Events { get; } = [];

    public List<FieldInput> DateInputs { get; private set; } = [];

    /// <summary>Someone else changed the case between the user's reading it and sending a change.</summary>
    public bool Conflict { get; private set; }

    public CaseClock Clock => clock;

    private Dictionary<string, int> _numbers = [];

    /// <summary>The version number a definition has in the case's partnership, for the history.</summary>
    public string VersionOf(DefinitionVersion definition) =>
        _numbers.TryGetValue(definition.ContentHash, out var number) ? $"version {number}" : $"version {definition.ContentHash[..Math.Min(8, definition.ContentHash.Length)]}";

    public FieldView Field(FieldInput input) => new(input, Errors.GetValueOrDefault(input.ElementId));

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(posted: null, cancellationToken);

    public Task<IActionResult> OnPostEventAsync(string @event, string? note, CancellationToken cancellationToken) =>
        ChangeAsync($"event-{@event}", async (view, expected) =>
        {
            var inputs = FieldForm.Inputs(view.Definition, view.PossibleEvents.FirstOrDefault(e => e.Event == @event)?.AskedFields ?? [], $"event-{@event}", Request.Form, null);
            var values = FieldForm.Read(view.Definition, inputs, Request.Form, Errors);
            if (Errors.Count > 0)
            {
                return null;
            }

            await runtime.Cases.RaiseEventAsync(Id, @event, values, string.IsNullOrWhiteSpace(note) ? null : note.Trim(), Me.Actor, expected, cancellationToken);
            return $"Recorded: {Words(@event)}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostCompleteAsync(Guid actionId, CancellationToken cancellationToken) =>
        ChangeAsync("actions", async (view, expected) =>
        {
            var action = view.Actions.FirstOrDefault(a => a.Id == actionId);
            await runtime.Cases.CompleteActionAsync(Id, actionId, Me.Actor, expected, cancellationToken);
            return $"Done: {action?.Description ?? "the action"}.";
        }, cancellationToken);

    public Task<IActionResult> OnPostFieldsAsync(CancellationToken cancellationToken) =>
        ChangeAsync("fields", async (view, expected) =>
        {
            var inputs = FieldForm.Inputs(view.Definition, DateFields(view.Definition), "fields", Request.Form, null);
            var values = FieldForm.Read(view.Definition, inputs, Request.Form, Errors)
                .Where(v => !Equals(view.Instance.Case.Field(v.Key), v.Value))
                .ToDictionary(v => v.Key, v => v.Value, StringComparer.Ordinal);
            if (Errors.Count > 0)
            {
                return null;
            }

            if (values.Count == 0)
            {
                Errors["fields-" + DateFields(view.Definition).FirstOrDefault()] = "Change at least one date before saving";
                return null;
            }

            await runtime.Cases.UpdateFieldsAsync(Id, values, Me.Actor, expected, cancellationToken);
            return $"Changed: {string.Join(", ", values.Keys.Select(Words))}. Deadlines counted from {(values.Count == 1 ? "it" : "them")} have moved.";
        }, cancellationToken);

    public Task<IActionResult> OnPostConsentAsync(bool consent, CancellationToken cancellationToken) =>
        ChangeAsync("consent", async (_, expected) =>
        {
            await runtime.Cases.SetConsentAsync(Id, consent, Me.Actor, expected, cancellationToken);
            return consent ? "Consent to share information recorded." : "Consent to share information withdrawn.";
        }, cancellationToken);

    /// <summary>An event or field id in words: "release-date-set" reads "release date set".</summary>
    public static string Words(string id) => id.Replace('-', ' ');

    public static IEnumerable<string> DateFields(PathwayDefinition definition) =>
        definition.Fields.Where(f => f.Type is FieldType.Date or FieldType.DateTime).Select(f => f.Id);

    /// <summary>
    /// Makes one change as the caseworker, expecting the case as they saw it. On success the page is
    /// drawn afresh; on a refusal, or a change someone else made first, it is drawn again with the
    /// reason and the values the user entered.
    /// </summary>
    private async Task<IActionResult> ChangeAsync(string form, Func<CaseView, long, Task<string?>> change, CancellationToken cancellationToken)
    {
        await LoadPermissionsAsync();
        if (!MayCasework)
        {
            return Forbid();
        }

        try
        {
            var view = await runtime.Queries.GetAsync(Id, Me.Actor, cancellationToken);
            if (await change(view, Seen) is { } message)
            {
                return Reload(message);
            }
        }
        catch (ConcurrencyConflictException)
        {
            Conflict = true;
        }
        catch (FieldValidationException invalid)
        {
            foreach (var (field, message) in invalid.Errors)
            {
                Errors[$"{form}-{field}"] = $"{Words(field)}: {message}";
            }
        }
        catch (RuntimeException refused)
        {
            Errors[form] = refused.Message;
        }

        await LoadAsync(Request.Form, cancellationToken);
        return Page();
    }

    private async Task LoadAsync(Microsoft.AspNetCore.Http.IFormCollection? posted, CancellationToken cancellationToken)
    {
        await LoadPermissionsAsync();
        View = await runtime.Queries.GetAsync(Id, MayCasework ? Me.Actor : Actor.Reader(Me.UserName), cancellationToken);
        Seen = View.Instance.Version;
        ModelState.Remove(nameof(Seen));
        History = await runtime.Queries.GetHistoryAsync(Id, cancellationToken);
        Notifications = await runtime.Queries.GetNotificationsAsync(Id, cancellationToken);
        _numbers = (await versions.ListVersionsAsync(View.Instance.Definition.PathwayId, View.Instance.Case.Partnership, cancellationToken))
            .GroupBy(v => v.ContentHash).ToDictionary(g => g.Key, g => g.Min(v => v.Number));
        if (!MayCasework)
        {
            return;
        }

        foreach (var possible in View.PossibleEvents)
        {
            var scope = $"event-{possible.Event}";
            Events.Add(new EventForm(possible.Event, scope, possible.Targets, FieldForm.Inputs(Definition, possible.AskedFields, scope, posted, null)));
        }

        DateInputs = FieldForm.Inputs(Definition, DateFields(Definition), "fields", posted, View.Instance.Case);
    }
}
