using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Operations;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>
/// Checks a cohort against the pathways it will run through. A state must be in at least one of
/// them (a cohort shared by two versions may describe a state only one has); wherever the state is,
/// its events, agencies, fields and actions must be the pathway's.
/// </summary>
internal static class CohortCheck
{
    public static void Check(Cohort cohort, IReadOnlyList<PathwayDefinition> pathways, CohortFile.Reader reader)
    {
        var named = pathways.Count > 1;
        foreach (var value in cohort.StartValues)
        {
            foreach (var pathway in pathways)
            {
                CheckValue(value, pathway, named, reader);
            }
        }

        foreach (var state in cohort.States.Values)
        {
            var found = pathways.Select(p => (Pathway: p, State: p.FindState(state.Id))).Where(x => x.State is not null).ToList();
            if (found.Count == 0 && !state.Optional)
            {
                var states = pathways.SelectMany(p => p.States).Select(s => s.Id).Distinct(StringComparer.Ordinal);
                reader.Error(state.Path, $"there is no state '{state.Id}' in {Names(pathways)}; the states are: {string.Join(", ", states)}"
                    + " (mark it \"optional\": true if it belongs to another version of the protocol)");
            }

            if (found.Count == 0)
            {
                continue;
            }

            foreach (var action in state.Actions.Where(a => !found.Any(f => f.State!.Actions.Any(x => x.Id == a.ActionId))))
            {
                var actions = found.SelectMany(f => f.State!.Actions).Select(a => a.Id).Distinct(StringComparer.Ordinal).ToList();
                reader.Error(action.Path, $"'{state.Id}' has no action '{action.ActionId}'"
                    + (actions.Count == 0 ? "; it has no actions" : $"; its actions are: {string.Join(", ", actions)}"));
            }

            foreach (var (pathway, definition) in found)
            {
                CheckState(state, pathway, definition!, named, reader);
            }
        }
    }

    private static void CheckState(CohortState state, PathwayDefinition pathway, StateDefinition definition, bool named, CohortFile.Reader reader)
    {
        var where = named ? $" in {pathway.Id}" : "";
        if (definition.Kind == StateKind.Final && (!state.Next.IsEmpty || !state.Actions.IsEmpty))
        {
            reader.Error(state.Path, $"'{state.Id}' is a final state{where}: the case has ended there, so nothing can happen next; only \"newStay\" may be given");
        }

        if (definition.Kind != StateKind.Final && state.NewStay is not null)
        {
            reader.Error(state.NewStay.Path, $"'{state.Id}' is not a final state{where}; \"newStay\" belongs to a state where the case ends");
        }

        foreach (var choice in state.Next.Where(c => c.Event is not null))
        {
            var transitions = definition.Transitions.Where(t => t.Event == choice.Event).ToList();
            if (transitions.Count == 0)
            {
                var events = definition.Transitions.Select(t => t.Event).Distinct(StringComparer.Ordinal).ToList();
                reader.Error(choice.Path + ".event", $"'{choice.Event}' is not an event at '{state.Id}'{where}; "
                    + (events.Count == 0 ? "nothing can be recorded there" : $"the events there are: {string.Join(", ", events)}"));
                continue;
            }

            var recorders = transitions.SelectMany(t => t.AllowedAgencies.IsDefaultOrEmpty ? [definition.Owner] : t.AllowedAgencies).Distinct(StringComparer.Ordinal).ToList();
            if (choice.By is { } by && pathway.FindAgency(by) is null)
            {
                reader.Error(choice.Path + ".by", $"there is no agency '{by}' in {pathway.Id}; the agencies are: {string.Join(", ", pathway.Agencies.Select(a => a.Id))}");
            }
            else if (choice.By is { } agency && !recorders.Contains(agency))
            {
                reader.Error(choice.Path + ".by", $"'{choice.Event}' at '{state.Id}'{where} may be recorded only by {string.Join(", ", recorders)}");
            }

            var asked = transitions.SelectMany(t => t.AskedFields).Distinct(StringComparer.Ordinal).ToList();
            foreach (var value in choice.Values)
            {
                if (CheckValue(value, pathway, named, reader) && !asked.Contains(value.Field))
                {
                    reader.Error(value.Path, $"'{choice.Event}' does not ask for '{value.Field}'"
                        + (asked.Count == 0 ? "; it asks for no values" : $"; it asks for {string.Join(", ", asked)}"));
                }
            }
        }
    }

    /// <summary>The field must be the pathway's, and a constant must fit its type; a relative date fits only a date or date-time.</summary>
    private static bool CheckValue(CohortValue value, PathwayDefinition pathway, bool named, CohortFile.Reader reader)
    {
        if (pathway.FindField(value.Field) is not { } field)
        {
            reader.Error(value.Path, $"there is no field '{value.Field}' in {pathway.Id}; the fields are: {string.Join(", ", pathway.Fields.Select(f => f.Id))}");
            return false;
        }

        var where = named ? $" in {pathway.Id}" : "";
        switch (value)
        {
            case ConstantValue constant when !FieldValues.TryParse(field, constant.Text, DateTimeZone.Utc, out _, out var problem):
                reader.Error(value.Path, $"'{constant.Text}' does not fit field '{field.Id}' ({Describe(field)}){where}: {problem}");
                return false;
            case FromNowValue when field.Type is not (FieldType.Date or FieldType.DateTime):
                reader.Error(value.Path, $"field '{field.Id}' is {Describe(field)}{where}; a date relative to now (\"fromNow\") fits only a date or date-time field");
                return false;
            default:
                return true;
        }
    }

    private static string Describe(FieldDefinition field) => field.Type switch
    {
        FieldType.YesNo => "yes/no",
        FieldType.OneOf => "one of " + string.Join(", ", field.Options),
        FieldType.DateTime => "a date-time",
        FieldType.Date => "a date",
        FieldType.Number => "a number",
        _ => "text",
    };

    private static string Names(IReadOnlyList<PathwayDefinition> pathways) =>
        pathways.Count == 1 ? pathways[0].Id : "any of " + string.Join(", ", pathways.Select(p => p.Id));
}
