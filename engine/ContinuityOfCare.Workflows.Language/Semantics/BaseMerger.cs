using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;
using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticCatalog;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>
/// Applies a local protocol's changes to its base and gives back the whole pathway as one syntax
/// tree, for the checker and the emitter to read as if it had been written out in full. Inherited
/// parts keep the base's order; an added part goes after the last of its kind, a replaced one takes
/// the place of the one it replaces. A change that does not fit the base is reported and left out,
/// so the rest is still checked.
/// </summary>
internal sealed class BaseMerger
{
    private readonly DiagnosticBag _bag;
    private readonly string _baseName;
    private readonly BaseSyntax _inherited;
    private readonly Parts<AgencySyntax> _agencies = new();
    private readonly Parts<FieldSyntax> _fields = new();
    private readonly Parts<Syntax.TemplateSyntax> _templates = new();
    private readonly Parts<StateSyntax> _states = new();

    /// <summary>The first change to each part, by a key such as "state released/action report-contact".</summary>
    private readonly Dictionary<string, TextSpan> _changed = new(StringComparer.Ordinal);
    private readonly List<IdentifierSyntax> _removedStates = [];

    private BaseMerger(DiagnosticBag bag, BasedOnSyntax basedOn, PathwayDefinition baseDefinition)
    {
        _bag = bag;
        _baseName = $"Version {basedOn.Version} of '{basedOn.Pathway.Name}'";
        _inherited = new BaseSyntax(basedOn.Span);
        foreach (var agency in baseDefinition.Agencies)
        {
            _agencies.AddInherited(agency.Id, _inherited.Agency(agency));
        }

        foreach (var field in baseDefinition.Fields)
        {
            _fields.AddInherited(field.Id, _inherited.Field(field));
        }

        foreach (var template in baseDefinition.Templates)
        {
            _templates.AddInherited(template.Id, _inherited.Template(template));
        }

        foreach (var state in baseDefinition.States)
        {
            _states.AddInherited(state.Id, _inherited.State(state));
        }
    }

    public static PathwayFileSyntax Merge(PathwayFileSyntax local, HeaderSyntax header, PathwayDefinition baseDefinition, DiagnosticBag bag)
    {
        var basedOn = header.BasedOn!;
        var merger = new BaseMerger(bag, basedOn, baseDefinition);
        ReportSyntax? report = null;
        var declarations = ImmutableArray.CreateBuilder<DeclarationSyntax>();
        foreach (var declaration in local.Declarations)
        {
            switch (declaration)
            {
                case HeaderSyntax h when ReferenceEquals(h, header):
                    declarations.Add(merger.WithInheritedProperties(h, baseDefinition));
                    break;
                case ReportSyntax r:
                    report ??= r;
                    declarations.Add(r);
                    break;
                case HeaderSyntax or ErrorDeclarationSyntax:
                    declarations.Add(declaration);
                    break;
                default:
                    merger.Apply(declaration);
                    break;
            }
        }

        merger.KeepRemovedStatesStillLedTo();
        declarations.AddRange(merger._agencies.Items);
        declarations.AddRange(merger._fields.Items);
        declarations.AddRange(merger._templates.Items);
        declarations.AddRange(merger._states.Items);
        return new PathwayFileSyntax(declarations.ToImmutable(), local.Comments, local.Span);
    }

    /// <summary>The local header, with the base's time zone and calendar where it names none.</summary>
    private HeaderSyntax WithInheritedProperties(HeaderSyntax header, PathwayDefinition baseDefinition)
    {
        var properties = header.Properties.ToBuilder();
        if (!properties.Any(p => p.Kind == HeaderPropertyKind.TimeZone))
        {
            properties.Add(_inherited.Property(HeaderPropertyKind.TimeZone, baseDefinition.TimeZone));
        }

        if (!properties.Any(p => p.Kind == HeaderPropertyKind.Calendar))
        {
            properties.Add(_inherited.Property(HeaderPropertyKind.Calendar, baseDefinition.Calendar));
        }

        return header with { Properties = properties.ToImmutable() };
    }

    private void Apply(DeclarationSyntax declaration)
    {
        switch (declaration)
        {
            // Written plainly, a declaration adds to the base, as "add" does.
            case AgencySyntax or FieldSyntax or Syntax.TemplateSyntax or StateSyntax:
                AddOrReplace(ChangeVerb.Add, declaration, null);
                break;
            case DeclarationChangeSyntax change:
                AddOrReplace(change.Verb, change.Declaration, change);
                break;
            case RemoveDeclarationSyntax remove:
                Remove(remove);
                break;
            case RenameAgencySyntax rename:
                if (Once($"agency {rename.Id.Name}", rename.Id, $"agency '{rename.Id.Name}'")
                    && Existing(_agencies, rename.Id, $"agency '{rename.Id.Name}'", canAdd: false) is { } agency)
                {
                    _agencies.Replace(rename.Id.Name, agency with { Name = rename.Name, Span = rename.Span });
                }

                break;
            case ChangeStateSyntax change:
                ChangeState(change);
                break;
        }
    }

    private void AddOrReplace(ChangeVerb verb, DeclarationSyntax declaration, DeclarationChangeSyntax? change)
    {
        switch (declaration)
        {
            case AgencySyntax agency:
                Put(_agencies, verb, agency.Id, agency, "agency", change);
                break;
            case FieldSyntax field:
                Put(_fields, verb, field.Id, field, "field", change);
                break;
            case Syntax.TemplateSyntax template:
                Put(_templates, verb, template.Id, template, "template", change);
                break;
            case StateSyntax state:
                Put(_states, verb, state.Id, state, "state", change);
                break;
        }
    }

    private void Put<T>(Parts<T> parts, ChangeVerb verb, IdentifierSyntax id, T node, string kind, DeclarationChangeSyntax? change)
        where T : DeclarationSyntax
    {
        var what = $"{kind} '{id.Name}'";
        if (verb == ChangeVerb.Add)
        {
            if (parts.Inherited(id.Name))
            {
                // The fix: say "replace" where "add" (or nothing) was written.
                var (span, replacement) = change is null
                    ? (new TextSpan(node.Span.Start, 0), "replace ")
                    : (new TextSpan(change.Span.Start, 3), "replace");
                _bag.Report(span, BaseHas(what, _baseName, replacement));
                return;
            }

            // Declared twice locally: the checker's duplicate-id rule does not see the merged tree, so say it here.
            if (parts.Find(id.Name) is { } first)
            {
                _bag.Report(id.Span, Duplicate($"a {kind}", id.Name, _bag.Source.GetPosition(first.Span.Start).Line));
                return;
            }

            parts.Add(id.Name, node);
            return;
        }

        if (Once($"{kind} {id.Name}", id, what) && Existing(parts, id, what, canAdd: true) is not null)
        {
            parts.Replace(id.Name, node);
        }
    }

    private void Remove(RemoveDeclarationSyntax remove)
    {
        var id = remove.Id;
        var what = $"{remove.Kind} '{id.Name}'";
        if (!Once($"{remove.Kind} {id.Name}", id, what))
        {
            return;
        }

        var removed = remove.Kind switch
        {
            "agency" => Existing(_agencies, id, what, canAdd: false) is not null && _agencies.Remove(id.Name),
            "field" => Existing(_fields, id, what, canAdd: false) is not null && _fields.Remove(id.Name),
            "template" => Existing(_templates, id, what, canAdd: false) is not null && _templates.Remove(id.Name),
            _ => Existing(_states, id, what, canAdd: false) is not null && _states.Remove(id.Name),
        };
        if (removed && remove.Kind == "state")
        {
            _removedStates.Add(id);
        }
    }

    /// <summary>
    /// A state may go only when nothing left leads to it. One that is still led to is reported on the
    /// removal and kept, so the transitions that lead there are not reported as well.
    /// </summary>
    private void KeepRemovedStatesStillLedTo()
    {
        foreach (var removed in _removedStates)
        {
            var leadingIn = _states.Items
                .SelectMany(s => s.Transitions.Where(t => t.Target?.Name == removed.Name).Select(t => $"'on {t.Event.Name}' in state '{s.Id.Name}'")
                    .Concat(s.Timers.Where(t => t.Target.Name == removed.Name).Select(_ => $"the timer in state '{s.Id.Name}'")))
                .ToList();
            if (leadingIn.Count > 0)
            {
                _bag.Report(removed.Span, RemovalDangles(removed.Name, leadingIn));
                _states.Restore(removed.Name);
            }
        }
    }

    private void ChangeState(ChangeStateSyntax change)
    {
        var id = change.Id;
        if (_changed.TryGetValue($"state {id.Name}", out var whole))
        {
            _bag.Report(id.Span, ChangedTwice($"state '{id.Name}'", Line(whole)));
            return;
        }

        if (Existing(_states, id, $"state '{id.Name}'", canAdd: false) is not { } state)
        {
            return;
        }

        var members = state.Members.ToList();
        var replaced = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var memberChange in change.Changes)
        {
            ApplyMember(state.Id.Name, members, replaced, memberChange);
        }

        _states.Replace(id.Name, state with { Members = [.. members], Title = change.Title ?? state.Title });
    }

    private void ApplyMember(string state, List<StateMemberSyntax> members, Dictionary<string, int> replaced, MemberChangeSyntax change)
    {
        var where = $" in state '{state}'";
        switch (change)
        {
            case MemberReplacementSyntax { Member: StageSyntax or OwnerSyntax or OutcomeSyntax } property:
                var kind = property.Member.GetType();
                var word = property.Member switch { StageSyntax => "stage", OwnerSyntax => "owner", _ => "outcome" };
                if (Once($"state {state}/{word}", property.Member, $"the {word}{where}"))
                {
                    var at = members.FindIndex(m => m.GetType() == kind);
                    if (at >= 0)
                    {
                        members[at] = property.Member;
                    }
                    else
                    {
                        members.Add(property.Member);
                    }
                }

                break;
            case MemberReplacementSyntax { Member: ActionSyntax action } put:
                var actionWhat = $"action '{action.Id.Name}'{where}";
                var existing = members.FindIndex(m => m is ActionSyntax a && a.Id.Name == action.Id.Name);
                if (put.Verb == ChangeVerb.Add)
                {
                    if (existing >= 0)
                    {
                        _bag.Report(new TextSpan(put.Span.Start, 3), BaseHas(actionWhat, _baseName, "replace"));
                    }
                    else if (Once($"state {state}/action {action.Id.Name}", action.Id, actionWhat))
                    {
                        members.Insert(After(members, m => m is ActionSyntax or StageSyntax or OwnerSyntax or OutcomeSyntax), action);
                    }
                }
                else if (Once($"state {state}/action {action.Id.Name}", action.Id, actionWhat)
                    && Found(existing, action.Id, actionWhat, members.OfType<ActionSyntax>().Select(a => a.Id.Name), canAdd: true))
                {
                    members[existing] = action;
                }

                break;
            case ActionChangeSyntax edit:
                var editWhat = $"action '{edit.Id.Name}'{where}";
                var index = members.FindIndex(m => m is ActionSyntax a && a.Id.Name == edit.Id.Name);
                if (Once($"state {state}/action {edit.Id.Name}", edit.Id, editWhat)
                    && Found(index, edit.Id, editWhat, members.OfType<ActionSyntax>().Select(a => a.Id.Name), canAdd: false))
                {
                    var old = (ActionSyntax)members[index];
                    members[index] = old with
                    {
                        Agency = edit.Agency ?? old.Agency,
                        Deadline = edit.Deadline ?? old.Deadline,
                        OnMissed = edit.OnMissed.IsEmpty ? old.OnMissed : edit.OnMissed,
                    };
                }

                break;
            case MemberReplacementSyntax { Member: TransitionSyntax transition } put:
                PutTransition(state, members, replaced, put.Verb, transition);
                break;
            case MemberReplacementSyntax { Member: TimerSyntax timer } put:
                var timerWhat = $"a timer leading to '{timer.Target.Name}'{where}";
                var timerAt = members.FindIndex(m => m is TimerSyntax t && t.Target.Name == timer.Target.Name);
                if (put.Verb == ChangeVerb.Add)
                {
                    if (timerAt >= 0)
                    {
                        _bag.Report(new TextSpan(put.Span.Start, 3), BaseHas(timerWhat, _baseName, "replace"));
                    }
                    else
                    {
                        members.Add(timer);
                    }
                }
                else if (Once($"state {state}/after {timer.Target.Name}", timer.Target, timerWhat)
                    && Found(timerAt, timer.Target, timerWhat, members.OfType<TimerSyntax>().Select(t => t.Target.Name), canAdd: true))
                {
                    members[timerAt] = timer;
                }

                break;
            case MemberRemovalSyntax removal:
                RemoveMember(state, members, removal);
                break;
        }
    }

    /// <summary>
    /// Transitions are changed by event: "replace on e" lines together take the place of every
    /// transition the base has on e, in the order written; "add on e" goes after the base's ones.
    /// </summary>
    private void PutTransition(string state, List<StateMemberSyntax> members, Dictionary<string, int> replaced, ChangeVerb verb, TransitionSyntax transition)
    {
        var name = transition.Event.Name;
        var what = $"the transitions on '{name}' in state '{state}'";
        if (verb == ChangeVerb.Add)
        {
            var last = members.FindLastIndex(m => m is TransitionSyntax t && t.Event.Name == name);
            members.Insert(last >= 0 ? last + 1 : After(members, m => m is not TimerSyntax), transition);
            return;
        }

        if (replaced.TryGetValue(name, out var previous))
        {
            members.Insert(previous + 1, transition);
            replaced[name] = previous + 1;
            return;
        }

        var first = members.FindIndex(m => m is TransitionSyntax t && t.Event.Name == name);
        if (!Once($"state {state}/on {name}", transition.Event, what)
            || !Found(first, transition.Event, $"a transition on '{name}' in state '{state}'", members.OfType<TransitionSyntax>().Select(t => t.Event.Name), canAdd: true))
        {
            return;
        }

        members.RemoveAll(m => m is TransitionSyntax t && t.Event.Name == name);
        members.Insert(first, transition);
        replaced[name] = first;
    }

    private void RemoveMember(string state, List<StateMemberSyntax> members, MemberRemovalSyntax removal)
    {
        var id = removal.Id;
        var (key, what, matches, names) = removal.Kind switch
        {
            "action" => ($"action {id.Name}", $"action '{id.Name}' in state '{state}'",
                (Predicate<StateMemberSyntax>)(m => m is ActionSyntax a && a.Id.Name == id.Name), members.OfType<ActionSyntax>().Select(a => a.Id.Name)),
            "on" => ($"on {id.Name}", $"a transition on '{id.Name}' in state '{state}'",
                m => m is TransitionSyntax t && t.Event.Name == id.Name, members.OfType<TransitionSyntax>().Select(t => t.Event.Name)),
            _ => ($"after {id.Name}", $"a timer leading to '{id.Name}' in state '{state}'",
                m => m is TimerSyntax t && t.Target.Name == id.Name, members.OfType<TimerSyntax>().Select(t => t.Target.Name)),
        };
        if (Once($"state {state}/{key}", id, what) && Found(members.FindIndex(matches), id, what, names, canAdd: false))
        {
            members.RemoveAll(matches);
        }
    }

    /// <summary>Records the first change to a part; a second one is reported and not applied.</summary>
    private bool Once(string key, SyntaxNode at, string what)
    {
        if (_changed.TryGetValue(key, out var first))
        {
            _bag.Report(at.Span, ChangedTwice(what, Line(first)));
            return false;
        }

        _changed.Add(key, at.Span);
        return true;
    }

    private T? Existing<T>(Parts<T> parts, IdentifierSyntax id, string what, bool canAdd)
        where T : DeclarationSyntax
    {
        if (parts.Inherited(id.Name))
        {
            return parts.Find(id.Name);
        }

        _bag.Report(id.Span, BaseLacks(what, _baseName, SpellChecker.Suggest(id.Name, parts.InheritedIds), canAdd));
        return null;
    }

    private bool Found(int index, IdentifierSyntax id, string what, IEnumerable<string> names, bool canAdd)
    {
        if (index >= 0)
        {
            return true;
        }

        _bag.Report(id.Span, BaseLacks(what, _baseName, SpellChecker.Suggest(id.Name, names.Distinct()), canAdd));
        return false;
    }

    private int Line(TextSpan span) => _bag.Source.GetPosition(span.Start).Line;

    private static int After(List<StateMemberSyntax> members, Predicate<StateMemberSyntax> kind)
    {
        var last = members.FindLastIndex(kind);
        return last + 1;
    }

    /// <summary>The agencies, fields, templates or states of the pathway being built, in order, by id.</summary>
    private sealed class Parts<T>
        where T : DeclarationSyntax
    {
        private readonly List<string> _order = [];
        private readonly Dictionary<string, T> _byId = new(StringComparer.Ordinal);
        private readonly Dictionary<string, (int Index, T Node)> _removed = new(StringComparer.Ordinal);
        private readonly HashSet<string> _inherited = new(StringComparer.Ordinal);

        public IEnumerable<T> Items => _order.Select(id => _byId[id]);

        public IEnumerable<string> InheritedIds => _inherited;

        /// <summary>Whether the base has the part (it may since have been removed).</summary>
        public bool Inherited(string id) => _inherited.Contains(id) && (_byId.ContainsKey(id) || _removed.ContainsKey(id));

        public T? Find(string id) => _byId.GetValueOrDefault(id) ?? (_removed.TryGetValue(id, out var r) ? r.Node : null);

        public void Add(string id, T node)
        {
            _order.Add(id);
            _byId[id] = node;
        }

        public void AddInherited(string id, T node)
        {
            _inherited.Add(id);
            Add(id, node);
        }

        public void Replace(string id, T node)
        {
            if (_byId.ContainsKey(id))
            {
                _byId[id] = node;
            }
        }

        public bool Remove(string id)
        {
            var index = _order.IndexOf(id);
            if (index < 0)
            {
                return false;
            }

            _removed[id] = (index, _byId[id]);
            _order.RemoveAt(index);
            _byId.Remove(id);
            return true;
        }

        public void Restore(string id)
        {
            if (_removed.Remove(id, out var removed))
            {
                _order.Insert(Math.Min(removed.Index, _order.Count), id);
                _byId[id] = removed.Node;
            }
        }
    }
}
