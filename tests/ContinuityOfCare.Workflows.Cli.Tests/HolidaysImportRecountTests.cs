using System.Collections.Immutable;
using System.Text.Json;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using ContinuityOfCare.Workflows.Runtime.Timers;
using Microsoft.Data.Sqlite;
using NodaTime;

namespace ContinuityOfCare.Workflows.Cli.Tests;

/// <summary>
/// <c>coc holidays import</c> on a data folder with a case: a bad file changes neither the file nor
/// the case; a newer file moves the deadline it affects and the case's history says why.
/// </summary>
public sealed class HolidaysImportRecountTests : IDisposable
{
    private const string Partnership = "Testshire (fictional)";

    private const string Pathway = """
        pathway recount
          title "Recount"
          partnership "Testshire (fictional)"
          calendar england-and-wales

        agency prison "Prison team"

        field release-date: date "Release date"

        start state custody "In custody"
          stage "Custody"
          owner prison
          action plan "Plan the release"
            by prison 6 weeks before release-date
          on release-date-set with release-date
          on released by prison -> out

        final state out "Released"
          stage "Community"
          owner prison
          outcome continuity-achieved
        """;

    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task ABadFileChangesNothingAndANewerOneMovesTheDeadlineItAffectsWithAHistoryLine()
    {
        _folder.Write("recount.pathway", Pathway);
        Assert.Equal(ExitCodes.Success, CocRunner.Run(_folder.Path, "publish", "recount.pathway", "--author", "Pat Lead (fictional)", "--note", "Recount").ExitCode);
        Guid id;
        await using (var session = await OpenAsync())
        {
            // Six weeks before Wednesday 14 June 2028 is Wednesday 3 May 2028.
            id = await session.StartWithReleaseDateAsync(new LocalDate(2028, 6, 14));
        }

        var before = await SnapshotAsync(id);
        _folder.Write("broken.json", """{"england-and-wales": {"division": "england-and-wales", "events": [{"title": "Oops", "date": "2028-13-01"}]}}""");
        var refused = CocRunner.Run(_folder.Path, "holidays", "import", "broken.json");

        Assert.Equal(ExitCodes.Problems, refused.ExitCode);
        Assert.EndsWith("Nothing was changed.\n", refused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder.Path, "data", "bank-holidays.json")));
        Assert.Equal(before, await SnapshotAsync(id));

        _folder.Write("newer.json", Published2028WithAOneOff());
        var imported = CocRunner.Run(_folder.Path, "holidays", "import", "newer.json");

        Assert.Equal(ExitCodes.Success, imported.ExitCode);
        Assert.Equal(
            "Imported newer.json into data/bank-holidays.json:\n" +
            "  england-and-wales: 2028 to 2028, 9 bank holidays\n" +
            "  england-and-wales: bank holidays for 2028 published\n" +
            "Worked out the deadlines and timers of 1 active case on the changed calendars again: 1 due time moved in 1 case.\n" +
            "  A1234BC (england-and-wales): 1 due time moved\n",
            imported.Output);
        await using (var session = await OpenAsync())
        {
            var plan = (await session.Store.GetActionsAsync(id)).Single(a => a.ActionId == "plan");
            Assert.Equal((Instant.FromUtc(2028, 5, 2, 23, 0), false), (plan.DueAt!.Value, plan.DueProvisional));
            var line = (await session.Store.GetHistoryAsync(id)).Last();
            Assert.Equal("Deadline for 'plan' moved: bank holidays for 2028 published.", line.Change.Describe());
        }
    }

    private static string Published2028WithAOneOff()
    {
        var events = BankHolidayRules.For(BankHolidayRules.EnglandAndWales, 2028)
            .Select(h => new { title = h.Title, date = h.Date.ToString("yyyy-MM-dd", null), notes = h.Notes, bunting = h.Bunting })
            .Append(new { title = "A one-off bank holiday (made up)", date = "2028-05-03", notes = "", bunting = true });
        return JsonSerializer.Serialize(new Dictionary<string, object> { ["england-and-wales"] = new { division = "england-and-wales", events } });
    }

    /// <summary>The case's version, due times and history, to show that nothing changed.</summary>
    private async Task<string> SnapshotAsync(Guid id)
    {
        await using var session = await OpenAsync();
        var instance = (await session.Store.FindInstanceAsync(id))!;
        var actions = await session.Store.GetActionsAsync(id);
        var timers = await session.Store.GetPendingTimersAsync(id);
        var history = await session.Store.GetHistoryAsync(id);
        return $"{instance.Version} {string.Join(",", actions.Select(a => $"{a.DueAt}/{a.DueProvisional}"))} {string.Join(",", timers.Select(t => $"{t.DueAt}/{t.DueProvisional}"))} {history.Count}";
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
        public async Task<Guid> StartWithReleaseDateAsync(LocalDate releaseDate)
        {
            var actor = Actor.Caseworker("prison-worker", "prison");
            var instance = (await Runtime.Cases.StartAsync(
                new StartCase("recount", Partnership, new Person("A1234BC", "Alex Example (fictional)", new LocalDate(1990, 1, 1)), ConsentRecorded: true), actor)).Instance;
            var values = ImmutableDictionary<string, FieldValue>.Empty.Add("release-date", new DateValue(releaseDate));
            await Runtime.Cases.RaiseEventAsync(instance.Id, "release-date-set", values, note: null, actor);
            return instance.Id;
        }

        public async ValueTask DisposeAsync()
        {
            SqliteConnection.ClearPool(new SqliteConnection(Database.Options.ConnectionString));
            await Database.DisposeAsync();
        }
    }
}
