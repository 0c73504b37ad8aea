using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Syntax;
using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticCatalog;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>Name resolution: each reference finds its declaration or is reported with a suggestion.</summary>
public sealed partial class PathwayChecker
{
    private AgencySyntax? ResolveAgency(IdentifierSyntax id) => Resolve(id, _model.Agencies, "agency", _usedAgencies, AgencyUnknown);

    private StateSyntax? ResolveState(IdentifierSyntax id) => Resolve(id, _model.States, "state", used: null, StateUnknown);

    private FieldSyntax? ResolveField(IdentifierSyntax id) => Resolve(id, _model.Fields, "field", _usedFields, FieldUnknown);

    private void ResolveTemplate(IdentifierSyntax id) => Resolve(id, _model.Templates, "template", _usedTemplates, TemplateUnknown);

    /// <summary>
    /// A reference to a declaration of one kind: found (and noted as used), or reported with the
    /// closest declared name. A name whose own declaration was broken is not reported again, so
    /// one typo gives one message.
    /// </summary>
    private T? Resolve<T>(IdentifierSyntax id, Dictionary<string, T> declared, string keyword, HashSet<string>? used, Func<string, string?, DiagnosticInfo> unknown)
        where T : class
    {
        if (declared.TryGetValue(id.Name, out var found))
        {
            used?.Add(id.Name);
            return found;
        }

        if (!_model.Broken.Contains((keyword, id.Name)))
        {
            _bag.Report(id.Span, unknown(id.Name, SpellChecker.Suggest(id.Name, declared.Keys)));
        }

        return null;
    }

    private void ResolveDateField(IdentifierSyntax id, string keyword)
    {
        if (ResolveField(id) is { } field && field.Type.Type is not (FieldType.Date or FieldType.DateTime))
        {
            _bag.Report(id.Span, AnchorType(id.Name, SemanticModel.Describe(field), $"a date or date-time field to count '{keyword}' it"));
        }
    }

    /// <summary>Resolves what a deadline or timer counts from: an event or a date field.</summary>
    internal Anchor? ResolveAnchor(IdentifierSyntax id)
    {
        var isEvent = _model.Events.ContainsKey(id.Name);
        var isField = _model.Fields.TryGetValue(id.Name, out var field);
        if (isEvent && isField)
        {
            _bag.Report(id.Span, AnchorAmbiguous(id.Name));
            return null;
        }

        if (isEvent)
        {
            return new Anchor(AnchorKind.Event, id.Name);
        }

        if (isField)
        {
            _usedFields.Add(id.Name);
            if (field!.Type.Type is FieldType.Date or FieldType.DateTime)
            {
                return new Anchor(AnchorKind.Field, id.Name);
            }

            _bag.Report(id.Span, AnchorType(id.Name, SemanticModel.Describe(field), "an event or a date or date-time field to count from"));
            return null;
        }

        if (_model.Broken.Contains(("field", id.Name)))
        {
            return null;
        }

        var candidates = _model.Events.Keys.Concat(_model.Fields.Values
            .Where(f => f.Type.Type is FieldType.Date or FieldType.DateTime)
            .Select(f => f.Id.Name));
        _bag.Report(id.Span, EventUnknown(id.Name, SpellChecker.Suggest(id.Name, candidates)));
        return null;
    }
}
