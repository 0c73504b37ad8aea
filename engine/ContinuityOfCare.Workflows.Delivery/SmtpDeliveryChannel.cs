using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace ContinuityOfCare.Workflows.Delivery;

/// <summary>Sends each message to a mail server over SMTP, with MailKit.</summary>
/// <remarks>
/// One connection per message: notices are few, and a fresh connection cannot be left broken by a
/// previous failure. A 4xx reply or a network failure is reported as retryable; a 5xx reply is not.
/// </remarks>
public sealed class SmtpDeliveryChannel : IDeliveryChannel
{
    private readonly SmtpDeliveryOptions _options;
    private readonly TimeProvider _timeProvider;

    public SmtpDeliveryChannel(SmtpDeliveryOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.Validate();
        _options = options;
        _timeProvider = timeProvider;
    }

    public async Task<DeliveryResult> DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!OutgoingMimeMessage.TryCreate(message, _timeProvider.GetUtcNow(), out var mime, out var error))
        {
            return DeliveryResult.Permanent(error!);
        }

        using var timeout = new CancellationTokenSource(_options.Timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var client = new SmtpClient { Timeout = (int)Math.Min(int.MaxValue, _options.Timeout.TotalMilliseconds) };
        try
        {
            await client.ConnectAsync(_options.Host, _options.Port, _options.SecureSocketOptions, linked.Token);
            if (_options.UserName is not null)
            {
                await client.AuthenticateAsync(_options.UserName, _options.Password!, linked.Token);
            }

            await client.SendAsync(mime, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e)
        {
            return Classify(e, _options);
        }

        // The server has accepted the message: a failure to say goodbye must not make us send it twice.
        await QuitQuietlyAsync(client, linked.Token);
        return DeliveryResult.Success;
    }

    /// <summary>Decides from a MailKit failure whether trying again later may succeed.</summary>
    internal static DeliveryResult Classify(Exception exception, SmtpDeliveryOptions options)
    {
        var server = $"{options.Host}:{options.Port}";
        return exception switch
        {
            SmtpCommandException command when (int)command.StatusCode is >= 400 and < 500 =>
                DeliveryResult.Transient($"The mail server {server} deferred the message ({(int)command.StatusCode}): {command.Message}"),
            SmtpCommandException command =>
                DeliveryResult.Permanent($"The mail server {server} refused the message ({(int)command.StatusCode}): {command.Message}"),
            AuthenticationException =>
                DeliveryResult.Permanent($"The mail server {server} did not accept the configured user name and password."),
            SslHandshakeException =>
                DeliveryResult.Permanent($"Could not set up an encrypted connection to the mail server {server}: {exception.Message}"),
            NotSupportedException =>
                DeliveryResult.Permanent($"The mail server {server} does not support what the configuration asks for: {exception.Message}"),
            SocketException socket =>
                DeliveryResult.Transient($"Could not connect to the mail server {server} ({socket.SocketErrorCode}): {socket.Message}"),
            OperationCanceledException or TimeoutException =>
                DeliveryResult.Transient($"The mail server {server} did not answer within {options.Timeout.TotalSeconds:0.###} s."),
            SmtpProtocolException or IOException or ServiceNotConnectedException =>
                DeliveryResult.Transient($"The connection to the mail server {server} failed: {exception.Message}"),
            _ =>
                DeliveryResult.Permanent($"Sending to the mail server {server} failed: {exception.Message}"),
        };
    }

    private static async Task QuitQuietlyAsync(SmtpClient client, CancellationToken cancellationToken)
    {
        try
        {
            await client.DisconnectAsync(quit: true, cancellationToken);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or MailKit.ProtocolException or SmtpCommandException)
        {
            // Already delivered; the connection is dropped when the client is disposed.
        }
    }
}
