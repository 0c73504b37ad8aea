using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ContinuityOfCare.Workflows.Server;

/// <summary>
/// The readiness answer as plain text: "Healthy" alone when all is well, otherwise the status and,
/// for each check that is not healthy, a line saying what is wrong and what to do.
/// </summary>
internal static class HealthResponse
{
    public static Task WriteAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        var lines = new List<string> { report.Status.ToString() };
        lines.AddRange(report.Entries
            .Where(e => e.Value.Status != HealthStatus.Healthy)
            .OrderBy(e => e.Key, StringComparer.Ordinal)
            .Select(e => $"{e.Key}: {e.Value.Status}: {e.Value.Description}"));
        return context.Response.WriteAsync(string.Join('\n', lines), context.RequestAborted);
    }
}
