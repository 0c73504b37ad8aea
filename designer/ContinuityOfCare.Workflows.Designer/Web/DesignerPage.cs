using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ContinuityOfCare.Workflows.Designer.Web;

/// <summary>What every designer page has: the signed-in user, what their role may do, a one-off message and form errors.</summary>
public abstract class DesignerPage : PageModel
{
    private DesignerOptions Options => HttpContext.RequestServices.GetRequiredService<IOptions<DesignerOptions>>().Value;

    public DesignerUser Me => Options.ReadUser(User);

    /// <summary>A success message carried over a redirect (shown in a GOV.UK notification banner).</summary>
    [TempData]
    public string? Done { get; set; }

    /// <summary>A success message for this response only.</summary>
    public string? Notice { get; set; }

    /// <summary>Form errors by the id of the input they are about, in the order the form shows them.</summary>
    public Dictionary<string, string> Errors { get; } = [];

    public bool MayAuthor { get; private set; }

    public bool MayCasework { get; private set; }

    /// <summary>Works out what the user may change; pages call it before rendering.</summary>
    protected async Task LoadPermissionsAsync()
    {
        var authorization = HttpContext.RequestServices.GetRequiredService<IAuthorizationService>();
        MayAuthor = (await authorization.AuthorizeAsync(User, Options.AuthorPolicy)).Succeeded;
        MayCasework = (await authorization.AuthorizeAsync(User, Options.CaseworkPolicy)).Succeeded;
    }

    /// <summary>The same page again, as a GET, with a message for the banner.</summary>
    protected RedirectResult Reload(string message, string? url = null)
    {
        Done = message;
        return Redirect(url ?? Request.Path);
    }
}
