using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>
/// Readiness warns, with the date and the command, when the published bank holidays run out within
/// the warning window (180 days unless configured), on the server's own clock.
/// </summary>
public sealed class ReadinessTests : IDisposable
{
    private readonly TempDataFolder _data = new();

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("2027-06-01T12:00:00Z", null, "Healthy")] // 213 days before 31 December 2027
    [InlineData("2027-07-15T12:00:00Z", "30", "Healthy")] // 169 days before, with a 30-day window
    [InlineData("2027-07-15T12:00:00Z", null,
        "Degraded\nbank-holidays: Degraded: Published bank holidays run out soon: england-and-wales until 31 December 2027; " +
        "northern-ireland until 31 December 2027; scotland until 31 December 2027. After that, deadlines are counted by rule and marked provisional. " +
        "Import GOV.UK's newer file with 'coc holidays import bank-holidays.json --data-folder {data}' and restart the servers.")]
    public async Task ReadinessIsDegradedWithinTheWindowBeforeThePublishedBankHolidaysEnd(string now, string? warningDays, string expected)
    {
        using var server = new ServerFactory(_data.Path)
        {
            TestServices = services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(new FixedClock(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture)))),
        };
        if (warningDays is not null)
        {
            server.Settings["ContinuityOfCare:BankHolidayWarningDays"] = warningDays;
        }

        using var response = await server.CreateClient().GetAsync("/health/ready");

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(expected.Replace("{data}", _data.Path, StringComparison.Ordinal), await response.Content.ReadAsStringAsync());
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
