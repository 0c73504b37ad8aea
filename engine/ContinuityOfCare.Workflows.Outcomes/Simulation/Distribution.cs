using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace ContinuityOfCare.Workflows.Outcomes.Simulation;

/// <summary>
/// How long something takes in a simulated cohort: a fixed delay, or one drawn from a uniform,
/// exponential or lognormal distribution. Delays are whole minutes counted on the local clock of the
/// pathway's time zone, so "21 days" after 10:00 is 10:00 three weeks later, across a clock change too.
/// </summary>
public abstract record Distribution
{
    public static readonly Distribution Immediately = new FixedDelay(0);

    /// <summary>A delay in minutes drawn with the simulation's random numbers.</summary>
    public abstract long Sample(Random random);

    /// <summary>The local date and time a sampled delay after <paramref name="from"/> falls at, as an instant.</summary>
    public static Instant After(Instant from, long minutes, DateTimeZone zone) =>
        from.InZone(zone).LocalDateTime.PlusMinutes(minutes).InZoneLeniently(zone).ToInstant();
}

/// <summary>Always the same delay.</summary>
public sealed record FixedDelay(long Minutes) : Distribution
{
    public override long Sample(Random random) => Minutes;
}

/// <summary>Any delay between two, all equally likely.</summary>
public sealed record UniformDelay(long MinMinutes, long MaxMinutes) : Distribution
{
    public override long Sample(Random random) => MinMinutes + (long)Math.Round(random.NextDouble() * (MaxMinutes - MinMinutes));
}

/// <summary>Waiting for something that is equally likely to happen at any moment: short delays are common, long ones rare.</summary>
public sealed record ExponentialDelay(long MeanMinutes) : Distribution
{
    public override long Sample(Random random) => (long)Math.Round(-MeanMinutes * Math.Log(1 - random.NextDouble()));
}

/// <summary>
/// Delays whose logarithm is normally distributed: half are shorter than the median, and
/// <see cref="Spread"/> (at least 1) is the factor one standard deviation stretches or shrinks them by.
/// </summary>
public sealed record LognormalDelay(long MedianMinutes, double Spread) : Distribution
{
    public override long Sample(Random random)
    {
        // Box–Muller: one standard normal from two uniforms.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        var z = Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        return (long)Math.Round(MedianMinutes * Math.Exp(Math.Log(Spread) * z));
    }
}

/// <summary>Reads lengths of time written "6 hours", "3 days", "1.5 weeks" or "0 minutes".</summary>
public static partial class DelayText
{
    /// <summary>The length in minutes, or null when the text is not a length of time.</summary>
    public static long? TryParseMinutes(string text)
    {
        var match = Pattern().Match(text.Trim());
        if (!match.Success || !decimal.TryParse(match.Groups["n"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n))
        {
            return null;
        }

        var perUnit = match.Groups["unit"].Value.TrimEnd('s') switch
        {
            "minute" => 1m,
            "hour" => 60m,
            "day" => 24m * 60,
            _ => 7m * 24 * 60,
        };
        return (long)Math.Round(n * perUnit);
    }

    [GeneratedRegex(@"^(?<n>[0-9]+(\.[0-9]+)?)\s+(?<unit>minutes?|hours?|days?|weeks?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
