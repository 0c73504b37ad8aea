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

    /// <summary>A name for this server in Hangfire's dashboard.</summary>
    public string? ServerName { get; init; }

    /// <summary>Apply database migrations at start-up.</summary>
    public bool MigrateDatabase { get; init; } = true;
}
