/* web/pages/support.c — finding and keeping work on the pages: the "Job search" section
 * of a person's record and its forms (a new step, moving a step on), the in-work
 * support items shown with each job, and the due and overdue lists (the specialist's
 * dashboard, the team leader's /support). Handlers only translate: app/applications.c
 * and app/support.c hold the rules, the scope and the audit. */
#include <stdio.h>
#include <string.h>
#include "app/support.h"
#include "core/support.h"
#include "web/html.h"
#include "web/pages/pages.h"
#include "util/arena.h"
#include "util/buf.h"

/* The job start form, filled in from a step that ended "started". */
static const char *job_start_link(struct request *rq, int64_t client_id, const struct application *a)
{
	struct buf b = BUF_INIT;
	buf_adds(&b, arena_printf(rq->arena, "/people/%lld/jobs/new?application=%lld", (long long)client_id,
				  (long long)a->id));
	if (a->employer_id)
		buf_adds(&b, arena_printf(rq->arena, "&employer_id=%lld", (long long)a->employer_id));
	if (a->vacancy_id)   /* the job type, hours and pay start from the vacancy's */
		buf_adds(&b, arena_printf(rq->arena, "&vacancy=%lld", (long long)a->vacancy_id));
	buf_adds(&b, "&title=");
	url_encode(&b, a->title);
	const char *s = arena_strdup(rq->arena, buf_str(&b));
	buf_free(&b);
	return s;
}

static void td_date(struct request *rq, const char *heading, const char *iso)
{
	nhs_td_begin(rq, heading, false);
	if (iso)
		html_date(rq, iso);
	html_lit(rq, "</td>");
}

/* ---- the Job search section of a person's record ------------------------------------------- */

void person_job_search_section(struct request *rq, int64_t client_id, bool may_edit)
{
	struct application *apps;
	size_t n;
	struct result r = app_applications_of_client(&rq->app, &rq->who, client_id, &apps, &n);
	html_lit(rq, "<h2 id=\"job-search\">Job search</h2>");
	if (!result_ok(&r)) {
		html_lit(rq, "<p>The job search could not be read.</p>");
		return;
	}
	if (may_edit) {
		html_lit(rq, "<p><a href=\"");
		html_href(rq, "/people/", client_id, "/applications/new");
		html_lit(rq, "\">Add a job-search step</a></p>");
	}
	if (n == 0) {
		html_lit(rq, "<p>No job-search steps recorded.</p>");
		return;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Job search, newest first</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Job", false);
	nhs_th(rq, "Stage", false);
	nhs_th(rq, "Found or approached", false);
	nhs_th(rq, "Applied", false);
	nhs_th(rq, "Interview", false);
	nhs_th(rq, "Offer", false);
	nhs_th(rq, "Outcome", false);
	if (may_edit)
		nhs_th(rq, "Change", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct application *a = &apps[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Job", false);
		html_text(rq, a->title);
		if (a->employer_name) {
			html_lit(rq, " at ");
			html_text(rq, a->employer_name);
		}
		if (strcmp(a->kind, "speculative") == 0)
			html_lit(rq, " (speculative approach)");
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Stage", false);
		const char *stage = application_stage(a);
		nhs_tag(rq, stage, strcmp(stage, "Started") == 0 ? "green" : strcmp(stage, "Not successful") == 0 ? "grey" : "blue");
		html_lit(rq, "</td>");
		td_date(rq, "Found or approached", a->identified_on);
		td_date(rq, "Applied", a->applied_on);
		td_date(rq, "Interview", a->interview_on);
		td_date(rq, "Offer", a->offer_on);
		td_date(rq, "Outcome", a->outcome_on);
		if (may_edit) {
			nhs_td_begin(rq, "Change", false);
			html_lit(rq, "<a href=\"");
			html_attr(rq, arena_printf(rq->arena, "/people/%lld/applications/%lld", (long long)client_id,
						   (long long)a->id));
			html_lit(rq, "\">Move on<span class=\"nhsuk-u-visually-hidden\">: ");
			html_text(rq, a->title);
			html_lit(rq, "</span></a>");
			if (a->outcome && strcmp(a->outcome, "started") == 0 && !a->job_id) {
				html_lit(rq, "<br><a href=\"");
				html_attr(rq, job_start_link(rq, client_id, a));
				html_lit(rq, "\">Record the job start<span class=\"nhsuk-u-visually-hidden\">: ");
				html_text(rq, a->title);
				html_lit(rq, "</span></a>");
			}
			html_lit(rq, "</td>");
		}
		html_lit(rq, "</tr>");
	}
	html_lit(rq, "</tbody></table>");
}

/* ---- in-work support --------------------------------------------------------------------- */

static const char *item_label(struct request *rq, const struct support_row *row)
{
	enum support_kind k = SK_WEEKLY;
	char s[48];
	if (!support_kind_parse(row->kind, &k))
		return row->kind;
	support_item_label(k, row->seq, s, sizeof s);
	return arena_strdup(rq->arena, s);
}

static const char *item_state(struct request *rq, const struct support_row *row)
{
	struct support_item it = {0};
	if (!support_status_parse(row->status, &it.status) || !date_parse(row->window_from, &it.from) ||
	    !date_parse(row->window_to, &it.to))
		return row->status;
	return support_state(&it, rq->app.today);
}

static void state_tag(struct request *rq, const char *state)
{
	static const struct {
		const char *state, *text, *colour;
	} TAGS[] = {
		{"met", "Met", "green"}, {"missed", "Missed", "orange"}, {"cancelled", "Cancelled", "grey"},
		{"overdue", "Overdue", "red"}, {"due", "Due now", "yellow"}, {"upcoming", "Upcoming", "white"},
	};
	for (size_t i = 0; i < sizeof TAGS / sizeof TAGS[0]; i++)
		if (strcmp(TAGS[i].state, state) == 0) {
			nhs_tag(rq, TAGS[i].text, TAGS[i].colour);
			return;
		}
	html_text(rq, state);
}

static void window_text(struct request *rq, const struct support_row *row)
{
	html_date(rq, row->window_from);
	html_lit(rq, " to ");
	html_date(rq, row->window_to);
}

void person_job_support(struct request *rq, const struct support_row *rows, size_t n, int64_t job_id)
{
	size_t count = 0;
	for (size_t i = 0; i < n; i++)
		count += rows[i].job_id == job_id;
	if (!count)
		return;
	html_lit(rq, "<details class=\"nhsuk-details\"");
	for (size_t i = 0; i < n; i++) {
		const char *st = rows[i].job_id == job_id ? item_state(rq, &rows[i]) : "";
		if (strcmp(st, "due") == 0 || strcmp(st, "overdue") == 0) {
			html_lit(rq, " open");
			break;
		}
	}
	html_lit(rq, "><summary class=\"nhsuk-details__summary\"><span class=\"nhsuk-details__summary-text\">"
		     "In-work support contacts</span></summary><div class=\"nhsuk-details__text\">"
		     "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "In-work support contacts for this job</caption><thead class=\"nhsuk-table__head\">"
		     "<tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Contact", false);
	nhs_th(rq, "When", false);
	nhs_th(rq, "Status", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct support_row *row = &rows[i];
		if (row->job_id != job_id)
			continue;
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
		html_text(rq, item_label(rq, row));
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		window_text(rq, row);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
		state_tag(rq, item_state(rq, row));
		if (row->contact_date) {
			html_lit(rq, " by the contact on ");
			html_date(rq, row->contact_date);
		}
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table><p class=\"nhsuk-body-s\">A contact with the person (face to face, phone "
		     "or video) or with an employer on their behalf, dated in a window, meets the earliest item due. "
		     "Before the start it must be face to face.</p></div></details>");
}

void support_due_table(struct request *rq, const struct support_row *rows, size_t n, bool by_specialist)
{
	if (n == 0) {
		html_lit(rq, "<p>No in-work support contacts are due or overdue.</p>");
		return;
	}
	const char *current = NULL;
	bool open = false;
	for (size_t i = 0; i < n; i++) {
		const struct support_row *row = &rows[i];
		const char *who = row->specialist_name ? row->specialist_name : "Not allocated";
		if (!open || (by_specialist && strcmp(who, current) != 0)) {
			if (open)
				html_lit(rq, "</tbody></table>");
			html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption\">");
			html_text(rq, by_specialist ? who : "In-work support contacts due and overdue");
			html_lit(rq, "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
			nhs_th(rq, "Person", false);
			nhs_th(rq, "Job", false);
			nhs_th(rq, "Contact", false);
			nhs_th(rq, "When", false);
			nhs_th(rq, "Status", false);
			html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
			current = who;
			open = true;
		}
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, "Person", false);
		html_lit(rq, "<a href=\"");
		html_href(rq, "/people/", row->client_id, NULL);
		html_lit(rq, "\">");
		html_text(rq, row->given_name);
		html_lit(rq, " ");
		html_text(rq, row->family_name);
		html_lit(rq, "</a></td>");
		nhs_td_begin(rq, "Job", false);
		html_text(rq, row->job_title);
		if (row->employer_name) {
			html_lit(rq, " at ");
			html_text(rq, row->employer_name);
		}
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Contact", false);
		html_text(rq, item_label(rq, row));
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "When", false);
		window_text(rq, row);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, "Status", false);
		state_tag(rq, item_state(rq, row));
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
}

/* GET /support: a team leader's due and overdue items of their site, by specialist; a
 * specialist's own. */
int page_support_due(struct request *rq)
{
	struct support_row *rows;
	size_t n;
	struct result r = app_support_due(&rq->app, &rq->who, 0, &rows, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	bool leader = (rq->who.role & ROLE_TEAM_LEADER) != 0;
	page_begin(rq, "In-work support due");
	html_lit(rq, "<h1>In-work support due</h1><p>Contacts due now or overdue for people in work: before a "
		     "job starts, within 3 days of the start, weekly in the first month, then monthly, and within "
		     "3 days of a job ending. Recording a contact with the person clears the earliest one.</p>");
	support_due_table(rq, rows, n, leader);
	page_end(rq);
	return 0;
}

/* ---- job-search forms --------------------------------------------------------------------- */

static const struct code KINDS[] = {
	{"vacancy", "An advertised vacancy"},
	{"speculative", "A speculative approach to an employer"},
	{NULL, NULL},
};
static const struct code OUTCOMES[] = {
	{"started", "Started the job"},
	{"not_successful", "Not successful"},
	{NULL, NULL},
};

static void application_new_page(struct request *rq, const struct client_record *rec, const struct result *r)
{
	int64_t id = rec->client.id;
	struct employer_hit *emps;
	size_t nemps;
	struct result er = app_employer_choices(&rq->app, &rq->who, &emps, &nemps);
	if (!result_ok(&er))
		nemps = 0;
	struct option *opts = arena_alloc(rq->arena, (nemps + 1) * sizeof *opts);
	for (size_t i = 0; i < nemps; i++) {
		opts[i].value = arena_printf(rq->arena, "%lld", (long long)emps[i].id);
		opts[i].label = emps[i].postcode ? arena_printf(rq->arena, "%s, %s", emps[i].name, emps[i].postcode)
						 : emps[i].name;
	}
	page_begin(rq, "Add a job-search step");
	nhs_back_link(rq, person_path(rq, id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Add a job-search step: ");
	html_text(rq, rec->client.given_name);
	html_lit(rq, " ");
	html_text(rq, rec->client.family_name);
	html_lit(rq, "</h1><p>A vacancy they are interested in, or an employer approached about work that is "
		     "not advertised. Move it on as it goes: applied, interview, offer, and the outcome.</p>");
	nhs_form_begin(rq, person_path(rq, id, "/applications"));
	if (rec->nreferrals == 1) {
		html_lit(rq, "<input type=\"hidden\" name=\"referral_id\" value=\"");
		html_int(rq, rec->referrals[0].id);
		html_lit(rq, "\">");
	} else if (rec->nreferrals > 1) {
		struct option *refs = arena_alloc(rq->arena, rec->nreferrals * sizeof *refs);
		for (size_t i = 0; i < rec->nreferrals; i++) {
			char d[32];
			day_t day = 0;
			date_parse(rec->referrals[i].received_on, &day);
			date_long(day, d, sizeof d);
			refs[i].value = arena_printf(rq->arena, "%lld", (long long)rec->referrals[i].id);
			refs[i].label = arena_printf(rq->arena, "Referral received %s%s", d,
						     rec->referrals[i].closed_on ? " (closed)" : "");
		}
		nhs_select(rq, "referral_id", "Referral", NULL, refs, rec->nreferrals,
			   field_value(rq, "referral_id", NULL), r, NULL);
	}
	if (r && result_error_for(r, "vacancy")) {   /* a vacancy button whose vacancy is gone or not theirs */
		html_lit(rq, "<div class=\"nhsuk-form-group nhsuk-form-group--error\"><span class=\"nhsuk-error-message\" "
			     "id=\"vacancy\"><span class=\"nhsuk-u-visually-hidden\">Error:</span> ");
		html_text(rq, result_error_for(r, "vacancy"));
		html_lit(rq, "</span></div>");
	}
	nhs_radios(rq, "kind", "What is it?", NULL, KINDS, field_value(rq, "kind", "vacancy"), r, true);
	nhs_select(rq, "employer_id", "Employer", "Needed for a speculative approach. If the employer is not in "
						  "the list, add them on the Employers page first",
		   opts, nemps, field_value(rq, "employer_id", NULL), r, "Not recorded");
	nhs_input(rq, "title", "Job title", field_value(rq, "title", NULL), r, NULL);
	nhs_date_input(rq, "identified_on", "Date the vacancy was found or the employer approached",
		       "For example, 3 11 2026", rq->app.today_iso, r);
	nhs_date_input(rq, "applied_on", "Date they applied (optional)", NULL, NULL, r);
	nhs_date_input(rq, "interview_on", "Date of the interview (optional)", NULL, NULL, r);
	nhs_date_input(rq, "offer_on", "Date of the offer (optional)", NULL, NULL, r);
	nhs_textarea(rq, "note", "Note (optional)", NULL, field_value(rq, "note", NULL), r, 3);
	nhs_button(rq, "Save job-search step", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

static void read_form(struct request *rq, struct application_form *f)
{
	*f = (struct application_form){
		.referral_id = form_text(rq, "referral_id"), .vacancy = form_text(rq, "vacancy"),
		.employer_id = form_text(rq, "employer_id"), .title = form_text(rq, "title"),
		.kind = form_text(rq, "kind"), .identified_on = form_date(rq, "identified_on"),
		.applied_on = form_date(rq, "applied_on"), .interview_on = form_date(rq, "interview_on"),
		.offer_on = form_date(rq, "offer_on"), .outcome = form_text(rq, "outcome"),
		.outcome_on = form_date(rq, "outcome_on"), .note = form_textarea(rq, "note"),
	};
}

int page_application_new(struct request *rq)
{
	struct client_record rec;
	if (person_load_editable(rq, route_id(rq, 0), &rec))
		application_new_page(rq, &rec, NULL);
	return 0;
}

int page_application_create(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct application_form f;
	read_form(rq, &f);
	struct result r = app_application_add(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct client_record rec;
		if (person_load_editable(rq, id, &rec)) {
			rq->status = 422;
			application_new_page(rq, &rec, &r);
		}
		return 0;
	}
	return redirect_see_other(rq, person_path(rq, id, "#job-search"));
}

static void application_edit_page(struct request *rq, int64_t client_id, const struct application *a,
				  const struct result *r)
{
	page_begin(rq, "Move a job-search step on");
	nhs_back_link(rq, person_path(rq, client_id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Move on: ");
	html_text(rq, a->title);
	if (a->employer_name) {
		html_lit(rq, " at ");
		html_text(rq, a->employer_name);
	}
	html_lit(rq, "</h1><p>Stage: ");
	html_text(rq, application_stage(a));
	html_lit(rq, "</p>");
	if (a->outcome && strcmp(a->outcome, "started") == 0) {
		if (a->job_id) {
			html_lit(rq, "<p>The job start is recorded on the person's record.</p>");
		} else {
			html_lit(rq, "<p><a class=\"nhsuk-button\" href=\"");
			html_attr(rq, job_start_link(rq, client_id, a));
			html_lit(rq, "\">Record the job start</a></p>");
		}
	}
	nhs_form_begin(rq, arena_printf(rq->arena, "/people/%lld/applications/%lld", (long long)client_id,
					(long long)a->id));
	nhs_date_input(rq, "identified_on", strcmp(a->kind, "speculative") == 0 ? "Date of the approach"
										: "Date the vacancy was found",
		       NULL, a->identified_on, r);
	nhs_date_input(rq, "applied_on", "Date they applied", "Leave blank if they have not applied", a->applied_on, r);
	nhs_date_input(rq, "interview_on", "Date of the interview", NULL, a->interview_on, r);
	nhs_date_input(rq, "offer_on", "Date of the offer", NULL, a->offer_on, r);
	nhs_radios(rq, "outcome", "Outcome", "Leave it blank until it is known", OUTCOMES,
		   field_value(rq, "outcome", a->outcome), r, true);
	nhs_date_input(rq, "outcome_on", "Date of the outcome", "For a start, the day they started", a->outcome_on, r);
	nhs_textarea(rq, "note", "Note (optional)", NULL, field_value(rq, "note", a->note), r, 3);
	nhs_button(rq, "Save", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_application_edit(struct request *rq)
{
	int64_t client = route_id(rq, 0);
	struct application a;
	struct result r = app_application_get(&rq->app, &rq->who, client, route_id(rq, 1), &a);
	if (result_reply(rq, &r) == 0)
		return 0;
	application_edit_page(rq, client, &a, NULL);
	return 0;
}

int page_application_update(struct request *rq)
{
	int64_t client = route_id(rq, 0), aid = route_id(rq, 1);
	struct application_form f;
	read_form(rq, &f);
	struct application a = {0};
	struct result r = app_application_update(&rq->app, &rq->who, client, aid, &f, &a);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct result g = app_application_get(&rq->app, &rq->who, client, aid, &a);   /* audited */
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		application_edit_page(rq, client, &a, &r);
		return 0;
	}
	/* a start: straight on to the job start form, filled in from the step */
	if (a.outcome && strcmp(a.outcome, "started") == 0 && !a.job_id)
		return redirect_see_other(rq, arena_printf(rq->arena, "/people/%lld/applications/%lld", (long long)client,
							   (long long)aid));
	return redirect_see_other(rq, person_path(rq, client, "#job-search"));
}
