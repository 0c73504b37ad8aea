using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>
/// The period a report covers: from the start of <see cref="From"/> up to, not including, the start
/// of <see cref="To"/>, as local days in the pathway's time zone.
/// </summary>
public sealed record ReportPeriod(LocalDate From, LocalDate To)
{
    /// <summary>The period as instants in a time zone, [start, end).</summary>
    public (Instant Start, Instant End) In(DateTimeZone zone) =>
        (From.AtStartOfDayInZone(zone).ToInstant(), To.AtStartOfDayInZone(zone).ToInstant());

    /// <summary>The local calendar months the period touches, in order.</summary>
    public IReadOnlyList<YearMonth> Months()
    {
        var months = new List<YearMonth>();
        for (var month = From.ToYearMonth(); month.OnDayOfMonth(1) < To; month = month.PlusMonths(1))
        {
            months.Add(month);
        }

        return months;
    }
}

/// <summary>What a report is about: one pathway in one partnership over one period, in the pathway's time zone.</summary>
public sealed record ReportScope(string Partnership, string PathwayId, string TimeZone, LocalDate From, LocalDate To, Instant AsOf);
