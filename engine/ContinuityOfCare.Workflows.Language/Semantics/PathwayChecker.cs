using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;
using NodaTime;
using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticCatalog;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>Reads templates that live in files beside the pathway.</summary>
public interface ITemplateFileReader
{
    /// <summary>The file's text, or null if there is no such file.</summary>
    string? Read(string pathwayPath, string relativePath);
}

/// <summary>Reads template files from disk, relative to the pathway file's folder: for a host that compiles files a person keeps on their own disk (the command line).</summary>
public sealed class DiskTemplateFileReader : ITemplateFileReader
{
    public static DiskTemplateFileReader Instance { get; } = new();

    public string? Read(string pathwayPath, string relativePath)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(string.IsNullOrEmpty(pathwayPath) ? "." : pathwayPath)) ?? ".";
        var path = Path.Combine(folder, relativePath);
        return File.Exists(path) ? File.ReadAllText(path) : null;
    }
}

/// <summary>
/// Checks what a parsed pathway means: names resolve, types fit, the states form a sensible graph
/// and templates are valid. It reports every problem it finds and never throws on user mistakes.
/// </summary>
public sealed partial class PathwayChecker
{
    private readonly PathwayFileSyntax _syntax;
    private readonly DiagnosticBag _bag;
    private readonly CompileEnvironment _environment;
    private readonly SemanticModel _model = new();
    private readonly HashSet<string> _usedAgencies = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedTemplates = new(StringComparer.Ordinal);
    private readonly HashSet<string> _usedFields = new(StringComparer.Ordinal);

    private PathwayChecker(PathwayFileSyntax syntax, DiagnosticBag bag, CompileEnvironment environment)
    {
        _syntax = syntax;
        _bag = bag;
        _environment = environment;
    }

    /// <param name="environment">What exists where the pathway is compiled: its calendars, time zones and template files.</param>
    public static SemanticModel Check(PathwayFileSyntax syntax, DiagnosticBag bag, CompileEnvironment environment)
    {
        var checker = new PathwayChecker(syntax, bag, environment);
        checker.Run();
        return checker._model;
    }

    private SourceText Source => _bag.Source;

    private void Run()
    {
        DeclareSymbols();
        CheckHeader();
        CheckFields();
        CheckTemplates();
        CheckStateShape();
        foreach (var state in _model.States.Values)
        {
            CheckState(state);
        }

        CheckRenames();
        CheckGraph();
        CheckOverlaps();
        CheckReport();
        ReportUnused();
    }

    private void DeclareSymbols()
    {
        foreach (var declaration in _syntax.Declarations)
        {
            switch (declaration)
            {
                case HeaderSyntax header when _model.Header is null:
                    _model.Header = header;
                    break;
                case HeaderSyntax header:
                    _bag.Report(header.Id.Span, HeaderRepeated(header.Id.Name));
                    break;
                case AgencySyntax agency:
                    Declare(_model.Agencies, agency.Id, agency, "an agency");
                    break;
                case FieldSyntax field:
                    Declare(_model.Fields, field.Id, field, "a field");
                    break;
                case TemplateSyntax template:
                    Declare(_model.Templates, template.Id, template, "a template");
                    break;
                case StateSyntax state:
                    Declare(_model.States, state.Id, state, "a state");
                    break;
                case ReportSyntax report when _model.Report is null:
                    _model.Report = report;
                    break;
                case ReportSyntax report:
                    _bag.Report(new TextSpan(report.Span.Start, "report".Length), ReportRepeated());
                    break;
                case ErrorDeclarationSyntax { Id: { } id } broken:
                    _model.Broken.Add((broken.Keyword, id.Name));
                    break;
            }
        }

        foreach (var state in _model.States.Values)
        {
            foreach (var transition in state.Transitions)
            {
                _model.Events.TryAdd(transition.Event.Name, transition.Event);
            }
        }
    }

    private void Declare<T>(Dictionary<string, T> table, IdentifierSyntax id, T node, string kind)
        where T : DeclarationSyntax
    {
        if (table.TryGetValue(id.Name, out var first))
        {
            _bag.Report(id.Span, Duplicate(kind, id.Name, Source.GetPosition(first.Span.Start).Line));
        }
        else
        {
            table.Add(id.Name, node);
        }
    }

    private void CheckHeader()
    {
        var header = _model.Header;
        if (header is null)
        {
            _bag.Report(new TextSpan(0, 0), NoHeader());
            return;
        }

        foreach (var (kind, name) in new[] { (HeaderPropertyKind.Title, "title"), (HeaderPropertyKind.Partnership, "partnership") })
        {
            if (!header.Properties.Any(p => p.Kind == kind))
            {
                _bag.Report(header.Id.Span, HeaderPropertyMissing(header.Id.Name, name));
            }
        }

        foreach (var group in header.Properties.GroupBy(p => p.Kind))
        {
            foreach (var repeated in group.Skip(1))
            {
                _bag.Report(repeated.Span, HeaderPropertyRepeated(PropertyName(group.Key)));
            }
        }

        var calendars = _environment.Calendars.Order(StringComparer.Ordinal).ToList();
        foreach (var property in header.Properties)
        {
            if (property.Kind == HeaderPropertyKind.TimeZone && _environment.TimeZones.GetZoneOrNull(property.Value) is null)
            {
                var suggestion = SpellChecker.Suggest(property.Value, _environment.TimeZones.Ids);
                _bag.Report(property.ValueSpan, TimeZoneUnknown(property.Value, suggestion));
            }
            else if (property.Kind == HeaderPropertyKind.Calendar && !calendars.Contains(property.Value))
            {
                _bag.Report(property.ValueSpan, CalendarUnknown(property.Value, calendars, SpellChecker.Suggest(property.Value, calendars)));
            }
        }

        // A header that names no calendar runs on the default one, which must be known here too.
        if (!header.Properties.Any(p => p.Kind == HeaderPropertyKind.Calendar) && !calendars.Contains(PathwayDefaults.Calendar))
        {
            _bag.Report(header.Id.Span, DefaultCalendarUnknown(header.Id.Name, PathwayDefaults.Calendar, calendars));
        }
    }

    private static string PropertyName(HeaderPropertyKind kind) => kind switch
    {
        HeaderPropertyKind.TimeZone => "time zone",
        HeaderPropertyKind.BasedOn => "based on",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private void CheckFields()
    {
        foreach (var field in _model.Fields.Values)
        {
            var seen = new Dictionary<string, IdentifierSyntax>(StringComparer.Ordinal);
            foreach (var option in field.Type.Options)
            {
                if (!seen.TryAdd(option.Name, option))
                {
                    _bag.Report(option.Span, Duplicate($"an option of field '{field.Id.Name}'", option.Name, Source.GetPosition(seen[option.Name].Span.Start).Line));
                }
            }
        }
    }

    private void CheckStateShape()
    {
        var starts = _model.States.Values.Where(s => s.Kind == StateKind.Start).ToList();
        if (starts.Count == 0 && _model.States.Count > 0)
        {
            _bag.Report(_model.States.Values.First().Id.Span, StartMissing());
        }
        else if (starts.Count == 0)
        {
            _bag.Report(_model.Header?.Id.Span ?? new TextSpan(0, 0), StartMissing());
        }

        foreach (var extra in starts.Skip(1))
        {
            _bag.Report(extra.Id.Span, StartRepeated(extra.Id.Name, starts[0].Id.Name));
        }

        if (!_model.States.Values.Any(s => s.Kind == StateKind.Final))
        {
            _bag.Report(_model.Header?.Id.Span ?? new TextSpan(0, 0), FinalMissing());
        }
    }

    /// <summary>A state's previous id (<c>(was y)</c>) must be gone from the pathway, and claimed by one state only.</summary>
    private void CheckRenames()
    {
        var claimed = new Dictionary<string, StateSyntax>(StringComparer.Ordinal);
        foreach (var state in _model.States.Values)
        {
            if (state.Was is not { } was)
            {
                continue;
            }

            if (was.Name == state.Id.Name || _model.States.ContainsKey(was.Name))
            {
                _bag.Report(was.Span, RenamedStateStillExists(state.Id.Name, was.Name));
            }
            else if (!claimed.TryAdd(was.Name, state))
            {
                var other = claimed[was.Name];
                _bag.Report(was.Span, RenamedTwice(state.Id.Name, was.Name, other.Id.Name, Source.GetPosition(other.Id.Span.Start).Line));
            }
        }
    }

    private void CheckState(StateSyntax state)
    {
        var name = state.Id.Name;
        var complete = !state.HasSyntaxErrors;
        CheckSingle<StageSyntax>(state, "stage", required: complete, () => StageMissing(name));
        var owners = CheckSingle<OwnerSyntax>(state, "owner", required: complete, () => OwnerMissing(name));
        var outcomes = CheckSingle<OutcomeSyntax>(state, "outcome", required: complete && state.Kind == StateKind.Final, () => OutcomeMissing(name));
        foreach (var owner in owners)
        {
            ResolveAgency(owner.Agency);
        }

        if (state.Kind != StateKind.Final)
        {
            foreach (var outcome in outcomes)
            {
                _bag.Report(outcome.Span, OutcomeNotFinal(name));
            }
        }
        else
        {
            foreach (var member in state.Members.Where(m => m is ActionSyntax or TransitionSyntax or TimerSyntax))
            {
                var what = member switch
                {
                    ActionSyntax => "actions",
                    TransitionSyntax => "transitions",
                    _ => "timers",
                };
                _bag.Report(MemberKeywordSpan(member), LeavesFinal(name, what));
            }
        }

        var actionIds = new Dictionary<string, ActionSyntax>(StringComparer.Ordinal);
        foreach (var action in state.Actions)
        {
            if (!actionIds.TryAdd(action.Id.Name, action))
            {
                _bag.Report(action.Id.Span, Duplicate($"an action in state '{name}'", action.Id.Name, Source.GetPosition(actionIds[action.Id.Name].Span.Start).Line));
            }

            CheckAction(action);
        }

        foreach (var transition in state.Transitions)
        {
            CheckTransition(transition);
        }

        foreach (var timer in state.Timers)
        {
            CheckDuration(timer.Duration);
            if (timer.Anchor is not null)
            {
                ResolveAnchor(timer.Anchor);
            }

            ResolveState(timer.Target);
            CheckEffects(timer.Effects);
        }
    }

    private List<T> CheckSingle<T>(StateSyntax state, string member, bool required, Func<DiagnosticInfo> missing)
        where T : StateMemberSyntax
    {
        var found = state.Members.OfType<T>().ToList();
        if (found.Count == 0 && required)
        {
            _bag.Report(state.Id.Span, missing());
        }

        foreach (var repeated in found.Skip(1))
        {
            _bag.Report(repeated.Span, MemberRepeated(state.Id.Name, member));
        }

        return found;
    }

    private static TextSpan MemberKeywordSpan(StateMemberSyntax member) => member switch
    {
        ActionSyntax a => a.Id.Span,
        TransitionSyntax t => t.Event.Span,
        TimerSyntax t => t.Duration.Span,
        _ => member.Span,
    };

    private void CheckAction(ActionSyntax action)
    {
        if (action.Agency is not null)
        {
            ResolveAgency(action.Agency);
        }

        switch (action.Deadline)
        {
            case WithinDeadlineSyntax within:
                CheckDuration(within.Duration);
                if (within.Anchor is not null)
                {
                    ResolveAnchor(within.Anchor);
                }

                if (within.NextWorkingDayAt is { } time)
                {
                    if (time.Hour > 23 || time.Minute > 59)
                    {
                        _bag.Report(time.Span, BadTimeOfDay(Source[time.Span]));
                    }

                    if (within.Duration.Unit == DurationUnit.WorkingDays)
                    {
                        _bag.Report(time.Span, NextWorkingDayUseless());
                    }
                }

                break;
            case BeforeDeadlineSyntax before:
                CheckDuration(before.Duration);
                ResolveDateField(before.Field, "before");
                break;
            case ByDateDeadlineSyntax by:
                ResolveDateField(by.Field, "by");
                break;
        }

        CheckEffects(action.OnMissed);
    }

    private void CheckTransition(TransitionSyntax transition)
    {
        foreach (var field in transition.AskedFields)
        {
            ResolveField(field);
        }

        foreach (var agency in transition.AllowedAgencies)
        {
            ResolveAgency(agency);
        }

        if (transition.Condition is not null)
        {
            CheckCondition(transition.Condition);
        }

        if (transition.Target is not null)
        {
            ResolveState(transition.Target);
        }

        CheckEffects(transition.Effects);
    }

    private void CheckDuration(DurationSyntax duration)
    {
        if (duration.Amount is < 1 or > 9999)
        {
            var text = Source[duration.Span];
            _bag.Report(duration.Span, BadAmount(text.Split(' ', 2)[0]));
        }
    }

    private void CheckEffects(IEnumerable<EffectSyntax> effects)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case NotifySyntax notify:
                    foreach (var agency in notify.Agencies)
                    {
                        ResolveAgency(agency);
                    }

                    ResolveTemplate(notify.Template);
                    break;
                case SetSyntax set:
                    if (ResolveField(set.Field) is { } field)
                    {
                        var (_, problem) = ValueChecker.Convert(field, set.Value);
                        ReportValueProblem(problem, set.Value, () => AssignmentType(field.Id.Name, SemanticModel.Describe(field), ValueChecker.Describe(set.Value)));
                    }

                    break;
                case RaiseSyntax raise:
                    if (!_model.Events.ContainsKey(raise.Event.Name))
                    {
                        _bag.Report(raise.Event.Span, EventUnknown(raise.Event.Name, SpellChecker.Suggest(raise.Event.Name, _model.Events.Keys)));
                    }

                    break;
            }
        }
    }

    private void ReportValueProblem(string? problem, ValueSyntax value, Func<DiagnosticInfo> mismatch)
    {
        if (problem == "invalid-date")
        {
            _bag.Report(value.Span, BadDate(value.Text));
        }
        else if (problem is not null)
        {
            _bag.Report(value.Span, mismatch());
        }
    }

    private void ReportUnused()
    {
        foreach (var agency in _model.Agencies.Values.Where(a => !_usedAgencies.Contains(a.Id.Name)))
        {
            _bag.Report(agency.Id.Span, Unused("agency", agency.Id.Name));
        }

        foreach (var template in _model.Templates.Values.Where(t => !_usedTemplates.Contains(t.Id.Name)))
        {
            _bag.Report(template.Id.Span, Unused("template", template.Id.Name));
        }

        foreach (var field in _model.Fields.Values.Where(f => !_usedFields.Contains(f.Id.Name)))
        {
            _bag.Report(field.Id.Span, Unused("field", field.Id.Name));
        }
    }
}
