using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Language;
using ContinuityOfCare.Workflows.Language.Semantics;
using ContinuityOfCare.Workflows.Language.Diagnostics;
using ContinuityOfCare.Workflows.Language.Parsing;
using ContinuityOfCare.Workflows.Language.Syntax;
using ContinuityOfCare.Workflows.Language.Text;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Runtime.Storage;
using NodaTime;

namespace ContinuityOfCare.Workflows.Authoring;

/// <summary>
/// Drafting, checking, publishing and retracting pathway versions: the one service the command line
/// and the server use for them. A version is numbered per pathway and partnership, immutable once
/// published, and only ever published from a pathway without errors; retracting one stops new cases
/// starting on it and leaves running cases alone. Refused requests change nothing.
/// </summary>
/// <param name="environment">What a text compiles against here: the engine's calendars and time zones, and where template files are read from (see <see cref="AuthoringEnvironment"/>).</param>
/// <param name="sharedPartnerships">The partnerships whose published pathways every partnership may build on; by default the national template's.</param>
/// <param name="baseVersions">
/// Where bases are read from: a store that sees every partnership's published versions, for a host
/// whose <paramref name="versions"/> sees only the caller's partnership. The publisher itself keeps
/// to the bases a partnership may read. By default <paramref name="versions"/>.
/// </param>
public sealed class PathwayPublisher(
    IPathwayVersionStore versions,
    IRuntimeStore instances,
    TimeProvider clock,
    CompileEnvironment environment,
    IReadOnlyCollection<string>? sharedPartnerships = null,
    IPathwayVersionStore? baseVersions = null)
{
    private readonly IPathwayVersionStore _bases = baseVersions ?? versions;

    /// <summary>The partnership the shipped national journey map is published in: a base every partnership may read.</summary>
    public const string NationalPartnership = "National journey map (template for local partnerships)";

    private readonly IReadOnlyCollection<string> _shared = sharedPartnerships ?? [NationalPartnership];

    /// <summary>Saves the text as the draft of the pathway and partnership it declares, errors and all.</summary>
    public async Task<DraftResult> SaveDraftAsync(SourceText source, string author, CancellationToken cancellationToken = default)
    {
        Require(author, "A draft needs the name of the person saving it.");
        var compiled = await CompileAsync(source, cancellationToken: cancellationToken);
        var (pathwayId, partnership) = DeclaredKey(compiled.Syntax)
            ?? throw new InvalidRequestException(
                "A draft is kept under its pathway id and partnership, and this text does not give both: it needs a 'pathway <id>' line with a 'partnership \"<name>\"' line under it.");
        var draft = new PathwayDraft(pathwayId, partnership, source.Text, author.Trim(), Now());
        await versions.SaveDraftAsync(draft, cancellationToken);
        return new DraftResult(draft, compiled.Diagnostics);
    }

    public Task<PathwayDraft?> GetDraftAsync(string pathwayId, string partnership, CancellationToken cancellationToken = default) =>
        versions.FindDraftAsync(pathwayId, partnership, cancellationToken);

    /// <summary>
    /// The definition the text compiles to (and every diagnostic), as it would be published: reading
    /// template files as this publisher does and, for a text based on another pathway, that
    /// pathway's published versions in the partnerships this one may read.
    /// </summary>
    /// <param name="forPartnership">The partnership the text is compiled for, when the caller acts for one; otherwise the one the text names.</param>
    public async Task<CompilationResult> CompileAsync(SourceText source, string? forPartnership = null, CancellationToken cancellationToken = default)
    {
        var parsed = PathwayParser.Parse(source);
        var header = parsed.Syntax.Declarations.OfType<HeaderSyntax>().FirstOrDefault();
        if (header?.BasedOn is not { } basedOn)
        {
            return PathwayCompiler.Compile(source, environment);
        }

        var partnership = forPartnership ?? DeclaredKey(parsed.Syntax)?.Partnership;
        var bases = await BasesAsync(basedOn.Pathway.Name, basedOn.Version, partnership, cancellationToken);
        return PathwayCompiler.Compile(source, environment with { Bases = bases });
    }

    /// <summary>
    /// The versions of a pathway a partnership may build on: those published in the partnership
    /// itself, or else in a shared one (the national template's). Only the version asked for is read.
    /// </summary>
    private async Task<PathwayBases> BasesAsync(string pathwayId, int number, string? partnership, CancellationToken cancellationToken)
    {
        var readable = _shared.Append(partnership).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var listed = (await _bases.ListVersionsAsync(pathwayId, null, cancellationToken)).Where(v => readable.Contains(v.Partnership)).ToList();
        var bases = new PathwayBases();
        if (listed.Count == 0)
        {
            // Unknown here: offer the ids that can be read, for a suggestion.
            foreach (var other in readable)
            {
                foreach (var version in await _bases.ListVersionsAsync(null, other, cancellationToken))
                {
                    bases.Add(version.PathwayId, new PathwayBaseVersion(version.Number, null));
                }
            }

            return bases;
        }

        var owner = listed.Any(v => v.Partnership == partnership) ? partnership : listed.Select(v => v.Partnership).Order(StringComparer.Ordinal).First();
        foreach (var version in listed.Where(v => v.Partnership == owner))
        {
            PathwayDefinition? definition = null;
            if (version.Number == number && await _bases.FindDefinitionJsonAsync(version.Definition, cancellationToken) is { } json)
            {
                definition = DefinitionJson.FromJson(json);
            }

            bases.Add(pathwayId, new PathwayBaseVersion(version.Number, definition, version.Retraction?.Reason));
        }

        return bases;
    }

    /// <summary>
    /// Publishes the text as the next version of its pathway in its partnership. A pathway with errors
    /// publishes nothing; content equal to the latest version's is not published again.
    /// </summary>
    /// <exception cref="VersionNumberTakenException">Someone else published the same pathway at the same moment.</exception>
    /// <param name="forPartnership">The partnership the person publishes for, when they may publish only there: a text naming another is refused.</param>
    public async Task<PublishResult> PublishAsync(SourceText source, string author, string note, string? forPartnership = null, CancellationToken cancellationToken = default)
    {
        Require(author, "Publishing needs the name of the person publishing.");
        Require(note, "Publishing needs a change note: say what changed and why.");
        var compiled = await CompileAsync(source, forPartnership, cancellationToken);
        if (compiled.Definition is not { } definition)
        {
            return new PublishResult(PublishOutcome.HasErrors, compiled.Diagnostics, null);
        }

        if (forPartnership is not null && PartnershipMismatch(definition, forPartnership) is { } mismatch)
        {
            throw new ForbiddenException(mismatch);
        }

        var hash = DefinitionJson.ContentHash(definition);
        var latest = await versions.FindLatestAsync(definition.Id, definition.Partnership, cancellationToken);
        if (latest is { IsRetracted: false } && latest.ContentHash == hash)
        {
            return new PublishResult(PublishOutcome.AlreadyPublished, compiled.Diagnostics, latest);
        }

        var version = new PathwayVersion(definition.Id, definition.Partnership, (latest?.Number ?? 0) + 1, hash, author.Trim(), Now(), note.Trim());
        await versions.AddVersionAsync(version, new PathwayVersionContent(source.Text, DefinitionJson.ToCanonicalJson(definition)), cancellationToken);
        return new PublishResult(PublishOutcome.Published, compiled.Diagnostics, version);
    }

    /// <summary>
    /// For a version written as changes to a base, what it changes: the base version's definition
    /// compared with this one's, so everything not listed is inherited. Null for a pathway written whole.
    /// </summary>
    public async Task<LocalChanges?> LocalChangesAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken = default)
    {
        if (await versions.FindVersionAsync(pathwayId, partnership, number, cancellationToken) is not { } version
            || await versions.FindDefinitionJsonAsync(version.Definition, cancellationToken) is not { } json
            || DefinitionJson.FromJson(json) is not { Base: { } basedOn } definition
            || await _bases.FindDefinitionJsonAsync(new DefinitionVersion(basedOn.PathwayId, basedOn.ContentHash), cancellationToken) is not { } baseJson)
        {
            return null;
        }

        var diff = Definitions.Diff.PathwayDiffer.Compare(
            DefinitionJson.FromJson(baseJson), definition, $"{basedOn.PathwayId} version {basedOn.Version} (the base)", $"{pathwayId} version {number}");
        return new LocalChanges(basedOn, diff);
    }

    /// <summary>Retracts a version: no new case starts on it; cases running on it carry on.</summary>
    public async Task<PathwayVersion> RetractAsync(string pathwayId, string partnership, int number, string by, string reason, CancellationToken cancellationToken = default)
    {
        Require(by, "Retracting needs the name of the person retracting.");
        Require(reason, "Retracting needs a reason: say why no new case should start on this version.");
        var found = await versions.FindVersionAsync(pathwayId, partnership, number, cancellationToken)
            ?? throw new NotFoundException(await NoSuchVersionAsync(pathwayId, partnership, number, cancellationToken));
        if (found.Retraction is { } earlier)
        {
            throw AlreadyRetracted(found, earlier);
        }

        var retraction = new Retraction(by.Trim(), Now(), reason.Trim());
        if (!await versions.RetractAsync(pathwayId, partnership, number, retraction, cancellationToken))
        {
            // Retracted by someone else since it was read.
            var now = await versions.FindVersionAsync(pathwayId, partnership, number, cancellationToken);
            throw AlreadyRetracted(found, now?.Retraction ?? retraction);
        }

        return found with { Retraction = retraction };
    }

    /// <summary>Published versions, with how many cases run on each and which ones new cases start on.</summary>
    public async Task<IReadOnlyList<VersionListing>> ListVersionsAsync(string? pathwayId = null, string? partnership = null, CancellationToken cancellationToken = default)
    {
        var listed = await versions.ListVersionsAsync(pathwayId, partnership, cancellationToken);
        var running = await instances.CountActiveInstancesAsync(pathwayId, cancellationToken);
        var current = Current(listed).ToHashSet();
        return [.. listed.Select(v => new VersionListing(v, running.GetValueOrDefault(v.Definition), current.Contains(v)))];
    }

    /// <summary>Why a pathway cannot be published for a partnership it does not name, or null when it names it.</summary>
    public static string? PartnershipMismatch(PathwayDefinition definition, string partnership) =>
        definition.Partnership == partnership
            ? null
            : $"This pathway says it belongs to '{definition.Partnership}'; you publish for '{partnership}'. Change its partnership line.";

    /// <summary>
    /// The agencies named by the partnership's current pathway versions, in order: the agencies its
    /// caseworkers can work for.
    /// </summary>
    public async Task<IReadOnlyList<string>> AgenciesAsync(string partnership, CancellationToken cancellationToken = default)
    {
        var agencies = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var current in Current(await versions.ListVersionsAsync(null, partnership, cancellationToken)))
        {
            if (await versions.FindDefinitionJsonAsync(current.Definition, cancellationToken) is { } json)
            {
                agencies.UnionWith(DefinitionJson.FromJson(json).Agencies.Select(a => a.Id));
            }
        }

        return [.. agencies];
    }

    /// <summary>The version new cases start on, of each pathway in each partnership: the latest not retracted.</summary>
    private static IEnumerable<PathwayVersion> Current(IEnumerable<PathwayVersion> listed) => listed
        .Where(v => !v.IsRetracted)
        .GroupBy(v => (v.PathwayId, v.Partnership))
        .Select(g => g.MaxBy(v => v.Number)!);

    private static (string PathwayId, string Partnership)? DeclaredKey(PathwayFileSyntax syntax)
    {
        var header = syntax.Declarations.OfType<HeaderSyntax>().FirstOrDefault();
        var partnership = header?.Properties.FirstOrDefault(p => p.Kind == HeaderPropertyKind.Partnership)?.Value;
        return header is null || string.IsNullOrWhiteSpace(header.Id.Name) || string.IsNullOrWhiteSpace(partnership)
            ? null
            : (header.Id.Name, partnership);
    }

    private async Task<string> NoSuchVersionAsync(string pathwayId, string partnership, int number, CancellationToken cancellationToken) =>
        await versions.FindLatestAsync(pathwayId, partnership, cancellationToken) is { } latest
            ? $"There is no version {number} of pathway '{pathwayId}' in '{partnership}': its versions are 1 to {latest.Number}."
            : $"Pathway '{pathwayId}' has no published versions in '{partnership}'.";

    private static InvalidRequestException AlreadyRetracted(PathwayVersion version, Retraction retraction) =>
        new($"Version {version.Number} of pathway '{version.PathwayId}' in '{version.Partnership}' was already retracted by {retraction.By} at {retraction.At}: {retraction.Reason}");

    private static void Require(string? value, string message)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new InvalidRequestException(message);
        }
    }

    private Instant Now() => Instant.FromDateTimeOffset(clock.GetUtcNow());
}
