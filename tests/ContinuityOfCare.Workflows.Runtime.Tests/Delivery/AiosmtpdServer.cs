using ContinuityOfCare.Workflows.Delivery;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace ContinuityOfCare.Workflows.Runtime.Tests.Delivery;

/// <summary>A real SMTP server on loopback: Debian's aiosmtpd, storing what it receives in a maildir.</summary>
public sealed class AiosmtpdServer : IAsyncDisposable
{
    public const string Python = "/usr/bin/python3";

    private readonly Process _process;
    private readonly StringBuilder _output;

    private AiosmtpdServer(Process process, StringBuilder output, int port, string maildir)
    {
        _process = process;
        _output = output;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    /// <summary>Starts a server; <paramref name="sizeLimit"/> makes it refuse bigger messages with a 5xx reply.</summary>
    public static async Task<AiosmtpdServer> StartAsync(int? sizeLimit = null)
    {
        RequireAiosmtpd();
        // Python's Maildir makes its cur/new/tmp folders only when it creates the maildir itself.
        var maildir = Path.Combine(Path.GetTempPath(), $"coc-smtp-{Guid.NewGuid():N}");
        var port = FreePort();
        var start = new ProcessStartInfo(Python)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{port}" })
        {
            start.ArgumentList.Add(argument);
        }

        if (sizeLimit is { } size)
        {
            start.ArgumentList.Add("-s");
            start.ArgumentList.Add(size.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("aiosmtpd.handlers.Mailbox");
        start.ArgumentList.Add(maildir);

        var output = new StringBuilder();
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{Python} could not be started.");
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new AiosmtpdServer(process, output, port, maildir);
        try
        {
            await server.WaitUntilListeningAsync();
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary>A port nothing listens on: bound, read and released again.</summary>
    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The messages received so far, read back with MimeKit.</summary>
    public IReadOnlyList<MimeMessage> ReceivedMessages()
    {
        var delivered = Path.Combine(Maildir, "new");
        return Directory.Exists(delivered)
            ? Directory.EnumerateFiles(delivered).Select(path => MimeMessage.Load(path)).ToList()
            : [];
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        if (Directory.Exists(Maildir))
        {
            Directory.Delete(Maildir, recursive: true);
        }
    }

    private static void RequireAiosmtpd()
    {
        const string install = "Install Debian's python3-aiosmtpd (apt-get install -y python3-aiosmtpd; .ci/run does this on a fresh machine).";
        if (!File.Exists(Python))
        {
            throw new InvalidOperationException($"The SMTP delivery tests need {Python} with aiosmtpd, and {Python} does not exist. {install}");
        }

        using var check = Process.Start(new ProcessStartInfo(Python, ["-c", "import aiosmtpd"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        })!;
        check.WaitForExit();
        if (check.ExitCode != 0)
        {
            throw new InvalidOperationException($"The SMTP delivery tests need aiosmtpd for {Python}, and it is not installed. {install}");
        }
    }

    private async Task WaitUntilListeningAsync()
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"aiosmtpd exited with code {_process.ExitCode} before listening on port {Port}: {Output}");
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException) when (waited.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50);
            }
            catch (SocketException e)
            {
                throw new InvalidOperationException($"aiosmtpd did not listen on port {Port} within 20 s ({e.SocketErrorCode}): {Output}");
            }
        }
    }

    private string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }
}

/// <summary>One server shared by the delivery tests of a class; started once, stopped and cleaned up after.</summary>
public sealed class SmtpServerFixture : IAsyncLifetime
{
    private AiosmtpdServer? _server;

    public AiosmtpdServer Server => _server ?? throw new InvalidOperationException("The SMTP server has not started.");

    public async Task InitializeAsync() => _server = await AiosmtpdServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
