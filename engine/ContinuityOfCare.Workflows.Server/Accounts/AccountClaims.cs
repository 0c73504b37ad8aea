using System.Security.Claims;
using ContinuityOfCare.Workflows.Persistence.Accounts;
using ContinuityOfCare.Workflows.Server.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ContinuityOfCare.Workflows.Server.Accounts;

/// <summary>Puts an account's partnership, agency and display name into the signed-in user, beside the name and role.</summary>
public sealed class AccountClaims(UserManager<Account> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Account, IdentityRole>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Account account)
    {
        var identity = await base.GenerateClaimsAsync(account);
        if (account.Partnership is { Length: > 0 } partnership)
        {
            identity.AddClaim(new Claim(Security.Claims.Partnership, partnership));
        }

        if (account.Agency is { Length: > 0 } agency)
        {
            identity.AddClaim(new Claim(Security.Claims.Agency, agency));
        }

        identity.AddClaim(new Claim(Security.Claims.DisplayName, account.DisplayName));
        return identity;
    }
}
