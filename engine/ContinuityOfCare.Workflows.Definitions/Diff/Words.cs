using System.Globalization;

namespace ContinuityOfCare.Workflows.Definitions.Diff;

/// <summary>
/// Parts of a pathway in plain words, as a comparison report shows them: deadlines ("6 weeks before
/// release date"), effects ("notify carats, cjit with alert-form"), transitions and timers.
/// </summary>
public static class Words
{
    public static string Deadline(PathwayDefinition pathway, Deadline? deadline) => deadline switch
    {
        null => "no deadline",
        WithinDeadline within => $"within {within.Duration}{Of(pathway, within.Anchor)}"
            + (within.NextWorkingDayAt is { } at ? $" or by {at} next working day" : ""),
        BeforeDeadline before => $"{before.Duration} before {Field(pathway, before.Field)}",
        ByDateDeadline by => $"by {Field(pathway, by.Field)}",
        _ => throw new ArgumentException($"Unknown deadline {deadline.GetType().Name}.", nameof(deadline)),
    };

    public static string Delay(PathwayDefinition pathway, Delay delay) => $"after {delay.Duration}{Of(pathway, delay.Anchor)}";

    public static string Effect(Effect effect) => effect switch
    {
        NotifyEffect notify => $"notify {string.Join(", ", notify.Agencies)} with {notify.Template}" + (notify.WithoutConsent ? " without consent" : ""),
        SetFieldEffect set => $"set {set.Field} to {ConditionText.Write(set.Value)}",
        RaiseEffect raise => $"raise {raise.Event}",
        _ => throw new ArgumentException($"Unknown effect {effect.GetType().Name}.", nameof(effect)),
    };

    public static string Effects(IEnumerable<Effect> effects)
    {
        var written = effects.Select(Effect).ToList();
        return written.Count == 0 ? "nothing" : string.Join("; ", written);
    }

    /// <summary>A transition as one line: "on released by prison when release-date is set → released-to-community".</summary>
    public static string Transition(TransitionDefinition transition) =>
        $"on {transition.Event}"
        + (transition.AskedFields.IsEmpty ? "" : $" with {string.Join(", ", transition.AskedFields)}")
        + (transition.AllowedAgencies.IsEmpty ? "" : $" by {string.Join(", ", transition.AllowedAgencies)}")
        + (transition.Condition is { } condition ? $" when {ConditionText.Write(condition)}" : "")
        + (transition.Target is { } target ? $" → {target}" : " (stays in the state)")
        + (transition.Effects.IsEmpty ? "" : $", then {Effects(transition.Effects)}");

    /// <summary>A timer transition as one line: "after 21 days of released → not-engaged".</summary>
    public static string Timer(PathwayDefinition pathway, TimerDefinition timer) =>
        $"{Delay(pathway, timer.Delay)} → {timer.Target}" + (timer.Effects.IsEmpty ? "" : $", then {Effects(timer.Effects)}");

    /// <summary>An action as one line: "Agree the release plan (by carats, 6 weeks before release date)".</summary>
    public static string Action(PathwayDefinition pathway, ActionDefinition action) =>
        $"{action.Description} (by {action.Agency}, {Deadline(pathway, action.Deadline)})"
        + (action.OnMissed.IsEmpty ? "" : $"; if missed: {Effects(action.OnMissed)}");

    /// <summary>A field's type in words: "date", "one of community, another-prison".</summary>
    public static string FieldType(FieldDefinition field) => field.Type switch
    {
        Definitions.FieldType.Text => "text",
        Definitions.FieldType.Date => "date",
        Definitions.FieldType.DateTime => "date-time",
        Definitions.FieldType.YesNo => "yes/no",
        Definitions.FieldType.Number => "number",
        Definitions.FieldType.OneOf => "one of " + string.Join(", ", field.Options),
        _ => field.Type.ToString(),
    };

    /// <summary>A name written with hyphens read as words: "release-plan" → "release plan".</summary>
    public static string Name(string id) => id.Replace('-', ' ');

    private static string Of(PathwayDefinition pathway, Anchor anchor) => anchor.Kind switch
    {
        AnchorKind.StateEntry => "",
        AnchorKind.Event => $" of {anchor.Name}",
        AnchorKind.Field => $" of {Field(pathway, anchor.Name!)}",
        _ => "",
    };

    /// <summary>A field by its label where it has one ("release date"), else by its id.</summary>
    private static string Field(PathwayDefinition pathway, string id)
    {
        if (pathway.FindField(id)?.Label is not { Length: > 0 } label)
        {
            return Name(id);
        }

        // "Release date" reads "release date" mid-sentence; "DIR received" keeps its capitals.
        return label.Length > 1 && char.IsUpper(label[0]) && !char.IsUpper(label[1])
            ? char.ToLower(label[0], CultureInfo.InvariantCulture) + label[1..]
            : label;
    }
}
