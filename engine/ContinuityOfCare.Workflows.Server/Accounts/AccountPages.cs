using System.Net;
using System.Text;

namespace ContinuityOfCare.Workflows.Server.Accounts;

/// <summary>
/// The few pages sign-in needs, rendered on the server as plain GOV.UK-shaped HTML forms that work
/// without scripts.
/// </summary>
internal static class AccountPages
{
    public static string SignIn(string antiforgeryField, string? returnUrl, string? error, string? userName, string? oidcButton) =>
        Page("Sign in", $"""
            {(error is null ? "" : $"""
                <div class="govuk-error-summary" data-module="govuk-error-summary" role="alert" tabindex="-1">
                  <h2 class="govuk-error-summary__title">There is a problem</h2>
                  <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#user-name">{E(error)}</a></li></ul></div>
                </div>
                """)}
            <h1 class="govuk-heading-l">Sign in</h1>
            <form method="post" action="/account/sign-in" novalidate>
              {antiforgeryField}
              <input type="hidden" name="returnUrl" value="{E(returnUrl ?? "/")}">
              <div class="govuk-form-group">
                <label class="govuk-label" for="user-name">User name</label>
                <input class="govuk-input govuk-!-width-one-half" id="user-name" name="userName" type="text" autocomplete="username" spellcheck="false" value="{E(userName ?? "")}">
              </div>
              <div class="govuk-form-group">
                <label class="govuk-label" for="password">Password</label>
                <input class="govuk-input govuk-!-width-one-half" id="password" name="password" type="password" autocomplete="current-password">
              </div>
              <button type="submit" class="govuk-button" data-module="govuk-button">Sign in</button>
            </form>
            {(oidcButton is null ? "" : $"""
                <p class="govuk-body">Or <a class="govuk-link" href="/account/sign-in/oidc?returnUrl={WebUtility.UrlEncode(returnUrl ?? "/")}">{E(oidcButton)}</a>.</p>
                """)}
            """);

    public static string Message(string title, string body) =>
        Page(title, $"""<h1 class="govuk-heading-l">{E(title)}</h1><p class="govuk-body">{E(body)}</p><p class="govuk-body"><a class="govuk-link" href="/account/sign-in">Sign in</a></p>""");

    public static string Home(string displayName, string role, string? partnership, string? agency, string antiforgeryField)
    {
        var who = new StringBuilder($"{E(displayName)}, {E(role)}");
        if (partnership is not null)
        {
            who.Append($" in {E(partnership)}");
        }

        if (agency is not null)
        {
            who.Append($" for {E(agency)}");
        }

        return Page("ContinuityOfCare.Workflows", $"""
            <h1 class="govuk-heading-l">ContinuityOfCare.Workflows</h1>
            <p class="govuk-body">You are signed in as {who}.</p>
            <ul class="govuk-list">
              <li><a class="govuk-link" href="/scalar">API reference</a></li>
              <li><a class="govuk-link" href="/api/pathways">Published pathways (JSON)</a></li>
            </ul>
            <form method="post" action="/account/sign-out">{antiforgeryField}<button type="submit" class="govuk-button govuk-button--secondary">Sign out</button></form>
            """);
    }

    private static string Page(string title, string main) => $"""
        <!DOCTYPE html>
        <html lang="en" class="govuk-template">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{E(title)} – ContinuityOfCare.Workflows</title></head>
        <body class="govuk-template__body">
        <a href="#main-content" class="govuk-skip-link">Skip to main content</a>
        <header class="govuk-header"><div class="govuk-header__container govuk-width-container"><span class="govuk-header__service-name">ContinuityOfCare.Workflows</span></div></header>
        <div class="govuk-width-container"><main class="govuk-main-wrapper" id="main-content">
        {main}
        </main></div>
        </body>
        </html>
        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
