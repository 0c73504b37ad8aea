using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Text;
using ContinuityOfCare.Workflows.Authoring;
using Microsoft.Extensions.Options;

namespace ContinuityOfCare.Workflows.Server;

/// <summary>
/// At start-up, publishes every pathway file in the configured folder (the shipped pathways, by
/// default), so that a new installation has something to start cases on. A pathway already
/// published with the same content is left alone; one with errors is logged and skipped.
/// </summary>
public sealed partial class ShippedPathways(
    PathwayPublisher publisher,
    IOptions<ServerOptions> options,
    ILogger<ShippedPathways> logger) : IHostedService
{
    public const string Author = "ContinuityOfCare.Workflows (shipped)";

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.PublishPathwaysFrom is not { Length: > 0 } configured)
        {
            return;
        }

        // Read from the folder the server is started in, as the data folder is.
        var folder = Path.GetFullPath(configured, Directory.GetCurrentDirectory());
        if (!Directory.Exists(folder))
        {
            LogNoFolder(logger, folder);
            return;
        }

        // A local protocol based on another shipped pathway (the national one) can be published only
        // once its base is: each round publishes what it can, and a pathway whose base is not yet
        // published waits for the next round, until a round publishes nothing more.
        var waiting = Directory.EnumerateFiles(folder, "*.pathway", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        while (waiting.Count > 0)
        {
            var results = new List<(string File, PublishResult Result)>();
            foreach (var file in waiting)
            {
                results.Add((file, await publisher.PublishAsync(SourceText.FromFile(file), Author, "Shipped with the product.", cancellationToken: cancellationToken)));
            }

            var baseMissing = results.Where(r => WaitsForItsBase(r.Result)).ToList();
            var last = baseMissing.Count == waiting.Count;
            foreach (var (file, result) in results.Where(r => last || !WaitsForItsBase(r.Result)))
            {
                LogPublished(logger, Path.GetRelativePath(folder, file), result.Message);
            }

            waiting = last ? [] : [.. baseMissing.Select(r => r.File)];
        }
    }

    private static bool WaitsForItsBase(PublishResult result) =>
        result.Outcome == PublishOutcome.HasErrors && result.Diagnostics.Any(d => d.Code == DiagnosticCatalog.UnknownBase.Code);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "No pathways were published at start-up: the folder {Folder} does not exist.")]
    private static partial void LogNoFolder(ILogger logger, string folder);

    [LoggerMessage(Level = LogLevel.Information, Message = "{File}: {Outcome}")]
    private static partial void LogPublished(ILogger logger, string file, string outcome);
}
