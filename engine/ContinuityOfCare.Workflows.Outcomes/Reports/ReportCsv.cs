using System.Globalization;
using System.Text;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Outcomes.Reports;

/// <summary>
/// The reports as CSV (RFC 4180): a header row, one record per line ending CRLF, fields quoted when
/// they hold a comma, a quote or a line break, numbers in the invariant culture, dates and times ISO 8601.
/// </summary>
public static class ReportCsv
{
    public static string Indicator(IndicatorReport report)
    {
        var csv = new Writer("month", "released", "excluded", "pending", "denominator", "numerator", "percentage");
        foreach (var month in report.Months)
        {
            Figures(csv, month.Month, month.Figures);
        }

        Figures(csv, "total", report.Total);
        return csv.ToString();
    }

    public static string Exclusions(IndicatorReport report)
    {
        var csv = new Writer("instance_id", "prison_number", "released_at", "release_date", "outcome", "ended_at", "reason");
        foreach (var c in report.Excluded)
        {
            csv.Row(c.InstanceId.ToString(), c.PrisonNumber, Instant(c.ReleasedAt), Date(c.ReleaseDate), c.Outcome, c.EndedAt is { } e ? Instant(e) : null, c.Reason);
        }

        return csv.ToString();
    }

    public static string Funnel(FunnelReport report)
    {
        var csv = new Writer("stage", "reached", "in_progress", "lost", "lost_from_state", "lost_with_outcome", "lost_from_state_count");
        foreach (var stage in report.Stages)
        {
            if (stage.LostFrom.Count == 0)
            {
                csv.Row(stage.Stage, Number(stage.Reached), Number(stage.InProgress), Number(stage.Lost), null, null, null);
            }

            foreach (var loss in stage.LostFrom)
            {
                csv.Row(stage.Stage, Number(stage.Reached), Number(stage.InProgress), Number(stage.Lost), loss.State, loss.Outcome, Number(loss.Cases));
            }
        }

        return csv.ToString();
    }

    public static string Compliance(ComplianceReport report)
    {
        var csv = new Writer("agency", "action", "due", "on_time", "late", "breached", "still_open", "cancelled", "median_hours", "p90_hours");
        foreach (var r in report.Rows)
        {
            csv.Row(r.Agency, r.Action ?? "(all actions)", Number(r.Due), Number(r.OnTime), Number(r.Late), Number(r.Breached),
                Number(r.StillOpen), Number(r.Cancelled), Hours(r.MedianHours), Hours(r.P90Hours));
        }

        return csv.ToString();
    }

    public static string TimeInState(TimeInStateReport report)
    {
        var csv = new Writer("state", "stage", "stays", "left", "still_there", "under_1_day", "1_to_7_days", "7_to_21_days",
            "21_days_or_more", "median_hours", "p90_hours", "max_hours");
        foreach (var r in report.Rows)
        {
            csv.Row(r.State, r.Stage, Number(r.Stays), Number(r.Left), Number(r.StillThere), Number(r.UnderOneDay), Number(r.OneToSevenDays),
                Number(r.SevenToTwentyOneDays), Number(r.TwentyOneDaysOrMore), Hours(r.MedianHours), Hours(r.P90Hours), Hours(r.MaxHours));
        }

        return csv.ToString();
    }

    public static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    public static string? Hours(double? hours) => hours?.ToString("0.00", CultureInfo.InvariantCulture);

    public static string Instant(NodaTime.Instant instant) => InstantPattern.ExtendedIso.Format(instant);

    public static string Date(NodaTime.LocalDate date) => LocalDatePattern.Iso.Format(date);

    public static string? Percentage(decimal? percentage) => percentage?.ToString("0.0", CultureInfo.InvariantCulture);

    private static void Figures(Writer csv, string label, IndicatorFigures f) =>
        csv.Row(label, Number(f.Released), Number(f.Excluded), Number(f.Pending), Number(f.Denominator), Number(f.Numerator), Percentage(f.Percentage));

    internal sealed class Writer
    {
        private readonly StringBuilder _text = new();

        public Writer(params string[] header) => Row(header);

        public void Row(params string?[] fields)
        {
            _text.AppendJoin(',', fields.Select(Field)).Append("\r\n");
        }

        public override string ToString() => _text.ToString();

        private static string Field(string? value) =>
            value is null ? "" : value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }
}
