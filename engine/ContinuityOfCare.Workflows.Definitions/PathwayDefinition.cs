using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace ContinuityOfCare.Workflows.Definitions;

/// <summary>A compiled pathway: everything the runtime needs to run one instance per prisoner.</summary>
/// <remarks>
/// Immutable and free of source positions, so that comment, whitespace and layout changes do not
/// change its canonical JSON or content hash. Declaration order is kept: it is the order people
/// read the protocol in, and transitions on one event are tried in that order.
/// </remarks>
public sealed record PathwayDefinition(
    string Id,
    string Title,
    string Partnership,
    string TimeZone,
    string Calendar,
    ImmutableArray<AgencyDefinition> Agencies,
    ImmutableArray<FieldDefinition> Fields,
    ImmutableArray<TemplateDefinition> Templates,
    ImmutableArray<StateDefinition> States)
{
    /// <summary>
    /// The reporting rules the pathway declares (<c>report</c>), or null for the national ones. Left
    /// out of the JSON when there are none, so pathways without them keep their content hash.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ReportRules? Report { get; init; }

    /// <summary>
    /// The published version this pathway was written as changes to (<c>based on</c>), or null for a
    /// pathway written whole. Left out of the JSON when there is none, so other pathways keep their
    /// content hash. The definition itself is always whole: the runtime never reads the base.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PathwayBase? Base { get; init; }

    /// <summary>The id of the single start state.</summary>
    [JsonIgnore]
    public string StartState => States.First(s => s.Kind == StateKind.Start).Id;

    public StateDefinition? FindState(string id) => States.FirstOrDefault(s => s.Id == id);

    public AgencyDefinition? FindAgency(string id) => Agencies.FirstOrDefault(a => a.Id == id);

    public FieldDefinition? FindField(string id) => Fields.FirstOrDefault(f => f.Id == id);

    public TemplateDefinition? FindTemplate(string id) => Templates.FirstOrDefault(t => t.Id == id);
}

/// <summary>The base of a local protocol: the pathway, the version and that version's content hash.</summary>
public sealed record PathwayBase(string PathwayId, int Version, string ContentHash);

/// <summary>An agency of the partnership that owns states and is responsible for actions.</summary>
public sealed record AgencyDefinition(string Id, string Name);

/// <summary>The kind of value a case field holds.</summary>
public enum FieldType
{
    Text,
    Date,
    DateTime,
    YesNo,
    Number,
    OneOf,
}

/// <summary>A typed case field used by conditions, deadlines and templates.</summary>
public sealed record FieldDefinition(string Id, FieldType Type, string? Label, ImmutableArray<string> Options);

/// <summary>A notification template: a subject line and a Scriban body.</summary>
public sealed record TemplateDefinition(string Id, string Subject, string Body);

/// <summary>Whether a state starts the pathway, is passed through, or ends it.</summary>
public enum StateKind
{
    Start,
    Normal,
    Final,
}

/// <summary>A process point of the pathway.</summary>
/// <param name="Was">
/// The id this state had in the previous version, when the pathway declares a rename
/// (<c>state x (was y)</c>): comparisons show it as renamed, and running cases in the old state
/// move to it. Left out of the JSON when there is none, so other pathways keep their content hash.
/// </param>
public sealed record StateDefinition(
    string Id,
    string Title,
    StateKind Kind,
    string Stage,
    string Owner,
    string? Outcome,
    ImmutableArray<ActionDefinition> Actions,
    ImmutableArray<TransitionDefinition> Transitions,
    ImmutableArray<TimerDefinition> Timers,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Was = null);

/// <summary>A required action opened when a case enters its state.</summary>
public sealed record ActionDefinition(
    string Id,
    string Description,
    string Agency,
    Deadline? Deadline,
    ImmutableArray<Effect> OnMissed);

/// <summary>A transition taken when a caseworker records an event and its condition holds.</summary>
/// <param name="Event">The event recorded.</param>
/// <param name="AskedFields">The case fields a caseworker fills in when recording the event.</param>
/// <param name="AllowedAgencies">The agencies that may record it; empty means the state's owner.</param>
/// <param name="Condition">The guard; null means always.</param>
/// <param name="Target">The state entered; null means the case stays where it is.</param>
/// <param name="Effects">Notifications and field changes applied when the transition is taken.</param>
public sealed record TransitionDefinition(
    string Event,
    ImmutableArray<string> AskedFields,
    ImmutableArray<string> AllowedAgencies,
    Condition? Condition,
    string? Target,
    ImmutableArray<Effect> Effects);

/// <summary>A transition taken by the clock when a delay has passed since its anchor.</summary>
public sealed record TimerDefinition(Delay Delay, string Target, ImmutableArray<Effect> Effects);
