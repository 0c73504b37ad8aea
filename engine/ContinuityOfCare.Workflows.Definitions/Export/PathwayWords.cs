namespace ContinuityOfCare.Workflows.Definitions.Export;

/// <summary>Deadlines, timers and effects in the pathway's own words, for exports whose target format has no field for them.</summary>
public static class PathwayWords
{
    /// <summary>A deadline as the pathway writes it: "within 5 working days of released", "6 weeks before release-date".</summary>
    public static string Deadline(Deadline deadline) => deadline switch
    {
        WithinDeadline within => $"within {within.Duration}"
            + (within.Anchor.Kind == AnchorKind.StateEntry ? "" : $" of {within.Anchor.Name}")
            + (within.NextWorkingDayAt is null ? "" : $" or by {within.NextWorkingDayAt} next working day"),
        BeforeDeadline before => $"{before.Duration} before {before.Field}",
        ByDateDeadline by => $"by {by.Field}",
        _ => throw new ArgumentException($"Unknown deadline {deadline.GetType().Name}.", nameof(deadline)),
    };

    /// <summary>A timer as the pathway writes it: "after 21 days of released".</summary>
    public static string Delay(Delay delay) =>
        delay.Anchor.Kind == AnchorKind.StateEntry ? $"after {delay.Duration}" : $"after {delay.Duration} of {delay.Anchor.Name}";

    /// <summary>An effect as the pathway writes it: "notify cjit, carats with deadline-missed", "raise dir-not-received".</summary>
    public static string Effect(Effect effect) => effect switch
    {
        NotifyEffect notify => $"notify {string.Join(", ", notify.Agencies)} with {notify.Template}" + (notify.WithoutConsent ? " without consent" : ""),
        SetFieldEffect set => $"set {set.Field} = {ConditionText.Write(set.Value)}",
        RaiseEffect raise => $"raise {raise.Event}",
        _ => throw new ArgumentException($"Unknown effect {effect.GetType().Name}.", nameof(effect)),
    };
}
