using System.Security.Cryptography;
using System.Text;

namespace ContinuityOfCare.Workflows.Designer.Web;

/// <summary>
/// The one script a page carries inline (GOV.UK Frontend's "scripts are running" class, which must
/// be set before the page is painted). The Content-Security-Policy allows it by its hash and no
/// other inline script, so the text here and in the pages must be the same.
/// </summary>
public static class InlineScript
{
    public const string JavaScriptEnabled = "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";

    /// <summary>The script's SHA-256, base64, as a Content-Security-Policy hash source names it.</summary>
    public static string Sha256 { get; } = Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(JavaScriptEnabled)));
}
