namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>Percentiles by the nearest-rank method: always a value that was observed.</summary>
internal static class Percentile
{
    /// <summary>The smallest value with at least <paramref name="percent"/>% of the values at or below it; null for no values.</summary>
    public static double? NearestRank(IReadOnlyList<double> sortedAscending, int percent)
    {
        if (sortedAscending.Count == 0)
        {
            return null;
        }

        var rank = (int)Math.Ceiling(percent / 100.0 * sortedAscending.Count);
        return sortedAscending[Math.Max(rank, 1) - 1];
    }
}
