using System.Text.Json.Nodes;

namespace ContinuityOfCare.Workflows.Definitions.Export;

/// <summary>
/// Settings of one Elsa export: the version number and flags the document carries. Elsa's import
/// stores every definition as a draft whatever <see cref="IsPublished"/> says; publishing is a
/// separate call, so the flag is false unless asked for.
/// </summary>
public sealed record ElsaExportOptions(int Version = 1, bool IsLatest = true, bool IsPublished = false);

/// <summary>
/// Writes a pathway definition as an Elsa 3 workflow definition (the JSON Elsa Studio and Elsa's
/// import endpoint read) built only from activities a stock Elsa 3.7 server has: its workflow,
/// runtime, scheduling and JavaScript modules. Guards are Elsa JavaScript expressions, case fields
/// variables of aliases Elsa registers, events <c>Elsa.Event</c> bookmarks, timers
/// <c>Elsa.StartAt</c>, and each state's ways out meet at an explicit WaitAny <c>Elsa.FlowJoin</c>.
/// </summary>
/// <remarks>
/// The export is pure and deterministic: activity ids are derived from state ids and declaration
/// order, so the same definition always gives the same text and a change to a pathway is a
/// readable diff. What Elsa has no construct for (required actions, their deadlines and
/// escalations, notices and consent) travels in <c>customProperties.continuityOfCare</c> or is
/// handed to the host as an event; docs/elsa-export.md lists exactly what a host must add.
/// </remarks>
public static class ElsaExporter
{
    /// <summary>The key under <c>customProperties</c> that holds what only this engine understands.</summary>
    public const string PropertyKey = "continuityOfCare";

    /// <summary>The schema Elsa's own committed workflow definitions name.</summary>
    public const string Schema = "https://elsaworkflows.io/schemas/workflow-definition/v3.0.0/schema.json";

    public const string FlowchartId = "pathway.flowchart";
    public const string StartId = "pathway.start";

    /// <summary>The WaitAny join every state's way out loops back to, followed by one decision per state.</summary>
    public const string DispatchId = "pathway.next-state";

    /// <summary>The variable holding the id of the state the case is in; the host reads it to show where a case is.</summary>
    public const string StateVariable = "pathway.state";

    /// <summary>The variable holding when the case entered its state (ISO 8601), declared when a timer counts from it.</summary>
    public const string StateEnteredAtVariable = "pathway.state-entered-at";

    /// <summary>The variable the host sets when the person's consent to share information is recorded.</summary>
    public const string ConsentVariable = "pathway.consent-recorded";

    /// <summary>The prefix of the variables holding when an event a timer counts from was last recorded.</summary>
    public const string RecordedAtPrefix = "recorded.";

    /// <summary>The event a notice is handed to the host as (published to the host, not to this workflow).</summary>
    public const string NoticeEvent = "continuity-of-care:notice";

    /// <summary>The Elsa 3 workflow-definition JSON, indented, with "\n" line ends and no trailing newline.</summary>
    /// <param name="definition">The compiled pathway.</param>
    /// <param name="contentHash">Its content hash (<see cref="DefinitionJson.ContentHash"/>), which names this version.</param>
    /// <param name="options">Version number and flags; version 1, latest and a draft when left out.</param>
    public static string Export(PathwayDefinition definition, string contentHash, ElsaExportOptions? options = null) =>
        ToJson(definition, contentHash, options).ToJsonString(ElsaJson.Options);

    /// <summary>The same document as a JSON tree, for callers that embed or inspect it.</summary>
    public static JsonObject ToJson(PathwayDefinition definition, string contentHash, ElsaExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(definition);
        ArgumentException.ThrowIfNullOrWhiteSpace(contentHash);
        options ??= new ElsaExportOptions();
        if (options.Version < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.Version, "An Elsa workflow version starts at 1.");
        }

        var builder = new ElsaFlowchart(definition);
        var flowchart = builder.Build();
        return new JsonObject
        {
            ["$schema"] = Schema,
            ["id"] = VersionId(definition.Id, contentHash),
            ["definitionId"] = definition.Id,
            ["name"] = definition.Title,
            ["description"] = definition.Partnership,
            ["version"] = options.Version,
            ["variables"] = new JsonArray([.. builder.Variables.Select(v => (JsonNode)ElsaJson.Variable(v))]),
            ["inputs"] = new JsonArray(),
            ["outputs"] = new JsonArray(),
            ["outcomes"] = new JsonArray([.. OutcomesOf(definition).Select(o => (JsonNode?)o)]),
            ["customProperties"] = new JsonObject { [PropertyKey] = PathwayProperties(definition, contentHash) },
            ["isReadonly"] = false,
            ["isSystem"] = false,
            ["isLatest"] = options.IsLatest,
            ["isPublished"] = options.IsPublished,
            ["options"] = new JsonObject { ["autoUpdateConsumingWorkflows"] = false },
            ["root"] = flowchart,
        };
    }

    /// <summary>The Elsa activity id of a state's entry activity; every other activity of the state starts with it and a dot.</summary>
    public static string StateActivityId(string stateId) => stateId;

    /// <summary>
    /// One id per exported version: the pathway id and the first 16 hex digits of the content hash,
    /// so re-exporting the same content gives the same id and any change gives a new one.
    /// </summary>
    public static string VersionId(string pathwayId, string contentHash)
    {
        var hex = contentHash.StartsWith("sha256:", StringComparison.Ordinal) ? contentHash["sha256:".Length..] : contentHash;
        return $"{pathwayId}-{hex[..Math.Min(16, hex.Length)]}";
    }

    private static IEnumerable<string> OutcomesOf(PathwayDefinition definition) =>
        definition.States.Where(s => s.Outcome is not null).Select(s => s.Outcome!).Distinct(StringComparer.Ordinal);

    private static JsonObject PathwayProperties(PathwayDefinition definition, string contentHash) => new()
    {
        ["pathway"] = definition.Id,
        ["contentHash"] = contentHash,
        ["partnership"] = definition.Partnership,
        ["timeZone"] = definition.TimeZone,
        ["calendar"] = definition.Calendar,
        ["expressionType"] = ElsaScript.ExpressionType,
        ["agencies"] = new JsonArray([.. definition.Agencies.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["name"] = a.Name })]),
        ["fields"] = new JsonArray([.. definition.Fields.Select(ElsaJson.Field)]),
        ["templates"] = new JsonArray([.. definition.Templates.Select(t => (JsonNode)new JsonObject
        {
            ["id"] = t.Id,
            ["subject"] = t.Subject,
            ["body"] = t.Body,
        })]),
    };
}
