using ContinuityOfCare.Workflows.Definitions;
using ContinuityOfCare.Workflows.Runtime.Cases;
using ContinuityOfCare.Workflows.Runtime.Model;
using Hl7.Fhir.Model;

namespace ContinuityOfCare.Workflows.Interop.Fhir;

/// <summary>
/// A referral step of a case as a FHIR R4 <c>ServiceRequest</c>: the required action
/// <c>refer-to-&lt;agency&gt;</c> asks its agency to refer the person to that agency (for example
/// the community treatment service). It refers to its patient and organisations by type and id, so
/// it can be wrapped as it is in a referral message between partnerships.
/// </summary>
public static class Referral
{
    /// <summary>The agency a case's action item refers the person to, or null when the item is not a referral.</summary>
    public static AgencyDefinition? ReferredAgency(CaseView view, ActionItem item)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(item);
        var action = view.Definition.FindState(item.State)?.Actions.FirstOrDefault(a => a.Id == item.ActionId);
        return action is null ? null : PlanDefinitionExporter.ReferredAgency(view.Definition, action);
    }

    internal static ServiceRequest ServiceRequest(CaseView view, ActionItem item, CaseIds ids, FhirOptions options)
    {
        var definition = view.Definition;
        var referred = ReferredAgency(view, item)!;
        var sent = item.Status is ActionStatus.Done or ActionStatus.Late;
        // The service's own name, when the case records it, says which service of that kind.
        var service = view.Instance.Case.Field("treatment-service") is TextValue named && referred.Id == "treatment" ? named.Text : referred.Name;
        return new ServiceRequest
        {
            Id = ids.Referral(item.Id),
            Identifier = [new Identifier(options.System("referral"), item.Id.ToString())],
            BasedOn = [FhirText.Reference("CarePlan", ids.CarePlan)],
            Status = item.Status switch
            {
                ActionStatus.Cancelled => RequestStatus.Revoked,
                _ when sent && !view.Instance.IsActive => RequestStatus.Completed,
                _ when sent => RequestStatus.Active,
                _ => RequestStatus.Draft,
            },
            Intent = RequestIntent.Order,
            Code = FhirText.Text($"Referral to {referred.Name}"),
            ReasonCode = [FhirText.Text("Continuity of care after release from prison")],
            Subject = FhirText.Reference("Patient", ids.Patient),
            AuthoredOnElement = item.CompletedAt is { } at ? FhirText.DateTime(at.ToDateTimeOffset()) : null,
            Requester = FhirText.Reference("Organization", ids.Agency(item.Agency), definition.FindAgency(item.Agency)?.Name),
            Performer = [FhirText.Reference("Organization", ids.Agency(referred.Id), service)],
            Note = [new Annotation { Text = new Markdown(item.Description) }],
        };
    }
}
