using System.Net;

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
                <div class="govuk-error-summary" data-module="govuk-error-summary"><div role="alert">
                  <h2 class="govuk-error-summary__title">There is a problem</h2>
                  <div class="govuk-error-summary__body"><ul class="govuk-list govuk-error-summary__list"><li><a href="#user-name">{E(error)}</a></li></ul></div>
                </div></div>
                """)}
            <h1 class="govuk-heading-l">Sign in</h1>
            <p class="govuk-body">Sign in with the account your partnership gave you.</p>
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

    /// <summary>The designer's page layout (GOV.UK header, phase banner, footer) for someone not yet signed in.</summary>
    private static string Page(string title, string main) => $"""
        <!DOCTYPE html>
        <html lang="en" class="govuk-template govuk-template--rebranded">
        <head>
          <meta charset="utf-8">
          <meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
          <title>{(main.Contains("govuk-error-summary", StringComparison.Ordinal) ? "Error: " : "")}{E(title)} – Continuity of care</title>
          <link rel="icon" sizes="48x48" href="/assets/images/favicon.ico">
          <link rel="stylesheet" href="/assets/css/govuk-frontend.min.css">
          <link rel="stylesheet" href="/assets/css/moj-frontend.min.css">
          <link rel="stylesheet" href="/assets/css/designer.css">
        </head>
        <body class="govuk-template__body">
        <script>{Designer.Web.InlineScript.JavaScriptEnabled}</script>
        <a href="#main-content" class="govuk-skip-link" data-module="govuk-skip-link">Skip to main content</a>
        <header class="govuk-template__header">
          <div class="govuk-generic-header"><div class="govuk-generic-header__container govuk-width-container">
            <div class="govuk-generic-header__logo"><a href="/" class="govuk-generic-header__homepage-link">ContinuityOfCare.Workflows</a></div>
          </div></div>
          <section aria-label="Service information" class="govuk-service-navigation"><div class="govuk-width-container"><div class="govuk-service-navigation__container">
            <span class="govuk-service-navigation__service-name"><a href="/" class="govuk-service-navigation__link">Continuity of care</a></span>
          </div></div></section>
        </header>
        <div class="govuk-width-container">
          <div class="govuk-phase-banner"><p class="govuk-phase-banner__content"><strong class="govuk-tag govuk-phase-banner__content__tag">Alpha</strong><span class="govuk-phase-banner__text">A new service. All people and places shown are fictional.</span></p></div>
          <main class="govuk-main-wrapper" id="main-content">
        {main}
          </main>
        </div>
        <footer class="govuk-footer"><div class="govuk-width-container"><div class="govuk-footer__meta"><div class="govuk-footer__meta-item govuk-footer__meta-item--grow">
          <p class="govuk-body-s">ContinuityOfCare.Workflows helps local partnerships keep people in treatment as they leave prison. Every person, prison and partnership shown here is fictional.</p>
        </div></div></div></footer>
        <script type="module" src="/assets/js/app.js"></script>
        </body>
        </html>
        """;

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
