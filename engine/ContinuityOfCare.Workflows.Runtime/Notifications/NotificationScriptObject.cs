using Scriban.Runtime;

namespace ContinuityOfCare.Workflows.Runtime.Notifications;

/// <summary>Builds the only data a template can see: plain script objects holding strings and one bool.</summary>
/// <remarks>
/// No .NET object is handed to Scriban, so no member of a runtime type can be reached by reflection.
/// Every allowed member is present, null when the runtime has no value, so it renders as empty text.
/// Values are read-only so that a template cannot overwrite the case data it was given.
/// </remarks>
internal static class NotificationScriptObject
{
    public static ScriptObject Create(NotificationModel model)
    {
        var root = new ScriptObject();
        Set(root, "person", Object(
            ("name", model.Person.Name),
            ("prison_number", model.Person.PrisonNumber),
            ("date_of_birth", model.Person.DateOfBirth),
            ("consent", model.Person.Consent)));
        Set(root, "fields", Fields(model.Fields));
        Set(root, "pathway", Object(
            ("id", model.Pathway.Id),
            ("title", model.Pathway.Title),
            ("partnership", model.Pathway.Partnership)));
        Set(root, "state", Object(
            ("id", model.State.Id),
            ("title", model.State.Title),
            ("stage", model.State.Stage)));
        Set(root, "recipient", Object(
            ("id", model.Recipient.Id),
            ("name", model.Recipient.Name)));
        Set(root, "action", Object(
            ("id", model.Action?.Id),
            ("description", model.Action?.Description),
            ("due", model.Action?.Due)));
        Set(root, "event", Object(
            ("id", model.Event?.Id),
            ("at", model.Event?.At),
            ("note", model.Event?.Note)));
        Set(root, "now", model.Now);
        return root;
    }

    /// <summary>Template names of case fields: hyphens become underscores (<c>release-date</c> → <c>release_date</c>).</summary>
    public static string FieldName(string fieldId) => fieldId.Replace('-', '_');

    private static ScriptObject Fields(IReadOnlyDictionary<string, string> fields)
    {
        var result = new ScriptObject();
        foreach (var (id, value) in fields)
        {
            Set(result, FieldName(id), value);
        }

        return result;
    }

    private static ScriptObject Object(params (string Name, object? Value)[] members)
    {
        var result = new ScriptObject();
        foreach (var (name, value) in members)
        {
            Set(result, name, value);
        }

        return result;
    }

    private static void Set(ScriptObject target, string name, object? value) => target.SetValue(name, value, readOnly: true);
}
