using System.Text;
using static ContinuityOfCare.Workflows.Outcomes.Reports.ReportCsv;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>The reports as plain text tables for a terminal.</summary>
public static class ReportText
{
    public static string Indicator(IndicatorReport report)
    {
        var text = Heading("Continuity of care: started community treatment within the window after release", report.Scope);
        var t = report.Total;
        text.AppendLine($"Released {t.Released}, excluded {t.Excluded}, window still open {t.Pending}: {t.Numerator} of {t.Denominator} = {Percent(t.Percentage)}")
            .AppendLine();
        Table(text, ["month", "released", "excluded", "pending", "denominator", "numerator", "%"], report.Months
            .Select(m => new[] { m.Month, Number(m.Figures.Released), Number(m.Figures.Excluded), Number(m.Figures.Pending), Number(m.Figures.Denominator), Number(m.Figures.Numerator), Percent(m.Figures.Percentage) }));
        text.AppendLine().AppendLine(report.Excluded.Any() ? "Excluded:" : "Excluded: none");
        foreach (var c in report.Excluded)
        {
            text.AppendLine($"  {c.PrisonNumber}  released {Date(c.ReleaseDate)}  {c.Reason}  ({c.InstanceId})");
        }

        return text.ToString();
    }

    public static string Funnel(FunnelReport report)
    {
        var text = Heading("Attrition funnel", report.Scope);
        Table(text, ["stage", "reached", "in progress", "lost", "lost from"], report.Stages.Select(s => new[]
        {
            s.Stage, Number(s.Reached), Number(s.InProgress), Number(s.Lost),
            string.Join("; ", s.LostFrom.Select(l => $"{l.State} -> {l.Outcome ?? "cancelled"}: {l.Cases}")),
        }));
        return text.ToString();
    }

    public static string Compliance(ComplianceReport report)
    {
        var text = Heading("Deadline compliance (deadlines due in the period)", report.Scope);
        Table(text, ["agency", "action", "due", "on time", "late", "breached", "open", "cancelled", "median h", "p90 h"], report.Rows.Select(r => new[]
        {
            r.Agency, r.Action ?? "(all actions)", Number(r.Due), Number(r.OnTime), Number(r.Late), Number(r.Breached),
            Number(r.StillOpen), Number(r.Cancelled), Hours(r.MedianHours) ?? "-", Hours(r.P90Hours) ?? "-",
        }));
        return text.ToString();
    }

    public static string TimeInState(TimeInStateReport report)
    {
        var text = Heading("Time in state (stays that began in the period)", report.Scope);
        Table(text, ["state", "stays", "left", "still there", "<1d", "1-7d", "7-21d", ">=21d", "median h", "p90 h", "max h"], report.Rows.Select(r => new[]
        {
            r.State, Number(r.Stays), Number(r.Left), Number(r.StillThere), Number(r.UnderOneDay), Number(r.OneToSevenDays),
            Number(r.SevenToTwentyOneDays), Number(r.TwentyOneDaysOrMore), Hours(r.MedianHours) ?? "-", Hours(r.P90Hours) ?? "-", Hours(r.MaxHours) ?? "-",
        }));
        return text.ToString();
    }

    private static string Percent(decimal? percentage) => Percentage(percentage) is { } p ? p + "%" : "-";

    private static StringBuilder Heading(string title, ReportScope scope) =>
        new StringBuilder()
            .AppendLine(title)
            .AppendLine($"{scope.PathwayId} in {scope.Partnership}, {Date(scope.From)} up to {Date(scope.To)} ({scope.TimeZone})")
            .AppendLine();

    private static void Table(StringBuilder text, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            // Names left, figures right, as people read tables of counts.
            var cells = row.Select((cell, i) => i == 0 || (i == 1 && header[1] == "action") ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]));
            text.AppendLine(string.Join("  ", cells).TrimEnd());
        }
    }
}
