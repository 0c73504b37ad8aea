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
        var command = new Command("show", "Say which calendars are known and for which years; with --year, list that year's bank holidays.") { data, year, calendar };
        command.SetAction(result =>
        {
            var imported = Path.Combine(Path.GetFullPath(result.GetValue(data)!, workingDirectory), FileName);
            try
            {
                var file = File.Exists(imported) ? BankHolidayFile.Load(imported) : BankHolidayFile.Embedded;
                stdout.WriteLine(File.Exists(imported)
                    ? $"Bank holidays from {PathwayFiles.Display(imported, workingDirectory)} (the built-in list for any calendar it does not have):"
                    : $"Bank holidays from the built-in list ({FileName} is not in the data folder):");
                var builtIn = BankHolidayFile.Embedded.Divisions.Where(d => file.Divisions.All(f => f.Name != d.Name));
                foreach (var division in file.Divisions.Concat(builtIn).OrderBy(d => d.Name, StringComparer.Ordinal))
                {
                    stdout.WriteLine($"  {division.Name}: {division.FirstYear} to {division.LastYear}, {CocCommand.Count(division.Events.Count, "bank holiday")}");
                }

                if (result.GetValue(year) is { } wanted)
                {
                    var name = result.GetValue(calendar)!;
                    var division = file.Divisions.Concat(BankHolidayFile.Embedded.Divisions).FirstOrDefault(d => d.Name == name);
                    if (division is null)
                    {
                        stderr.WriteLine($"coc: there is no calendar '{name}'.");
                        return ExitCodes.Usage;
                    }

                    stdout.WriteLine($"{name}, {wanted}:");
                    foreach (var holiday in division.Events.Where(e => e.Date.Year == wanted))
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
