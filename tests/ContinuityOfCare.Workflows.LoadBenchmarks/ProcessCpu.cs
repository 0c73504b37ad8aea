using System.Globalization;

namespace ContinuityOfCare.Workflows.LoadBenchmarks;

/// <summary>
/// CPU time used so far by the PostgreSQL server processes and by this process, read from /proc, so
/// that a run can say where the machine's two cores went: into the database or into the client.
/// </summary>
public static class ProcessCpu
{
    private static readonly double TicksPerSecond = 100.0; // USER_HZ on Linux.

    /// <summary>
    /// CPU seconds (user and system) of every process whose command is <c>postgres</c>, including
    /// backends that have already exited (counted in the postmaster's time for its waited-for children).
    /// </summary>
    public static double PostgresSeconds()
    {
        var total = 0.0;
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out _))
            {
                continue;
            }

            try
            {
                if (File.ReadAllText(Path.Combine(folder, "comm")).Trim() == "postgres")
                {
                    total += Seconds(File.ReadAllText(Path.Combine(folder, "stat")), withChildren: true);
                }
            }
            catch (IOException)
            {
                // The process ended while being read.
            }
            catch (UnauthorizedAccessException)
            {
                // Not ours to read.
            }
        }

        return total;
    }

    /// <summary>CPU seconds (user and system) of this process.</summary>
    public static double OwnSeconds() => Seconds(File.ReadAllText("/proc/self/stat"));

    private static double Seconds(string stat, bool withChildren = false)
    {
        // Fields after the command name (which is in parentheses and may hold spaces): utime and
        // stime are the 14th and 15th fields of the line, cutime and cstime the 16th and 17th.
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        if (withChildren)
        {
            ticks += long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture);
        }

        return ticks / TicksPerSecond;
    }
}
