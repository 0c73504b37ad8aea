using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Syntax;
using static ContinuityOfCare.Workflows.Language.Diagnostics.DiagnosticCatalog;

namespace ContinuityOfCare.Workflows.Language.Semantics;

/// <summary>The reporting rules: every name they use must mean something in this pathway.</summary>
public sealed partial class PathwayChecker
{
    private void CheckReport()
    {
        if (_model.Report is not { } report)
        {
            return;
        }

        var outcomes = _model.States.Values
            .SelectMany(s => s.Members.OfType<OutcomeSyntax>())
            .Select(o => o.Outcome.Name)
            .ToHashSet(StringComparer.Ordinal);
        var stages = _model.States.Values
            .SelectMany(s => s.Members.OfType<StageSyntax>())
            .Select(s => s.Name.Value)
            .ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var continuity = new HashSet<string>(StringComparer.Ordinal);
        var excluded = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in report.Lines)
        {
            var kind = line switch
            {
                ReleaseLineSyntax => "release event",
                ContinuityLineSyntax => "continuity outcomes",
                FunnelLineSyntax => "funnel",
                _ => null,
            };
            if (kind is not null && !seen.Add(kind))
            {
                _bag.Report(line.Span, ReportLineConflict($"The report gives its {kind} more than once; keep one line."));
                continue;
            }

            switch (line)
            {
                case ReleaseLineSyntax release when !_model.Events.ContainsKey(release.Event.Name):
                    _bag.Report(release.Event.Span, ReleaseEventUnknown(release.Event.Name, SpellChecker.Suggest(release.Event.Name, _model.Events.Keys)));
                    break;
                case ContinuityLineSyntax line1:
                    foreach (var outcome in line1.Outcomes)
                    {
                        CheckReportOutcome(outcome, outcomes, continuity, excluded, "counts as continuity");
                    }

                    if (line1.Window is { } window)
                    {
                        CheckDuration(window);
                        if (window.Unit is not (DurationUnit.Days or DurationUnit.Weeks))
                        {
                            _bag.Report(window.Span, WindowUnit(Source[window.Span]));
                        }
                    }

                    break;
                case ExcludeLineSyntax exclude:
                    CheckReportOutcome(exclude.Outcome, outcomes, excluded, continuity, "is excluded");
                    break;
                case FunnelLineSyntax funnel:
                    CheckFunnel(funnel, stages);
                    break;
            }
        }
    }

    private void CheckReportOutcome(IdentifierSyntax outcome, HashSet<string> known, HashSet<string> mine, HashSet<string> other, string what)
    {
        if (!known.Contains(outcome.Name))
        {
            _bag.Report(outcome.Span, ReportOutcomeUnknown(outcome.Name, SpellChecker.Suggest(outcome.Name, known)));
        }
        else if (other.Contains(outcome.Name))
        {
            _bag.Report(outcome.Span, ReportLineConflict($"Outcome '{outcome.Name}' cannot both count as continuity and be excluded; keep one."));
        }
        else if (!mine.Add(outcome.Name))
        {
            _bag.Report(outcome.Span, ReportLineConflict($"The report already says outcome '{outcome.Name}' {what}; keep one."));
        }
    }

    private void CheckFunnel(FunnelLineSyntax funnel, HashSet<string> stages)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var stage in funnel.Stages)
        {
            if (!stages.Contains(stage.Value))
            {
                _bag.Report(stage.Span, FunnelStageUnknown(stage.Value, SpellChecker.Suggest(stage.Value, stages)));
            }
            else if (!listed.Add(stage.Value))
            {
                _bag.Report(stage.Span, ReportLineConflict($"Stage \"{stage.Value}\" is in the funnel more than once; a case reaches each stage once."));
            }
        }
    }
}
