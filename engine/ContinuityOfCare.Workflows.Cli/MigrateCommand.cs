using System.CommandLine;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Migration;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Timers;
using NodaTime;
using NodaTime.Text;

namespace ContinuityOfCare.Workflows.Cli;

/// <summary><c>coc migrate</c>: move the running cases of one version onto another, with a dry run first.</summary>
internal static class MigrateCommand
{
    private static readonly LocalDateTimePattern Local = LocalDateTimePattern.CreateWithInvariantCulture("uuuu-MM-dd HH:mm");

    public static Command Build(TextWriter stdout, TextWriter stderr, string workingDirectory)
    {
        var planFile = new Option<string>("--plan") { Description = "The migration plan (JSON): pathway, partnership, from and to version numbers, and where cases in removed states go. See docs/migration.md.", Required = true };
        var dryRun = new Option<bool>("--dry-run") { Description = "Say what moving each case would do, and change nothing." };
        var author = new Option<string?>("--author") { Description = "Who is moving the cases (recorded in each case's history). Required unless --dry-run." };
        var data = DataFolder.Option();
        var command = new Command(
            "migrate",
            "Move the running cases of one version of a pathway onto another, each case whole or not at all. "
            + "Exit codes: 0 every case moved (or, with --dry-run, would move), 1 some cases cannot move (nothing is moved then), 2 wrong usage or a plan that cannot be read.")
        {
            planFile, dryRun, author, data,
        };
        command.SetAction(result => DataFolder.Run(async () =>
        {
            var isDryRun = result.GetValue(dryRun);
            var who = result.GetValue(author);
            if (!isDryRun && string.IsNullOrWhiteSpace(who))
            {
                stderr.WriteLine("coc: say who is moving the cases with --author (it is recorded in each case's history), or use --dry-run.");
                return ExitCodes.Usage;
            }

            var path = Path.GetFullPath(result.GetValue(planFile)!, workingDirectory);
            if (!File.Exists(path))
            {
                stderr.WriteLine($"coc: the plan '{result.GetValue(planFile)}' does not exist.");
                return ExitCodes.Usage;
            }

            MigrationPlanFile written;
            try
            {
                written = MigrationPlanFile.Parse(await File.ReadAllTextAsync(path));
            }
            catch (FormatException error)
            {
                stderr.WriteLine($"coc: {result.GetValue(planFile)}: {error.Message}");
                return ExitCodes.Usage;
            }

            var folder = Path.GetFullPath(result.GetValue(data)!, workingDirectory);
            await using var database = new RuntimeDatabase(DatabaseOptions.InDataFolder(folder));
            await database.MigrateAsync();
            var catalog = new VersionedDefinitionCatalog(new EfPathwayVersionStore(database));
            var calendars = DataFolder.Calendars(folder);
            var runtime = new PathwayRuntime(
                catalog, new EfRuntimeStore(database), new InMemoryTimerScheduler(), new DeadlineCalculator(calendars), new ScribanNotificationRenderer(), TimeProvider.System);

            MigrationReport report;
            try
            {
                var migration = await runtime.Migrations.ResolveAsync(await written.ToPlanAsync(catalog));
                report = await runtime.Migrations.MigrateAllAsync(migration, isDryRun, Actor.Manager(who?.Trim() ?? "dry-run"));
            }
            catch (NotFoundException missing)
            {
                stderr.WriteLine($"coc: {missing.Message}");
                return ExitCodes.Usage;
            }

            Write(stdout, written, report);
            return report.Blocked.IsEmpty && report.Refused == 0 ? ExitCodes.Success : ExitCodes.Problems;
        }, stderr));
        return command;
    }

    private static void Write(TextWriter stdout, MigrationPlanFile plan, MigrationReport report)
    {
        var zone = DateTimeZoneProviders.Tzdb.GetZoneOrNull(report.Migration.To.TimeZone) ?? DateTimeZone.Utc;
        string When(Instant? instant) => instant is { } at ? Local.Format(at.InZone(zone).LocalDateTime) : "no deadline";
        string Due(Instant? instant) => instant is null ? "no deadline" : $"due {When(instant)}";

        stdout.WriteLine($"{(report.DryRun ? "Dry run: moving" : "Moving")} the running cases of '{plan.Pathway}' in '{plan.Partnership}' from version {plan.From} to version {plan.To}.");
        foreach (var mapping in report.Migration.Mappings.Where(m => m.Reason != MappingReason.SameId))
        {
            stdout.WriteLine($"  {mapping.From} → {mapping.To} ({(mapping.Reason == MappingReason.Plan ? "the plan" : "declared rename")})");
        }

        foreach (var line in report.Blocked)
        {
            stdout.WriteLine($"Cannot go ahead: {line}");
        }

        foreach (var moved in report.Cases)
        {
            if (moved.Refused is { } why)
            {
                stdout.WriteLine($"{moved.PrisonNumber}  {moved.FromState}: cannot move. {why}");
                continue;
            }

            var verb = moved.Applied ? "moved" : "would move";
            stdout.WriteLine($"{moved.PrisonNumber}  {moved.FromState} → {moved.ToState}: {verb}");
            foreach (var action in moved.Actions)
            {
                stdout.WriteLine(action.Move switch
                {
                    ActionMove.Kept when action.OldDueAt == action.NewDueAt => $"    action {action.ActionId} ({action.Agency}) kept, {Due(action.NewDueAt)}",
                    ActionMove.Kept => $"    action {action.ActionId} ({action.Agency}) kept, due {When(action.OldDueAt)} → {When(action.NewDueAt)}",
                    ActionMove.Cancelled => $"    action {action.ActionId} ({action.Agency}) cancelled",
                    _ => $"    action {action.ActionId} ({action.Agency}) opened, {Due(action.NewDueAt)}",
                });
            }

            foreach (var timer in moved.Timers.Where(t => t.OldDueAt != t.NewDueAt))
            {
                stdout.WriteLine($"    timer to {timer.Target}: {(timer.OldDueAt is null ? "set for" : $"{When(timer.OldDueAt)} →")} {When(timer.NewDueAt)}");
            }
        }

        var total = report.Cases.Length;
        stdout.WriteLine(report switch
        {
            { Blocked.IsEmpty: false } => $"Nothing moved: {CocCommand.Count(report.Refused, "case")} of {total} cannot move under this plan.",
            { DryRun: true } => $"{CocCommand.Count(report.Movable, "case")} of {total} would move; nothing was changed.",
            _ => $"{CocCommand.Count(report.Moved, "case")} of {total} moved" + (report.Refused > 0 ? $"; {report.Refused} could not be moved (see above)." : "."),
        });
    }
}
