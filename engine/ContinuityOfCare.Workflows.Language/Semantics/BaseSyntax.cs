using System.Collections.Immutable;
using System.Globalization;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>
/// A compiled base written back as syntax, every node placed on the <c>based on</c> line, so that
/// the checker reads the inherited parts and the local changes as one pathway and whatever it has
/// to say about an inherited part points at the line that brought it in.
/// </summary>
internal sealed class BaseSyntax(TextSpan at)
{
    public AgencySyntax Agency(AgencyDefinition agency) => new(Id(agency.Id), Text(agency.Name), at);

    public FieldSyntax Field(FieldDefinition field) =>
        new(Id(field.Id), new FieldTypeSyntax(field.Type, [.. field.Options.Select(Id)], at), field.Label is null ? null : Text(field.Label), at);

    public TemplateSyntax Template(TemplateDefinition template)
    {
        var lines = template.Body.Count('\n') + 1;
        var offsets = ImmutableArray.CreateRange(Enumerable.Repeat(at.Start, lines));
        return new TemplateSyntax(Id(template.Id), Text(template.Subject), new InlineTemplateBodySyntax(template.Body, offsets, true, at), at);
    }

    /// <summary>The state without its <c>was</c>: that names the base's own earlier version, not the local protocol's.</summary>
    public StateSyntax State(StateDefinition state)
    {
        var members = ImmutableArray.CreateBuilder<StateMemberSyntax>();
        members.Add(new StageSyntax(Text(state.Stage), at));
        members.Add(new OwnerSyntax(Id(state.Owner), at));
        if (state.Outcome is { } outcome)
        {
            members.Add(new OutcomeSyntax(Id(outcome), at));
        }

        foreach (var action in state.Actions)
        {
            members.Add(new ActionSyntax(Id(action.Id), Text(action.Description), Id(action.Agency), Deadline(action.Deadline), Effects(action.OnMissed), at));
        }

        foreach (var transition in state.Transitions)
        {
            members.Add(new TransitionSyntax(
                Id(transition.Event),
                [.. transition.AskedFields.Select(Id)],
                [.. transition.AllowedAgencies.Select(Id)],
                transition.Condition is null ? null : Condition(transition.Condition),
                transition.Target is null ? null : Id(transition.Target),
                Effects(transition.Effects),
                at));
        }

        foreach (var timer in state.Timers)
        {
            members.Add(new TimerSyntax(Duration(timer.Delay.Duration), Anchor(timer.Delay.Anchor), Id(timer.Target), Effects(timer.Effects), at));
        }

        return new StateSyntax(state.Kind, Id(state.Id), Text(state.Title), members.ToImmutable(), at);
    }

    public HeaderPropertySyntax Property(HeaderPropertyKind kind, string value) => new(kind, value, at, at);

    private IdentifierSyntax Id(string name) => new(name, at);

    private StringSyntax Text(string value) => new(value, at);

    private DurationSyntax Duration(Duration duration) => new(duration.Amount, duration.Unit, at);

    private IdentifierSyntax? Anchor(Anchor anchor) => anchor.Kind == AnchorKind.StateEntry ? null : Id(anchor.Name!);

    private DeadlineSyntax? Deadline(Deadline? deadline) => deadline switch
    {
        WithinDeadline w => new WithinDeadlineSyntax(Duration(w.Duration), Anchor(w.Anchor), w.NextWorkingDayAt is { } time ? TimeOfDay(time) : null, at),
        BeforeDeadline b => new BeforeDeadlineSyntax(Duration(b.Duration), Id(b.Field), at),
        ByDateDeadline b => new ByDateDeadlineSyntax(Id(b.Field), at),
        _ => null,
    };

    private TimeOfDaySyntax TimeOfDay(string time) =>
        new(int.Parse(time.AsSpan(0, time.IndexOf(':')), CultureInfo.InvariantCulture), int.Parse(time.AsSpan(time.IndexOf(':') + 1), CultureInfo.InvariantCulture), at);

    private ImmutableArray<EffectSyntax> Effects(ImmutableArray<Effect> effects) =>
        [.. effects.Select(e => e switch
        {
            NotifyEffect n => (EffectSyntax)new NotifySyntax([.. n.Agencies.Select(Id)], Id(n.Template), at, n.WithoutConsent),
            SetFieldEffect s => new SetSyntax(Id(s.Field), Value(s.Value), at),
            RaiseEffect r => new RaiseSyntax(Id(r.Event), at),
            _ => throw new InvalidOperationException($"Unknown effect {e.GetType().Name}."),
        })];

    private ValueSyntax Value(Value value) => new(value.Kind switch
    {
        ValueKind.Text => ValueSyntaxKind.Text,
        ValueKind.Number => ValueSyntaxKind.Number,
        ValueKind.Date => ValueSyntaxKind.Date,
        ValueKind.DateTime => ValueSyntaxKind.DateTime,
        _ => ValueSyntaxKind.Word,
    }, value.Text, at);

    private ConditionSyntax Condition(Condition condition) => condition switch
    {
        AndCondition a => new AndSyntax(Condition(a.Left), Condition(a.Right), at),
        OrCondition o => new OrSyntax(Condition(o.Left), Condition(o.Right), at),
        NotCondition { Operand: IsSetCondition s } => new IsSetSyntax(Id(s.Field), true, at),
        NotCondition n => new NotSyntax(Condition(n.Operand), at),
        IsSetCondition s => new IsSetSyntax(Id(s.Field), false, at),
        CompareCondition c => new CompareSyntax(Id(c.Field), c.Operator, Operator(c.Operator), Value(c.Value), at),
        _ => throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}."),
    };

    private static string Operator(ComparisonOperator op) => op switch
    {
        ComparisonOperator.Equal => "=",
        ComparisonOperator.NotEqual => "!=",
        ComparisonOperator.Less => "<",
        ComparisonOperator.LessOrEqual => "<=",
        ComparisonOperator.Greater => ">",
        _ => ">=",
    };
}
