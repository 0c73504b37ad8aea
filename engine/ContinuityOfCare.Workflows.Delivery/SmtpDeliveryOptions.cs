using MailKit.Security;

namespace ContinuityOfCare.Workflows.Delivery;

/// <summary>Where and how <see cref="SmtpDeliveryChannel"/> connects to the mail server.</summary>
public sealed record SmtpDeliveryOptions
{
    public required string Host { get; init; }

    public int Port { get; init; } = 587;

    /// <summary>Sign in with these when set; leave null for a relay that trusts the network.</summary>
    public string? UserName { get; init; }

    public string? Password { get; init; }

    /// <summary>
    /// StartTls by default: the messages hold personal data, so a server that cannot encrypt is an
    /// error rather than a reason to send in clear text. Use None only for a loopback test server.
    /// </summary>
    public SecureSocketOptions SecureSocketOptions { get; init; } = SecureSocketOptions.StartTls;

    /// <summary>Time allowed for one delivery: connecting, signing in and sending.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Host, nameof(Host));
        if (Port is <= 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "The SMTP port must be between 1 and 65535.");
        }

        if (Timeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(Timeout), Timeout, "The SMTP timeout must be positive.");
        }

        if ((UserName is null) != (Password is null))
        {
            throw new ArgumentException("Give both an SMTP user name and a password, or neither.", UserName is null ? nameof(UserName) : nameof(Password));
        }
    }
}
