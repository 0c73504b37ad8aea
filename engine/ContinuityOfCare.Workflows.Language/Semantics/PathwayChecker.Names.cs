using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Syntax;
using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticCatalog;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>Name resolution: each reference finds its declaration or is reported with a suggestion.</summary>
public sealed partial class PathwayChecker
{
    private AgencySyntax? ResolveAgency(IdentifierSyntax id)
    {
        if (_model.Agencies.TryGetValue(id.Name, out var agency))
        {
            _usedAgencies.Add(id.Name);
            return agency;
        }

        if (_model.Broken.Contains(("agency", id.Name)))
        {
            return null;
        }

        _bag.Report(id.Span, AgencyUnknown(id.Name, SpellChecker.Suggest(id.Name, _model.Agencies.Keys)));
        return null;
    }

    private StateSyntax? ResolveState(IdentifierSyntax id)
    {
        if (_model.States.TryGetValue(id.Name, out var state))
        {
            return state;
        }

        if (_model.Broken.Contains(("state", id.Name)))
        {
            return null;
        }

        _bag.Report(id.Span, StateUnknown(id.Name, SpellChecker.Suggest(id.Name, _model.States.Keys)));
        return null;
    }

    private FieldSyntax? ResolveField(IdentifierSyntax id)
    {
        if (_model.Fields.TryGetValue(id.Name, out var field))
        {
            _usedFields.Add(id.Name);
            return field;
        }

        if (_model.Broken.Contains(("field", id.Name)))
        {
            return null;
        }

        _bag.Report(id.Span, FieldUnknown(id.Name, SpellChecker.Suggest(id.Name, _model.Fields.Keys)));
        return null;
    }

    private void ResolveTemplate(IdentifierSyntax id)
    {
        if (_model.Templates.ContainsKey(id.Name))
        {
            _usedTemplates.Add(id.Name);
            return;
        }

        if (_model.Broken.Contains(("template", id.Name)))
        {
            return;
        }

        _bag.Report(id.Span, TemplateUnknown(id.Name, SpellChecker.Suggest(id.Name, _model.Templates.Keys)));
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
