using ContinuityOfCare.Workflows.Definitions;
using System.CommandLine;
using ContinuityOfCare.Workflows.Runtime.Calendar;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary>
/// <c>coc holidays</c>: which bank holidays deadlines are counted with, and importing a newer
/// GOV.UK <c>bank-holidays.json</c> into the data folder (where the server reads it too).
/// </summary>
internal static class HolidaysCommand
{
    public const string FileName = CalendarSource.ImportedFileName;

    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var command = new Command("holidays", "Show the bank holidays deadlines are counted with, or import a newer GOV.UK bank-holidays.json.");
        command.Subcommands.Add(Import(stdout, stderr, workingDirectory));
        command.Subcommands.Add(Show(stdout, stderr, workingDirectory));
        return command;
    }

    private static Command Import(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var file = new Argument<string>("file") { Description = "A bank-holidays.json in the GOV.UK shape (for example downloaded from GOV.UK)." };
        var data = DataFolder.Option();
        var command = new Command("import", $"Check a bank-holidays.json and put it in the data folder as {FileName}; a bad file changes nothing.") { file, data };
        command.SetAction(result =>
        {
            var source = Path.GetFullPath(result.GetValue(file)!, workingDirectory);
            var folder = Path.GetFullPath(result.GetValue(data)!, workingDirectory);
            if (!File.Exists(source))
            {
                stderr.WriteLine($"coc: '{result.GetValue(file)}' is not a file.");
                return ExitCodes.Usage;
            }

            try
            {
                Directory.CreateDirectory(folder);
                var summary = BankHolidayImport.Import(source, Path.Combine(folder, FileName));
                stdout.WriteLine($"Imported {PathwayFiles.Display(source, workingDirectory)} into {PathwayFiles.Display(summary.TargetPath, workingDirectory)}:");
                foreach (var division in summary.Divisions)
                {
                    stdout.WriteLine($"  {division}");
                }

                return ExitCodes.Success;
            }
            catch (CalendarDataException exception)
            {
                stderr.WriteLine($"coc: {exception.Message}");
                stderr.WriteLine("Nothing was changed.");
                return ExitCodes.Problems;
            }
        });
        return command;
    }

    private static Command Show(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var data = DataFolder.Option();
        var year = new Option<int?>("--year") { Description = "List the bank holidays of one year." };
        var calendar = new Option<string>("--calendar")
        {
            Description = "The calendar to list (default: england-and-wales).",
            DefaultValueFactory = _ => PathwayDefaults.Calendar,
        };
        var command = new Command("show", "Say, for each calendar, which years' bank holidays are official (published) and which are projected by rule; with --year, list that year's bank holidays.") { data, year, calendar };
        command.SetAction(result =>
        {
            var imported = Path.Combine(Path.GetFullPath(result.GetValue(data)!, workingDirectory), FileName);
            try
            {
                var calendars = CalendarSource.WithImportedFile(imported);
                stdout.WriteLine(calendars.Imported is not null
                    ? $"Bank holidays from {PathwayFiles.Display(imported, workingDirectory)}, over the built-in list for the years and calendars it does not have:"
                    : $"Bank holidays from the built-in list ({FileName} is not in the data folder):");
                foreach (var coverage in calendars.Coverage())
                {
                    var count = Enumerable.Range(coverage.FirstOfficialYear, coverage.LastOfficialYear - coverage.FirstOfficialYear + 1)
                        .Sum(y => calendars.HolidaysIn(coverage.Name, y)?.Count ?? 0);
                    stdout.WriteLine($"  {coverage.Name}: official {coverage.OfficialYearsText}, {CocCommand.Count(count, "bank holiday")}; " +
                        (coverage.HasRules
                            ? $"projected by rule before {coverage.FirstOfficialYear} and from {coverage.LastOfficialYear + 1}"
                            : "no rules are known, so no other year can be counted"));
                }

                if (result.GetValue(year) is { } wanted)
                {
                    var name = result.GetValue(calendar)!;
                    if (!calendars.Names.Contains(name))
                    {
                        stderr.WriteLine($"coc: there is no calendar '{name}'.");
                        return ExitCodes.Usage;
                    }

                    if (calendars.HolidaysIn(name, wanted) is not { } holidays)
                    {
                        stderr.WriteLine($"coc: the bank holidays of {name} in {wanted} are not known.");
                        return ExitCodes.Problems;
                    }

                    stdout.WriteLine($"{name}, {wanted} ({(calendars.Get(name).IsProjected(new NodaTime.LocalDate(wanted, 1, 1)) ? "projected by rule: a one-off holiday declared later is not here" : "official")}):");
                    foreach (var holiday in holidays)
                    {
                        stdout.WriteLine($"  {holiday.Date.ToString("dddd d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture)}  {holiday.Title}");
                    }
                }

                return ExitCodes.Success;
            }
            catch (CalendarDataException exception)
            {
                stderr.WriteLine($"coc: {exception.Message}");
                return ExitCodes.Problems;
            }
        });
        return command;
    }
}
