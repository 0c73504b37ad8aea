using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ContinuityOfCare.Workflows.Language.Tests;
using ContinuityOfCare.Workflows.Runtime.Tests.Delivery;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>Notifications leave the server by SMTP, to a real mail server, addressed from the partnership directory.</summary>
public sealed class NotificationDeliveryTests : IAsyncLifetime
{
    private readonly TempDataFolder _data = new();
    private AiosmtpdServer _smtp = null!;
    private ServerFactory _server = null!;

    public async Task InitializeAsync()
    {
        _smtp = await AiosmtpdServer.StartAsync();
        _server = new ServerFactory(_data.Path);
        _server.Settings["ContinuityOfCare:Smtp:Host"] = "127.0.0.1";
        _server.Settings["ContinuityOfCare:Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        _server.Settings["ContinuityOfCare:Smtp:UseTls"] = "false";
        _server.Settings["ContinuityOfCare:PartnershipDirectory"] = Path.Combine(RepositoryPaths.Root, "config", "partnership-directory.json");
    }

    public async Task DisposeAsync()
    {
        _server.Dispose();
        _data.Dispose();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task ANotificationIsSentByEmailToTheAgencyAndShownAsSent()
    {
        var cjit = await _server.SignedInAsync("cjit.riverside");
        var carats = await _server.SignedInAsync("carats.riverside");
        var started = await cjit.PostAsJsonAsync("/api/cases", new
        {
            pathwayId = "riverside-custody-to-community",
            person = new { prisonNumber = "N0001TF", name = "Mail Person (fictional)", dateOfBirth = "1988-08-08" },
            consentRecorded = true,
        });
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var healthcare = await _server.SignedInAsync("healthcare.riverside");
        foreach (var (who, body) in new (HttpClient, object)[]
        {
            (cjit, new { @event = "arrived", values = new { prison = "HMP Example (fictional)" } }),
            (healthcare, new { @event = "origin-recorded", values = new { origin = "community" } }),
            (healthcare, new { @event = "screened", values = new Dictionary<string, object> { ["priority-offender"] = "no", ["problematic-drug-use"] = "yes" } }),
            (carats, new { @event = "care-plan-completed" }),
            (carats, new { @event = "release-date-set", values = new Dictionary<string, object> { ["release-date"] = "2027-09-01", ["key-worker"] = "Key worker (fictional)" } }),
        })
        {
            Assert.True((await who.PostAsJsonAsync($"/api/cases/{id}/events", body)).IsSuccessStatusCode);
        }

        var queued = await carats.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/notifications");
        var alert = queued.EnumerateArray().Single(n => n.GetProperty("recipientAgency").GetString() == "cjit");
        Assert.Equal("Pending", alert.GetProperty("status").GetString());

        var admin = await _server.SignedInAsync("administrator");
        Assert.Equal(HttpStatusCode.Accepted, (await admin.PostAsync("/api/notifications/deliver", null)).StatusCode);

        var sent = await WaitForAsync(async () =>
            (await carats.GetFromJsonAsync<JsonElement>($"/api/cases/{id}/notifications")).EnumerateArray()
                .FirstOrDefault(n => n.GetProperty("id").GetGuid() == alert.GetProperty("id").GetGuid() && n.GetProperty("status").GetString() == "Sent"));
        Assert.Equal(JsonValueKind.Object, sent.ValueKind);
        // The demonstration cases' notifications go out too; this one names its person's prison number.
        var mail = Assert.Single(_smtp.ReceivedMessages(), m =>
            m.To.Mailboxes.Any(a => a.Address == "cjit.riverside@example.invalid") && (m.TextBody ?? "").Contains("N0001TF", StringComparison.Ordinal));
        Assert.Equal("riverside.pathway@example.invalid", mail.From.Mailboxes.Single().Address);
        Assert.Equal(alert.GetProperty("subject").GetString(), mail.Subject);

        var listed = await carats.GetFromJsonAsync<JsonElement>("/api/notifications?status=Sent");
        Assert.Contains(listed.EnumerateArray(), n => n.GetProperty("caseId").GetGuid() == id);
    }

    private static async Task<JsonElement> WaitForAsync(Func<Task<JsonElement>> probe)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (await probe() is { ValueKind: JsonValueKind.Object } found)
            {
                return found;
            }

            await Task.Delay(200);
        }

        return default;
    }
}
