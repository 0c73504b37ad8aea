using System.Globalization;
using System.Text;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>A simulation's results as text for a terminal or as CSV: what was run, then the reports or the comparison.</summary>
public static class SimulationText
{
    /// <summary>What was simulated, in two lines: the cohort and seed, and what happened on which dates.</summary>
    public static string Summary(SimulationRun run)
    {
        var zone = DateTimeZoneProviders.Tzdb[run.Pathway.TimeZone];
        return new StringBuilder()
            .AppendLine(CultureInfo.InvariantCulture, $"Simulation of {run.People} people ({run.Cohort.Description ?? "cohort"}), seed {run.Seed}, on {run.Pathway.Id} in {run.Pathway.Partnership}")
            .AppendLine(CultureInfo.InvariantCulture, $"Simulated from {Local(run.Started, zone)} to {Local(run.Ended, zone)}: {run.EventsRecorded} events recorded, {run.ActionsDone} actions done, {run.TimersFired} deadlines and timers fired")
            .ToString();
    }

    /// <summary>The summary, then the four reports as <see cref="ReportText"/> prints them.</summary>
    public static string Reports(SimulationRun run, OutcomeReports reports) =>
        string.Join(Environment.NewLine, [
            Summary(run),
            ReportText.Indicator(reports.Indicator),
            ReportText.Funnel(reports.Funnel),
            ReportText.Compliance(reports.Compliance),
            ReportText.TimeInState(reports.TimeInState),
        ]);

    /// <summary>Both summaries, then one table of the headline figures side by side with the difference.</summary>
    public static string Comparison(SimulationRun first, SimulationRun second, SimulationComparison comparison, LocalDate from, LocalDate to)
    {
        var text = new StringBuilder()
            .Append(Summary(first))
            .Append(Summary(second))
            .AppendLine(CultureInfo.InvariantCulture, $"Reports from {from:uuuu-MM-dd} up to {to:uuuu-MM-dd}; difference = {comparison.Second} less {comparison.First} (percentages in points)")
            .AppendLine();
        string[] header = ["report", "measure", comparison.First, comparison.Second, "difference"];
        var rows = comparison.Rows.Select(r => new[] { r.Report, r.Measure, Value(r.First, r.IsPercentage), Value(r.Second, r.IsPercentage), Difference(r) }).Prepend(header).ToList();
        var widths = header.Select((_, i) => rows.Max(r => r[i].Length)).ToArray();
        foreach (var row in rows)
        {
            text.AppendLine(string.Join("  ", row.Select((cell, i) => i < 2 ? cell.PadRight(widths[i]) : cell.PadLeft(widths[i]))).TrimEnd());
        }

        return text.ToString();
    }

    /// <summary>The headline figures of one run as CSV: report, measure, value.</summary>
    public static string MeasuresCsv(OutcomeReports reports)
    {
        var csv = new ReportCsv.Writer("report", "measure", "value");
        foreach (var m in SimulationComparison.Measures(reports))
        {
            csv.Row(m.Report, m.Measure, Number(m.Value));
        }

        return csv.ToString();
    }

    /// <summary>The comparison as CSV: report, measure, the two pathways' values, and the difference.</summary>
    public static string ComparisonCsv(SimulationComparison comparison)
    {
        var csv = new ReportCsv.Writer("report", "measure", comparison.First, comparison.Second, "difference");
        foreach (var r in comparison.Rows)
        {
            csv.Row(r.Report, r.Measure, Number(r.First), Number(r.Second), Number(r.Difference));
        }

        return csv.ToString();
    }

    private static string Local(Instant instant, DateTimeZone zone) => instant.InZone(zone).ToString("uuuu-MM-dd HH:mm", CultureInfo.InvariantCulture);

    private static string? Number(decimal? value) => value?.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Value(decimal? value, bool percentage) => (percentage ? value?.ToString("0.0", CultureInfo.InvariantCulture) : Number(value)) ?? "-";

    private static string Difference(MeasureComparison row) => row.Difference switch
    {
        null => "",
        0 => "0",
        { } d => (d > 0 ? "+" : "") + (row.IsPercentage ? d.ToString("0.0", CultureInfo.InvariantCulture) : Number(d)) + (row.IsPercentage ? " pts" : ""),
    };
}
