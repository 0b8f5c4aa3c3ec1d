/* web/html.c — the typed HTML writers, the page layout (NHS header, navigation for the
 * signed-in role, footer) and the nhsuk-frontend components ipsdesk uses. Every value
 * goes through html_text/html_attr; markup only through html_lit. No inline script or
 * style anywhere: the CSP forbids both. */
#include <stdio.h>
#include <string.h>
#include "web/html.h"
#include "core/date.h"
#include "util/arena.h"
#include "util/buf.h"

void html_raw_literal_(struct request *rq, const char *s, size_t n)
{
	buf_add(&rq->body, s, n);
}

void html_text(struct request *rq, const char *s)
{
	if (!s)
		return;
	for (;;) {
		size_t n = strcspn(s, "&<>\"'");   /* the run that needs no escaping */
		buf_add(&rq->body, s, n);
		s += n;
		switch (*s) {
		case 0: return;
		case '&': html_lit(rq, "&amp;"); break;
		case '<': html_lit(rq, "&lt;"); break;
		case '>': html_lit(rq, "&gt;"); break;
		case '"': html_lit(rq, "&quot;"); break;
		default: html_lit(rq, "&#39;"); break;
		}
		s++;
	}
}

void html_attr(struct request *rq, const char *s)
{
	html_text(rq, s);
}

void html_int(struct request *rq, int64_t v)
{
	buf_int(&rq->body, v);
}

void html_date(struct request *rq, const char *iso)
{
	day_t d;
	if (!iso)
		return;
	if (!date_parse(iso, &d)) {
		html_text(rq, iso);
		return;
	}
	char out[32];
	date_long(d, out, sizeof out);
	html_text(rq, out);
}

void html_text_multiline(struct request *rq, const char *s)
{
	if (!s)
		return;
	const char *p = s;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		html_text(rq, arena_strndup(rq->arena, p, n));
		if (!nl)
			break;
		html_lit(rq, "<br>");
		p = nl + 1;
	}
}

void html_href(struct request *rq, const char *prefix, int64_t id, const char *suffix)
{
	html_attr(rq, prefix);
	html_int(rq, id);
	if (suffix)
		html_attr(rq, suffix);
}

/* ---- layout --------------------------------------------------------------------------- */

struct nav_item {
	unsigned roles;
	const char *href, *text;
};

static const struct nav_item NAV[] = {
	{ROLE_SPECIALIST | ROLE_TEAM_LEADER, "/caseload", "Caseload"},
	{ROLE_TEAM_LEADER | ROLE_ADMIN, "/referrals", "Referrals"},
	{ROLE_SPECIALIST | ROLE_TEAM_LEADER | ROLE_CLINICIAN | ROLE_ADMIN, "/people", "People"},
	{ROLE_SPECIALIST | ROLE_TEAM_LEADER | ROLE_CLINICIAN, "/referrals/new", "Refer someone"},
	{ROLE_SPECIALIST | ROLE_TEAM_LEADER, "/employers", "Employers"},
	{ROLE_SPECIALIST | ROLE_TEAM_LEADER, "/vacancies", "Vacancies"},   /* issue 3 */
	{ROLE_TEAM_LEADER, "/support", "In-work support"},   /* issue 3: due and overdue support */
	{ROLE_COMMISSIONER | ROLE_REVIEWER | ROLE_ADMIN | ROLE_TEAM_LEADER, "/overview", "Service overview"},
	{ROLE_SPECIALIST | ROLE_TEAM_LEADER | ROLE_COMMISSIONER | ROLE_REVIEWER | ROLE_ADMIN, "/dashboard", "Outcomes"},
	{ROLE_REVIEWER | ROLE_TEAM_LEADER | ROLE_ADMIN, "/fidelity", "Fidelity"},   /* fidelity reviews (issue 5) */
	{ROLE_AUDITOR | ROLE_ADMIN, "/audit", "Audit log"},
	{ROLE_ADMIN, "/admin/import", "Import"},
	{ROLE_ADMIN, "/admin/benefit-rates", "Benefit rates"},   /* issue 3: each April's rates */
	{ROLE_ADMIN, "/admin/erasure", "Erasure"},   /* issue 6: records past their retention period */
};

static const char NHS_LOGO[] =
	"<svg class=\"nhsuk-header__logo\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 200 80\" "
	"height=\"40\" width=\"100\" focusable=\"false\" role=\"img\" aria-label=\"NHS\"><title>NHS</title>"
	"<path fill=\"currentcolor\" d=\"M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 "
	"14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 "
	"3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 "
	"14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 "
	"0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z\"/></svg>";

void page_begin(struct request *rq, const char *title)
{
	buf_reserve(&rq->body, 16384);   /* most pages: grown once, not six times from 256 bytes */
	rq->mime = "text/html; charset=utf-8";
	html_lit(rq, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>");
	html_text(rq, title);
	html_lit(rq, " – ipsdesk</title>"
		     "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1, viewport-fit=cover\">"
		     "<meta name=\"theme-color\" content=\"#005eb8\">"
		     "<link rel=\"icon\" href=\"/assets/favicon.ico\" sizes=\"48x48\">"
		     "<link rel=\"stylesheet\" href=\"/assets/ipsdesk.css\">"
		     "<script type=\"module\" src=\"/assets/ipsdesk.js\"></script>"
		     "</head><body>"
		     "<a class=\"nhsuk-skip-link\" href=\"#maincontent\">Skip to main content</a>"
		     "<header class=\"nhsuk-header\" role=\"banner\">"
		     "<div class=\"nhsuk-header__container nhsuk-width-container\">"
		     "<div class=\"nhsuk-header__service\">"
		     "<a class=\"nhsuk-header__service-logo\" href=\"/\" aria-label=\"NHS ipsdesk homepage\">");
	buf_adds(&rq->body, NHS_LOGO);
	html_lit(rq, "<span class=\"nhsuk-header__service-name\">ipsdesk</span></a></div>");
	if (rq->signed_in) {
		html_lit(rq, "<nav class=\"nhsuk-header__account\" aria-label=\"Account\">"
			     "<ul class=\"nhsuk-header__account-list\"><li class=\"nhsuk-header__account-item\">");
		html_text(rq, rq->who.name);
		html_lit(rq, " (");
		html_text(rq, rq->who.username);
		html_lit(rq, ")</li><li class=\"nhsuk-header__account-item\"><a class=\"nhsuk-header__account-link\" "
			     "href=\"/account/tokens\">API tokens</a></li><li class=\"nhsuk-header__account-item\">"
			     "<form class=\"nhsuk-header__account-form\" action=\"/sign-out\" method=\"post\" novalidate>");
		nhs_csrf(rq);
		html_lit(rq, "<button class=\"nhsuk-header__account-button\">Sign out</button></form></li></ul></nav>");
	}
	html_lit(rq, "</div>");
	if (rq->signed_in) {
		html_lit(rq, "<nav class=\"nhsuk-header__navigation\" aria-label=\"Menu\">"
			     "<div class=\"nhsuk-header__navigation-container nhsuk-width-container\">"
			     "<ul class=\"nhsuk-header__navigation-list\">");
		for (size_t i = 0; i < sizeof NAV / sizeof NAV[0]; i++) {
			if (!(NAV[i].roles & rq->who.role))
				continue;
			bool current = strcmp(rq->path, NAV[i].href) == 0;
			html_lit(rq, "<li class=\"nhsuk-header__navigation-item");
			if (current)
				html_lit(rq, " nhsuk-header__navigation-item--current");
			html_lit(rq, "\"><a class=\"nhsuk-header__navigation-link\" href=\"");
			html_attr(rq, NAV[i].href);
			html_lit(rq, "\"");
			if (current)
				html_lit(rq, " aria-current=\"page\"");
			html_lit(rq, ">");
			html_text(rq, NAV[i].text);
			html_lit(rq, "</a></li>");
		}
		html_lit(rq, "</ul></div></nav>");
	}
	html_lit(rq, "</header>");
	if (rq->cfg && rq->cfg->demo)
		html_lit(rq, "<div class=\"nhsuk-width-container\"><strong class=\"nhsuk-tag nhsuk-tag--yellow "
			     "ips-demo-tag\">Demo data: every person here is made up</strong></div>");
	html_lit(rq, "<div class=\"nhsuk-width-container\"><main class=\"nhsuk-main-wrapper\" id=\"maincontent\">");
}

void page_end(struct request *rq)
{
	html_lit(rq, "</main></div><footer role=\"contentinfo\"><div class=\"nhsuk-footer\">"
		     "<div class=\"nhsuk-width-container\"><div class=\"nhsuk-footer__meta\">"
		     "<p class=\"nhsuk-body-s\">ipsdesk – case management and outcomes for Individual "
		     "Placement and Support services. Health records: use only for the care of the people "
		     "you support.</p></div></div></div></footer></body></html>\n");
}

/* ---- components -------------------------------------------------------------------- */

void nhs_csrf(struct request *rq)
{
	html_lit(rq, "<input type=\"hidden\" name=\"csrf\" value=\"");
	html_attr(rq, request_csrf(rq));
	html_lit(rq, "\">");
}

void nhs_form_begin(struct request *rq, const char *action)
{
	html_lit(rq, "<form method=\"post\" action=\"");
	html_attr(rq, action);
	html_lit(rq, "\" novalidate>");
	nhs_csrf(rq);
}

void nhs_form_end(struct request *rq)
{
	html_lit(rq, "</form>");
}

/* The id an error summary links to: the field, or its first part for a date input. */
static void field_anchor(struct request *rq, const char *field)
{
	html_attr(rq, field);
}

void nhs_error_summary(struct request *rq, const struct result *r)
{
	if (!r || r->nerrors == 0)
		return;
	html_lit(rq, "<div class=\"nhsuk-error-summary\" data-module=\"nhsuk-error-summary\" "
		     "aria-labelledby=\"error-summary-title\" role=\"alert\" tabindex=\"-1\">"
		     "<h2 class=\"nhsuk-error-summary__title\" id=\"error-summary-title\">There is a problem</h2>"
		     "<div class=\"nhsuk-error-summary__body\"><ul class=\"nhsuk-list nhsuk-error-summary__list\">");
	for (size_t i = 0; i < r->nerrors; i++) {
		html_lit(rq, "<li>");
		if (*r->errors[i].field) {
			html_lit(rq, "<a href=\"#");
			field_anchor(rq, r->errors[i].field);
			html_lit(rq, "\">");
			html_text(rq, r->errors[i].message);
			html_lit(rq, "</a>");
		} else {
			html_text(rq, r->errors[i].message);
		}
		html_lit(rq, "</li>");
	}
	html_lit(rq, "</ul></div></div>");
}

void nhs_warnings(struct request *rq, const struct result *r)
{
	for (size_t i = 0; r && i < r->nwarnings; i++)
		nhs_warning_callout(rq, "Check this", r->warnings[i].message);
}

static void group_begin(struct request *rq, const char *error)
{
	html_lit(rq, "<div class=\"nhsuk-form-group");
	if (error)
		html_lit(rq, " nhsuk-form-group--error");
	html_lit(rq, "\">");
}

static void hint_and_error(struct request *rq, const char *name, const char *hint, const char *error)
{
	if (hint) {
		html_lit(rq, "<div class=\"nhsuk-hint\" id=\"");
		html_attr(rq, name);
		html_lit(rq, "-hint\">");
		html_text(rq, hint);
		html_lit(rq, "</div>");
	}
	if (error) {
		html_lit(rq, "<span class=\"nhsuk-error-message\" id=\"");
		html_attr(rq, name);
		html_lit(rq, "-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
		html_text(rq, error);
		html_lit(rq, "</span>");
	}
}

static void described_by(struct request *rq, const char *name, const char *hint, const char *error)
{
	if (!hint && !error)
		return;
	html_lit(rq, " aria-describedby=\"");
	if (hint) {
		html_attr(rq, name);
		html_lit(rq, "-hint");
	}
	if (hint && error)
		html_lit(rq, " ");
	if (error) {
		html_attr(rq, name);
		html_lit(rq, "-error");
	}
	html_lit(rq, "\"");
}

static void label(struct request *rq, const char *name, const char *text)
{
	html_lit(rq, "<label class=\"nhsuk-label\" for=\"");
	html_attr(rq, name);
	html_lit(rq, "\">");
	html_text(rq, text);
	html_lit(rq, "</label>");
}

void nhs_input(struct request *rq, const char *name, const char *lbl, const char *value,
	       const struct result *r, const struct input_opts *o)
{
	static const struct input_opts none;
	if (!o)
		o = &none;
	const char *error = r ? result_error_for(r, name) : NULL;
	group_begin(rq, error);
	label(rq, name, lbl);
	hint_and_error(rq, name, o->hint, error);
	html_lit(rq, "<input class=\"nhsuk-input");
	if (o->width_class) {
		html_lit(rq, " ");
		html_attr(rq, o->width_class);
	}
	if (error)
		html_lit(rq, " nhsuk-input--error");
	html_lit(rq, "\" id=\"");
	html_attr(rq, name);
	html_lit(rq, "\" name=\"");
	html_attr(rq, name);
	html_lit(rq, "\" type=\"");
	html_attr(rq, o->type ? o->type : "text");
	html_lit(rq, "\"");
	if (value) {
		html_lit(rq, " value=\"");
		html_attr(rq, value);
		html_lit(rq, "\"");
	}
	if (o->autocomplete) {
		html_lit(rq, " autocomplete=\"");
		html_attr(rq, o->autocomplete);
		html_lit(rq, "\"");
	}
	if (o->inputmode) {
		html_lit(rq, " inputmode=\"");
		html_attr(rq, o->inputmode);
		html_lit(rq, "\"");
	}
	if (o->spellcheck_off)
		html_lit(rq, " spellcheck=\"false\"");
	described_by(rq, name, o->hint, error);
	html_lit(rq, "></div>");
}

void nhs_textarea(struct request *rq, const char *name, const char *lbl, const char *hint,
		  const char *value, const struct result *r, int rows)
{
	const char *error = r ? result_error_for(r, name) : NULL;
	group_begin(rq, error);
	label(rq, name, lbl);
	hint_and_error(rq, name, hint, error);
	html_lit(rq, "<textarea class=\"nhsuk-textarea");
	if (error)
		html_lit(rq, " nhsuk-textarea--error");
	html_lit(rq, "\" id=\"");
	html_attr(rq, name);
	html_lit(rq, "\" name=\"");
	html_attr(rq, name);
	html_lit(rq, "\" rows=\"");
	html_int(rq, rows > 0 ? rows : 5);
	html_lit(rq, "\"");
	described_by(rq, name, hint, error);
	html_lit(rq, ">");
	html_text(rq, value);
	html_lit(rq, "</textarea></div>");
}

/* A select's group, label, hint and error, and its opening tag. */
static void select_open(struct request *rq, const char *name, const char *lbl, const char *hint,
			const struct result *r)
{
	const char *error = r ? result_error_for(r, name) : NULL;
	group_begin(rq, error);
	label(rq, name, lbl);
	hint_and_error(rq, name, hint, error);
	html_lit(rq, "<select class=\"nhsuk-select");
	if (error)
		html_lit(rq, " nhsuk-select--error");
	html_lit(rq, "\" id=\"");
	html_attr(rq, name);
	html_lit(rq, "\" name=\"");
	html_attr(rq, name);
	html_lit(rq, "\"");
	described_by(rq, name, hint, error);
	html_lit(rq, ">");
}

static void options(struct request *rq, const struct option *opts, size_t n, const char *selected,
		    const char *blank)
{
	if (blank) {
		html_lit(rq, "<option value=\"\">");
		html_text(rq, blank);
		html_lit(rq, "</option>");
	}
	const char *group = NULL;
	for (size_t i = 0; i < n; i++) {
		if (opts[i].group != group && (!opts[i].group || !group || strcmp(opts[i].group, group) != 0)) {
			if (group)
				html_lit(rq, "</optgroup>");
			group = opts[i].group;
			if (group) {
				html_lit(rq, "<optgroup label=\"");
				html_attr(rq, group);
				html_lit(rq, "\">");
			}
		}
		html_lit(rq, "<option value=\"");
		html_attr(rq, opts[i].value);
		html_lit(rq, "\"");
		if (selected && strcmp(selected, opts[i].value) == 0)
			html_lit(rq, " selected");
		html_lit(rq, ">");
		html_text(rq, opts[i].label);
		html_lit(rq, "</option>");
	}
	if (group)
		html_lit(rq, "</optgroup>");
}

void nhs_select(struct request *rq, const char *name, const char *lbl, const char *hint,
		const struct option *opts, size_t n, const char *selected, const struct result *r,
		const char *blank)
{
	select_open(rq, name, lbl, hint, r);
	options(rq, opts, n, selected, blank);
	html_lit(rq, "</select></div>");
}

const char *nhs_options(struct request *rq, const struct option *opts, size_t n, const char *blank)
{
	size_t start = rq->body.len;
	options(rq, opts, n, NULL, blank);
	char *html = arena_alloc(rq->arena, rq->body.len - start + 1);
	memcpy(html, rq->body.p + start, rq->body.len - start);
	html[rq->body.len - start] = 0;
	rq->body.len = start;
	rq->body.p[start] = 0;
	return html;
}

void nhs_select_rendered(struct request *rq, const char *name, const char *lbl, const char *hint,
			 const char *options_html, const struct result *r)
{
	select_open(rq, name, lbl, hint, r);
	buf_adds(&rq->body, options_html);
	html_lit(rq, "</select></div>");
}

void nhs_pagination(struct request *rq, const char *prev_href, const char *next_href)
{
	if (!prev_href && !next_href)
		return;
	html_lit(rq, "<nav class=\"nhsuk-pagination\" role=\"navigation\" aria-label=\"Pagination\">"
		     "<ul class=\"nhsuk-list nhsuk-pagination__list\">");
	if (prev_href) {
		html_lit(rq, "<li class=\"nhsuk-pagination-item--previous\"><a class=\"nhsuk-pagination__link "
			     "nhsuk-pagination__link--prev\" href=\"");
		html_attr(rq, prev_href);
		html_lit(rq, "\"><span class=\"nhsuk-pagination__title\">Previous</span></a></li>");
	}
	if (next_href) {
		html_lit(rq, "<li class=\"nhsuk-pagination-item--next\"><a class=\"nhsuk-pagination__link "
			     "nhsuk-pagination__link--next\" href=\"");
		html_attr(rq, next_href);
		html_lit(rq, "\"><span class=\"nhsuk-pagination__title\">Next</span></a></li>");
	}
	html_lit(rq, "</ul></nav>");
}

void nhs_select_codes(struct request *rq, const char *name, const char *lbl, const char *hint,
		      const struct code *list, const char *selected, const struct result *r,
		      const char *blank)
{
	size_t n = 0;
	while (list[n].code)
		n++;
	struct option *opts = arena_alloc(rq->arena, (n + 1) * sizeof *opts);
	for (size_t i = 0; i < n; i++) {
		opts[i].value = list[i].code;
		opts[i].label = list[i].label;
	}
	nhs_select(rq, name, lbl, hint, opts, n, selected, r, blank);
}

static void fieldset_begin(struct request *rq, const char *name, const char *legend,
			   const char *hint, const char *error)
{
	group_begin(rq, error);
	html_lit(rq, "<fieldset class=\"nhsuk-fieldset\"");
	described_by(rq, name, hint, error);
	html_lit(rq, "><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">");
	html_text(rq, legend);
	html_lit(rq, "</legend>");
	hint_and_error(rq, name, hint, error);
}

void nhs_radios(struct request *rq, const char *name, const char *legend, const char *hint,
		const struct code *list, const char *selected, const struct result *r, bool small)
{
	const char *error = r ? result_error_for(r, name) : NULL;
	fieldset_begin(rq, name, legend, hint, error);
	html_lit(rq, "<div class=\"nhsuk-radios");
	if (small)
		html_lit(rq, " nhsuk-radios--small");
	html_lit(rq, "\" data-module=\"nhsuk-radios\">");
	for (size_t i = 0; list[i].code; i++) {
		/* the first radio carries the field's own id, so the error summary links to it */
		const char *id = i == 0 ? name : arena_printf(rq->arena, "%s-%zu", name, i + 1);
		html_lit(rq, "<div class=\"nhsuk-radios__item\"><input class=\"nhsuk-radios__input\" id=\"");
		html_attr(rq, id);
		html_lit(rq, "\" name=\"");
		html_attr(rq, name);
		html_lit(rq, "\" type=\"radio\" value=\"");
		html_attr(rq, list[i].code);
		html_lit(rq, "\"");
		if (selected && strcmp(selected, list[i].code) == 0)
			html_lit(rq, " checked");
		html_lit(rq, "><label class=\"nhsuk-label nhsuk-radios__label\" for=\"");
		html_attr(rq, id);
		html_lit(rq, "\">");
		html_text(rq, list[i].label);
		html_lit(rq, "</label></div>");
	}
	html_lit(rq, "</div></fieldset></div>");
}

void nhs_checkbox(struct request *rq, const char *name, const char *value, const char *lbl,
		  const char *hint, bool checked, const struct result *r)
{
	const char *error = r ? result_error_for(r, name) : NULL;
	group_begin(rq, error);
	hint_and_error(rq, name, NULL, error);
	html_lit(rq, "<div class=\"nhsuk-checkboxes\" data-module=\"nhsuk-checkboxes\">"
		     "<div class=\"nhsuk-checkboxes__item\"><input class=\"nhsuk-checkboxes__input\" id=\"");
	html_attr(rq, name);
	html_lit(rq, "\" name=\"");
	html_attr(rq, name);
	html_lit(rq, "\" type=\"checkbox\" value=\"");
	html_attr(rq, value);
	html_lit(rq, "\"");
	if (checked)
		html_lit(rq, " checked");
	described_by(rq, name, hint, error);
	html_lit(rq, "><label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"");
	html_attr(rq, name);
	html_lit(rq, "\">");
	html_text(rq, lbl);
	html_lit(rq, "</label>");
	if (hint) {
		html_lit(rq, "<div class=\"nhsuk-hint nhsuk-checkboxes__hint\" id=\"");
		html_attr(rq, name);
		html_lit(rq, "-hint\">");
		html_text(rq, hint);
		html_lit(rq, "</div>");
	}
	html_lit(rq, "</div></div></div>");
}

void nhs_date_input(struct request *rq, const char *name, const char *legend, const char *hint,
		    const char *iso, const struct result *r)
{
	const char *error = r ? result_error_for(r, name) : NULL;
	const char *part[3] = {NULL, NULL, NULL};
	static const char *const suffix[3] = {"day", "month", "year"};
	static const char *const lbl[3] = {"Day", "Month", "Year"};
	if (rq->method == POST && rq->form.n) {
		for (int i = 0; i < 3; i++)
			part[i] = kv_get(&rq->form, arena_printf(rq->arena, "%s-%s", name, suffix[i]));
	} else if (iso && strlen(iso) == 10) {
		part[2] = arena_strndup(rq->arena, iso, 4);
		part[1] = arena_strndup(rq->arena, iso + 5 + (iso[5] == '0'), iso[5] == '0' ? 1 : 2);
		part[0] = arena_strndup(rq->arena, iso + 8 + (iso[8] == '0'), iso[8] == '0' ? 1 : 2);
	}
	fieldset_begin(rq, name, legend, hint, error);
	html_lit(rq, "<div class=\"nhsuk-date-input\">");
	for (int i = 0; i < 3; i++) {
		/* the day box carries the field's own id, so the error summary links to it */
		const char *id = i == 0 ? name : arena_printf(rq->arena, "%s-%s", name, suffix[i]);
		const char *nm = arena_printf(rq->arena, "%s-%s", name, suffix[i]);
		html_lit(rq, "<div class=\"nhsuk-date-input__item\"><div class=\"nhsuk-form-group\">"
			     "<label class=\"nhsuk-label nhsuk-date-input__label\" for=\"");
		html_attr(rq, id);
		html_lit(rq, "\">");
		html_text(rq, lbl[i]);
		html_lit(rq, "</label><input class=\"nhsuk-input nhsuk-date-input__input ");
		if (i == 2)
			html_lit(rq, "nhsuk-input--width-4");
		else
			html_lit(rq, "nhsuk-input--width-2");
		if (error)
			html_lit(rq, " nhsuk-input--error");
		html_lit(rq, "\" id=\"");
		html_attr(rq, id);
		html_lit(rq, "\" name=\"");
		html_attr(rq, nm);
		html_lit(rq, "\" type=\"text\" inputmode=\"numeric\"");
		if (part[i]) {
			html_lit(rq, " value=\"");
			html_attr(rq, part[i]);
			html_lit(rq, "\"");
		}
		html_lit(rq, "></div></div>");
	}
	html_lit(rq, "</div></fieldset></div>");
}

void nhs_button(struct request *rq, const char *text, bool secondary)
{
	html_lit(rq, "<button class=\"nhsuk-button");
	if (secondary)
		html_lit(rq, " nhsuk-button--secondary");
	html_lit(rq, "\" data-module=\"nhsuk-button\" type=\"submit\">");
	html_text(rq, text);
	html_lit(rq, "</button>");
}

void nhs_summary_begin(struct request *rq)
{
	html_lit(rq, "<dl class=\"nhsuk-summary-list\">");
}

void nhs_summary_row(struct request *rq, const char *key, const char *value)
{
	html_lit(rq, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">");
	html_text(rq, key);
	html_lit(rq, "</dt><dd class=\"nhsuk-summary-list__value\">");
	if (value && *value)
		html_text_multiline(rq, value);
	else
		html_lit(rq, "<span class=\"nhsuk-u-secondary-text-colour\">Not recorded</span>");
	html_lit(rq, "</dd></div>");
}

void nhs_summary_row_date(struct request *rq, const char *key, const char *iso)
{
	html_lit(rq, "<div class=\"nhsuk-summary-list__row\"><dt class=\"nhsuk-summary-list__key\">");
	html_text(rq, key);
	html_lit(rq, "</dt><dd class=\"nhsuk-summary-list__value\">");
	if (iso)
		html_date(rq, iso);
	else
		html_lit(rq, "<span class=\"nhsuk-u-secondary-text-colour\">Not recorded</span>");
	html_lit(rq, "</dd></div>");
}

void nhs_summary_end(struct request *rq)
{
	html_lit(rq, "</dl>");
}

void nhs_th(struct request *rq, const char *text, bool numeric)
{
	html_lit(rq, "<th scope=\"col\" class=\"nhsuk-table__header");
	if (numeric)
		html_lit(rq, " nhsuk-table__header--numeric");
	html_lit(rq, "\">");
	html_text(rq, text);
	html_lit(rq, "</th>");
}

void nhs_td_begin(struct request *rq, const char *heading, bool numeric)
{
	html_lit(rq, "<td class=\"nhsuk-table__cell");
	if (numeric)
		html_lit(rq, " nhsuk-table__cell--numeric");
	html_lit(rq, "\">");
	if (heading) {
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">");
		html_text(rq, heading);
		html_lit(rq, " </span>");
	}
}

void nhs_tag(struct request *rq, const char *text, const char *colour)
{
	html_lit(rq, "<strong class=\"nhsuk-tag");
	if (colour) {
		html_lit(rq, " nhsuk-tag--");
		html_attr(rq, colour);
	}
	html_lit(rq, "\">");
	html_text(rq, text);
	html_lit(rq, "</strong>");
}

void nhs_back_link(struct request *rq, const char *href, const char *text)
{
	html_lit(rq, "<a class=\"nhsuk-back-link\" href=\"");
	html_attr(rq, href);
	html_lit(rq, "\">");
	html_text(rq, text);
	html_lit(rq, "</a>");
}

void nhs_inset(struct request *rq, const char *text)
{
	html_lit(rq, "<div class=\"nhsuk-inset-text\"><span class=\"nhsuk-u-visually-hidden\">Information: </span><p>");
	html_text(rq, text);
	html_lit(rq, "</p></div>");
}

void nhs_warning_callout(struct request *rq, const char *heading, const char *text)
{
	html_lit(rq, "<div class=\"nhsuk-warning-callout\"><h3 class=\"nhsuk-warning-callout__label\">"
		     "<span role=\"text\"><span class=\"nhsuk-u-visually-hidden\">Important: </span>");
	html_text(rq, heading);
	html_lit(rq, "</span></h3><p>");
	html_text(rq, text);
	html_lit(rq, "</p></div>");
}

void url_encode(struct buf *b, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	for (; s && *s; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || strchr("-_.~", c)) {
			buf_addc(b, (char)c);
		} else {
			buf_addc(b, '%');
			buf_addc(b, hex[c >> 4]);
			buf_addc(b, hex[c & 15]);
		}
	}
}

void query_pair(struct buf *b, const char *key, const char *value)
{
	if (!value || !*value)
		return;
	if (b->len)
		buf_addc(b, '&');
	buf_adds(b, key);
	buf_addc(b, '=');
	url_encode(b, value);
}
