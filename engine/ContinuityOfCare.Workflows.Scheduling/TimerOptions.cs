namespace ContinuityOfCare.Workflows.Scheduling;

/// <summary>Where Hangfire keeps its jobs.</summary>
public enum HangfireStorageKind
{
    /// <summary>In memory: the embedded default. Losing it loses nothing, since the timer table is the truth.</summary>
    InMemory,

    /// <summary>PostgreSQL (Hangfire.PostgreSql): for production and several servers.</summary>
    PostgreSql,
}

/// <summary>How durable timers run.</summary>
public sealed record TimerOptions
{
    public HangfireStorageKind Storage { get; init; } = HangfireStorageKind.InMemory;

    /// <summary>The Hangfire database for <see cref="HangfireStorageKind.PostgreSql"/> (usually the runtime's own).</summary>
    public string? PostgreSqlConnectionString { get; init; }

    /// <summary>The recurring sweep that catches anything a wake-up missed (Hangfire cron; default every minute).</summary>
    public string SafetySweepCron { get; init; } = "* * * * *";

    /// <summary>How often Hangfire looks for delayed jobs that are due; it bounds how late a deadline can fire.</summary>
    public TimeSpan PollingInterval { get; init; } = TimeSpan.FromSeconds(1);

    public int WorkerCount { get; init; } = Math.Max(2, Environment.ProcessorCount);

    /// <summary>
    /// How many claim-and-fire loops one sweep runs at once, each on its own database connection.
    /// More than one lets a server work through many deadlines falling due together; on a store with
    /// one writer at a time (SQLite) extra loops would only wait for each other, so the host sets it
    /// for the store it uses (see <see cref="DefaultSweepParallelism"/>).
    /// </summary>
    public int SweepParallelism { get; init; } = 1;

    /// <summary>The sweep parallelism that suits a store: 8 where writers work in parallel (PostgreSQL), 1 where they take turns.</summary>
    public static int DefaultSweepParallelism(bool parallelWriters) => parallelWriters ? 8 : 1;

    /// <summary>
    /// After a sweep, when the next deadline is due within this time, the sweep waits for it and
    /// goes on rather than handing over to a new wake-up job: deadlines falling due one after
    /// another over a busy minute then fire as they fall due, not a polling interval later.
    /// </summary>
    public TimeSpan SweepLinger { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A name for this server in Hangfire's dashboard.</summary>
    public string? ServerName { get; init; }
}
