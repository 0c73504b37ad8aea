using ContinuityOfCare.Workflows.Delivery;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using MimeKit;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Delivery;

public sealed class FileDeliveryChannelTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 3, 12, 10, 15, 30, 123, TimeSpan.Zero);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), $"coc-outbox-{Guid.NewGuid():N}", "mail");

    private readonly FileDeliveryChannel _channel;

    public FileDeliveryChannelTests() => _channel = new FileDeliveryChannel(_folder, new InstantWaitTimeProvider(At));

    public void Dispose()
    {
        var parent = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(parent))
        {
            Directory.Delete(parent, recursive: true);
        }
    }

    [Fact]
    public async Task WritesAnEmlFileNamedByUtcTimestampAndMessageId()
    {
        var message = SampleMessages.ToRiversideCjit();

        var result = await _channel.DeliverAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryResult.Success, result);
        Assert.Equal([$"20260312T101530123Z-{message.Id:D}.eml"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task TheFileIsAnRfc5322MessageWithTheAddressesSubjectAndBody()
    {
        var message = SampleMessages.ToRiversideCjit(body: "Person: Siân Example (A0000AA)\n" + new string('-', 1200) + "\n");

        await _channel.DeliverAsync(message, CancellationToken.None);

        var written = MimeMessage.Load(_channel.FindFile(message.Id)!);
        Assert.Equal("\"Riverside CJIT (fictional)\" <cjit@riverside.example.org>", written.To.ToString());
        Assert.Equal("continuity-of-care@example.org", written.From.ToString());
        Assert.Equal(message.Subject, written.Subject);
        Assert.Equal(new DateTimeOffset(2026, 3, 12, 10, 15, 30, TimeSpan.Zero), written.Date);
        Assert.Equal($"{message.Id:D}@example.org", written.MessageId);
        Assert.Equal(message.Body, written.TextBody?.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task EveryLineOfTheFileEndsWithCrLf()
    {
        var message = SampleMessages.ToRiversideCjit();

        await _channel.DeliverAsync(message, CancellationToken.None);

        var text = await File.ReadAllTextAsync(_channel.FindFile(message.Id)!);
        Assert.EndsWith("\r\n", text);
        Assert.DoesNotMatch("(?<!\r)\n", text);
    }

    [Fact]
    public async Task DeliveringTheSameMessageTwiceWritesOneFile()
    {
        var message = SampleMessages.ToRiversideCjit();
        var later = new FileDeliveryChannel(_folder, new InstantWaitTimeProvider(At.AddMinutes(5)));

        await _channel.DeliverAsync(message, CancellationToken.None);
        var again = await later.DeliverAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryResult.Success, again);
        Assert.Equal([$"20260312T101530123Z-{message.Id:D}.eml"], Directory.GetFiles(_folder).Select(Path.GetFileName));
    }

    [Fact]
    public async Task ConcurrentDeliveriesOfOneMessageWriteOneFile()
    {
        var message = SampleMessages.ToRiversideCjit();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => _channel.DeliverAsync(message, CancellationToken.None))));

        Assert.All(results, r => Assert.Equal(DeliveryResult.Success, r));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public async Task LeavesNoTemporaryFilesBehind()
    {
        foreach (var message in Enumerable.Range(0, 5).Select(_ => SampleMessages.ToRiversideCjit()))
        {
            await _channel.DeliverAsync(message, CancellationToken.None);
        }

        Assert.Equal(5, Directory.GetFiles(_folder).Length);
        Assert.All(Directory.GetFiles(_folder), path => Assert.EndsWith(".eml", path));
    }

    [Fact]
    public async Task AnInvalidAddressFailsForGoodAndWritesNothing()
    {
        var message = SampleMessages.ToRiversideCjit() with { ToAddress = "not an address" };

        var result = await _channel.DeliverAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryResult.Permanent("The address 'not an address' of agency 'cjit' is not a valid email address."), result);
        Assert.False(Directory.Exists(_folder));
    }
}
