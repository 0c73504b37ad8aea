using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ContinuityOfCare.Workflows.Outcomes.Simulation;
using ContinuityOfCare.Workflows.Persistence;
using ContinuityOfCare.Workflows.Persistence.Tests.Infrastructure;
using ContinuityOfCare.Workflows.Runtime.Model;
using Npgsql;
using NodaTime;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>
/// The scale phase: a throw-away PostgreSQL cluster holding a million cases in the shape the
/// runtime writes, and the calls people make on it measured through the real server, one request
/// at a time on warm caches.
///
/// Seeding: the server starts on the empty database and publishes the shipped pathways; the typical
/// cohort is simulated through the real runtime into the database for the Riverside and Northbridge
/// pathways (the templates); then every row of the templates' cases — instance, actions, timers,
/// notifications, history and stays — is copied in SQL under new ids and prison numbers, shifted in
/// time: copies of the cases that ended spread over the ten years before today, copies of the cases
/// still running placed so that they run today, their pending deadlines ahead. The totals are those
/// asked for (<c>--cases</c>, half to each pathway).
/// </summary>
public static class ScalePhase
{
    private static readonly string[] Pathways = ["riverside-custody-to-community", "northbridge-custody-to-community"];

    /// <param name="clock">The server's clock (the real one): the seeded cases run up to its now.</param>
    public static async Task RunAsync(TimeProvider clock, int cases, int samples, List<string> report, Action<string> log)
    {
        var total = Stopwatch.StartNew();
        log("Starting a PostgreSQL cluster (crash-safe settings)...");
        await using var cluster = await PostgresCluster.StartAsync(durable: true, maxConnections: 100);
        var connection = await cluster.CreateDatabaseAsync("scale");
        await using var database = new RuntimeDatabase(DatabaseOptions.PostgreSql(connection));
        await database.MigrateAsync();

        var folder = Path.Combine(Path.GetTempPath(), "coc-scale-" + Guid.NewGuid().ToString("N")[..8]);
        var pathways = Path.Combine(HttpLoad.RepositoryRoot(), "pathways");
        var data = Path.Combine(folder, "data");

        // The server publishes the shipped pathways and writes the demonstration accounts, then stops
        // while the cases are seeded (its timer sweep would otherwise fire the simulation's deadlines).
        var port = HttpLoad.FreeLoopbackPort();
        using (var first = HttpLoad.StartServer(data, pathways, connection, port))
        {
            using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await HttpLoad.WaitUntilReadyAsync(probe, first, TimeSpan.FromSeconds(120));
            var password = (await File.ReadAllTextAsync(Path.Combine(data, "demo-password.txt"))).Trim();
            await HttpLoad.TokenAsync(probe, "lead.riverside", password);
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
        }

        var seeded = await SeedAsync(cluster, database, connection, cases, Instant.FromDateTimeOffset(clock.GetUtcNow()), log);
        report.Add($"| Seeded: cases / actions / history lines / pending timers / database size | {seeded.Cases:N0} / {seeded.Actions:N0} / {seeded.History:N0} / {seeded.PendingTimers:N0} / {seeded.Size} | | |");
        report.Add($"| … seeding took | {seeded.Took.TotalMinutes:F1} min | | |");

        port = HttpLoad.FreeLoopbackPort();
        using var server = HttpLoad.StartServer(data, pathways, connection, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromMinutes(10) };
            await HttpLoad.WaitUntilReadyAsync(http, server, TimeSpan.FromSeconds(120));
            var password = (await File.ReadAllTextAsync(Path.Combine(data, "demo-password.txt"))).Trim();

            var lead = await HttpLoad.TokenAsync(http, "lead.riverside", password);
            var rssBefore = HttpLoad.PeakRssMiB(server.Id);
            log($"Server peak RSS after seeding: {rssBefore:F0} MiB");

            // Reports for the year to the first of this month.
            var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date;
            var to = new LocalDate(today.Year, today.Month, 1);
            var from = to.PlusYears(-1);
            foreach (var kind in new[] { "indicator", "funnel", "compliance", "time-in-state" })
            {
                var url = $"/api/reports/{kind}?pathwayId={Pathways[0]}&from={from:yyyy-MM-dd}&to={to:yyyy-MM-dd}";
                var timings = await TimeAsync(http, lead, url, Math.Max(3, samples / 20), log);
                report.Add($"| Report `{kind}` for a year ({from:yyyy-MM-dd} to {to:yyyy-MM-dd}): p50 / max | {Ms(timings, 0.5)} / {Ms(timings, 1)} | ≤ 2,000 ms | |");
            }

            var rssReports = HttpLoad.PeakRssMiB(server.Id);
            report.Add($"| … server peak RSS after the reports | {rssReports:N0} MiB (before them {rssBefore:N0} MiB) | ≤ 1 GiB | {rssReports:N0} MiB |");

            // The caseload of the agency with the most outstanding actions.
            var (agency, outstanding) = await BusiestAgencyAsync(connection, Partnership(Pathways[0]));
            var caseworker = await HttpLoad.TokenAsync(http, $"{agency}.riverside", password);
            var caseload = await TimeAsync(http, caseworker, "/api/caseload", samples, log);
            report.Add($"| Caseload first page ({agency}, {outstanding:N0} outstanding actions): p50 / p95 | {Ms(caseload, 0.5)} / {Ms(caseload, 0.95)} | p95 ≤ 25 ms | |");

            var numbers = await PrisonNumbersAsync(connection, Partnership(Pathways[0]), samples);
            var search = new List<TimeSpan>();
            foreach (var number in numbers)
            {
                search.AddRange(await TimeAsync(http, lead, $"/api/cases?prisonNumber={number}", 1, log, warm: false));
            }

            search.Sort();
            report.Add($"| Search by prison number ({numbers.Count} different people): p50 / p95 | {Ms(search, 0.5)} / {Ms(search, 0.95)} | p95 ≤ 5 ms | |");

            var newest = await TimeAsync(http, lead, "/api/cases", samples, log);
            report.Add($"| Cases, newest first (first page): p50 / p95 | {Ms(newest, 0.5)} / {Ms(newest, 0.95)} | p95 ≤ 20 ms | |");

            var second = await TimeAsync(http, lead, "/api/cases?skip=50&take=50", samples, log);
            report.Add($"| Cases, newest first (second page): p50 / p95 | {Ms(second, 0.5)} / {Ms(second, 0.95)} | | |");

            await MigrationAsync(http, lead, connection, report, log);
            report.Add($"| … server peak RSS over the whole phase | {HttpLoad.PeakRssMiB(server.Id):N0} MiB | | |");
            report.Add($"| Whole scale phase took | {total.Elapsed.TotalMinutes:F1} min | | |");
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // A file the killed server still held; the temporary folder is cleaned up by the system.
            }
        }
    }

    private static string Partnership(string pathwayId) =>
        pathwayId.StartsWith("riverside", StringComparison.Ordinal) ? "Riverside Recovery Partnership (fictional)" : "Northbridge Drug and Alcohol Partnership (fictional)";

    private static string Ms(List<TimeSpan> sorted, double p) =>
        (sorted.Count == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)].TotalMilliseconds).ToString("N1", CultureInfo.InvariantCulture) + " ms";

    /// <summary>Times a GET, after one unmeasured call that warms the caches; sorted, fastest first.</summary>
    private static async Task<List<TimeSpan>> TimeAsync(HttpClient http, string token, string url, int count, Action<string> log, bool warm = true)
    {
        var timings = new List<TimeSpan>(count);
        for (var i = warm ? -1 : 0; i < count; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
            var took = Stopwatch.GetElapsedTime(started);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"GET {url} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            if (i >= 0)
            {
                timings.Add(took);
            }
        }

        timings.Sort();
        if (warm)
        {
            log($"  GET {url}: p50 {Ms(timings, 0.5)}, p95 {Ms(timings, 0.95)} over {count}");
        }

        return timings;
    }

    private sealed record Seeded(long Cases, long Actions, long History, long PendingTimers, string Size, TimeSpan Took);

    private static async Task<Seeded> SeedAsync(PostgresCluster cluster, RuntimeDatabase database, string connection, int cases, Instant now, Action<string> log)
    {
        var took = Stopwatch.StartNew();
        var versions = new EfPathwayVersionStore(database);
        var cohortText = await File.ReadAllTextAsync(Path.Combine(HttpLoad.RepositoryRoot(), "pathways", "cohorts", "typical.json"));
        const int templatePeople = 1000;

        // The cohort describes states of the national pathway and of both variants: it is read against all three.
        var definitions = new List<Definitions.PathwayDefinition>();
        foreach (var current in (await versions.ListVersionsAsync(null, null)).GroupBy(v => (v.PathwayId, v.Partnership)).Select(g => g.MaxBy(v => v.Number)!))
        {
            var json = await versions.FindDefinitionJsonAsync(new DefinitionVersion(current.PathwayId, current.ContentHash))
                ?? throw new InvalidOperationException($"No definition stored for {current.PathwayId}.");
            definitions.Add(Definitions.DefinitionJson.FromJson(json));
        }

        var read = CohortFile.Read(cohortText, definitions);
        var cohort = read.Cohort ?? throw new InvalidOperationException("The typical cohort does not fit the shipped pathways: " + string.Join("; ", read.Errors));
        foreach (var pathwayId in Pathways)
        {
            var definition = definitions.SingleOrDefault(d => d.Id == pathwayId) ?? throw new InvalidOperationException($"The server did not publish {pathwayId}.");
            log($"Simulating {templatePeople:N0} people through {pathwayId} (the templates)...");

            // Each simulation runs in a database of its own (its clock sweeps every timer it can see), and its rows are then moved over.
            var templates = await cluster.CreateDatabaseAsync("templates");
            await using (var templateDatabase = new RuntimeDatabase(DatabaseOptions.PostgreSql(templates)))
            {
                await templateDatabase.MigrateAsync();
                var run = await Simulator.RunAsync(definition, cohort, new SimulationOptions(People: templatePeople, Seed: 1, Store: new EfRuntimeStore(templateDatabase)));
                log($"  simulated from {run.Started} to {run.Ended} in {took.Elapsed.TotalSeconds:F0} s");
            }

            await MoveRowsAsync(templates, connection);
        }

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        foreach (var pathwayId in Pathways)
        {
            await CopyTemplatesAsync(db, pathwayId, Partnership(pathwayId), cases / Pathways.Length, now, log);
        }

        log("VACUUM ANALYZE...");
        await ExecuteAsync(db, "VACUUM ANALYZE", TimeSpan.FromMinutes(30));
        var counts = await ScalarsAsync(db, """
            SELECT (SELECT count(*) FROM instances), (SELECT count(*) FROM actions), (SELECT count(*) FROM history),
                   (SELECT count(*) FROM timers WHERE "Status" = 'Pending'), pg_size_pretty(pg_database_size(current_database()))
            """);
        log($"  {counts[0]:N0} cases, {counts[1]:N0} actions, {counts[2]:N0} history lines, {counts[3]:N0} pending timers, {counts[4]}; {took.Elapsed.TotalMinutes:F1} min");
        return new Seeded((long)counts[0], (long)counts[1], (long)counts[2], (long)counts[3], (string)counts[4], took.Elapsed);
    }

    /// <summary>
    /// Copies the template cases of one pathway until it holds <paramref name="target"/> cases: the
    /// ended ones spread over the ten years before the templates' time, the running ones (about one
    /// case in twelve of the total) placed so that the templates' last moment is now.
    /// </summary>
    private static async Task CopyTemplatesAsync(NpgsqlConnection db, string pathwayId, string partnership, int target, Instant now, Action<string> log)
    {
        var template = await ScalarsAsync(db, $"""
            SELECT count(*) FILTER (WHERE "Status" <> 'Active'), count(*) FILTER (WHERE "Status" = 'Active'),
                   greatest(max("StartedAt"), max(coalesce("EndedAt", 0)), max("StateEnteredAt"))
            FROM instances WHERE "PathwayId" = '{pathwayId}' AND "Partnership" = '{partnership}'
            """);
        var (ended, running, last) = ((long)template[0], (long)template[1], (long)template[2]);
        var runningCopies = Math.Max(1, (int)(target / 12 / Math.Max(1, running)));
        var endedCopies = Math.Max(1, (int)((target - ((runningCopies + 1) * running) - ended) / Math.Max(1, ended)));
        var toNow = Ticks(now) - last;
        var step = Ticks(Instant.FromUtc(2026, 1, 1, 0, 0)) - Ticks(Instant.FromUtc(2016, 1, 1, 0, 0));
        step /= endedCopies;
        log($"Copying {pathwayId}: {ended:N0} ended cases × {endedCopies:N0} copies over ten years, {running:N0} running cases × {runningCopies:N0} copies running now...");

        await ExecuteAsync(db, $"""
            DROP TABLE IF EXISTS copies;
            CREATE UNLOGGED TABLE copies AS
                SELECT i."Id" AS template, g AS copy,
                       md5(i."Id"::text || ':' || g)::uuid AS id,
                       (CASE WHEN i."Status" = 'Active' THEN {toNow} ELSE {toNow} - g::bigint * {step} END) AS shift,
                       chr(65 + (g % 26)) || lpad(((('x' || substr(md5(i."Id"::text || g), 1, 8))::bit(32)::bigint) % 10000)::text, 4, '0')
                           || chr(65 + ((g / 26) % 26)) || chr(65 + ((g / 676) % 26)) AS prison_number
                FROM instances i
                CROSS JOIN LATERAL generate_series(1, CASE WHEN i."Status" = 'Active' THEN {runningCopies} ELSE {endedCopies} END) g
                WHERE i."PathwayId" = '{pathwayId}' AND i."Partnership" = '{partnership}';
            CREATE INDEX ON copies (template);
            ANALYZE copies;
            """, TimeSpan.FromMinutes(10));

        foreach (var table in CaseTables)
        {
            var started = Stopwatch.StartNew();
            var columns = await ColumnsAsync(db, table);
            var key = table == "instances" ? "Id" : "InstanceId";
            var select = string.Join(", ", columns.Select(c => Copied(table, c)));
            var insert = string.Join(", ", columns.Select(c => $"\"{c.Name}\""));
            var only = table switch
            {
                "outbox" => """ AND t."Status" <> 'Pending'""",
                _ => "",
            };
            var rows = await ExecuteAsync(db, $"""
                INSERT INTO {table} ({insert})
                SELECT {select} FROM {table} t JOIN copies c ON c.template = t."{key}"
                WHERE TRUE{only}
                """, TimeSpan.FromMinutes(60));
            log($"  {table}: {rows:N0} rows in {started.Elapsed.TotalSeconds:F0} s");
        }

        // The templates themselves ran on the simulation's clock, ahead of today: only their copies stay.
        foreach (var table in new[] { "stays", "history", "outbox", "timers", "actions" })
        {
            await ExecuteAsync(db, $"""DELETE FROM {table} WHERE "InstanceId" IN (SELECT DISTINCT template FROM copies)""", TimeSpan.FromMinutes(10));
        }

        await ExecuteAsync(db, """DELETE FROM instances WHERE "Id" IN (SELECT DISTINCT template FROM copies)""", TimeSpan.FromMinutes(10));
        await ExecuteAsync(db, "DROP TABLE copies", TimeSpan.FromMinutes(1));
    }

    /// <summary>Every case row of one database, copied into another with the same tables.</summary>
    private static async Task MoveRowsAsync(string from, string to)
    {
        await using var source = new NpgsqlConnection(from);
        await using var target = new NpgsqlConnection(to);
        await source.OpenAsync();
        await target.OpenAsync();
        foreach (var table in CaseTables)
        {
            var columns = string.Join(", ", (await ColumnsAsync(source, table)).Select(c => $"\"{c.Name}\""));
            using var reader = await source.BeginTextExportAsync($"COPY {table} ({columns}) TO STDOUT");
            await using var writer = await target.BeginTextImportAsync($"COPY {table} ({columns}) FROM STDIN");
            var buffer = new char[64 * 1024];
            int read;
            while ((read = await reader.ReadAsync(buffer)) > 0)
            {
                await writer.WriteAsync(buffer.AsMemory(0, read));
            }
        }
    }

    /// <summary>The tables that hold cases, parents first.</summary>
    private static readonly string[] CaseTables = ["instances", "actions", "timers", "outbox", "history", "stays"];

    private sealed record Column(string Name, string Type);

    /// <summary>How a column of a template row is written in its copy: new ids, times shifted, a new prison number.</summary>
    private static string Copied(string table, Column column) => (table, column.Name, column.Type) switch
    {
        ("instances", "Id", _) => "c.id",
        (_, "InstanceId", _) => "c.id",
        (_, "Id", "uuid") => $"md5(t.\"Id\"::text || ':' || c.copy)::uuid",
        (_, "PrisonNumber", _) => "c.prison_number",
        ("timers", "Target", _) => "CASE WHEN t.\"Kind\" = 'ActionDeadline' THEN md5(t.\"Target\" || ':' || c.copy)::uuid::text ELSE t.\"Target\" END",
        (_, var name, "bigint") when name.EndsWith("At", StringComparison.Ordinal) || name is "LeaseUntil" => $"t.\"{name}\" + c.shift",
        _ => $"t.\"{column.Name}\"",
    };

    private static async Task<List<Column>> ColumnsAsync(NpgsqlConnection db, string table)
    {
        await using var command = new NpgsqlCommand(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = @t AND is_identity = 'NO' AND coalesce(column_default, '') NOT LIKE 'nextval%' ORDER BY ordinal_position", db);
        command.Parameters.AddWithValue("t", table);
        var columns = new List<Column>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            columns.Add(new Column(reader.GetString(0), reader.GetString(1)));
        }

        return columns;
    }

    private static async Task<(string Agency, long Outstanding)> BusiestAgencyAsync(string connection, string partnership)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT a."Agency", count(*) FROM actions a JOIN instances i ON i."Id" = a."InstanceId"
            WHERE a."Partnership" = @p AND a."Status" IN ('Open', 'Breached') AND i."Status" = 'Active'
            GROUP BY a."Agency" ORDER BY count(*) DESC LIMIT 1
            """, db);
        command.Parameters.AddWithValue("p", partnership);
        await using var reader = await command.ExecuteReaderAsync();
        return await reader.ReadAsync() ? (reader.GetString(0), reader.GetInt64(1)) : throw new InvalidOperationException("No outstanding actions were seeded.");
    }

    private static async Task<List<string>> PrisonNumbersAsync(string connection, string partnership, int count)
    {
        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "PrisonNumber" FROM instances TABLESAMPLE SYSTEM (1) WHERE "Partnership" = @p LIMIT @n""", db);
        command.Parameters.AddWithValue("p", partnership);
        command.Parameters.AddWithValue("n", count);
        var numbers = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            numbers.Add(reader.GetString(0));
        }

        return numbers;
    }

    /// <summary>Publishes a second version of the Riverside pathway and tries moving every running case of the first onto it.</summary>
    private static async Task MigrationAsync(HttpClient http, string token, string connection, List<string> report, Action<string> log)
    {
        var text = await File.ReadAllTextAsync(Path.Combine(HttpLoad.RepositoryRoot(), "pathways", "local", "riverside.pathway"));
        var at = text.IndexOf("  title \"", StringComparison.Ordinal);
        var revised = text[..at] + "  title \"Revised: " + text[(at + "  title \"".Length)..];
        using var publish = new HttpRequestMessage(HttpMethod.Post, "/api/pathways") { Content = JsonContent.Create(new { text = revised, note = "Scale harness: a revision to migrate onto" }) };
        publish.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using (var published = await http.SendAsync(publish))
        {
            if (!published.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Publishing a revision failed: {(int)published.StatusCode} {await published.Content.ReadAsStringAsync()}");
            }
        }

        await using var db = new NpgsqlConnection(connection);
        await db.OpenAsync();
        var running = (long)(await ScalarsAsync(db, $"""SELECT count(*) FROM instances WHERE "PathwayId" = '{Pathways[0]}' AND "Status" = 'Active'"""))[0];
        log($"Migration dry run of {running:N0} running cases...");
        using var dryRun = new HttpRequestMessage(HttpMethod.Post, $"/api/pathways/{Pathways[0]}/migrations") { Content = JsonContent.Create(new { from = 1, to = 2, dryRun = true }) };
        dryRun.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var started = Stopwatch.GetTimestamp();
        using var answer = await http.SendAsync(dryRun);
        var body = await answer.Content.ReadAsStringAsync();
        var took = Stopwatch.GetElapsedTime(started);
        if (!answer.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"The dry run answered {(int)answer.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        }

        log($"  {took.TotalSeconds:F1} s, {body.Length / 1024.0 / 1024:F1} MiB answer");
        report.Add($"| Migration dry run of {running:N0} running cases | {took.TotalSeconds:N1} s ({running / took.TotalSeconds:N0} cases/s; answer {body.Length / 1024.0 / 1024:N1} MiB) | 475,000 cases ≤ 30 s | |");
        _ = JsonNode.Parse(body);
    }

    private static long Ticks(Instant instant) => instant.ToUnixTimeTicks();

    private static async Task<int> ExecuteAsync(NpgsqlConnection db, string sql, TimeSpan timeout)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = (int)timeout.TotalSeconds };
        return await command.ExecuteNonQueryAsync();
    }

    private static async Task<object[]> ScalarsAsync(NpgsqlConnection db, string sql)
    {
        await using var command = new NpgsqlCommand(sql, db) { CommandTimeout = 600 };
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        var values = new object[reader.FieldCount];
        reader.GetValues(values);
        return values;
    }
}
