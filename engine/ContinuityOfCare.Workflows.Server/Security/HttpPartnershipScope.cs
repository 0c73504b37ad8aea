using ContinuityOfCare.Workflows.Persistence;

namespace ContinuityOfCare.Workflows.Server.Security;

/// <summary>
/// The partnership scope of the current request, read from the signed-in user: an administrator
/// sees every partnership, anyone else their own, and a request nobody has signed in to sees none.
/// Work outside a request (timers, deliveries, start-up publishing) is the engine's and sees all.
/// </summary>
public sealed class HttpPartnershipScope(IHttpContextAccessor requests) : IPartnershipScope
{
    public PartnershipAccess Current
    {
        get
        {
            if (requests.HttpContext is not { } request)
            {
                return PartnershipAccess.All;
            }

            var user = request.User;
            if (user.Identity?.IsAuthenticated != true)
            {
                return PartnershipAccess.None;
            }

            if (user.IsInRole(Roles.Administrator))
            {
                return PartnershipAccess.All;
            }

            return user.FindFirst(Claims.Partnership)?.Value is { Length: > 0 } partnership
                ? PartnershipAccess.Only(partnership)
                : PartnershipAccess.None;
        }
    }
}
