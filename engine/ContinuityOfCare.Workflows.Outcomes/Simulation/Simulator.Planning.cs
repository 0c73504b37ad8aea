using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>Deciding what each person does next, from the cohort, whenever their case moves.</summary>
public sealed partial class Simulator
{
    /// <summary>
    /// Looks at every case the last operation or sweep changed, in the order of the people (never
    /// of ids), and plans the next steps of those who entered a state, ended, or (<paramref name="actor"/>)
    /// recorded an event that left them where they were.
    /// </summary>
    private async Task ReactAsync(SimulatedPerson? actor, CancellationToken cancellationToken)
    {
        var changed = _store.TakeSaved()
            .Where(i => _people.TryGetValue(i.Id, out var p) && p.InstanceId == i.Id)
            .Select(i => (Instance: i, Person: _people[i.Id]))
            .OrderBy(x => x.Person.Index)
            .ToList();
        if (actor is not null && changed.All(c => c.Person != actor) && actor.InstanceId is { } id)
        {
            changed.Add(((await _store.FindInstanceAsync(id, cancellationToken))!, actor));
        }

        foreach (var (instance, person) in changed)
        {
            if (!instance.IsActive)
            {
                Ended(person, instance);
            }
            else if (instance.State != person.State || instance.StateEnteredAt != person.EnteredAt)
            {
                person.State = instance.State;
                person.EnteredAt = instance.StateEnteredAt;
                person.Stay++;
                person.Draws = 0;
                Plan(person, newStay: true);
            }
            else if (person == actor && person.Draws < MaxDrawsPerStay)
            {
                Plan(person, newStay: false);
            }
        }
    }

    private void Ended(SimulatedPerson person, PathwayInstance instance)
    {
        person.InstanceId = null;
        person.State = null;
        person.Stay++;
        if (_cohort.States.GetValueOrDefault(instance.State)?.NewStay is { } again && _random.NextDouble() < again.Probability)
        {
            Enqueue(Distribution.After(_clock.Now, again.After.Sample(_random), _zone), new Step(StepKind.Start, person, 0, null, [], null));
        }
    }

    /// <summary>Draws what the person does next in their state and when; on entering it, also which of its actions get done and when.</summary>
    private void Plan(SimulatedPerson person, bool newStay)
    {
        if (_cohort.States.GetValueOrDefault(person.State!) is not { } state)
        {
            return;
        }

        person.Draws++;
        person.Draw++;
        var choice = Choose(state);
        if (choice?.Event is not null && _pathway.FindState(state.Id)!.Transitions.Any(t => t.Event == choice.Event))
        {
            var delay = choice.After.Sample(_random);
            var values = choice.Values.Select(v => (v, Sample(v))).ToImmutableArray();
            Enqueue(Distribution.After(_clock.Now, delay, _zone), new Step(StepKind.Event, person, person.Draw, choice, values, null));
        }

        if (!newStay)
        {
            return;
        }

        var actions = _pathway.FindState(state.Id)!.Actions;
        foreach (var action in state.Actions.Where(a => actions.Any(x => x.Id == a.ActionId)))
        {
            if (_random.NextDouble() < action.Probability)
            {
                Enqueue(Distribution.After(_clock.Now, action.After.Sample(_random), _zone), new Step(StepKind.Action, person, person.Stay, null, [], action.ActionId));
            }
        }
    }

    /// <summary>
    /// One of the state's choices: by probability, or, with exact counts, by drawing without
    /// replacement from a deck holding each choice as many times as its count (a new deck when it runs out).
    /// </summary>
    private CohortChoice? Choose(CohortState state)
    {
        if (state.Next.IsEmpty)
        {
            return null;
        }

        if (state.Quotas)
        {
            if (!_decks.TryGetValue(state.Id, out var deck) || deck.Sum() == 0)
            {
                _decks[state.Id] = deck = [.. state.Next.Select(c => c.Exactly)];
            }

            var card = _random.Next(deck.Sum());
            for (var i = 0; i < deck.Length; i++)
            {
                if (card < deck[i])
                {
                    deck[i]--;
                    return state.Next[i];
                }

                card -= deck[i];
            }
        }

        var u = _random.NextDouble();
        foreach (var choice in state.Next)
        {
            if (u < choice.Probability)
            {
                return choice;
            }

            u -= choice.Probability;
        }

        return state.Next[^1];
    }

    /// <summary>The part of a value drawn now: the delay of a relative date (constants draw nothing).</summary>
    private long Sample(CohortValue value) => value is FromNowValue relative ? relative.After.Sample(_random) : 0;

    /// <summary>The values as the pathway's fields hold them, relative dates counted from the clock now.</summary>
    private ImmutableDictionary<string, FieldValue> Resolve(IEnumerable<(CohortValue Value, long Minutes)> values)
    {
        var resolved = ImmutableDictionary.CreateBuilder<string, FieldValue>(StringComparer.Ordinal);
        foreach (var (value, minutes) in values)
        {
            var field = _pathway.FindField(value.Field)!;
            resolved[value.Field] = value switch
            {
                FromNowValue when field.Type == FieldType.DateTime => new DateTimeValue(Distribution.After(_clock.Now, minutes, _zone)),
                FromNowValue => new DateValue(Distribution.After(_clock.Now, minutes, _zone).InZone(_zone).Date),
                ConstantValue constant => Constant(field, constant),
                _ => throw new InvalidOperationException("Unknown kind of cohort value."),
            };
        }

        return resolved.ToImmutable();
    }

    private FieldValue Constant(FieldDefinition field, ConstantValue constant)
    {
        if (!_constants.TryGetValue(constant.Path, out var value))
        {
            FieldValues.TryParse(field, constant.Text, _zone, out var parsed, out _);
            _constants[constant.Path] = value = parsed!;
        }

        return value;
    }

    private enum StepKind
    {
        Start,
        Event,
        Action,
    }

    /// <summary>One thing due to happen to a person; stale when the person has moved on since it was planned.</summary>
    /// <param name="Draw">For an event: the draw it came from; for an action: the stay it belongs to.</param>
    private sealed record Step(StepKind Kind, SimulatedPerson Person, long Draw, CohortChoice? Choice, ImmutableArray<(CohortValue Value, long Minutes)> Values, string? ActionId)
    {
        public long Stay => Draw;
    }

    /// <summary>One simulated person: their current case, where it is, and how many times they have drawn there.</summary>
    private sealed class SimulatedPerson(int index, string prisonNumber)
    {
        public int Index { get; } = index;

        public string PrisonNumber { get; } = prisonNumber;

        public Guid? InstanceId { get; set; }

        public string? State { get; set; }

        public Instant EnteredAt { get; set; }

        public long Stay { get; set; }

        public long Draw { get; set; }

        public int Draws { get; set; }

        /// <summary>Each case's runtime id, mapped to the id the reports show (person and stay), which equal seeds repeat.</summary>
        public Dictionary<Guid, Guid> CaseIds { get; } = [];
    }
}
