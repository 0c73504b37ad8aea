using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Definitions.Export;
using Hl7.Fhir.Model;

namespace ContinuityOfCare.Workflows.Interop.Fhir;

/// <summary>
/// A pathway version as a FHIR R4 <c>PlanDefinition</c> (type workflow-definition): one action per
/// state, with its owner and the states it can lead to as related actions, and inside it one action
/// per required action, with who must do it, by when, and what happens if it is missed.
/// </summary>
/// <remarks>docs/fhir.md maps every element and says what FHIR cannot hold.</remarks>
public static class PlanDefinitionExporter
{
    /// <summary>The code system of the plan-definition type (the FHIR R4 core one).</summary>
    public const string PlanTypeSystem = "http://terminology.hl7.org/CodeSystem/plan-definition-type";

    /// <summary>The HL7 code system of an action's type (create, update, remove, fire-event).</summary>
    public const string ActionTypeSystem = "http://terminology.hl7.org/CodeSystem/action-type";

    /// <summary>The prefix of a required action's id that makes it a referral to the agency named after it (<c>refer-to-treatment</c>).</summary>
    public const string ReferralPrefix = "refer-to-";

    public static PlanDefinition Export(PathwayDefinition definition, string contentHash, PlanVersion version, FhirOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentHash);
        ArgumentNullException.ThrowIfNull(version);
        options ??= new FhirOptions();
        var plan = new PlanDefinition
        {
            Id = PlanId(definition.Id, version.Number),
            Url = options.PlanDefinitionUrl(definition.Id),
            Identifier = [new Identifier(options.System("content-hash"), contentHash)],
            Version = version.Number.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Name = FhirText.Name(definition.Id),
            Title = definition.Title,
            Type = FhirText.Concept(PlanTypeSystem, "workflow-definition", "Workflow Definition"),
            Status = version.Retracted ? PublicationStatus.Retired : version.PublishedAt is null ? PublicationStatus.Draft : PublicationStatus.Active,
            DateElement = version.PublishedAt is { } at ? FhirText.DateTime(at) : null,
            Publisher = definition.Partnership,
            Description = new Markdown(
                $"The continuity-of-care protocol '{definition.Title}' of {definition.Partnership}, version {version.Number}: "
                + $"{definition.States.Length} states, each with the agency that owns it, the actions required there and the states it can lead to. "
                + $"Times are in {definition.TimeZone}; working days follow the {definition.Calendar} calendar."),
        };
        plan.Action.AddRange(definition.States.Select(s => StateAction(definition, s, options)));
        return plan;
    }

    /// <summary>The id of a version's PlanDefinition, e.g. <c>custody-to-community-v3</c>.</summary>
    public static string PlanId(string pathwayId, int number) => FhirText.Id($"{pathwayId}-v{number}");

    /// <summary>The agency a required action refers the person to, when it is a referral step of the pathway.</summary>
    public static AgencyDefinition? ReferredAgency(PathwayDefinition definition, ActionDefinition action) =>
        action.Id.StartsWith(ReferralPrefix, StringComparison.Ordinal) ? definition.FindAgency(action.Id[ReferralPrefix.Length..]) : null;

    /// <summary>The role an agency plays in an action: a coding of the partnership's agencies, named in words.</summary>
    public static CodeableConcept AgencyRole(PathwayDefinition definition, string agencyId, FhirOptions options) =>
        FhirText.Concept(options.System($"CodeSystem/{definition.Id}/agency"), agencyId, definition.FindAgency(agencyId)?.Name ?? agencyId);

    private static PlanDefinition.ActionComponent StateAction(PathwayDefinition definition, StateDefinition state, FhirOptions options)
    {
        var action = new PlanDefinition.ActionComponent
        {
            ElementId = state.Id,
            Title = state.Title,
            Description = state.Kind == StateKind.Final
                ? $"Where the case ends, with the outcome '{state.Outcome}'."
                : $"Stage '{state.Stage}', owned by {definition.FindAgency(state.Owner)?.Name ?? state.Owner}.",
            Code = [FhirText.Text(state.Stage)],
            Participant = [Participant(definition, state.Owner, options)],
            GroupingBehavior = ActionGroupingBehavior.LogicalGroup,
        };
        if (state.Kind != StateKind.Start)
        {
            action.Trigger.AddRange(InboundEvents(definition, state.Id).Select(e => new TriggerDefinition { Type = TriggerDefinition.TriggerType.NamedEvent, Name = e }));
        }

        action.RelatedAction.AddRange(Next(state));
        action.Action.AddRange(state.Actions.Select(a => RequiredAction(definition, state, a, options)));
        return action;
    }

    /// <summary>The states this one can lead to: each starts after this one ends, a timer's after its delay when that is a fixed time.</summary>
    private static IEnumerable<PlanDefinition.RelatedActionComponent> Next(StateDefinition state)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var target in state.Transitions.Select(t => t.Target).OfType<string>().Where(t => t != state.Id))
        {
            if (seen.Add(target))
            {
                yield return new PlanDefinition.RelatedActionComponent { ActionId = target, Relationship = ActionRelationshipType.BeforeStart };
            }
        }

        foreach (var timer in state.Timers)
        {
            var offset = timer.Delay.Anchor.Kind == AnchorKind.StateEntry ? FhirText.Duration(timer.Delay.Duration) : null;
            if (seen.Add(timer.Target) || offset is not null)
            {
                yield return new PlanDefinition.RelatedActionComponent { ActionId = timer.Target, Relationship = ActionRelationshipType.BeforeStart, Offset = offset };
            }
        }
    }

    private static PlanDefinition.ActionComponent RequiredAction(PathwayDefinition definition, StateDefinition state, ActionDefinition required, FhirOptions options)
    {
        var words = new List<string>();
        if (required.Deadline is { } deadline)
        {
            words.Add($"Due {PathwayWords.Deadline(deadline)}.");
        }

        words.AddRange(required.OnMissed.Select(e => $"If missed: {PathwayWords.Effect(e)}."));
        var action = new PlanDefinition.ActionComponent
        {
            ElementId = $"{state.Id}.{required.Id}",
            Title = required.Description,
            TextEquivalent = words.Count == 0 ? "No time limit." : string.Join(" ", words),
            Participant = [Participant(definition, required.Agency, options)],
            RequiredBehavior = ActionRequiredBehavior.Must,
        };
        if (required.Deadline is WithinDeadline { Anchor.Kind: AnchorKind.StateEntry } within && within.NextWorkingDayAt is null)
        {
            // Only a plain time from entering the state is a FHIR timing; the rest are in the words above.
            action.Timing = FhirText.Duration(within.Duration);
        }

        if (ReferredAgency(definition, required) is { } referred)
        {
            action.Type = FhirText.Concept(ActionTypeSystem, "create", "Create");
            action.Code = [FhirText.Text($"Referral to {referred.Name}")];
            action.Participant.Add(Participant(definition, referred.Id, options));
        }

        return action;
    }

    private static PlanDefinition.ParticipantComponent Participant(PathwayDefinition definition, string agency, FhirOptions options) => new()
    {
        // R4 has no organisation participant; the agency's caseworker does it, and the role names the agency.
        Type = ActionParticipantType.Practitioner,
        Role = AgencyRole(definition, agency, options),
    };

    private static IEnumerable<string> InboundEvents(PathwayDefinition definition, string stateId) =>
        definition.States.SelectMany(s => s.Transitions.Where(t => t.Target == stateId && s.Id != stateId).Select(t => t.Event)).Distinct(StringComparer.Ordinal);
}
