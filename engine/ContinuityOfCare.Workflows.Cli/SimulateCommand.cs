using System.CommandLine;
using System.Text.Json;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Outcomes.Reports;
using ContinuityOfCare.Workflows.Outcomes.Simulation;
using NodaTime;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary>
/// <c>coc simulate</c>: replays a synthetic cohort through one pathway file and prints the outcome
/// reports, or through two and prints their headline figures side by side with the difference.
/// </summary>
internal static class SimulateCommand
{
    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var files = new Argument<string[]>("pathways") { Description = "One pathway file, or two to compare (the same cohort and seed run through each).", Arity = new ArgumentArity(1, 2) };
        var cohort = new Option<string>("--cohort") { Description = "The cohort file (JSON; see docs/reports.md#simulation).", Required = true };
        var people = new Option<int?>("--people") { Description = "How many people to simulate (the cohort file's number unless given)." };
        var seed = new Option<int>("--seed") { Description = "The seed of the random numbers: the same seed gives the same reports.", DefaultValueFactory = _ => 1 };
        var report = new Option<string?>("--report") { Description = "Only this report of one pathway, as coc report prints it: indicator, exclusions, funnel, compliance or time-in-state." };
        report.AcceptOnlyFromAmong(ReportCommand.Kinds);
        var from = new Option<string?>("--from") { Description = "The first day the reports cover (the cohort's start unless given)." };
        var to = new Option<string?>("--to") { Description = "The day after the last the reports cover (the day after the simulation ends unless given)." };
        var format = ReportCommand.Format();
        var command = new Command(
            "simulate",
            "Run a synthetic cohort through one pathway, in memory on a simulated clock, and print the outcome reports; "
            + "with two pathway files, print their figures side by side with the difference. Exit codes: 0 done, 2 wrong usage or a bad pathway or cohort file.")
        {
            files, cohort, people, seed, report, from, to, format,
        };
        command.SetAction(async (result, cancellationToken) =>
        {
            var paths = result.GetValue(files)!;
            var definitions = new List<(PathwayDefinition Definition, string Display)>();
            foreach (var path in paths)
            {
                if (!CocCommand.TryCompile(path, workingDirectory, stderr, out var compiled, out var display))
                {
                    return ExitCodes.Usage;
                }

                definitions.Add((compiled!.Definition!, display));
            }

            if (definitions.Count == 2 && result.GetValue(report) is not null)
            {
                stderr.WriteLine("coc: --report prints one report of one pathway; with two pathways the figures are compared side by side.");
                return ExitCodes.Usage;
            }

            var read = ReadCohort(result.GetValue(cohort)!, [.. definitions.Select(d => d.Definition)], workingDirectory, stderr);
            if (read is null || !TryPeriod(result.GetValue(from), result.GetValue(to), stderr, out var start, out var end))
            {
                return ExitCodes.Usage;
            }

            var options = new SimulationOptions(result.GetValue(people), result.GetValue(seed));
            if (options.People is < 1)
            {
                stderr.WriteLine("coc: --people must be 1 or more.");
                return ExitCodes.Usage;
            }

            try
            {
                var runs = new List<SimulationRun>();
                foreach (var (definition, _) in definitions)
                {
                    runs.Add(await Simulator.RunAsync(definition, read, options, cancellationToken));
                }

                // Both pathways are reported over the same period: the widest either run needs.
                var periodFrom = start ?? runs.Min(r => r.DefaultPeriod.From);
                var periodTo = end ?? runs.Max(r => r.DefaultPeriod.To);
                var reports = new List<OutcomeReports>();
                foreach (var run in runs)
                {
                    reports.Add(await run.ReportsAsync(periodFrom, periodTo, cancellationToken: cancellationToken));
                }

                stdout.Write(runs.Count == 1
                    ? Single(runs[0], reports[0], result.GetValue(report), result.GetValue(format)!)
                    : SideBySide(runs, reports, [.. definitions.Select(d => d.Display)], periodFrom, periodTo, result.GetValue(format)!));
                return ExitCodes.Success;
            }
            catch (Exception refused) when (refused is SimulationException or ReportRequestException)
            {
                stderr.WriteLine($"coc: {refused.Message}");
                return ExitCodes.Usage;
            }
        });
        return command;
    }

    private static Cohort? ReadCohort(string argument, IReadOnlyList<PathwayDefinition> pathways, string workingDirectory, TextWriter stderr)
    {
        var full = Path.GetFullPath(argument, workingDirectory);
        if (!File.Exists(full))
        {
            stderr.WriteLine($"coc: '{argument}' is not a file.");
            return null;
        }

        var read = CohortFile.Read(File.ReadAllText(full), pathways);
        var display = PathwayFiles.Display(full, workingDirectory);
        foreach (var error in read.Errors)
        {
            stderr.WriteLine(error.Line is { } line ? $"{display}({line}): {error.Path}: {error.Message}" : $"{display}: {error.Path}: {error.Message}");
        }

        if (!read.Succeeded)
        {
            stderr.WriteLine($"{display}: {CocCommand.Count(read.Errors.Length, "mistake")}; nothing simulated.");
        }

        return read.Cohort;
    }

    private static bool TryPeriod(string? from, string? to, TextWriter stderr, out LocalDate? start, out LocalDate? end)
    {
        start = end = null;
        if (from is not null)
        {
            if (!ReportCommand.TryDate(from, "--from", stderr, out var date))
            {
                return false;
            }

            start = date;
        }

        if (to is not null)
        {
            if (!ReportCommand.TryDate(to, "--to", stderr, out var date))
            {
                return false;
            }

            end = date;
        }

        return true;
    }

    private static string Single(SimulationRun run, OutcomeReports reports, string? kind, string format) => (kind, format) switch
    {
        (not null, _) => ReportCommand.Write(kind, format, reports),
        (_, "csv") => SimulationText.MeasuresCsv(reports),
        (_, "json") => JsonSerializer.Serialize(new { Simulation = Describe(run), Reports = reports }, ReportCommand.Json) + "\n",
        _ => SimulationText.Reports(run, reports),
    };

    private static string SideBySide(List<SimulationRun> runs, List<OutcomeReports> reports, string[] labels, LocalDate from, LocalDate to, string format)
    {
        var comparison = SimulationComparison.Of(labels[0], reports[0], labels[1], reports[1]);
        return format switch
        {
            "csv" => SimulationText.ComparisonCsv(comparison),
            "json" => JsonSerializer.Serialize(new { Simulations = runs.Select(Describe), Comparison = comparison, Reports = reports }, ReportCommand.Json) + "\n",
            _ => SimulationText.Comparison(runs[0], runs[1], comparison, from, to),
        };
    }

    private static object Describe(SimulationRun run) => new
    {
        Pathway = run.Pathway.Id,
        run.Pathway.Partnership,
        run.Cohort.Description,
        run.People,
        run.Seed,
        run.Started,
        run.Ended,
        run.EventsRecorded,
        run.ActionsDone,
        run.TimersFired,
    };
}
