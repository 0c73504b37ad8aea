// Every designer page loads this: it starts the GOV.UK Frontend and MoJ Frontend components the
// server-rendered markup asks for with their data-module attributes.

import { initAll as initGovUkFrontend } from 'govuk-frontend';
import { initAll as initMojFrontend } from '@ministryofjustice/frontend';

// GOV.UK Frontend only starts on a body marked as supported. The page template marks it in an
// inline script before first paint (so styles that depend on it do not jump); a browser running
// this ES module supports GOV.UK Frontend by definition, so a page that forgot still works.
document.body.classList.add('govuk-frontend-supported');

initGovUkFrontend();
initMojFrontend();
