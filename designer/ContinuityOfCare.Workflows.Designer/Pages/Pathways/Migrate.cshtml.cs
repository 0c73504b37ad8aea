using System.Collections.Immutable;
using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Catalog;
using ContinuityOfCare.Workflows.Runtime.Migration;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Authoring;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages.Pathways;

/// <summary>Planning, trying and applying a move of running cases from one version to another.</summary>
public sealed class MigrateModel(PathwayPublisher publisher, PathwayRuntime runtime, IDefinitionCatalog catalog) : DesignerPage
{
    /// <summary>How many cases the page lists one by one (the tables above count them all).</summary>
    public const int CasesListed = 100;

    [FromRoute]
    public string Id { get; set; } = "";

    [BindProperty]
    public int From { get; set; }

    [BindProperty]
    public int To { get; set; }

    [BindProperty]
    public string? States { get; set; }

    /// <summary>The plan a dry run was made of, sent back with the move so that only a tried plan is applied.</summary>
    [BindProperty]
    public string? Tried { get; set; }

    public IReadOnlyList<VersionListing> Versions { get; private set; } = [];

    /// <summary>The plan as posted, in one line: versions and state mappings in order, for comparing with the one tried.</summary>
    public string PlanKey => $"{From}>{To}:" + string.Join(";", (States ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(l => string.Join("=", l.Split('=', StringSplitOptions.TrimEntries))).Order(StringComparer.Ordinal));

    /// <summary>A state's title in the version cases move from (<paramref name="target"/> false) or to, or its id when the version does not have it.</summary>
    public string StateTitle(string state, bool target) =>
        (target ? Report?.Migration.To : Report?.Migration.From)?.FindState(state)?.Title ?? state;

    /// <summary>Whether the report shown is a dry run that can be applied as it stands.</summary>
    public bool MayApply => Report is { DryRun: true, Blocked.Length: 0, Movable: > 0 };

    public MigrationReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadVersionsAsync(cancellationToken);
        if (Versions.Count == 0)
        {
            return NotFound();
        }

        From = Versions.FirstOrDefault(v => v.RunningInstances > 0 && !v.IsCurrent)?.Version.Number ?? Versions[0].Version.Number;
        To = Versions.FirstOrDefault(v => v.IsCurrent)?.Version.Number ?? Versions[^1].Version.Number;
        return Page();
    }

    public Task<IActionResult> OnPostDryRunAsync(CancellationToken cancellationToken) => RunAsync(dryRun: true, cancellationToken);

    /// <summary>Moves the cases, but only by a plan tried as it stands; otherwise it is tried first (and nothing moves).</summary>
    public Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken)
    {
        if (Tried != PlanKey)
        {
            Errors["from"] = "Try this plan first: the move has changed since the dry run, so nothing was moved. Read what it would do below, then move the cases.";
            return RunAsync(dryRun: true, cancellationToken);
        }

        return RunAsync(dryRun: false, cancellationToken);
    }

    private async Task<IActionResult> RunAsync(bool dryRun, CancellationToken cancellationToken)
    {
        await LoadVersionsAsync(cancellationToken);
        var states = ImmutableDictionary.CreateBuilder<string, string>(StringComparer.Ordinal);
        foreach (var line in (States ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var parts = line.Split('=', StringSplitOptions.TrimEntries);
            if (parts.Length != 2 || parts[0].Length == 0 || parts[1].Length == 0)
            {
                Errors["states"] = $"Write each mapping as old-state = new-state (not '{line}')";
                return Page();
            }

            states[parts[0]] = parts[1];
        }

        try
        {
            var plan = await new MigrationPlanFile(Id, Me.Partnership!, From, To, states.ToImmutable()).ToPlanAsync(catalog, cancellationToken);
            var resolved = await runtime.Migrations.ResolveAsync(plan, cancellationToken);
            Report = await runtime.Migrations.MigrateAllAsync(resolved, dryRun, Actor.Manager(Me.UserName), cancellationToken);
        }
        catch (RuntimeException refused)
        {
            Errors["from"] = refused.Message;
        }

        if (!dryRun && Report is { Blocked.Length: 0 } applied)
        {
            // Back to the page as a GET, so that a refresh cannot move the cases again.
            var refused = applied.Refused == 0 ? "" : $" {applied.Refused} could not be moved: {string.Join(" ", applied.Refusals.Select(r => $"{r.Reason} ({r.Cases})"))}";
            return Reload($"{applied.Moved} {(applied.Moved == 1 ? "case" : "cases")} moved from version {From} to version {To}.{refused}");
        }

        return Page();
    }

    private async Task LoadVersionsAsync(CancellationToken cancellationToken) =>
        Versions = [.. (await publisher.ListVersionsAsync(Id, Me.Partnership, cancellationToken)).OrderBy(v => v.Version.Number)];
}
