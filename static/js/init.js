// Progressive enhancement only: every page works without this file.
// Loaded as <script type="module">, so it runs after the document is parsed and
// only in browsers that GOV.UK Frontend supports. The strict Content-Security-Policy
// (script-src 'self') rules out GOV.UK's inline <body> snippet, so the class that
// switches on the enhanced component styles is added here, before initAll() checks it.
import { initAll } from "../vendor/govuk-frontend/govuk-frontend.min.js";

document.body.classList.add("js-enabled", "govuk-frontend-supported");
initAll();
