using System.Globalization;
using ContinuityOfCare.Workflows.Runtime.Calendar;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using NodaTime;

namespace ContinuityOfCare.Workflows.Server;

/// <summary>
/// Degraded when a calendar's published bank holidays run out within the warning window: after the
/// last published year, deadlines are counted by rule and marked provisional until newer data is
/// imported. The description gives the date and the command.
/// </summary>
public sealed class BankHolidayHealthCheck(ICalendarSource calendars, TimeProvider clock, Microsoft.Extensions.Options.IOptions<ServerOptions> settings) : IHealthCheck
{
    private readonly ServerOptions _options = settings.Value;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InUtc().Date;
        var running = new List<string>();
        foreach (var name in calendars.Names.Order(StringComparer.Ordinal))
        {
            var last = calendars.Get(name).LastDate;
            if (today.PlusDays(_options.BankHolidayWarningDays) >= last)
            {
                running.Add($"{name} until {last.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}");
            }
        }

        if (running.Count == 0)
        {
            return Task.FromResult(HealthCheckResult.Healthy("Published bank holidays cover the next " + _options.BankHolidayWarningDays + " days."));
        }

        return Task.FromResult(HealthCheckResult.Degraded(
            $"Published bank holidays run out soon: {string.Join("; ", running)}. After that, deadlines are counted by rule and marked provisional. " +
            $"Import GOV.UK's newer file with 'coc holidays import bank-holidays.json --data-folder {_options.DataFolder}' and restart the servers."));
    }
}
