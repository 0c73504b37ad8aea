using Microsoft.AspNetCore.Identity;

namespace ContinuityOfCare.Workflows.Persistence.Accounts;

/// <summary>
/// A person who signs in: a local account (with a password) or one linked to an OpenID Connect
/// sign-in. What they may do comes from their role, the partnership they work in and, for a
/// caseworker, the agency they work for; all three are set by an administrator, never by the
/// identity provider.
/// </summary>
public sealed class Account : IdentityUser
{
    /// <summary>The name shown beside their work (e.g. "Sam Caseworker (fictional)").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The partnership whose pathways and cases they see; none for an administrator.</summary>
    public string? Partnership { get; set; }

    /// <summary>The agency a caseworker works for, as the partnership's pathways name it (e.g. <c>cjit</c>).</summary>
    public string? Agency { get; set; }

    /// <summary>When an administrator disabled the account; while set, it cannot sign in or refresh a token.</summary>
    public DateTimeOffset? DisabledAt { get; set; }
}
