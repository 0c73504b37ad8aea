using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Language.Syntax;

namespace ContinuityOfCare.Workflows.Language.Emit;

/// <summary>Turns a checked, error-free syntax tree into the immutable pathway definition.</summary>
internal static class DefinitionEmitter
{
    public static PathwayDefinition Emit(SemanticModel model)
    {
        var header = model.Header!;
        return new PathwayDefinition(
            header.Id.Name,
            model.HeaderProperty(HeaderPropertyKind.Title)!,
            model.HeaderProperty(HeaderPropertyKind.Partnership)!,
            model.HeaderProperty(HeaderPropertyKind.TimeZone) ?? PathwayDefaults.TimeZone,
            model.HeaderProperty(HeaderPropertyKind.Calendar) ?? PathwayDefaults.Calendar,
            [.. model.Agencies.Values.Select(a => new AgencyDefinition(a.Id.Name, a.Name.Value))],
            [.. model.Fields.Values.Select(f => new FieldDefinition(f.Id.Name, f.Type.Type, f.Label?.Value, [.. f.Type.Options.Select(o => o.Name)]))],
            [.. model.Templates.Values.Select(t => new TemplateDefinition(t.Id.Name, t.Subject.Value, model.TemplateTexts[t.Id.Name]))],
            [.. model.States.Values.Select(s => EmitState(s, model))])
        {
            Report = model.Report is { } report ? EmitReport(report) : model.InheritedReport,
            Base = model.Base,
        };
    }

    /// <summary>The declared rules, with the national rule wherever a line is left out.</summary>
    private static ReportRules EmitReport(ReportSyntax report)
    {
        var national = ReportRules.National;
        var release = report.Lines.OfType<ReleaseLineSyntax>().FirstOrDefault();
        var continuity = report.Lines.OfType<ContinuityLineSyntax>().FirstOrDefault();
        var exclusions = report.Lines.OfType<ExcludeLineSyntax>().ToList();
        var funnel = report.Lines.OfType<FunnelLineSyntax>().FirstOrDefault();
        return new ReportRules(
            release?.Event.Name ?? national.ReleaseEvent,
            continuity is null ? national.ContinuityOutcomes : [.. continuity.Outcomes.Select(o => o.Name)],
            continuity?.Window is { } window ? EmitDuration(window) : national.Window,
            exclusions.Count == 0 ? national.Exclusions : [.. exclusions.Select(e => new ReportExclusion(e.Outcome.Name, e.Reason.Value))],
            funnel is null ? [] : [.. funnel.Stages.Select(s => s.Value)]);
    }

    private static StateDefinition EmitState(StateSyntax state, SemanticModel model)
    {
        var owner = state.Members.OfType<OwnerSyntax>().First().Agency.Name;
        return new StateDefinition(
            state.Id.Name,
            state.Title.Value,
            state.Kind,
            state.Members.OfType<StageSyntax>().First().Name.Value,
            owner,
            state.Members.OfType<OutcomeSyntax>().FirstOrDefault()?.Outcome.Name,
            [.. state.Actions.Select(a => new ActionDefinition(
                a.Id.Name,
                a.Description.Value,
                a.Agency?.Name ?? owner,
                EmitDeadline(a.Deadline, model),
                EmitEffects(a.OnMissed, model)))],
            [.. state.Transitions.Select(t => new TransitionDefinition(
                t.Event.Name,
                [.. t.AskedFields.Select(f => f.Name)],
                [.. t.AllowedAgencies.Select(a => a.Name)],
                t.Condition is null ? null : EmitCondition(t.Condition, model),
                t.Target?.Name,
                EmitEffects(t.Effects, model)))],
            [.. state.Timers.Select(t => new TimerDefinition(
                new Delay(EmitDuration(t.Duration), EmitAnchor(t.Anchor, model)),
                t.Target.Name,
                EmitEffects(t.Effects, model)))],
            state.Was?.Name);
    }

    private static Duration EmitDuration(DurationSyntax duration) => new(duration.Amount, duration.Unit);

    private static Anchor EmitAnchor(IdentifierSyntax? anchor, SemanticModel model) =>
        anchor is null ? Anchor.StateEntry
        : model.Fields.ContainsKey(anchor.Name) ? new Anchor(AnchorKind.Field, anchor.Name)
        : new Anchor(AnchorKind.Event, anchor.Name);

    private static Deadline? EmitDeadline(DeadlineSyntax? deadline, SemanticModel model) => deadline switch
    {
        WithinDeadlineSyntax w => new WithinDeadline(EmitDuration(w.Duration), EmitAnchor(w.Anchor, model), w.NextWorkingDayAt?.ToString()),
        BeforeDeadlineSyntax b => new BeforeDeadline(EmitDuration(b.Duration), b.Field.Name),
        ByDateDeadlineSyntax b => new ByDateDeadline(b.Field.Name),
        _ => null,
    };

    private static ImmutableArray<Effect> EmitEffects(ImmutableArray<EffectSyntax> effects, SemanticModel model) =>
        [.. effects.Select(e => e switch
        {
            NotifySyntax n => (Effect)new NotifyEffect([.. n.Agencies.Select(a => a.Name)], n.Template.Name, n.WithoutConsent),
            SetSyntax s => new SetFieldEffect(s.Field.Name, EmitValue(s.Field, s.Value, model)),
            RaiseSyntax r => new RaiseEffect(r.Event.Name),
            _ => throw new InvalidOperationException($"Unknown effect {e.GetType().Name}."),
        })];

    private static Value EmitValue(IdentifierSyntax field, ValueSyntax value, SemanticModel model) =>
        ValueChecker.Convert(model.Fields[field.Name], value).Value!;

    private static Condition EmitCondition(ConditionSyntax condition, SemanticModel model) => condition switch
    {
        AndSyntax a => new AndCondition(EmitCondition(a.Left, model), EmitCondition(a.Right, model)),
        OrSyntax o => new OrCondition(EmitCondition(o.Left, model), EmitCondition(o.Right, model)),
        NotSyntax n => new NotCondition(EmitCondition(n.Operand, model)),
        ParenthesizedSyntax p => EmitCondition(p.Inner, model),
        IsSetSyntax { Negated: false } s => new IsSetCondition(s.Field.Name),
        IsSetSyntax s => new NotCondition(new IsSetCondition(s.Field.Name)),
        FieldTestSyntax t => new CompareCondition(t.Field.Name, ComparisonOperator.Equal, new Value(ValueKind.YesNo, "yes")),
        CompareSyntax c => new CompareCondition(c.Field.Name, c.Operator, EmitValue(c.Field, c.Value, model)),
        _ => throw new InvalidOperationException($"Unknown condition {condition.GetType().Name}."),
    };
}
