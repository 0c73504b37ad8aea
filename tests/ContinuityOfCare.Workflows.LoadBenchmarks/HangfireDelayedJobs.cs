using System.Diagnostics;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>What the Hangfire baseline measured.</summary>
public sealed record HangfireResult(int Jobs, int Workers, TimeSpan Scheduling, TimeSpan AllRunAfterDue)
{
    public double PerSecond => Jobs / AllRunAfterDue.TotalSeconds;
}

/// <summary>
/// The baseline a one-job-per-deadline design would get: Hangfire delayed jobs, all due at the same
/// moment, on Hangfire.PostgreSql in the same database, run by a Hangfire server with many workers.
/// </summary>
public static class HangfireDelayedJobs
{
    private static int s_ran;

    /// <summary>The job each delayed job runs: it only counts itself.</summary>
    public static void Touch() => Interlocked.Increment(ref s_ran);

    public static async Task<HangfireResult> RunAsync(string connectionString, int jobs, int workers)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = true, QueuePollInterval = TimeSpan.FromMilliseconds(200) };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
        var client = new BackgroundJobClient(storage);
        Interlocked.Exchange(ref s_ran, 0);

        // Everything is scheduled first, due together after scheduling has finished.
        var due = TimeProvider.System.GetUtcNow().AddSeconds(10 + jobs / 200.0);
        var scheduling = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, jobs), new ParallelOptions { MaxDegreeOfParallelism = 8 }, (_, _) =>
        {
            client.Schedule(() => Touch(), due);
            return ValueTask.CompletedTask;
        });
        scheduling.Stop();
        if (TimeProvider.System.GetUtcNow() >= due)
        {
            throw new InvalidOperationException("Scheduling took longer than allowed for; lower the job count.");
        }

        using var server = new BackgroundJobServer(
            new BackgroundJobServerOptions { WorkerCount = workers, SchedulePollingInterval = TimeSpan.FromSeconds(1) },
            storage);
        await Task.Delay(due - TimeProvider.System.GetUtcNow());
        var clock = Stopwatch.StartNew();
        while (Volatile.Read(ref s_ran) < jobs)
        {
            await Task.Delay(50);
            if (clock.Elapsed > TimeSpan.FromMinutes(10))
            {
                throw new TimeoutException($"Only {s_ran} of {jobs} delayed jobs ran in ten minutes.");
            }
        }

        clock.Stop();
        server.SendStop();
        return new HangfireResult(jobs, workers, scheduling.Elapsed, clock.Elapsed);
    }
}
