/* web/pages/vacancies.c — the site's vacancies: the list (full-text search and
 * filters), adding and changing one, the vacancy's page with the people who best match
 * it, and a person's best matching vacancies, each with a button that adds it to their
 * job search. Handlers only translate: app/ decides scope, validates and audits. */
#include <stdio.h>
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/matching.h"
#include "core/validate.h"
#include "util/arena.h"
#include "util/kv.h"

static const char *vacancy_path(struct request *rq, int64_t id, const char *suffix)
{
	return arena_printf(rq->arena, "/vacancies/%lld%s", (long long)id, suffix ? suffix : "");
}

/* "16 hours", "16 to 20 hours", or NULL. */
static const char *hours_text(struct request *rq, int64_t lo, int64_t hi)
{
	char a[24], b[24];
	if (lo < 0 && hi < 0)
		return NULL;
	if (lo < 0)
		lo = hi;
	if (hi < 0)
		hi = lo;
	format_hundredths(lo, a);
	format_hundredths(hi, b);
	return lo == hi ? arena_printf(rq->arena, "%s hours a week", a)
			: arena_printf(rq->arena, "%s to %s hours a week", a, b);
}

static const char *pay_text(struct request *rq, int64_t pence)
{
	if (pence < 0)
		return NULL;
	char p[24];
	format_pence(pence, p);
	return arena_printf(rq->arena, "£%s an hour", p);
}

/* Every value posted for a field (checkboxes send one each), comma-separated, or NULL. */
const char *form_list(struct request *rq, const char *name)
{
	size_t n = kv_count(&rq->form, name);
	const char *out = NULL;
	for (size_t i = 0; i < n; i++) {
		const char *v = kv_get_nth(&rq->form, name, i);
		if (!v || !*v)
			continue;
		out = out ? arena_printf(rq->arena, "%s,%s", out, v) : v;
	}
	return out;
}

static bool csv_has(const char *csv, const char *code)
{
	size_t len = strlen(code);
	for (const char *p = csv; p && *p;) {
		const char *end = strchr(p, ',');
		size_t n = end ? (size_t)(end - p) : strlen(p);
		if (n == len && memcmp(p, code, len) == 0)
			return true;
		p = end ? end + 1 : NULL;
	}
	return false;
}

void conditions_checkboxes(struct request *rq, const char *name, const char *legend, const char *hint,
			   const char *stored, const struct result *r)
{
	const char *error = r ? result_error_for(r, name) : NULL;
	const char *chosen = rq->method == POST ? form_list(rq, name) : stored;
	html_lit(rq, "<div class=\"nhsuk-form-group");
	if (error)
		html_lit(rq, " nhsuk-form-group--error");
	html_lit(rq, "\"><fieldset class=\"nhsuk-fieldset\" aria-describedby=\"");
	html_attr(rq, name);
	html_lit(rq, "-hint");
	if (error) {
		html_lit(rq, " ");
		html_attr(rq, name);
		html_lit(rq, "-error");
	}
	html_lit(rq, "\"><legend class=\"nhsuk-fieldset__legend nhsuk-fieldset__legend--s\">");
	html_text(rq, legend);
	html_lit(rq, "</legend><div class=\"nhsuk-hint\" id=\"");
	html_attr(rq, name);
	html_lit(rq, "-hint\">");
	html_text(rq, hint);
	html_lit(rq, "</div>");
	if (error) {
		html_lit(rq, "<span class=\"nhsuk-error-message\" id=\"");
		html_attr(rq, name);
		html_lit(rq, "-error\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
		html_text(rq, error);
		html_lit(rq, "</span>");
	}
	html_lit(rq, "<div class=\"nhsuk-checkboxes nhsuk-checkboxes--small\" data-module=\"nhsuk-checkboxes\">");
	for (size_t i = 0; MATCH_CONDITIONS[i].code; i++) {
		/* the first box carries the field's own id, so the error summary's link lands on it */
		const char *id = i == 0 ? name : arena_printf(rq->arena, "%s-%s", name, MATCH_CONDITIONS[i].code);
		html_lit(rq, "<div class=\"nhsuk-checkboxes__item\"><input class=\"nhsuk-checkboxes__input\" id=\"");
		html_attr(rq, id);
		html_lit(rq, "\" name=\"");
		html_attr(rq, name);
		html_lit(rq, "\" type=\"checkbox\" value=\"");
		html_attr(rq, MATCH_CONDITIONS[i].code);
		html_lit(rq, "\"");
		if (csv_has(chosen, MATCH_CONDITIONS[i].code))
			html_lit(rq, " checked");
		html_lit(rq, "><label class=\"nhsuk-label nhsuk-checkboxes__label\" for=\"");
		html_attr(rq, id);
		html_lit(rq, "\">");
		html_text(rq, MATCH_CONDITIONS[i].label);
		html_lit(rq, "</label></div>");
	}
	html_lit(rq, "</div></fieldset></div>");
}

/* The words for a list of condition codes: "Night work, Weekend work". */
const char *conditions_text(struct request *rq, const char *csv)
{
	const char *out = NULL;
	for (size_t i = 0; MATCH_CONDITIONS[i].code; i++)
		if (csv_has(csv, MATCH_CONDITIONS[i].code))
			out = out ? arena_printf(rq->arena, "%s, %s", out, MATCH_CONDITIONS[i].label)
				  : MATCH_CONDITIONS[i].label;
	return out;
}

/* The site's employers as choices, or NULL (with the reply written) on a refusal. */
static struct option *employer_options(struct request *rq, size_t *n)
{
	struct employer_hit *hits;
	struct result r = app_employer_choices(&rq->app, &rq->who, &hits, n);
	if (!result_ok(&r))
		*n = 0;
	struct option *opts = arena_alloc(rq->arena, (*n + 1) * sizeof *opts);
	for (size_t i = 0; i < *n; i++) {
		opts[i].value = arena_printf(rq->arena, "%lld", (long long)hits[i].id);
		opts[i].label = hits[i].name;
	}
	return opts;
}

/* ---- the list --------------------------------------------------------------------------- */

/* The list's address for another page, with the filters as the form sent them. */
static const char *list_page_path(struct request *rq, const char *status, const char *closing, int page)
{
	struct buf b = {0};
	query_pair(&b, "q", query_text(rq, "q"));
	query_pair(&b, "status", status ? status : "");
	query_pair(&b, "job_type", query_text(rq, "job_type"));
	query_pair(&b, "employer", query_text(rq, "employer"));
	query_pair(&b, "closing", closing ? closing : "current");
	query_pair(&b, "page", arena_printf(rq->arena, "%d", page));
	const char *path = arena_printf(rq->arena, "/vacancies?%s", buf_str(&b));
	buf_free(&b);
	return path;
}

int page_vacancies(struct request *rq)
{
	/* no filter given at all: open vacancies not yet closed */
	bool fresh = !query_text(rq, "q") && !query_text(rq, "status") && !query_text(rq, "job_type") &&
		     !query_text(rq, "employer") && !query_text(rq, "closing");
	const char *status = fresh ? "open" : query_text(rq, "status");
	const char *closing = fresh ? "current" : query_text(rq, "closing");
	struct vacancy_query q = {
		.q = query_text(rq, "q"), .status = status, .job_type = query_text(rq, "job_type"),
		.employer_id = query_text(rq, "employer"),
		.current_only = !closing || strcmp(closing, "all") != 0, .page = query_text(rq, "page"),
	};
	struct vacancy_list list;
	struct result r = app_vacancies_search(&rq->app, &rq->who, &q, &list);
	const struct vacancy *rows = list.rows;
	size_t n = list.n, total = list.total;
	int page = list.page;
	if (result_reply(rq, &r) == 0)
		return 0;
	size_t nemp;
	struct option *emps = employer_options(rq, &nemp);
	page_begin(rq, "Vacancies");
	nhs_error_summary(rq, &r);
	html_lit(rq, "<h1>Vacancies</h1><p><a class=\"nhsuk-button\" href=\"/vacancies/new\">Add a vacancy</a></p>"
		     "<form method=\"get\" action=\"/vacancies\" novalidate>");
	nhs_input(rq, "q", "Search vacancies", q.q, &r,
		  &(struct input_opts){.hint = "Words from the job title, description, employer or job type",
				       .type = "search", .width_class = "nhsuk-input--width-20", .spellcheck_off = true});
	nhs_select_codes(rq, "status", "Status", NULL, VACANCY_STATUSES, status, &r, "Any status");
	nhs_input(rq, "job_type", "Job type (SOC 2020 code)", q.job_type, &r,
		  &(struct input_opts){.hint = "4 digits, like 7111", .inputmode = "numeric",
				       .width_class = "nhsuk-input--width-4"});
	nhs_select(rq, "employer", "Employer", NULL, emps, nemp, q.employer_id, &r, "Any employer");
	static const struct code closing_codes[] = {
		{"current", "Only those still taking applications"}, {"all", "Include those whose closing date has passed"},
		{NULL, NULL}};
	nhs_select_codes(rq, "closing", "Closing date", NULL, closing_codes, closing ? closing : "current", &r, NULL);
	nhs_button(rq, "Search", true);
	html_lit(rq, "</form>");
	if (n == 0) {
		html_lit(rq, "<p>No vacancies found.</p>");
		page_end(rq);
		return 0;
	}
	size_t first = (size_t)(page - 1) * VACANCIES_PAGE + 1;
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption\">");
	if (total > n) {
		html_text(rq, arena_printf(rq->arena, "Showing %zu to %zu of %zu vacancies", first, first + n - 1, total));
	} else {
		html_int(rq, (int64_t)n);
		html_text(rq, n == 1 ? " vacancy" : " vacancies");
	}
	html_lit(rq, "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Vacancy", false);
	nhs_th(rq, "Employer", false);
	nhs_th(rq, "Hours", false);
	nhs_th(rq, "Pay", false);
	nhs_th(rq, "Closing date", false);
	nhs_th(rq, "Status", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct vacancy *v = &rows[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Vacancy", false);
		html_lit(rq, "<a href=\"");
		html_href(rq, "/vacancies/", v->id, NULL);
		html_lit(rq, "\">");
		html_text(rq, v->title);
		html_lit(rq, "</a></td>");
		nhs_td_begin(rq, "Employer", false);
		html_text(rq, v->employer_name);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Hours", false);
		html_text(rq, hours_text(rq, v->hours_min, v->hours_max));
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Pay", false);
		html_text(rq, pay_text(rq, v->hourly_pay));
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Closing date", false);
		if (v->closing_on)
			html_date(rq, v->closing_on);
		else
			html_lit(rq, "None given");
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Status", false);
		html_text(rq, code_label(VACANCY_STATUSES, v->status));
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
	nhs_pagination(rq, page > 1 ? list_page_path(rq, status, closing, page - 1) : NULL,
		       first + n - 1 < total ? list_page_path(rq, status, closing, page + 1) : NULL);
	page_end(rq);
	return 0;
}

/* ---- adding and changing ------------------------------------------------------------------ */

static void vacancy_form_page(struct request *rq, const struct vacancy *v, const struct result *r)
{
	bool adding = v->id == 0;
	size_t nemp;
	struct option *emps = employer_options(rq, &nemp);
	page_begin(rq, adding ? "Add a vacancy" : "Change the vacancy");
	nhs_back_link(rq, adding ? "/vacancies" : vacancy_path(rq, v->id, NULL), adding ? "Vacancies" : "Back to the vacancy");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	if (adding) {
		html_lit(rq, "<h1>Add a vacancy</h1>");
	} else {
		html_lit(rq, "<h1>Change the vacancy: ");
		html_text(rq, v->title);
		html_lit(rq, "</h1>");
	}
	if (nemp == 0)
		html_lit(rq, "<p>Add the employer first: <a href=\"/employers/new\">add an employer</a>.</p>");
	nhs_form_begin(rq, adding ? "/vacancies" : vacancy_path(rq, v->id, "/edit"));
	const char *emp = v->employer_id ? arena_printf(rq->arena, "%lld", (long long)v->employer_id) : NULL;
	nhs_select(rq, "employer_id", "Employer", NULL, emps, nemp, field_value(rq, "employer_id", emp), r,
		   "Choose the employer");
	nhs_input(rq, "title", "Job title", field_value(rq, "title", v->title), r, NULL);
	nhs_input(rq, "job_type", "Job type (optional)", field_value(rq, "job_type", v->job_type), r,
		  &(struct input_opts){.hint = "The 4-digit SOC 2020 code, like 9263 for kitchen and catering assistants",
				       .inputmode = "numeric", .width_class = "nhsuk-input--width-4"});
	nhs_input(rq, "hours_min", "Fewest hours a week (optional)", field_value(rq, "hours_min", hundredths_text(rq, v->hours_min)), r,
		  &(struct input_opts){.hint = "For a fixed number of hours, enter the same in both", .inputmode = "decimal",
				       .width_class = "nhsuk-input--width-4"});
	nhs_input(rq, "hours_max", "Most hours a week (optional)", field_value(rq, "hours_max", hundredths_text(rq, v->hours_max)), r,
		  &(struct input_opts){.inputmode = "decimal", .width_class = "nhsuk-input--width-4"});
	nhs_input(rq, "hourly_pay", "Pay, in pounds an hour (optional)", field_value(rq, "hourly_pay", pence_text(rq, v->hourly_pay)), r,
		  &(struct input_opts){.hint = "For example, 12.50", .inputmode = "decimal", .width_class = "nhsuk-input--width-5"});
	nhs_input(rq, "postcode", "Postcode of the workplace (optional)", field_value(rq, "postcode", v->postcode), r,
		  &(struct input_opts){.hint = "A full postcode, or its first part, like LS1", .width_class = "nhsuk-input--width-10",
				       .autocomplete = "off"});
	nhs_date_input(rq, "closing_on", "Closing date (optional)", "For example, 31 12 2026", v->closing_on, r);
	nhs_radios(rq, "status", "Status", NULL, VACANCY_STATUSES, field_value(rq, "status", v->status ? v->status : "open"), r, true);
	conditions_checkboxes(rq, "conditions", "What the job involves", "Tick all that apply", v->conditions, r);
	nhs_textarea(rq, "description", "Description (optional)", "What the work is, and what the employer asks for",
		     field_value(rq, "description", v->description), r, 5);
	nhs_input(rq, "source", "Where it was found (optional)", field_value(rq, "source", v->source), r,
		  &(struct input_opts){.hint = "For example, the employer, Find a job, a shop window"});
	nhs_button(rq, adding ? "Add vacancy" : "Save changes", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

static void vacancy_form_read(struct request *rq, struct vacancy_form *f)
{
	*f = (struct vacancy_form){
		.employer_id = form_text(rq, "employer_id"), .title = form_text(rq, "title"),
		.job_type = form_text(rq, "job_type"), .hours_min = form_text(rq, "hours_min"),
		.hours_max = form_text(rq, "hours_max"), .hourly_pay = form_text(rq, "hourly_pay"),
		.postcode = form_text(rq, "postcode"), .closing_on = form_date(rq, "closing_on"),
		.source = form_text(rq, "source"), .status = form_text(rq, "status"),
		.description = form_textarea(rq, "description"), .conditions = form_list(rq, "conditions"),
	};
}

static int vacancy_saved(struct request *rq, int64_t id, const struct result *saved, const char *what);

int page_vacancy_new(struct request *rq)
{
	/* the list's permission: nothing to show a role that may not add */
	struct vacancy_list list;
	struct vacancy_query q = {.status = "open"};
	struct result r = app_vacancies_search(&rq->app, &rq->who, &q, &list);
	if (result_reply(rq, &r) == 0)
		return 0;
	struct vacancy v = {.hours_min = -1, .hours_max = -1, .hourly_pay = -1};
	const char *emp = query_text(rq, "employer");
	int64_t eid = 0;
	for (const char *p = emp; p && *p >= '0' && *p <= '9' && eid < 100000000000LL; p++)
		eid = eid * 10 + (*p - '0');
	v.employer_id = eid;
	vacancy_form_page(rq, &v, NULL);
	return 0;
}

int page_vacancy_create(struct request *rq)
{
	struct vacancy_form f;
	vacancy_form_read(rq, &f);
	struct result r = app_vacancy_add(&rq->app, &rq->who, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		vacancy_form_page(rq, &(struct vacancy){.hours_min = -1, .hours_max = -1, .hourly_pay = -1}, &r);
		return 0;
	}
	if (r.nwarnings)
		return vacancy_saved(rq, r.id, &r, "The vacancy was added.");
	return redirect_see_other(rq, vacancy_path(rq, r.id, NULL));
}

int page_vacancy_edit(struct request *rq)
{
	struct vacancy v;
	struct result r = app_vacancy_get(&rq->app, &rq->who, route_id(rq, 0), &v);
	if (result_reply(rq, &r) == 0)
		return 0;
	vacancy_form_page(rq, &v, NULL);
	return 0;
}

int page_vacancy_update(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct vacancy_form f;
	vacancy_form_read(rq, &f);
	struct result r = app_vacancy_update(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct vacancy v;
		struct result g = app_vacancy_get(&rq->app, &rq->who, id, &v);
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		vacancy_form_page(rq, &v, &r);
		return 0;
	}
	if (r.nwarnings)
		return vacancy_saved(rq, id, &r, "The changes were saved.");
	return redirect_see_other(rq, vacancy_path(rq, id, NULL));
}

/* ---- the vacancy's page ---------------------------------------------------------------------- */

/* The button that adds a vacancy to a person's job search (the applications pipeline). */
static void add_to_search_form(struct request *rq, int64_t client_id, int64_t vacancy_id, const char *hidden)
{
	nhs_form_begin(rq, arena_printf(rq->arena, "/people/%lld/applications", (long long)client_id));
	html_lit(rq, "<input type=\"hidden\" name=\"vacancy\" value=\"");
	html_int(rq, vacancy_id);
	html_lit(rq, "\"><button class=\"nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0\" "
		     "data-module=\"nhsuk-button\" type=\"submit\">Add to job search<span class=\"nhsuk-u-visually-hidden\">: ");
	html_text(rq, hidden);
	html_lit(rq, "</span></button>");
	nhs_form_end(rq);
}

static void vacancy_page(struct request *rq, const struct vacancy *v, const struct person_match *m, size_t n,
			 const struct result *saved, const char *what)
{
	page_begin(rq, v->title);
	nhs_back_link(rq, "/vacancies", "Vacancies");
	html_lit(rq, "<h1>");
	html_text(rq, v->title);
	html_lit(rq, "</h1>");
	if (saved && saved->nwarnings) {
		nhs_inset(rq, what);
		html_lit(rq, "<h2 class=\"nhsuk-heading-m\">What to check</h2>");
		nhs_warnings(rq, saved);
	}
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Employer", v->employer_name);
	nhs_summary_row(rq, "Status", code_label(VACANCY_STATUSES, v->status));
	nhs_summary_row(rq, "Job type", v->job_type);
	nhs_summary_row(rq, "Hours", hours_text(rq, v->hours_min, v->hours_max));
	nhs_summary_row(rq, "Pay", pay_text(rq, v->hourly_pay));
	nhs_summary_row(rq, "Postcode", v->postcode);
	nhs_summary_row_date(rq, "Closing date", v->closing_on);
	nhs_summary_row(rq, "What the job involves", conditions_text(rq, v->conditions));
	nhs_summary_row(rq, "Description", v->description);
	nhs_summary_row(rq, "Where it was found", v->source);
	nhs_summary_end(rq);
	html_lit(rq, "<p><a href=\"");
	html_href(rq, "/vacancies/", v->id, "/edit");
	html_lit(rq, "\">Change the vacancy</a></p><p><a href=\"");
	html_href(rq, "/employers/", v->employer_id, NULL);
	html_lit(rq, "\">The employer's page</a></p><h2>Matching people</h2>");
	if (strcmp(v->status, "open") != 0) {
		html_lit(rq, "<p>This vacancy is not open, so nobody is matched to it.</p>");
		page_end(rq);
		return;
	}
	html_lit(rq, "<p>");
	html_text(rq, (rq->who.role & ROLE_TEAM_LEADER) ? "Everyone with an open referral at the service"
							 : "People on your caseload");
	html_lit(rq, ", best match first (at most 20). The score is out of 100.</p>");
	if (n == 0) {
		html_lit(rq, "<p>Nobody to match yet.</p>");
		page_end(rq);
		return;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "People matching this vacancy, best first</caption><thead class=\"nhsuk-table__head\">"
		     "<tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Person", false);
	nhs_th(rq, "Score", true);
	nhs_th(rq, "Why", false);
	nhs_th(rq, "Job search", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Person", false);
		html_lit(rq, "<a href=\"");
		html_href(rq, "/people/", m[i].client_id, NULL);
		html_lit(rq, "\">");
		html_text(rq, m[i].given_name);
		html_lit(rq, " ");
		html_text(rq, m[i].family_name);
		html_lit(rq, "</a></td>");
		nhs_td_begin(rq, "Score", true);
		html_int(rq, m[i].score);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Why", false);
		html_text(rq, m[i].reason);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Job search", false);
		add_to_search_form(rq, m[i].client_id, v->id,
				   arena_printf(rq->arena, "%s %s", m[i].given_name, m[i].family_name));
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
	page_end(rq);
}

int page_vacancy(struct request *rq)
{
	struct vacancy v;
	struct person_match *m;
	size_t n;
	struct result r = app_matches_for_vacancy(&rq->app, &rq->who, route_id(rq, 0), &v, &m, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	vacancy_page(rq, &v, m, n, NULL, NULL);
	return 0;
}

/* After a save with warnings: the vacancy's page with them on it (200). */
static int vacancy_saved(struct request *rq, int64_t id, const struct result *saved, const char *what)
{
	struct vacancy v;
	struct person_match *m;
	size_t n;
	struct result r = app_matches_for_vacancy(&rq->app, &rq->who, id, &v, &m, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	vacancy_page(rq, &v, m, n, saved, what);
	return 0;
}

/* ---- a person's matching vacancies ------------------------------------------------------------ */

int page_person_matches(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct client c;
	struct vacancy_match *m;
	size_t n;
	struct result r = app_matches_for_person(&rq->app, &rq->who, id, &c, &m, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	page_begin(rq, arena_printf(rq->arena, "Matching vacancies: %s %s", c.given_name, c.family_name));
	nhs_back_link(rq, arena_printf(rq->arena, "/people/%lld", (long long)id), "Back to the record");
	html_lit(rq, "<h1>Matching vacancies: ");
	html_text(rq, c.given_name);
	html_lit(rq, " ");
	html_text(rq, c.family_name);
	html_lit(rq, "</h1><p>Open vacancies at the service, best match with the vocational profile first "
		     "(at most 20). The score is out of 100. <a href=\"");
	html_href(rq, "/people/", id, "/profile");
	html_lit(rq, "\">Change the preferences</a></p>");
	if (n == 0) {
		html_lit(rq, "<p>There are no open vacancies to match. <a href=\"/vacancies/new\">Add a vacancy</a></p>");
		page_end(rq);
		return 0;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Vacancies matching this person, best first</caption><thead class=\"nhsuk-table__head\">"
		     "<tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Vacancy", false);
	nhs_th(rq, "Score", true);
	nhs_th(rq, "Why", false);
	nhs_th(rq, "Closing date", false);
	nhs_th(rq, "Job search", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct vacancy *v = &m[i].vacancy;
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Vacancy", false);
		html_lit(rq, "<a href=\"");
		html_href(rq, "/vacancies/", v->id, NULL);
		html_lit(rq, "\">");
		html_text(rq, v->title);
		html_lit(rq, "</a>, ");
		html_text(rq, v->employer_name);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Score", true);
		html_int(rq, m[i].score);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Why", false);
		html_text(rq, m[i].reason);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Closing date", false);
		if (v->closing_on)
			html_date(rq, v->closing_on);
		else
			html_lit(rq, "None given");
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Job search", false);
		add_to_search_form(rq, id, v->id, arena_printf(rq->arena, "%s, %s", v->title, v->employer_name));
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
	page_end(rq);
	return 0;
}
