using ContinuityOfCare.Workflows.Designer.Web;
using ContinuityOfCare.Workflows.Runtime;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using ContinuityOfCare.Workflows.Authoring;
using Microsoft.AspNetCore.Mvc;

namespace ContinuityOfCare.Workflows.Designer.Pages.Cases;

/// <summary>Starting a case for a person on the current version of one of the partnership's pathways.</summary>
public sealed class NewCaseModel(PathwayRuntime runtime, PathwayPublisher publisher, CaseClock clock) : DesignerPage
{
    [BindProperty]
    public string? PathwayId { get; set; }

    [BindProperty]
    public string? PrisonNumber { get; set; }

    [BindProperty]
    public string? Name { get; set; }

    [BindProperty]
    public string? BirthDay { get; set; }

    [BindProperty]
    public string? BirthMonth { get; set; }

    [BindProperty]
    public string? BirthYear { get; set; }

    [BindProperty]
    public bool Consent { get; set; } = true;

    public List<string> Pathways { get; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (string.IsNullOrWhiteSpace(PathwayId) || !Pathways.Contains(PathwayId))
        {
            Errors["pathway-id"] = "Select the pathway the case follows";
        }

        if (string.IsNullOrWhiteSpace(PrisonNumber))
        {
            Errors["prison-number"] = "Enter the person's prison number";
        }
        else if (!InputLimits.TryReadPrisonNumber(PrisonNumber, out _))
        {
            Errors["prison-number"] = "Enter a prison number in the right format: one letter, four digits and two letters, like A1234BC";
        }

        if (string.IsNullOrWhiteSpace(Name))
        {
            Errors["name"] = "Enter the person's full name";
        }
        else if (InputLimits.Problem(Name.Trim(), InputLimits.Name) is { } badName)
        {
            Errors["name"] = $"Full name must be {badName}";
        }

        var (born, bornError) = DateInput.Read("Date of birth", BirthDay, BirthMonth, BirthYear);
        if (bornError is not null)
        {
            Errors["date-of-birth"] = bornError;
        }
        else if (born > clock.Now.InZone(CaseClock.Zone(null)).Date)
        {
            Errors["date-of-birth"] = "Date of birth must be in the past";
        }
        else if (InputLimits.BirthProblem(born!.Value, clock.Now.InZone(CaseClock.Zone(null)).Date) is not null)
        {
            Errors["date-of-birth"] = $"Date of birth must be between 1 January {InputLimits.EarliestBirth.Year} and {InputLimits.YoungestAge} years ago";
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        try
        {
            var started = await runtime.Cases.StartAsync(
                new StartCase(PathwayId!, Me.Partnership!, new Person(PrisonNumber!.Trim().ToUpperInvariant(), Name!.Trim(), born!.Value), Consent),
                Me.Actor, cancellationToken);
            return Reload($"Case started for {started.Instance.Case.Person.PrisonNumber}.", $"/cases/{started.Instance.Id}");
        }
        catch (RuntimeException refused)
        {
            Errors["pathway-id"] = refused.Message;
            return Page();
        }
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Pathways.AddRange((await publisher.ListVersionsAsync(partnership: Me.Partnership, cancellationToken: cancellationToken))
            .Where(l => l.IsCurrent).Select(l => l.Version.PathwayId).Distinct().Order(StringComparer.Ordinal));
}
