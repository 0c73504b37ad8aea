using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ContinuityOfCare.Workflows.Language.Tests;

namespace ContinuityOfCare.Workflows.Server.Tests;

/// <summary>
/// A server published with <c>dotnet publish</c> carries the designer's styles and scripts and
/// serves them from its own folder, wherever it is deployed: here it runs from a temporary folder,
/// started outside the checkout, and serves a published stylesheet that the test has marked, so the
/// answer cannot have come from the checkout's built assets.
/// </summary>
public sealed class PublishTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("coc-publish-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file the stopped server still held; the system cleans its temporary folder.
        }
    }

    [Fact]
    public async Task APublishedServerServesTheDesignersAssetsFromItsOwnFolder()
    {
        var published = Path.Combine(_folder, "app");
        var project = Path.Combine(RepositoryPaths.Root, "engine", "ContinuityOfCare.Workflows.Server", "ContinuityOfCare.Workflows.Server.csproj");
        var (code, output) = await RunAsync("dotnet", ["publish", project, "-c", "Release", "--no-build", "-o", published], RepositoryPaths.Root, TimeSpan.FromMinutes(5));
        Assert.True(code == 0, output);

        var stylesheet = Path.Combine(published, "designer-assets", "assets", "css", "designer.css");
        Assert.True(File.Exists(Path.Combine(published, "designer-assets", "assets", "css", "govuk-frontend.min.css")), $"Nothing of the designer's assets was published into {published}.");
        await File.AppendAllTextAsync(stylesheet, "\n/* served from the published folder */\n");

        var port = FreePort();
        using var server = Start(published, port);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            await WaitUntilServingAsync(http, server);

            using var css = await http.GetAsync("/assets/css/designer.css");
            Assert.Equal(HttpStatusCode.OK, css.StatusCode);
            Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith("/* served from the published folder */\n", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            using var font = await http.GetAsync("/assets/fonts/" + Path.GetFileName(Directory.EnumerateFiles(Path.Combine(published, "designer-assets", "assets", "fonts")).First()));
            Assert.Equal(HttpStatusCode.OK, font.StatusCode);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private Process Start(string published, int port)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(published, "ContinuityOfCare.Workflows.Server.dll")])
        {
            // Started outside the checkout, as a deployed server would be.
            WorkingDirectory = _folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["ContinuityOfCare__DataFolder"] = Path.Combine(_folder, "data");
        start.Environment["ContinuityOfCare__PublishPathwaysFrom"] = "";
        start.Environment["ContinuityOfCare__DemoData"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        var process = Process.Start(start)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task WaitUntilServingAsync(HttpClient http, Process server)
    {
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < TimeSpan.FromSeconds(90))
        {
            Assert.False(server.HasExited, $"The published server exited with code {(server.HasExited ? server.ExitCode : 0)}.");
            try
            {
                using var ready = await http.GetAsync("/health/live");
                if (ready.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(250);
        }

        throw new TimeoutException("The published server did not start within 90 s.");
    }

    private static async Task<(int Code, string Output)> RunAsync(string file, string[] arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(cancel.Token);
        return (process.ExitCode, await output + await errors);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
