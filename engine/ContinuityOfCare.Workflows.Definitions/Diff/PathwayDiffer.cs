using System.Collections.Immutable;

namespace ContinuityOfCare.Workflows.Definitions.Diff;

/// <summary>
/// Compares two compiled versions of a pathway and lists what behaves differently. Because it
/// compares definitions, not text, comments, layout and whitespace never show; everything a case
/// would notice does.
/// </summary>
/// <remarks>
/// Parts are matched by id: agencies, fields, templates, states, and actions within a state. A
/// state declared <c>state x (was y)</c> is matched with the older version's <c>y</c> and reported as
/// renamed, and transitions that led to <c>y</c> are read as leading to <c>x</c>. Transitions are
/// matched by event, the first on an event with the first, and so on; timers by their order in the
/// state.
/// </remarks>
public static class PathwayDiffer
{
    public static PathwayDiffResult Compare(PathwayDefinition from, PathwayDefinition to, string fromLabel, string toLabel)
    {
        var fromHash = DefinitionJson.ContentHash(from);
        var toHash = DefinitionJson.ContentHash(to);
        var changes = fromHash == toHash ? [] : new Comparison(from, to).Run();
        var titles = from.States.Concat(to.States)
            .GroupBy(s => s.Id, StringComparer.Ordinal)
            .ToImmutableDictionary(g => g.Key, g => g.Last().Title, StringComparer.Ordinal);
        return new PathwayDiffResult(
            new DiffSide(fromLabel, from.Id, from.Title, fromHash),
            new DiffSide(toLabel, to.Id, to.Title, toHash),
            changes,
            titles);
    }

    private sealed class Comparison(PathwayDefinition from, PathwayDefinition to)
    {
        private readonly ImmutableArray<PathwayChange>.Builder _changes = ImmutableArray.CreateBuilder<PathwayChange>();

        /// <summary>Older state id → newer state id, for states declared renamed.</summary>
        private readonly Dictionary<string, string> _renamed = to.States
            .Where(s => s.Was is { } was && from.FindState(was) is not null && to.FindState(was) is null)
            .ToDictionary(s => s.Was!, s => s.Id, StringComparer.Ordinal);

        public ImmutableArray<PathwayChange> Run()
        {
            CompareHeader();
            CompareAgencies();
            CompareFields();
            CompareTemplates();
            CompareStates();
            return _changes.ToImmutable();
        }

        private void Add(ChangeSection section, string? state, string subject, ChangeKind kind, string summary, string? before = null, string? after = null, ImmutableArray<TextLine> lines = default) =>
            _changes.Add(new PathwayChange(section, state, subject, kind, summary, before, after, lines.IsDefault ? [] : lines));

        private void Changed(ChangeSection section, string? state, string subject, string label, string before, string after)
        {
            if (before != after)
            {
                Add(section, state, subject, ChangeKind.Changed, $"{label}: {before} → {after}", before, after);
            }
        }

        private void CompareHeader()
        {
            Changed(ChangeSection.Pathway, null, "id", "pathway id", from.Id, to.Id);
            Changed(ChangeSection.Pathway, null, "title", "title", from.Title, to.Title);
            Changed(ChangeSection.Pathway, null, "partnership", "partnership", from.Partnership, to.Partnership);
            Changed(ChangeSection.Pathway, null, "time zone", "time zone", from.TimeZone, to.TimeZone);
            Changed(ChangeSection.Pathway, null, "calendar", "calendar", from.Calendar, to.Calendar);
            CompareReportRules(from.Report ?? ReportRules.National, to.Report ?? ReportRules.National);
        }

        /// <summary>How the outcome figures are counted: a change here changes the indicator, not how cases run.</summary>
        private void CompareReportRules(ReportRules old, ReportRules now)
        {
            Changed(ChangeSection.Pathway, null, "report release", "reporting: release is recorded by", Words.Name(old.ReleaseEvent), Words.Name(now.ReleaseEvent));
            Changed(ChangeSection.Pathway, null, "report continuity", "reporting: outcomes that count as continuity", List(old.ContinuityOutcomes), List(now.ContinuityOutcomes));
            Changed(ChangeSection.Pathway, null, "report window", "reporting: continuity window after release", old.Window.ToString(), now.Window.ToString());
            Changed(ChangeSection.Pathway, null, "report exclusions", "reporting: outcomes excluded from the indicator",
                List([.. old.Exclusions.Select(e => $"{e.Outcome} ({e.Reason})")]), List([.. now.Exclusions.Select(e => $"{e.Outcome} ({e.Reason})")]));
            Changed(ChangeSection.Pathway, null, "report funnel", "reporting: funnel stages",
                old.Funnel.IsDefaultOrEmpty ? "the stages reached after release" : List(old.Funnel),
                now.Funnel.IsDefaultOrEmpty ? "the stages reached after release" : List(now.Funnel));
        }

        private void CompareAgencies()
        {
            foreach (var (old, now) in Match(from.Agencies, to.Agencies, a => a.Id))
            {
                var subject = $"agency {(now ?? old)!.Id}";
                if (old is null)
                {
                    Add(ChangeSection.Agencies, null, subject, ChangeKind.Added, $"agency {now!.Id} ({now.Name})", after: now.Name);
                }
                else if (now is null)
                {
                    Add(ChangeSection.Agencies, null, subject, ChangeKind.Removed, $"agency {old.Id} ({old.Name})", before: old.Name);
                }
                else
                {
                    Changed(ChangeSection.Agencies, null, subject, $"agency {now.Id} name", old.Name, now.Name);
                }
            }
        }

        private void CompareFields()
        {
            foreach (var (old, now) in Match(from.Fields, to.Fields, f => f.Id))
            {
                var subject = $"field {(now ?? old)!.Id}";
                if (old is null)
                {
                    Add(ChangeSection.Fields, null, subject, ChangeKind.Added, $"field {now!.Id} ({Words.FieldType(now)}{Label(now)})", after: Words.FieldType(now));
                }
                else if (now is null)
                {
                    Add(ChangeSection.Fields, null, subject, ChangeKind.Removed, $"field {old.Id} ({Words.FieldType(old)}{Label(old)})", before: Words.FieldType(old));
                }
                else
                {
                    Changed(ChangeSection.Fields, null, subject, $"field {now.Id} type", Words.FieldType(old), Words.FieldType(now));
                    Changed(ChangeSection.Fields, null, subject, $"field {now.Id} label", old.Label ?? "(none)", now.Label ?? "(none)");
                }
            }

            static string Label(FieldDefinition field) => field.Label is { } label ? $", \"{label}\"" : "";
        }

        private void CompareTemplates()
        {
            foreach (var (old, now) in Match(from.Templates, to.Templates, t => t.Id))
            {
                var subject = $"template {(now ?? old)!.Id}";
                if (old is null)
                {
                    Add(ChangeSection.Templates, null, subject, ChangeKind.Added, $"template {now!.Id} (\"{now.Subject}\")", after: now.Subject,
                        lines: [.. TextDiff.Lines(now.Body).Select(l => new TextLine('+', l))]);
                }
                else if (now is null)
                {
                    Add(ChangeSection.Templates, null, subject, ChangeKind.Removed, $"template {old.Id} (\"{old.Subject}\")", before: old.Subject);
                }
                else
                {
                    Changed(ChangeSection.Templates, null, subject, $"template {now.Id} subject", old.Subject, now.Subject);
                    if (old.Body != now.Body)
                    {
                        var lines = TextDiff.Compare(old.Body, now.Body);
                        var added = lines.Count(l => l.Mark == '+');
                        var removed = lines.Count(l => l.Mark == '-');
                        Add(ChangeSection.Templates, null, subject, ChangeKind.Changed,
                            $"template {now.Id} text changed ({Plural(added, "line")} added, {Plural(removed, "line")} removed)",
                            lines: lines);
                    }
                }
            }
        }

        private void CompareStates()
        {
            var pairs = new List<(StateDefinition? Old, StateDefinition? Now)>();
            foreach (var now in to.States)
            {
                var oldId = _renamed.FirstOrDefault(r => r.Value == now.Id).Key ?? now.Id;
                pairs.Add((from.FindState(oldId), now));
            }

            foreach (var old in from.States.Where(s => to.FindState(s.Id) is null && !_renamed.ContainsKey(s.Id)))
            {
                pairs.Add((old, null));
            }

            foreach (var (old, now) in pairs)
            {
                if (old is null)
                {
                    Add(ChangeSection.States, now!.Id, $"state {now.Id}", ChangeKind.Added,
                        $"state {now.Id} \"{now.Title}\" ({Kind(now)}, stage {now.Stage}, owned by {now.Owner})", after: now.Title);
                    foreach (var action in now.Actions)
                    {
                        Add(ChangeSection.States, now.Id, $"action {action.Id}", ChangeKind.Added, $"action {Words.Name(action.Id)}: {Words.Action(to, action)}");
                    }

                    foreach (var transition in now.Transitions)
                    {
                        Add(ChangeSection.States, now.Id, $"on {transition.Event}", ChangeKind.Added, $"transition {Words.Transition(transition)}");
                    }

                    foreach (var timer in now.Timers)
                    {
                        Add(ChangeSection.States, now.Id, "timer", ChangeKind.Added, $"timer {Words.Timer(to, timer)}");
                    }
                }
                else if (now is null)
                {
                    var leadingIn = to.States.SelectMany(s => s.Transitions).Any(t => t.Target == old.Id) ? " (transitions in the newer version still lead to it)" : "";
                    Add(ChangeSection.States, old.Id, $"state {old.Id}", ChangeKind.Removed, $"state {old.Id} \"{old.Title}\"{leadingIn}", before: old.Title);
                }
                else
                {
                    CompareState(old, now);
                }
            }
        }

        private void CompareState(StateDefinition old, StateDefinition now)
        {
            var id = now.Id;
            if (old.Id != now.Id)
            {
                Add(ChangeSection.States, id, $"state {id}", ChangeKind.Renamed, $"state {old.Id} → {now.Id}", old.Id, now.Id);
            }

            Changed(ChangeSection.States, id, "kind", "kind", Kind(old), Kind(now));
            Changed(ChangeSection.States, id, "title", "title", old.Title, now.Title);
            Changed(ChangeSection.States, id, "stage", "reporting stage", old.Stage, now.Stage);
            Changed(ChangeSection.States, id, "owner", "owner", old.Owner, now.Owner);
            Changed(ChangeSection.States, id, "outcome", "outcome", old.Outcome ?? "(none)", now.Outcome ?? "(none)");

            foreach (var (a, b) in Match(old.Actions, now.Actions, a => a.Id))
            {
                var subject = $"action {(b ?? a)!.Id}";
                var name = Words.Name((b ?? a)!.Id);
                if (a is null)
                {
                    Add(ChangeSection.States, id, subject, ChangeKind.Added, $"action {name}: {Words.Action(to, b!)}", after: Words.Action(to, b!));
                }
                else if (b is null)
                {
                    Add(ChangeSection.States, id, subject, ChangeKind.Removed, $"action {name}: {Words.Action(from, a)}", before: Words.Action(from, a));
                }
                else
                {
                    Changed(ChangeSection.States, id, subject, $"{name}: description", a.Description, b.Description);
                    Changed(ChangeSection.States, id, subject, $"{name}: responsible agency", a.Agency, b.Agency);
                    Changed(ChangeSection.States, id, subject, name, Words.Deadline(from, a.Deadline), Words.Deadline(to, b.Deadline));
                    Changed(ChangeSection.States, id, subject, $"{name}: if missed", Words.Effects(a.OnMissed), Words.Effects(b.OnMissed));
                }
            }

            CompareTransitions(id, old, now);
            CompareTimers(id, old, now);
        }

        private void CompareTransitions(string id, StateDefinition old, StateDefinition now)
        {
            var events = now.Transitions.Select(t => t.Event)
                .Concat(old.Transitions.Select(t => t.Event))
                .Distinct(StringComparer.Ordinal);
            foreach (var name in events)
            {
                var before = old.Transitions.Where(t => t.Event == name).ToList();
                var after = now.Transitions.Where(t => t.Event == name).ToList();
                for (var i = 0; i < Math.Max(before.Count, after.Count); i++)
                {
                    var subject = $"on {name}" + (Math.Max(before.Count, after.Count) > 1 ? $" ({Ordinal(i + 1)})" : "");
                    if (i >= before.Count)
                    {
                        Add(ChangeSection.States, id, subject, ChangeKind.Added, $"transition {Words.Transition(after[i])}", after: Words.Transition(after[i]));
                    }
                    else if (i >= after.Count)
                    {
                        Add(ChangeSection.States, id, subject, ChangeKind.Removed, $"transition {Words.Transition(before[i])}", before: Words.Transition(before[i]));
                    }
                    else
                    {
                        CompareTransition(id, subject, before[i], after[i]);
                    }
                }
            }
        }

        private void CompareTransition(string id, string subject, TransitionDefinition a, TransitionDefinition b)
        {
            var oldTarget = a.Target is { } t ? _renamed.GetValueOrDefault(t, t) : null;
            if (oldTarget != b.Target)
            {
                var was = a.Target ?? "(stays in the state)";
                var now = b.Target ?? "(stays in the state)";
                Add(ChangeSection.States, id, subject, ChangeKind.Changed, $"{subject}: now leads to {now} instead of {was}", was, now);
            }

            Changed(ChangeSection.States, id, subject, $"{subject}: condition", a.Condition is { } c1 ? ConditionText.Write(c1) : "always", b.Condition is { } c2 ? ConditionText.Write(c2) : "always");
            Changed(ChangeSection.States, id, subject, $"{subject}: fields asked for", List(a.AskedFields), List(b.AskedFields));
            Changed(ChangeSection.States, id, subject, $"{subject}: who may record it", a.AllowedAgencies.IsEmpty ? "the state's owner" : List(a.AllowedAgencies), b.AllowedAgencies.IsEmpty ? "the state's owner" : List(b.AllowedAgencies));
            Changed(ChangeSection.States, id, subject, $"{subject}: effects", Words.Effects(a.Effects), Words.Effects(b.Effects));
        }

        private void CompareTimers(string id, StateDefinition old, StateDefinition now)
        {
            for (var i = 0; i < Math.Max(old.Timers.Length, now.Timers.Length); i++)
            {
                var subject = old.Timers.Length > 1 || now.Timers.Length > 1 ? $"timer {i + 1}" : "timer";
                if (i >= old.Timers.Length)
                {
                    Add(ChangeSection.States, id, subject, ChangeKind.Added, $"timer {Words.Timer(to, now.Timers[i])}", after: Words.Timer(to, now.Timers[i]));
                }
                else if (i >= now.Timers.Length)
                {
                    Add(ChangeSection.States, id, subject, ChangeKind.Removed, $"timer {Words.Timer(from, old.Timers[i])}", before: Words.Timer(from, old.Timers[i]));
                }
                else
                {
                    var a = old.Timers[i];
                    var b = now.Timers[i];
                    Changed(ChangeSection.States, id, subject, subject, Words.Delay(from, a.Delay), Words.Delay(to, b.Delay));
                    var oldTarget = _renamed.GetValueOrDefault(a.Target, a.Target);
                    if (oldTarget != b.Target)
                    {
                        Add(ChangeSection.States, id, subject, ChangeKind.Changed, $"{subject}: now leads to {b.Target} instead of {a.Target}", a.Target, b.Target);
                    }

                    Changed(ChangeSection.States, id, subject, $"{subject}: effects", Words.Effects(a.Effects), Words.Effects(b.Effects));
                }
            }
        }

        private static string Kind(StateDefinition state) => state.Kind switch
        {
            StateKind.Start => "start state",
            StateKind.Final => "final state",
            _ => "state",
        };

        private static string List(ImmutableArray<string> items) => items.IsEmpty ? "none" : string.Join(", ", items);

        private static string Plural(int count, string noun) => count == 1 ? $"1 {noun}" : $"{count} {noun}s";

        private static string Ordinal(int n) => n switch
        {
            1 => "first",
            2 => "second",
            3 => "third",
            _ => $"{n}th",
        };

        /// <summary>Pairs items of two lists by key: newer order first, then the removed ones in older order.</summary>
        private static IEnumerable<(T? Old, T? Now)> Match<T>(ImmutableArray<T> older, ImmutableArray<T> newer, Func<T, string> key)
            where T : class
        {
            var olderByKey = older.ToDictionary(key, StringComparer.Ordinal);
            var newerKeys = newer.Select(key).ToHashSet(StringComparer.Ordinal);
            foreach (var item in newer)
            {
                yield return (olderByKey.GetValueOrDefault(key(item)), item);
            }

            foreach (var item in older.Where(o => !newerKeys.Contains(key(o))))
            {
                yield return (item, null);
            }
        }
    }
}
