using System.Security.Claims;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Server.Security;

/// <summary>The signed-in user as the endpoints need them: who, in which role, partnership and agency.</summary>
public sealed record Caller(string UserName, string Role, string? Partnership, string? Agency)
{
    public static Caller From(ClaimsPrincipal user) => new(
        user.Identity?.Name ?? throw new InvalidOperationException("The request is not signed in."),
        Roles.All.FirstOrDefault(user.IsInRole) ?? "",
        user.FindFirstValue(Claims.Partnership),
        user.FindFirstValue(Claims.Agency));

    /// <summary>
    /// Who the runtime records as having acted. A caseworker acts for their agency, which the runtime
    /// checks against the pathway; nobody else may change a case, so no one else needs an actor.
    /// </summary>
    public Actor Actor => Actor.Caseworker(UserName, Agency ?? throw new InvalidOperationException($"{UserName} acts for no agency."));

    /// <summary>Who the runtime records when a lead changes cases for the partnership as a whole (moving them onto a new version).</summary>
    public Actor Manager => Actor.Manager(UserName);

    /// <summary>The partnership to work in: a user's own, or, for an administrator, the one they name.</summary>
    public string? PartnershipOr(string? named) => Partnership ?? named;
}
