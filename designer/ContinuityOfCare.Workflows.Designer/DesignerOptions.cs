using System.Security.Claims;
using ContinuityOfCare.Workflows.Runtime.Model;

namespace ContinuityOfCare.Workflows.Designer;

/// <summary>
/// What the pages need from the host: the names of its authorisation policies and how to read the
/// signed-in user. The host owns sign-in and roles; the pages only ask.
/// </summary>
public sealed class DesignerOptions
{
    /// <summary>Anyone signed in with a role.</summary>
    public string ReadPolicy { get; set; } = "read";

    /// <summary>Partnership leads: drafts, publishing, migrations.</summary>
    public string AuthorPolicy { get; set; } = "author";

    /// <summary>Caseworkers: starting and changing cases.</summary>
    public string CaseworkPolicy { get; set; } = "casework";

    /// <summary>Reads the signed-in user from their claims.</summary>
    public Func<ClaimsPrincipal, DesignerUser> ReadUser { get; set; } =
        user => new DesignerUser(user.Identity?.Name ?? "", user.Identity?.Name ?? "", "", null, null);

    /// <summary>The folder of built front-end assets (holding <c>assets/</c>); by default the one the build copies beside the host's assemblies.</summary>
    public string? AssetsFolder { get; set; }
}

/// <summary>The signed-in user as the pages show and act for them.</summary>
public sealed record DesignerUser(string UserName, string DisplayName, string Role, string? Partnership, string? Agency)
{
    /// <summary>Who the runtime records: the user for their agency, or, for a reader, nobody who may record anything.</summary>
    public Actor Actor => Agency is null ? Actor.Reader(UserName) : Actor.Caseworker(UserName, Agency);
}
