using System.Globalization;
using MimeKit;

namespace ContinuityOfCare.Workflows.Delivery;

/// <summary>The default channel: writes each message as an RFC 5322 <c>.eml</c> file into a folder.</summary>
/// <remarks>
/// Files are named <c>&lt;UTC timestamp&gt;-&lt;message id&gt;.eml</c>, so a folder listing is in sending
/// order. Each file is written under a temporary name and renamed, so a reader never sees half a
/// message; a message id already in the folder is not written again.
/// </remarks>
public sealed class FileDeliveryChannel : IDeliveryChannel
{
    // RFC 5322 ends lines with CRLF whatever the server's platform.
    private static readonly FormatOptions Rfc5322 = CreateFormat();

    private readonly TimeProvider _timeProvider;

    // Makes "is it there already? if not, write it" one step for deliveries through this channel.
    private readonly SemaphoreSlim _gate = new(1, 1);

    public FileDeliveryChannel(string folder, TimeProvider timeProvider)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Folder = Path.GetFullPath(folder);
        _timeProvider = timeProvider;
    }

    public string Folder { get; }

    /// <summary>The file a message was written to, or null if it has not been delivered here.</summary>
    public string? FindFile(Guid messageId) =>
        Directory.Exists(Folder) ? Directory.EnumerateFiles(Folder, $"*-{messageId:D}.eml").Order(StringComparer.Ordinal).FirstOrDefault() : null;

    public async Task<DeliveryResult> DeliverAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = _timeProvider.GetUtcNow();
        if (!OutgoingMimeMessage.TryCreate(message, now, out var mime, out var error))
        {
            return DeliveryResult.Permanent(error!);
        }

        await _gate.WaitAsync(cancellationToken);
        string? temporary = null;
        try
        {
            Directory.CreateDirectory(Folder);
            if (FindFile(message.Id) is not null)
            {
                return DeliveryResult.Success;
            }

            var name = $"{now.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}-{message.Id:D}.eml";
            // A leading dot and another extension keep the partial file out of "*.eml" listings.
            temporary = Path.Combine(Folder, $".{message.Id:D}.{Guid.NewGuid():N}.tmp");
            await using (var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 16 * 1024, FileOptions.Asynchronous))
            {
                await mime.WriteToAsync(Rfc5322, stream, cancellationToken);
                await stream.FlushAsync(cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Move(temporary, Path.Combine(Folder, name), overwrite: false);
            temporary = null;
            return DeliveryResult.Success;
        }
        catch (UnauthorizedAccessException e)
        {
            return DeliveryResult.Permanent($"Cannot write to the mail folder '{Folder}': {e.Message}");
        }
        catch (IOException e)
        {
            return DeliveryResult.Transient($"Could not write the message to the mail folder '{Folder}': {e.Message}");
        }
        finally
        {
            if (temporary is not null)
            {
                TryDelete(temporary);
            }

            _gate.Release();
        }
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        return format;
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
            // A stray temporary file is harmless: it is never read as a message.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
