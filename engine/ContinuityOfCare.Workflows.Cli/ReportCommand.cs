using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Serialization;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Operations;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary><c>coc report</c>: the outcome figures of one pathway in one partnership, from the data folder's database.</summary>
internal static class ReportCommand
{
    public static readonly string[] Kinds = ["indicator", "exclusions", "funnel", "compliance", "time-in-state"];

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(), new IsoConverter<Instant>(InstantPattern.ExtendedIso), new IsoConverter<LocalDate>(LocalDatePattern.Iso) },
    };

    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var kind = new Argument<string>("kind") { Description = "indicator, exclusions, funnel, compliance or time-in-state." };
        kind.AcceptOnlyFromAmong(Kinds);
        var pathway = new Option<string>("--pathway") { Description = "The pathway id.", Required = true };
        var partnership = new Option<string>("--partnership") { Description = "The partnership the pathway belongs to.", Required = true };
        var from = new Option<string>("--from") { Description = "The first day of the period (yyyy-MM-dd, in the pathway's time zone).", Required = true };
        var to = new Option<string>("--to") { Description = "The day after the period: it runs up to the start of this day (yyyy-MM-dd).", Required = true };
        var format = Format();
        var data = DataFolder.Option();
        var command = new Command("report", "Print the continuity-of-care indicator, the excluded cases, the attrition funnel, deadline compliance or time in state for a period.")
        {
            kind, pathway, partnership, from, to, format, data,
        };
        command.SetAction(result => DataFolder.Run(async () =>
        {
            if (!TryDate(result.GetValue(from)!, "--from", stderr, out var start) || !TryDate(result.GetValue(to)!, "--to", stderr, out var end))
            {
                return ExitCodes.Usage;
            }

            var folder = Path.GetFullPath(result.GetValue(data)!, workingDirectory);
            await using var database = new RuntimeDatabase(DatabaseOptions.InDataFolder(folder));
            await database.MigrateAsync();
            var service = new ReportService(new EfReportSource(database), new VersionedDefinitionCatalog(new EfPathwayVersionStore(database)), TimeProvider.System);
            try
            {
                var reports = await service.AllAsync(new ReportRequest(result.GetValue(partnership)!, result.GetValue(pathway)!, start, end), CasePage.Everything);
                stdout.Write(Write(result.GetValue(kind)!, result.GetValue(format)!, reports));
                return ExitCodes.Success;
            }
            catch (ReportRequestException refused)
            {
                stderr.WriteLine($"coc: {refused.Message}");
                return ExitCodes.Usage;
            }
        }, stderr));
        return command;
    }

    public static Option<string> Format()
    {
        var format = new Option<string>("--format") { Description = "text, csv or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "csv", "json");
        return format;
    }

    /// <summary>One report in one format.</summary>
    public static string Write(string kind, string format, OutcomeReports reports) => (kind, format) switch
    {
        ("indicator", "csv") => ReportCsv.Indicator(reports.Indicator),
        ("indicator", "json") => JsonSerializer.Serialize(reports.Indicator, Json) + "\n",
        ("indicator", _) => ReportText.Indicator(reports.Indicator),
        ("exclusions", "csv") => ReportCsv.Exclusions(reports.Indicator),
        ("exclusions", "json") => JsonSerializer.Serialize(reports.Indicator.Excluded, Json) + "\n",
        ("exclusions", _) => ReportText.Indicator(reports.Indicator),
        ("funnel", "csv") => ReportCsv.Funnel(reports.Funnel),
        ("funnel", "json") => JsonSerializer.Serialize(reports.Funnel, Json) + "\n",
        ("funnel", _) => ReportText.Funnel(reports.Funnel),
        ("compliance", "csv") => ReportCsv.Compliance(reports.Compliance),
        ("compliance", "json") => JsonSerializer.Serialize(reports.Compliance, Json) + "\n",
        ("compliance", _) => ReportText.Compliance(reports.Compliance),
        ("time-in-state", "csv") => ReportCsv.TimeInState(reports.TimeInState),
        ("time-in-state", "json") => JsonSerializer.Serialize(reports.TimeInState, Json) + "\n",
        _ => ReportText.TimeInState(reports.TimeInState),
    };

    internal static bool TryDate(string text, string option, TextWriter stderr, out LocalDate date)
    {
        var parsed = LocalDatePattern.Iso.Parse(text);
        date = parsed.Success ? parsed.Value : default;
        if (!parsed.Success)
        {
            stderr.WriteLine($"coc: {option} '{text}' is not a date; write it as year-month-day, for example 2026-01-01.");
        }

        return parsed.Success;
    }

    private sealed class IsoConverter<T>(IPattern<T> pattern) : JsonConverter<T>
    {
        public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            pattern.Parse(reader.GetString()!).Value;

        public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
            writer.WriteStringValue(pattern.Format(value));
    }
}
