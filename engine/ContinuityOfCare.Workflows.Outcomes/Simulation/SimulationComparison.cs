using ContinuityOfCare.Workflows.Outcomes.Reports;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>One headline figure of the outcome reports, such as the indicator's percentage or how many reached a funnel stage.</summary>
/// <param name="IsPercentage">True for percentages, whose differences are in percentage points.</param>
public sealed record SimulationMeasure(string Report, string Measure, decimal? Value, bool IsPercentage = false);

/// <summary>One figure for two pathways run with the same cohort and seed, and the second less the first.</summary>
public sealed record MeasureComparison(string Report, string Measure, decimal? First, decimal? Second, decimal? Difference, bool IsPercentage);

/// <summary>
/// Two versions of a protocol side by side: the same cohort, with the same seed, through each, and
/// the headline figures of their reports with the difference (second less first). A figure only one
/// pathway has (a funnel stage, an agency, a state) is shown for that one, with no difference.
/// </summary>
public sealed record SimulationComparison(string First, string Second, IReadOnlyList<MeasureComparison> Rows)
{
    public static SimulationComparison Of(string first, OutcomeReports a, string second, OutcomeReports b)
    {
        var left = Measures(a);
        var right = Measures(b);
        var rightByKey = right.ToDictionary(m => (m.Report, m.Measure));
        var leftKeys = left.Select(m => (m.Report, m.Measure)).ToHashSet();
        var rows = new List<MeasureComparison>();
        foreach (var m in left)
        {
            var other = rightByKey.GetValueOrDefault((m.Report, m.Measure));
            rows.Add(new MeasureComparison(m.Report, m.Measure, m.Value, other?.Value, m.Value is { } x && other?.Value is { } y ? y - x : null, m.IsPercentage));
        }

        // Figures only the second has go after the first's figures of the same report.
        foreach (var m in right.Where(m => !leftKeys.Contains((m.Report, m.Measure))))
        {
            var at = rows.FindLastIndex(r => r.Report == m.Report) + 1;
            rows.Insert(at == 0 ? rows.Count : at, new MeasureComparison(m.Report, m.Measure, null, m.Value, null, m.IsPercentage));
        }

        return new SimulationComparison(first, second, rows);
    }

    /// <summary>The headline figures of the four reports, in the order they are printed.</summary>
    public static IReadOnlyList<SimulationMeasure> Measures(OutcomeReports reports)
    {
        var measures = new List<SimulationMeasure>();
        var t = reports.Indicator.Total;
        measures.AddRange([
            new("indicator", "released", t.Released), new("indicator", "excluded", t.Excluded), new("indicator", "pending", t.Pending),
            new("indicator", "denominator", t.Denominator), new("indicator", "numerator", t.Numerator),
            new("indicator", "percentage", t.Percentage, IsPercentage: true),
        ]);
        foreach (var stage in reports.Funnel.Stages)
        {
            measures.Add(new("funnel", $"{stage.Stage}: reached", stage.Reached));
            measures.Add(new("funnel", $"{stage.Stage}: lost", stage.Lost));
            measures.Add(new("funnel", $"{stage.Stage}: in progress", stage.InProgress));
        }

        foreach (var row in reports.Compliance.Rows.Where(r => r.Action is null))
        {
            measures.Add(new("compliance", $"{row.Agency}: due", row.Due));
            measures.Add(new("compliance", $"{row.Agency}: on time", row.OnTime));
            measures.Add(new("compliance", $"{row.Agency}: late", row.Late));
            measures.Add(new("compliance", $"{row.Agency}: breached", row.Breached));
            measures.Add(new("compliance", $"{row.Agency}: on time %", row.Due == 0 ? null : Math.Round(100m * row.OnTime / row.Due, 1, MidpointRounding.AwayFromZero), IsPercentage: true));
        }

        foreach (var row in reports.TimeInState.Rows.Where(r => r.Stays > 0))
        {
            measures.Add(new("time-in-state", $"{row.State}: stays", row.Stays));
            measures.Add(new("time-in-state", $"{row.State}: median hours", row.MedianHours is { } h ? (decimal)h : null));
        }

        return measures;
    }
}
