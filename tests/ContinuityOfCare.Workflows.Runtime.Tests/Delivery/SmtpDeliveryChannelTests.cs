using System.Net.Sockets;
using ContinuityOfCare.Workflows.Delivery;
using ContinuityOfCare.Workflows.Runtime.Notifications;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Delivery;

public sealed class SmtpDeliveryChannelTests(SmtpServerFixture smtp) : IClassFixture<SmtpServerFixture>
{
    private static SmtpDeliveryOptions Loopback(int port) => new()
    {
        Host = "127.0.0.1",
        Port = port,
        SecureSocketOptions = SecureSocketOptions.None,
        Timeout = TimeSpan.FromSeconds(10),
    };

    [Fact]
    public async Task DeliversToARealSmtpServer()
    {
        var channel = new SmtpDeliveryChannel(Loopback(smtp.Server.Port), TimeProvider.System);
        var message = SampleMessages.ToRiversideCjit(subject: $"Alert Form for Siân Example {Guid.NewGuid():N}", body: "Person: Siân Example (A0000AA)\nIn one sentence: release brought forward.\n");

        var result = await channel.DeliverAsync(message, CancellationToken.None);

        Assert.Equal(DeliveryResult.Success, result);
        var received = Assert.Single(smtp.Server.ReceivedMessages(), m => m.MessageId == $"{message.Id:D}@example.org");
        var to = Assert.Single(received.To.Mailboxes);
        Assert.Equal(("Riverside CJIT (fictional)", "cjit@riverside.example.org"), (to.Name, to.Address));
        Assert.Equal("continuity-of-care@example.org", Assert.Single(received.From.Mailboxes).Address);
        Assert.Equal(message.Subject, received.Subject);
        Assert.Equal(message.Body, received.TextBody?.ReplaceLineEndings("\n"));
        Assert.Equal("cjit", received.Headers["X-Continuity-Of-Care-Agency"]);
    }

    [Fact]
    public async Task ARefusedConnectionIsRetryable()
    {
        var closedPort = AiosmtpdServer.FreePort();
        var channel = new SmtpDeliveryChannel(Loopback(closedPort), TimeProvider.System);

        var result = await channel.DeliverAsync(SampleMessages.ToRiversideCjit(), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.True(result.Retryable);
        Assert.Equal($"Could not connect to the mail server 127.0.0.1:{closedPort} (ConnectionRefused): Connection refused", result.Error);
    }

    [Fact]
    public async Task AMessageTheServerRefusesWithA5xxReplyIsNotRetried()
    {
        await using var small = await AiosmtpdServer.StartAsync(sizeLimit: 1024);
        var channel = new SmtpDeliveryChannel(Loopback(small.Port), TimeProvider.System);

        var result = await channel.DeliverAsync(SampleMessages.ToRiversideCjit(body: new string('x', 4000)), CancellationToken.None);

        Assert.False(result.Delivered);
        Assert.False(result.Retryable);
        Assert.StartsWith($"The mail server 127.0.0.1:{small.Port} refused the message (552)", result.Error);
        Assert.Empty(small.ReceivedMessages());
    }

    [Fact]
    public async Task TheRetryDecoratorMakesTheConfiguredNumberOfAttemptsAgainstAClosedPort()
    {
        var waits = new InstantWaitTimeProvider(DateTimeOffset.UnixEpoch);
        var smtpChannel = new CountingChannel(new SmtpDeliveryChannel(Loopback(AiosmtpdServer.FreePort()), TimeProvider.System));
        var channel = new RetryingDeliveryChannel(smtpChannel, new DeliveryRetryOptions { MaxAttempts = 3, InitialDelay = TimeSpan.FromSeconds(5) }, waits);

        var result = await channel.DeliverAsync(SampleMessages.ToRiversideCjit(), CancellationToken.None);

        Assert.Equal(3, smtpChannel.Attempts);
        Assert.True(result.Retryable);
        Assert.EndsWith("(gave up after 3 attempts)", result.Error);
        Assert.Equal([TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10)], waits.Waits);
    }

    [Theory]
    [InlineData(SmtpStatusCode.ServiceNotAvailable, true)]
    [InlineData(SmtpStatusCode.MailboxBusy, true)]
    [InlineData(SmtpStatusCode.InsufficientStorage, true)]
    [InlineData(SmtpStatusCode.MailboxUnavailable, false)]
    [InlineData(SmtpStatusCode.ExceededStorageAllocation, false)]
    [InlineData(SmtpStatusCode.TransactionFailed, false)]
    public void A4xxReplyIsRetryableAndA5xxReplyIsNot(SmtpStatusCode status, bool retryable)
    {
        var refusal = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, status, "Refused for the test");

        var result = SmtpDeliveryChannel.Classify(refusal, Loopback(25));

        Assert.False(result.Delivered);
        Assert.Equal(retryable, result.Retryable);
        Assert.Contains($"({(int)status}): Refused for the test", result.Error);
    }

    [Fact]
    public void BadCredentialsAreNotRetried()
    {
        var result = SmtpDeliveryChannel.Classify(new AuthenticationException("535 5.7.8 no"), Loopback(25));

        Assert.Equal(DeliveryResult.Permanent("The mail server 127.0.0.1:25 did not accept the configured user name and password."), result);
    }

    [Fact]
    public void ANetworkFailureIsRetryable()
    {
        Assert.True(SmtpDeliveryChannel.Classify(new SocketException((int)SocketError.HostUnreachable), Loopback(25)).Retryable);
        Assert.True(SmtpDeliveryChannel.Classify(new IOException("connection reset"), Loopback(25)).Retryable);
    }

    [Fact]
    public void OptionsNeedBothUserNameAndPasswordOrNeither()
    {
        var options = Loopback(25) with { UserName = "coc" };

        var error = Assert.Throws<ArgumentException>(() => new SmtpDeliveryChannel(options, TimeProvider.System));

        Assert.Equal("Password", error.ParamName);
    }
}
