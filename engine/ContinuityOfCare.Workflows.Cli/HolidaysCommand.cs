using ContinuityOfCare.Workflows.Definitions;
using System.CommandLine;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Timers;
using Microsoft.Data.Sqlite;

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
        var postgreSql = new Option<string?>("--postgresql") { Description = "A PostgreSQL connection string whose cases' deadlines are worked out again; without it, the embedded database in the data folder." };
        var command = new Command(
            "import",
            $"Check a bank-holidays.json and put it in the data folder as {FileName}, then work out again every pending deadline and timer it moves, recording why in each case's history; a bad file changes nothing. Restart the servers afterwards so they count with it.")
        {
            file, data, postgreSql,
        };
        command.SetAction(result => DataFolder.Run(async () =>
        {
            var source = Path.GetFullPath(result.GetValue(file)!, workingDirectory);
            var folder = Path.GetFullPath(result.GetValue(data)!, workingDirectory);
            if (!File.Exists(source))
            {
                stderr.WriteLine($"coc: '{result.GetValue(file)}' is not a file.");
                return ExitCodes.Usage;
            }

            var target = Path.Combine(folder, FileName);
            BankHolidayFile newer;
            byte[] content;
            try
            {
                content = BankHolidayFile.ReadBytes(source);
                newer = BankHolidayFile.Parse(content, source);
            }
            catch (CalendarDataException exception)
            {
                stderr.WriteLine($"coc: {exception.Message}");
                stderr.WriteLine("Nothing was changed.");
                return ExitCodes.Problems;
            }

            CalendarSource before;
            try
            {
                before = CalendarSource.WithImportedFile(target);
            }
            catch (CalendarDataException)
            {
                // The file it replaces cannot be read, so the servers count with the built-in list.
                before = CalendarSource.Default;
            }

            var after = new CalendarSource(newer);
            var reasons = BankHolidayChanges.Between(before, after);
            Directory.CreateDirectory(folder);
            var summary = BankHolidayImport.Import(content, source, target);
            stdout.WriteLine($"Imported {PathwayFiles.Display(source, workingDirectory)} into {PathwayFiles.Display(summary.TargetPath, workingDirectory)}:");
            foreach (var division in summary.Divisions)
            {
                stdout.WriteLine($"  {division}");
            }

            foreach (var (calendar, reason) in reasons.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                stdout.WriteLine($"  {calendar}: {reason}");
            }

            var options = result.GetValue(postgreSql) is { Length: > 0 } connection
                ? DatabaseOptions.PostgreSql(connection)
                : DatabaseOptions.InDataFolder(folder);
            if (options.Provider == DatabaseProvider.Sqlite && !File.Exists(new SqliteConnectionStringBuilder(options.ConnectionString).DataSource))
            {
                stdout.WriteLine("There are no cases here, so no deadline needed working out again.");
                return ExitCodes.Success;
            }

            await using var database = new RuntimeDatabase(options);
            await database.MigrateAsync();
            var runtime = new PathwayRuntime(
                new VersionedDefinitionCatalog(new EfPathwayVersionStore(database)), new EfRuntimeStore(database), new InMemoryTimerScheduler(),
                new DeadlineCalculator(after), new ScribanNotificationRenderer(), TimeProvider.System);
            var report = await runtime.Recount.RecountAsync(reasons);
            stdout.WriteLine(
                $"Worked out the deadlines and timers of {CocCommand.Count(report.CasesChecked, "active case")} on the changed calendars again: " +
                $"{CocCommand.Count(report.Moved, "due time")} moved in {CocCommand.Count(report.Cases.Count(c => c.Refused is null), "case")}.");
            foreach (var recounted in report.Cases)
            {
                stdout.WriteLine(recounted.Refused is null
                    ? $"  {recounted.PrisonNumber} ({recounted.Calendar}): {CocCommand.Count(recounted.Moved, "due time")} moved"
                    : $"  {recounted.PrisonNumber} ({recounted.Calendar}): not worked out again: {recounted.Refused}");
            }

            return report.Cases.Any(c => c.Refused is not null) ? ExitCodes.Problems : ExitCodes.Success;
        }, stderr));
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
