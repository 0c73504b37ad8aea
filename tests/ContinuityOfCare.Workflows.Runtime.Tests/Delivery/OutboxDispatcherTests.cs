using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Delivery;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using MimeKit;
using ContinuityOfCare.Workflows.Runtime.Tests.Engine;
using static ContinuityOfCare.Workflows.Runtime.Tests.Engine.Harness;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Delivery;

/// <summary>The outbox delivered through the default channel: one .eml file per message, addressed from the partnership directory.</summary>
public sealed class OutboxDispatcherTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "coc-outbox-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task PendingNoticesAreDeliveredOnceAndTheSendingRecorded()
    {
        var h = ForShipped("national/custody-to-community", "2026-06-10 10:00");
        var instance = await NationalPathwayScenarios.ToMainPrisonAsync(h);
        instance = await h.RaiseAsync(instance, "died", "carats");
        var directory = new PartnershipDirectory(
            "continuity@example.org",
            new Dictionary<string, PartnershipAddresses>
            {
                [h.Definition.Partnership] = new(new Dictionary<string, AgencyAddress>
                {
                    ["cjit"] = new("Criminal justice drug team", "cjit@example.org"),
                }),
            });
        var dispatcher = new OutboxDispatcher(h.Store, new FileDeliveryChannel(_folder, h.Clock), directory, h.Clock);

        Assert.Equal(1, await dispatcher.DispatchAsync());
        Assert.Equal(0, await dispatcher.DispatchAsync());

        var message = Assert.Single(await h.Runtime.Queries.GetNotificationsAsync(instance.Id));
        Assert.Equal((OutboxStatus.Sent, 1), (message.Status, message.Attempts));
        var file = Assert.Single(Directory.GetFiles(_folder, "*.eml"));
        var mime = await MimeMessage.LoadAsync(file);
        Assert.Equal("cjit@example.org", mime.To.Mailboxes.Single().Address);
        Assert.Equal(message.Subject, mime.Subject);
        Assert.Contains("Alex Example", mime.TextBody, StringComparison.Ordinal);
        var sent = Assert.Single(await h.HistoryOfAsync<NotificationSent>(instance));
        Assert.Equal(("alert-change", "cjit"), (sent.Template, sent.Recipient));
    }

    [Fact]
    public async Task ANoticeToAnAgencyWithNoAddressFailsWithTheReason()
    {
        var h = ForShipped("national/custody-to-community", "2026-06-10 10:00");
        var instance = await NationalPathwayScenarios.ToMainPrisonAsync(h);
        instance = await h.RaiseAsync(instance, "died", "carats");
        var directory = new PartnershipDirectory("continuity@example.org", new Dictionary<string, PartnershipAddresses>());
        using var metrics = new RuntimeMetrics();
        var failures = 0L;
        using var listener = new System.Diagnostics.Metrics.MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == RuntimeMetrics.MeterName && instrument.Name == "coc.notifications.failed")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            // Only this test's dispatcher measures deliveries.
            foreach (var tag in tags)
            {
                if (tag is { Key: "stage", Value: "delivery" })
                {
                    Interlocked.Add(ref failures, value);
                }
            }
        });
        listener.Start();
        var dispatcher = new OutboxDispatcher(h.Store, new FileDeliveryChannel(_folder, h.Clock), directory, h.Clock, metrics);

        Assert.Equal(0, await dispatcher.DispatchAsync());

        var message = Assert.Single(await h.Runtime.Queries.GetNotificationsAsync(instance.Id));
        Assert.Equal(OutboxStatus.Failed, message.Status);
        Assert.Equal(1, Interlocked.Read(ref failures));
        Assert.Contains("cjit", message.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder) && Directory.GetFiles(_folder).Length > 0);
    }
}
