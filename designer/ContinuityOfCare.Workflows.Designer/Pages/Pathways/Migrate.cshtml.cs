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

    public IReadOnlyList<VersionListing> Versions { get; private set; } = [];

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

    public Task<IActionResult> OnPostApplyAsync(CancellationToken cancellationToken) => RunAsync(dryRun: false, cancellationToken);

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

        if (!dryRun && Report is { Blocked.Length: 0 })
        {
            Notice = $"{Report.Moved} cases moved from version {From} to version {To}.";
        }

        return Page();
    }

    private async Task LoadVersionsAsync(CancellationToken cancellationToken) =>
        Versions = [.. (await publisher.ListVersionsAsync(Id, Me.Partnership, cancellationToken)).OrderBy(v => v.Version.Number)];
}
