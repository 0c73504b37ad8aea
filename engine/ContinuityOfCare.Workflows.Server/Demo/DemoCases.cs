using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using NodaTime;

namespace ContinuityOfCare.Workflows.Server.Demo;

/// <summary>
/// A few fictional people at different points of the custody-to-community journey, made by
/// recording the same events a caseworker would. A step a local pathway does not have is logged and
/// the person is left where they are.
/// </summary>
internal sealed partial class DemoCases(PathwayRuntime runtime, IDefinitionCatalog catalog, TimeProvider clock, ILogger logger)
{
    /// <summary>One recorded event: the agency that records it, the event and its values (as the pathway language writes them).</summary>
    private sealed record Step(string Agency, string Event, params (string Field, string Value)[] Values);

    public async Task StartAsync(DemoData.DemoPartnership partnership, CancellationToken cancellationToken)
    {
        var pathwayId = partnership.Pathways[0];
        if (await catalog.CurrentAsync(pathwayId, partnership.Name, cancellationToken) is not { } current
            || await catalog.FindAsync(current, cancellationToken) is not { } definition)
        {
            return;
        }

        // Dates as the pathway's caseworkers write them, in its own time zone.
        var zone = DateTimeZoneProviders.Tzdb[definition.TimeZone];
        var today = Instant.FromDateTimeOffset(clock.GetUtcNow()).InZone(zone).Date;
        string Date(int days) => today.PlusDays(days).ToString("uuuu-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var arrived = new Step("cjit", "arrived", ("prison", "HMP Example (fictional)"));
        var fromCommunity = new Step("healthcare", "origin-recorded", ("origin", "community"));
        var screened = new Step("healthcare", "screened", ("priority-offender", "no"), ("problematic-drug-use", "yes"));
        var carePlan = new Step("carats", "care-plan-completed");
        var releaseDate = new Step("carats", "release-date-set", ("release-date", Date(35)), ("key-worker", "Key worker (fictional)"));
        var planning = new Step("carats", "release-planning-started");
        var released = new Step("carats", "released", ("release-date", Date(0)));
        var referral = new Step("treatment", "referral-received", ("treatment-service", "Community recovery service (fictional)"));

        (string Number, string Name, Step[] Steps)[] people =
        [
            ("A0001DM", "Alex Example (fictional)", []),
            ("A0002DM", "Bo Sample (fictional)", [arrived, fromCommunity]),
            ("A0003DM", "Cam Placeholder (fictional)", [arrived, fromCommunity, screened, carePlan]),
            ("A0004DM", "Dee Testcase (fictional)", [arrived, fromCommunity, screened, carePlan, releaseDate]),
            ("A0005DM", "Eli Specimen (fictional)", [arrived, fromCommunity, screened, carePlan, releaseDate, planning]),
            ("A0006DM", "Fen Mockup (fictional)", [arrived, fromCommunity, screened, carePlan, releaseDate, planning, released, referral]),
        ];

        foreach (var (number, name, steps) in people)
        {
            var instance = (await runtime.Cases.StartAsync(
                new StartCase(pathwayId, partnership.Name, new Person(number, name, new LocalDate(1990, 1, 1)), ConsentRecorded: true),
                Actor.Caseworker("demo", "cjit"),
                cancellationToken)).Instance;
            foreach (var step in steps)
            {
                var values = new Dictionary<string, FieldValue>(StringComparer.Ordinal);
                foreach (var (field, text) in step.Values)
                {
                    if (definition.FindField(field) is { } declared && FieldValues.TryParse(declared, text, zone, out var value, out _))
                    {
                        values[field] = value!;
                    }
                }

                try
                {
                    instance = (await runtime.Cases.RaiseEventAsync(instance.Id, step.Event, values, note: null, Actor.Caseworker($"{step.Agency}.{partnership.Key}", step.Agency), cancellationToken: cancellationToken)).Instance;
                }
                catch (RuntimeException refused)
                {
                    LogStepSkipped(logger, instance.Id, step.Event, refused.Message);
                    break;
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demonstration case {CaseId} stops before '{Event}': {Reason}")]
    private static partial void LogStepSkipped(ILogger logger, Guid caseId, string @event, string reason);
}
