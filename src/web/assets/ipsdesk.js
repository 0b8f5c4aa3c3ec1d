// ipsdesk.js — the only script ipsdesk serves (no inline script anywhere: the CSP
// forbids it). Every page works without it; it only moves focus to the error
// summary when a form comes back with problems, as the NHS design system advises.
const summary = document.querySelector('.nhsuk-error-summary');
if (summary) {
  summary.focus();
}

// "Print this summary" / "Print this CV" (web/pages/benefits.c): hidden without the
// script, since only a script can open the print dialog; the browser's own Print
// command does the same.
for (const button of document.querySelectorAll('[data-ips-print]')) {
  button.hidden = false;
  button.addEventListener('click', () => window.print());
}
