using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language.Tests;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Timers;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace ContinuityOfCare.Workflows.Cli.Tests;

/// <summary>
/// The national pathway published twice (the second version gives the CJIT three working days, not
/// five, to report contact after release, and renames the missed-appointment state), cases running
/// on the first, then compared, dry-run and moved from the command line on the embedded database.
/// </summary>
public sealed class MigrateCommandTests : IDisposable
{
    private const string Partnership = "National journey map (template for local partnerships)";
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    private readonly TempFolder _folder = new();

    public MigrateCommandTests()
    {
        var national = File.ReadAllText(Path.Combine(RepositoryPaths.Pathways, "national", "custody-to-community.pathway"));
        _folder.Write("v1.pathway", national);
        var v2 = national
            .Replace("by cjit within 5 working days of released", "by cjit within 3 working days of released")
            .Replace("state missed-appointment \"", "state follow-up-appointment (was missed-appointment) \"")
            .Replace("-> missed-appointment", "-> follow-up-appointment");
        Assert.NotEqual(national, v2);
        _folder.Write("v2.pathway", v2);
        _folder.Write("plan.json", $$"""
            { "pathway": "custody-to-community", "partnership": "{{Partnership}}", "from": 1, "to": 2 }
            """);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder.Path, recursive: true);
    }

    [Fact]
    public async Task CasesOnTheFirstVersionAreDryRunThenMovedAndTheMoveIsInTheirHistory()
    {
        Assert.Equal(ExitCodes.Success, CocRunner.Run(_folder.Path, "publish", "v1.pathway", "--author", "Pat Lead (fictional)", "--note", "National map").ExitCode);
        var (released, missed) = await StartCasesOnVersion1Async();
        Assert.Equal(ExitCodes.Success, CocRunner.Run(_folder.Path, "publish", "v2.pathway", "--author", "Pat Lead (fictional)", "--note", "Report contact in 3 working days").ExitCode);

        // The published versions compare as the files do.
        var diff = CocRunner.Run(_folder.Path, "diff", "custody-to-community@1", "custody-to-community@2");
        Assert.Equal(ExitCodes.Problems, diff.ExitCode);
        Assert.Contains("state missed-appointment → follow-up-appointment", diff.Output);
        Assert.Contains("report contact: within 5 working days of released → within 3 working days of released", diff.Output);

        var dryRun = CocRunner.Run(_folder.Path, "migrate", "--plan", "plan.json", "--dry-run");
        Assert.Equal(ExitCodes.Success, dryRun.ExitCode);
        Assert.Contains("  missed-appointment → follow-up-appointment (declared rename)\n", dryRun.Output);
        Assert.Contains("A1111AA  released-to-community → released-to-community: would move\n", dryRun.Output);
        Assert.Contains("A2222BB  missed-appointment → follow-up-appointment: would move\n", dryRun.Output);
        Assert.EndsWith("2 cases of 2 would move; nothing was changed.\n", dryRun.Output);
        Assert.Equal(1, await VersionNumberOfAsync(released.Id));

        var applied = CocRunner.Run(_folder.Path, "migrate", "--plan", "plan.json", "--author", "Pat Lead (fictional)");
        Assert.Equal(ExitCodes.Success, applied.ExitCode);
        Assert.EndsWith("2 cases of 2 moved.\n", applied.Output);

        await using var session = await OpenAsync();
        var moved = (await session.Store.FindInstanceAsync(missed.Id))!;
        Assert.Equal(("follow-up-appointment", 2), (moved.State, await VersionNumberOfAsync(missed.Id)));
        var history = await session.Store.GetHistoryAsync(released.Id);
        var record = Assert.Single(history, h => h.Change is CaseMigrated);
        Assert.Equal("Pat Lead (fictional)", record.Actor.UserId);
        Assert.Equal("released-to-community", ((CaseMigrated)record.Change).ToState);

        // The CJIT's deadline is now three working days after release, not five.
        var report = (await session.Store.GetActionsAsync(released.Id)).Single(a => a.ActionId == "report-contact");
        var moveLine = Assert.Single(history.Select(h => h.Change).OfType<DeadlineMoved>(), d => d.ActionId == "report-contact");
        Assert.Equal("migration", moveLine.Because);
        Assert.Equal(report.DueAt, moveLine.NewDueAt);
        Assert.True(moveLine.NewDueAt < moveLine.OldDueAt);

        // Moved once, the cases are on version 2: running the plan again finds none to move.
        var again = CocRunner.Run(_folder.Path, "migrate", "--plan", "plan.json", "--author", "Pat Lead (fictional)");
        Assert.Equal(ExitCodes.Success, again.ExitCode);
        Assert.EndsWith("0 cases of 0 moved.\n", again.Output);
    }

    [Fact]
    public async Task APlanThatLeavesCasesWithNowhereToGoMovesNothing()
    {
        _folder.Write("v2.pathway", File.ReadAllText(Path.Combine(_folder.Path, "v2.pathway")).Replace("(was missed-appointment) ", ""));
        Assert.Equal(ExitCodes.Success, CocRunner.Run(_folder.Path, "publish", "v1.pathway", "--author", "Pat Lead (fictional)", "--note", "National map").ExitCode);
        var (released, missed) = await StartCasesOnVersion1Async();
        Assert.Equal(ExitCodes.Success, CocRunner.Run(_folder.Path, "publish", "v2.pathway", "--author", "Pat Lead (fictional)", "--note", "Renamed without saying so").ExitCode);

        var run = CocRunner.Run(_folder.Path, "migrate", "--plan", "plan.json", "--author", "Pat Lead (fictional)");

        Assert.Equal(ExitCodes.Problems, run.ExitCode);
        Assert.Contains("Cannot go ahead: Cases are in state 'missed-appointment', which the target version does not have; the plan must say where they go.", run.Output);
        Assert.Contains("A2222BB  missed-appointment: cannot move.", run.Output);
        Assert.EndsWith("Nothing moved: 1 case of 2 cannot move under this plan.\n", run.Output);
        Assert.Equal(1, await VersionNumberOfAsync(released.Id));
        Assert.Equal(1, await VersionNumberOfAsync(missed.Id));

        // Saying where they go lets every case move.
        _folder.Write("plan.json", $$"""
            { "pathway": "custody-to-community", "partnership": "{{Partnership}}", "from": 1, "to": 2,
              "states": { "missed-appointment": "follow-up-appointment" } }
            """);
        var planned = CocRunner.Run(_folder.Path, "migrate", "--plan", "plan.json", "--author", "Pat Lead (fictional)");
        Assert.Equal(ExitCodes.Success, planned.ExitCode);
        Assert.Contains("  missed-appointment → follow-up-appointment (the plan)\n", planned.Output);
        Assert.Equal(2, await VersionNumberOfAsync(missed.Id));
    }

    [Theory]
    [InlineData("{ \"pathway\": \"custody-to-community\" }", "The plan needs \"partnership\" as a string.")]
    [InlineData("{ \"pathway\": \"custody-to-community\", \"partnership\": \"x\", \"from\": 0, \"to\": 2 }", "The plan needs \"from\" as a version number (1, 2, 3, ...).")]
    [InlineData("{ \"pathway\": \"p\", \"partnership\": \"x\", \"from\": 1, \"to\": 2, \"state\": {} }", "The plan has an unknown property \"state\"")]
    [InlineData("{ \"pathway\": \"p\", \"partnership\": \"x\", \"from\": 1, \"to\": 2 }", "There is no version 1 of pathway 'p' in 'x'.")]
    [InlineData("not json", "The plan is not valid JSON")]
    public void APlanThatCannotBeReadIsAUsageErrorAndChangesNothing(string plan, string message)
    {
        _folder.Write("bad.json", plan);

        var run = CocRunner.Run(_folder.Path, "migrate", "--plan", "bad.json", "--dry-run");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains(message, run.Error);
        Assert.Equal("", run.Output);
    }

    [Fact]
    public void MovingCasesSaysWhoIsMovingThem()
    {
        var run = CocRunner.Run(_folder.Path, "migrate", "--plan", "plan.json");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("--author", run.Error);
    }

    [Fact]
    public void APublishedVersionThatDoesNotExistIsAUsageError()
    {
        Assert.Equal(ExitCodes.Success, CocRunner.Run(_folder.Path, "publish", "v1.pathway", "--author", "Pat Lead (fictional)", "--note", "National map").ExitCode);

        var run = CocRunner.Run(_folder.Path, "diff", "custody-to-community@1", "custody-to-community@7");

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("there is no version 7 of pathway 'custody-to-community'", run.Error);
    }

    /// <summary>Two fictional people on version 1: one released (contact report due), one who missed a first appointment.</summary>
    private async Task<(PathwayInstance Released, PathwayInstance Missed)> StartCasesOnVersion1Async()
    {
        await using var session = await OpenAsync();
        var released = await ToReleasedAsync(session, "A1111AA");
        var missed = await ToReleasedAsync(session, "A2222BB");
        missed = await session.RaiseAsync(missed, "referral-received", "treatment", ("treatment-service", "Northgate Recovery Service (fictional)"));
        missed = await session.RaiseAsync(missed, "appointment-offered", "treatment", ("appointment-at", "2026-10-13T10:00"));
        missed = await session.RaiseAsync(missed, "did-not-attend", "treatment");
        Assert.Equal("missed-appointment", missed.State);
        return (released, missed);
    }

    private static async Task<PathwayInstance> ToReleasedAsync(Session session, string prisonNumber)
    {
        var instance = (await session.Runtime.Cases.StartAsync(
            new StartCase("custody-to-community", Partnership, new Person(prisonNumber, "Alex Example (fictional)", new LocalDate(1990, 1, 1)), ConsentRecorded: true),
            Actor.Caseworker("healthcare-worker", "healthcare"))).Instance;
        instance = await session.RaiseAsync(instance, "arrived", "healthcare", ("prison", "HMP Northgate (fictional)"));
        instance = await session.RaiseAsync(instance, "origin-recorded", "healthcare", ("origin", "another-prison"));
        instance = await session.RaiseAsync(instance, "carats-engaged", "carats");
        instance = await session.RaiseAsync(instance, "release-date-set", "carats", ("release-date", "2026-10-08"), ("key-worker", "Sam Keyworker (fictional)"));
        instance = await session.RaiseAsync(instance, "released", "carats", ("release-date", "2026-10-08"));
        Assert.Equal("released-to-community", instance.State);
        return instance;
    }

    private async Task<int> VersionNumberOfAsync(Guid instanceId)
    {
        await using var session = await OpenAsync();
        var instance = (await session.Store.FindInstanceAsync(instanceId))!;
        var versions = await new EfPathwayVersionStore(session.Database).ListVersionsAsync("custody-to-community", Partnership);
        return versions.Single(v => v.ContentHash == instance.Definition.ContentHash).Number;
    }

    private async Task<Session> OpenAsync()
    {
        var database = new RuntimeDatabase(DatabaseOptions.SqliteFile(Path.Combine(_folder.Path, "data", "continuity.db")));
        await database.MigrateAsync();
        var catalog = new VersionedDefinitionCatalog(new EfPathwayVersionStore(database));
        var store = new EfRuntimeStore(database);
        var runtime = new PathwayRuntime(catalog, store, new InMemoryTimerScheduler(), new DeadlineCalculator(CalendarSource.Default), new ScribanNotificationRenderer(), TimeProvider.System);
        return new Session(database, catalog, store, runtime);
    }

    private sealed record Session(RuntimeDatabase Database, VersionedDefinitionCatalog Catalog, EfRuntimeStore Store, PathwayRuntime Runtime) : IAsyncDisposable
    {
        public async Task<PathwayInstance> RaiseAsync(PathwayInstance instance, string eventName, string agency, params (string Field, string Value)[] fields)
        {
            var definition = (await Catalog.FindAsync(instance.Definition))!;
            var values = fields.ToImmutableDictionary(
                f => f.Field,
                f => FieldValues.TryParse(definition.FindField(f.Field)!, f.Value, London, out var value, out var error) ? value! : throw new ArgumentException(error));
            return (await Runtime.Cases.RaiseEventAsync(instance.Id, eventName, values, note: null, Actor.Caseworker($"{agency}-worker", agency))).Instance;
        }

        public async ValueTask DisposeAsync()
        {
            SqliteConnection.ClearPool(new SqliteConnection(Database.Options.ConnectionString));
            await Database.DisposeAsync();
        }
    }
}
