namespace ContinuityOfCare.Workflows.Server.Security;

/// <summary>
/// The four roles. What each may do is decided by the policies in <see cref="Policies"/>; which
/// partnership's data they see is decided by the data layer (<see cref="HttpPartnershipScope"/>).
/// </summary>
public static class Roles
{
    /// <summary>Writes, publishes and retracts the partnership's pathways and moves its running cases onto a new version.</summary>
    public const string Lead = "lead";

    /// <summary>Works the partnership's cases for one agency: starts cases, records events, completes that agency's actions.</summary>
    public const string Caseworker = "caseworker";

    /// <summary>Reads everything in the partnership (cases, history, versions, notifications) and changes nothing.</summary>
    public const string Auditor = "auditor";

    /// <summary>Runs the service: accounts, the job dashboard; reads every partnership; works no cases.</summary>
    public const string Administrator = "administrator";

    public static IReadOnlyList<string> All { get; } = [Lead, Caseworker, Auditor, Administrator];
}

/// <summary>The claims a signed-in user carries beside their name and role.</summary>
public static class Claims
{
    public const string Partnership = "coc:partnership";
    public const string Agency = "coc:agency";
    public const string DisplayName = "coc:display_name";
}

/// <summary>The authorisation policies the endpoints name.</summary>
public static class Policies
{
    /// <summary>Anyone signed in with a role: reading in their partnership.</summary>
    public const string Read = "read";

    /// <summary>Partnership leads: authoring, publishing, migrating.</summary>
    public const string Author = "author";

    /// <summary>Caseworkers: changing cases.</summary>
    public const string Casework = "casework";

    /// <summary>Administrators: accounts and the job dashboard.</summary>
    public const string Administer = "administer";

    /// <summary>Run simulations: a lead or an auditor, on their partnership's pathways (a simulation is heavy work for the server).</summary>
    public const string Simulate = "simulate";
}
