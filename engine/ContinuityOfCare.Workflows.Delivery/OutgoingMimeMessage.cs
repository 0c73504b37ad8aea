using MimeKit;

namespace ContinuityOfCare.Workflows.Delivery;

/// <summary>Builds the RFC 5322 message that every channel writes or sends, so a file and a mail agree byte for byte.</summary>
internal static class OutgoingMimeMessage
{
    /// <summary>Names the agency id in the message, so that a mailbox shared by several agencies can sort it.</summary>
    public const string AgencyHeader = "X-Continuity-Of-Care-Agency";

    /// <summary>Builds the message, or says which address is not valid.</summary>
    public static bool TryCreate(OutgoingMessage message, DateTimeOffset date, out MimeMessage mime, out string? error)
    {
        mime = new MimeMessage();
        if (!MailboxAddress.TryParse(message.FromAddress, out var from) || !from.Address.Contains('@'))
        {
            error = $"The sender address '{message.FromAddress}' is not a valid email address.";
            return false;
        }

        if (!MailboxAddress.TryParse(message.ToAddress, out var to) || !to.Address.Contains('@'))
        {
            error = $"The address '{message.ToAddress}' of agency '{message.ToAgencyId}' is not a valid email address.";
            return false;
        }

        to.Name = message.ToName;
        mime.From.Add(from);
        mime.To.Add(to);
        mime.Subject = message.Subject;
        mime.Date = date;
        // The outbox id makes the Message-ID, so a server or reader can recognise a redelivered message.
        mime.MessageId = $"{message.Id:D}@{from.Domain}";
        mime.Headers.Add(AgencyHeader, message.ToAgencyId);
        mime.Body = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body };
        // Encode for any relay: quoted-printable for non-ASCII text and for over-long lines.
        mime.Prepare(EncodingConstraint.SevenBit);
        error = null;
        return true;
    }
}
