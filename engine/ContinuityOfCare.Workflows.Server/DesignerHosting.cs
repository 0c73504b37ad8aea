using System.Security.Claims;
using ContinuityOfCare.Workflows.Designer;
using ContinuityOfCare.Workflows.Server.Security;

namespace ContinuityOfCare.Workflows.Server;

/// <summary>The designer's pages on this server: its policies, and the signed-in user read from its claims.</summary>
public static class DesignerHosting
{
    public static IServiceCollection AddDesigner(this IServiceCollection services) => services.AddDesignerPages(designer =>
    {
        designer.ReadPolicy = Policies.Read;
        designer.AuthorPolicy = Policies.Author;
        designer.CaseworkPolicy = Policies.Casework;
        designer.ReadUser = user =>
        {
            var caller = Caller.From(user);
            return new DesignerUser(caller.UserName, user.FindFirstValue(Claims.DisplayName) ?? caller.UserName, caller.Role, caller.Partnership, caller.Agency);
        };
    });
}
