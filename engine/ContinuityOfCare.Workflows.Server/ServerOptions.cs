namespace ContinuityOfCare.Workflows.Server;

/// <summary>
/// How the server runs (configuration section <c>ContinuityOfCare</c>). With nothing configured it
/// runs on its embedded default: a SQLite file in <c>./data</c>, Hangfire in memory, and the shipped
/// pathways published.
/// </summary>
public sealed class ServerOptions
{
    public const string Section = "ContinuityOfCare";

    /// <summary>The data folder the server and the command line share (the SQLite file, imported bank holidays).</summary>
    public string DataFolder { get; set; } = "data";

    /// <summary>A PostgreSQL connection string; when set, the runtime and Hangfire keep their data there instead of in SQLite.</summary>
    public string? PostgreSql { get; set; }

    /// <summary>A folder of pathway files to publish at start-up (republishing unchanged content does nothing); none when empty.</summary>
    public string? PublishPathwaysFrom { get; set; } = "pathways";
}
