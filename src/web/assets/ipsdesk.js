// ipsdesk.js — the only script ipsdesk serves (no inline script anywhere: the CSP
// forbids it). Every page works without it; it only moves focus to the error
// summary when a form comes back with problems, as the NHS design system advises.
const summary = document.querySelector('.nhsuk-error-summary');
if (summary) {
  summary.focus();
}
