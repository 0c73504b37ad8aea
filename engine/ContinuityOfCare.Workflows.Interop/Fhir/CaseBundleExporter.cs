using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using Hl7.Fhir.Model;
using NodaTime.Text;
using FhirTask = Hl7.Fhir.Model.Task;

namespace ContinuityOfCare.Workflows.Interop.Fhir;

/// <summary>
/// A case as a FHIR R4 <c>Bundle</c> (a collection): the person as a <c>Patient</c>, the
/// partnership and its agencies as <c>Organization</c>s, the case as a <c>CarePlan</c> that
/// instantiates its pathway version's PlanDefinition, a <c>Task</c> per action item, and a
/// <c>ServiceRequest</c> per referral the pathway asks for.
/// </summary>
/// <remarks>
/// The person's details are exactly those the case view shows (prison number, name, date of
/// birth). Every resource has an id of its own and refers to the others by type and id, so a
/// referral can later be lifted out with its patient and organisations into a message bundle.
/// </remarks>
public static class CaseBundleExporter
{
    public static Bundle Export(CaseView view, int? versionNumber, FhirOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        options ??= new FhirOptions();
        var ids = new CaseIds(view.Instance.Id);
        var definition = view.Definition;
        var agencies = view.Actions.Select(a => a.Agency).Append(view.State.Owner)
            .Concat(view.Actions.Select(a => Referral.ReferredAgency(view, a)?.Id).OfType<string>())
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var bundle = new Bundle
        {
            Id = FhirText.Id("case-" + view.Instance.Id),
            Identifier = new Identifier(options.System("case"), view.Instance.Id.ToString()),
            Type = Bundle.BundleType.Collection,
        };
        Add(bundle, options, Patient(view, ids, options));
        Add(bundle, options, Partnership(view, ids, options));
        foreach (var agency in agencies)
        {
            Add(bundle, options, Agency(definition, agency, view, ids, options));
        }

        Add(bundle, options, CarePlan(view, versionNumber, ids, options));
        foreach (var item in view.Actions)
        {
            Add(bundle, options, Task(view, item, ids, options));
        }

        foreach (var item in view.Actions.Where(a => Referral.ReferredAgency(view, a) is not null))
        {
            Add(bundle, options, Referral.ServiceRequest(view, item, ids, options));
        }

        return bundle;
    }

    private static Patient Patient(CaseView view, CaseIds ids, FhirOptions options)
    {
        var person = view.Instance.Case.Person;
        return new Patient
        {
            Id = ids.Patient,
            Identifier = [new Identifier(options.System("prison-number"), person.PrisonNumber)],
            Name = [new HumanName { Text = person.Name }],
            BirthDate = LocalDatePattern.Iso.Format(person.DateOfBirth),
        };
    }

    private static Organization Partnership(CaseView view, CaseIds ids, FhirOptions options) => new()
    {
        Id = ids.Partnership(view.Instance.Case.Partnership),
        Identifier = [new Identifier(options.System("partnership"), view.Instance.Case.Partnership)],
        Name = view.Instance.Case.Partnership,
    };

    private static Organization Agency(PathwayDefinition definition, string agency, CaseView view, CaseIds ids, FhirOptions options) => new()
    {
        Id = ids.Agency(agency),
        Identifier = [new Identifier(options.System($"partnership/{ids.Partnership(view.Instance.Case.Partnership)}/agency"), agency)],
        Name = definition.FindAgency(agency)?.Name ?? agency,
        PartOf = FhirText.Reference("Organization", ids.Partnership(view.Instance.Case.Partnership), view.Instance.Case.Partnership),
    };

    private static CarePlan CarePlan(CaseView view, int? versionNumber, CaseIds ids, FhirOptions options)
    {
        var (instance, definition, state) = (view.Instance, view.Definition, view.State);
        var canonical = options.PlanDefinitionUrl(definition.Id) + (versionNumber is { } n ? $"|{n}" : "");
        var where = instance.IsActive
            ? $"At '{state.Title}' (stage '{state.Stage}', owned by {definition.FindAgency(state.Owner)?.Name ?? state.Owner}) since {Iso(instance.StateEnteredAt)}."
            : $"Ended at '{state.Title}' on {Iso(instance.EndedAt ?? instance.StateEnteredAt)}" + (instance.Outcome is { } o ? $" with the outcome '{o}'." : ".");
        var plan = new CarePlan
        {
            Id = ids.CarePlan,
            Identifier = [new Identifier(options.System("case"), instance.Id.ToString())],
            InstantiatesCanonical = [canonical],
            Status = instance.Status switch
            {
                InstanceStatus.Active => RequestStatus.Active,
                InstanceStatus.Cancelled => RequestStatus.Revoked,
                _ => RequestStatus.Completed,
            },
            Intent = Hl7.Fhir.Model.CarePlan.CarePlanIntent.Plan,
            Category = [FhirText.Text("Continuity of care from custody to community treatment")],
            Title = definition.Title,
            Description = where,
            Subject = FhirText.Reference("Patient", ids.Patient),
            Period = FhirText.Period(instance.StartedAt.ToDateTimeOffset(), instance.EndedAt?.ToDateTimeOffset()),
            CreatedElement = FhirText.DateTime(instance.StartedAt.ToDateTimeOffset()),
            Author = FhirText.Reference("Organization", ids.Agency(state.Owner), definition.FindAgency(state.Owner)?.Name),
        };
        plan.Activity.AddRange(view.Actions.Select(a => new CarePlan.ActivityComponent { Reference = FhirText.Reference("Task", ids.Task(a.Id), a.Description) }));
        return plan;
    }

    private static FhirTask Task(CaseView view, ActionItem item, CaseIds ids, FhirOptions options)
    {
        var definition = view.Definition;
        var task = new FhirTask
        {
            Id = ids.Task(item.Id),
            Identifier = [new Identifier(options.System("action-item"), item.Id.ToString())],
            BasedOn = [FhirText.Reference("CarePlan", ids.CarePlan)],
            Status = item.Status switch
            {
                ActionStatus.Done or ActionStatus.Late => FhirTask.TaskStatus.Completed,
                ActionStatus.Cancelled => FhirTask.TaskStatus.Cancelled,
                _ => FhirTask.TaskStatus.Ready,
            },
            BusinessStatus = FhirText.Text(item.Status switch
            {
                ActionStatus.Done => "Done on time",
                ActionStatus.Late => "Done late",
                ActionStatus.Breached => "Overdue",
                ActionStatus.Cancelled => "Cancelled: the case left the state before it was done",
                _ => item.DueAt is null ? "Open, waiting for the date its deadline counts from" : "Open",
            }),
            Intent = FhirTask.TaskIntent.Order,
            Code = FhirText.Concept(options.System($"CodeSystem/{definition.Id}/action"), item.ActionId, item.Description),
            Description = item.Description,
            For = FhirText.Reference("Patient", ids.Patient),
            AuthoredOnElement = FhirText.DateTime(item.OpenedAt.ToDateTimeOffset()),
            LastModifiedElement = FhirText.DateTime((item.CompletedAt ?? item.BreachedAt ?? item.OpenedAt).ToDateTimeOffset()),
            Owner = FhirText.Reference("Organization", ids.Agency(item.Agency), definition.FindAgency(item.Agency)?.Name),
            ExecutionPeriod = FhirText.Period(item.OpenedAt.ToDateTimeOffset(), item.CompletedAt?.ToDateTimeOffset()),
            // Only the end: a deadline counted from a date already past is due before the action opened.
            Restriction = item.DueAt is { } due ? new FhirTask.RestrictionComponent { Period = FhirText.Period(null, due.ToDateTimeOffset()) } : null,
        };
        task.Input.Add(new FhirTask.ParameterComponent { Type = FhirText.Text("State"), Value = new FhirString(item.State) });
        if (item.CompletedBy is { } by)
        {
            task.Output.Add(new FhirTask.OutputComponent { Type = FhirText.Text("Completed by"), Value = new FhirString(by) });
        }

        if (Referral.ReferredAgency(view, item) is not null)
        {
            task.Focus = FhirText.Reference("ServiceRequest", ids.Referral(item.Id));
        }

        return task;
    }

    private static void Add(Bundle bundle, FhirOptions options, Resource resource) =>
        bundle.Entry.Add(new Bundle.EntryComponent { FullUrl = options.FullUrl(resource.TypeName, resource.Id!), Resource = resource });

    private static string Iso(NodaTime.Instant instant) => InstantPattern.General.Format(instant);
}

/// <summary>The ids of one case's resources: each derived from the case or item id, so the same case always gives the same ids.</summary>
internal sealed class CaseIds(Guid caseId)
{
    public string Patient { get; } = "patient-" + caseId;

    public string CarePlan { get; } = caseId.ToString();

    public string Task(Guid itemId) => itemId.ToString();

    public string Referral(Guid itemId) => "referral-" + itemId;

    public string Agency(string agency) => FhirText.Id("agency-" + agency);

    public string Partnership(string partnership) => FhirText.Id("partnership-" + string.Concat(partnership.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-')).Trim('-'));
}
