/* web/pages/referrals.c — the staff referral form, the team leader's referral inbox
 * (days waiting in bands, allocation) and closing a referral. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/caseload.h"
#include "core/codes.h"
#include "util/arena.h"

void referral_identity_fields(struct request *rq, const struct result *r, bool self)
{
	nhs_input(rq, "given_name", self ? "Your first name" : "First name",
		  field_value(rq, "given_name", NULL), r,
		  &(struct input_opts){.autocomplete = self ? "given-name" : "off", .width_class = "nhsuk-input--width-20"});
	nhs_input(rq, "family_name", self ? "Your last name" : "Last name",
		  field_value(rq, "family_name", NULL), r,
		  &(struct input_opts){.autocomplete = self ? "family-name" : "off", .width_class = "nhsuk-input--width-20"});
	nhs_date_input(rq, "birth_date", self ? "Your date of birth" : "Date of birth",
		       "For example, 15 3 1984", NULL, r);
	nhs_input(rq, "nhs_number", "NHS number (optional)", field_value(rq, "nhs_number", NULL), r,
		  &(struct input_opts){.hint = "A 10 digit number, like 485 777 3456", .inputmode = "numeric",
				       .width_class = "nhsuk-input--width-10", .spellcheck_off = true});
	nhs_input(rq, "phone", self ? "Your phone number" : "Phone number (optional)",
		  field_value(rq, "phone", NULL), r,
		  &(struct input_opts){.type = "tel", .autocomplete = self ? "tel" : "off",
				       .width_class = "nhsuk-input--width-20",
				       .hint = self ? "Give a phone number or an email address, or both" : NULL});
	nhs_input(rq, "email", self ? "Your email address" : "Email address (optional)",
		  field_value(rq, "email", NULL), r,
		  &(struct input_opts){.type = "email", .autocomplete = self ? "email" : "off",
				       .spellcheck_off = true});
	nhs_input(rq, "postcode", self ? "Your postcode (optional)" : "Postcode (optional)",
		  field_value(rq, "postcode", NULL), r,
		  &(struct input_opts){.autocomplete = self ? "postal-code" : "off",
				       .width_class = "nhsuk-input--width-10"});
	nhs_select_codes(rq, "employment_status", self ? "Which best describes you now? (optional)"
							 : "Employment status at referral",
			 NULL, CODES_EMPLOYMENT, field_value(rq, "employment_status", NULL), r,
			 self ? "Choose one" : "Not stated");
	nhs_select_codes(rq, "gender", self ? "Your gender (optional)" : "Gender (optional)", NULL,
			 CODES_GENDER, field_value(rq, "gender", NULL), r, "Not given");
	nhs_select_codes(rq, "ethnic_category", self ? "Your ethnic group (optional)" : "Ethnic group (optional)",
			 NULL, CODES_ETHNIC, field_value(rq, "ethnic_category", NULL), r, "Not given");
}

void referral_form_read(struct request *rq, struct referral_form *f)
{
	memset(f, 0, sizeof *f);
	f->given_name = form_text(rq, "given_name");
	f->family_name = form_text(rq, "family_name");
	f->nhs_number = form_text(rq, "nhs_number");
	f->birth_date = form_date(rq, "birth_date");
	f->postcode = form_text(rq, "postcode");
	f->phone = form_text(rq, "phone");
	f->email = form_text(rq, "email");
	f->gender = form_text(rq, "gender");
	f->ethnic_category = form_text(rq, "ethnic_category");
	f->employment_status = form_text(rq, "employment_status");
	f->reason = form_textarea(rq, "reason");
	f->consent = form_text(rq, "consent");
}

static void referral_new_page(struct request *rq, const struct result *r)
{
	struct team *teams;
	size_t nteams;
	app_teams_for(&rq->app, &rq->who, &teams, &nteams);
	struct option *opts = arena_alloc(rq->arena, (nteams + 1) * sizeof *opts);
	for (size_t i = 0; i < nteams; i++) {
		opts[i].value = arena_printf(rq->arena, "%lld", (long long)teams[i].id);
		opts[i].label = teams[i].name;
	}
	const char *team_default = rq->who.team_id ? arena_printf(rq->arena, "%lld", (long long)rq->who.team_id) : NULL;
	page_begin(rq, "Refer someone to IPS");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Refer someone to the employment service</h1>"
		     "<p>Anyone who wants to work can be referred. There is no test of readiness.</p>");
	nhs_form_begin(rq, "/referrals");
	nhs_select(rq, "team", "IPS team", NULL, opts, nteams,
		   rq->method == POST ? kv_get(&rq->form, "team") : team_default, r, nteams > 1 ? "Choose a team" : NULL);
	nhs_radios(rq, "source", "Who is making the referral?", NULL, CODES_SOURCE,
		   field_value(rq, "source", (rq->who.role & ROLE_CLINICIAN) ? "mental_health_professional" : NULL), r, true);
	nhs_date_input(rq, "received_on", "Date the referral was received", "For example, 3 11 2026",
		       rq->method == POST ? NULL : rq->app.today_iso, r);
	referral_identity_fields(rq, r, false);
	nhs_input(rq, "care_coordinator", "Care coordinator (optional)", field_value(rq, "care_coordinator", NULL), r, NULL);
	nhs_input(rq, "referrer_name", "Referrer's name (optional)",
		  field_value(rq, "referrer_name", rq->method == POST ? NULL : rq->who.name), r, NULL);
	nhs_input(rq, "referrer_contact", "Referrer's phone or email (optional)", field_value(rq, "referrer_contact", NULL), r, NULL);
	nhs_textarea(rq, "reason", "What the person hopes for (optional)",
		     "In their words if you can: the work they want, hours, anything the specialist should know",
		     field_value(rq, "reason", NULL), r, 4);
	nhs_checkbox(rq, "consent", "yes", "The person wants to work and agrees to this referral", NULL,
		     field_value(rq, "consent", NULL) != NULL, r);
	nhs_button(rq, "Send referral", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_referral_new(struct request *rq)
{
	referral_new_page(rq, NULL);
	return 0;
}

int page_referral_create(struct request *rq)
{
	struct referral_form f;
	referral_form_read(rq, &f);
	f.team = form_text(rq, "team");
	f.source = form_text(rq, "source");
	f.received_on = form_date(rq, "received_on");
	f.referrer_name = form_text(rq, "referrer_name");
	f.referrer_contact = form_text(rq, "referrer_contact");
	f.care_coordinator = form_text(rq, "care_coordinator");
	struct result r = app_referral_create(&rq->app, &rq->who, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		referral_new_page(rq, &r);
		return 0;
	}
	page_begin(rq, "Referral sent");
	html_lit(rq, "<div class=\"nhsuk-panel\"><h1 class=\"nhsuk-panel__title\">Referral sent</h1>"
		     "<div class=\"nhsuk-panel__body\">The team leader will allocate an employment specialist.</div></div>");
	nhs_warnings(rq, &r);
	html_lit(rq, "<ul class=\"nhsuk-list\"><li><a href=\"");
	html_href(rq, "/people/", r.client_id, NULL);
	html_lit(rq, "\">Go to the record of ");
	html_text(rq, f.given_name);
	html_lit(rq, " ");
	html_text(rq, f.family_name);
	html_lit(rq, "</a></li><li><a href=\"/referrals/new\">Refer someone else</a></li></ul>");
	page_end(rq);
	return 0;
}

/* A copy of r with every error's field renamed "field-ID": in a list of rows, the
 * controls of row ID are named that way, so each shows its own message and the error
 * summary links to it. ID 0: a row not on the page (no longer waiting), so the summary
 * says the message without a link to nothing. */
static struct result *errors_for_row(struct request *rq, const struct result *r, int64_t id)
{
	struct result *c = arena_alloc(rq->arena, sizeof *c);
	*c = *r;
	c->errors = arena_alloc(rq->arena, (r->nerrors + 1) * sizeof *c->errors);
	for (size_t i = 0; i < r->nerrors; i++)
		c->errors[i] = (struct field_error){
			id ? arena_printf(rq->arena, "%s-%lld", r->errors[i].field, (long long)id) : "",
			r->errors[i].message};
	return c;
}

/* Days from the referral's receipt to today (Europe/London). */
static int days_waiting(const struct request *rq, const struct referral *ref)
{
	day_t d = rq->app.today;
	date_parse(ref->received_on, &d);
	return rq->app.today - d;
}

static const char *days_text(struct request *rq, int days)
{
	return arena_printf(rq->arena, "%d %s", days, days == 1 ? "day" : "days");
}

static const char *band_colour(int band)
{
	return band == 0 ? "green" : band == 1 ? "yellow" : "red";
}

/* A team's specialists to allocate to, as a row of the inbox offers them. */
struct team_choice {
	const char *options;   /* rendered once, for every row of the team; NULL: none, or too many */
	size_t n;              /* how many specialists the team has */
};

/* A team with more specialists than this has them listed on a page of the referral's
 * own (GET /referrals/:id/allocate) rather than on each of its rows: an IPS team has 5
 * to 15, and a list of a hundred on every row made the inbox of a large service
 * megabytes long. */
#define ROW_SPECIALISTS 15

/* The specialists to allocate to, for each team (element t for teams[t]): a referral is
 * allocated within its team (one of another team's is moved there first). */
static struct team_choice *specialists_of_teams(struct request *rq, const struct staff *es, size_t nes,
						const struct team *teams, size_t nteams)
{
	struct option *opts = arena_alloc(rq->arena, (nes + 1) * sizeof *opts);
	struct team_choice *out = arena_alloc(rq->arena, (nteams + 1) * sizeof *out);
	for (size_t t = 0; t < nteams; t++) {
		size_t k = 0;
		for (size_t i = 0; i < nes; i++)
			if (es[i].team_id == teams[t].id)
				opts[k++] = (struct option){.value = arena_printf(rq->arena, "%lld", (long long)es[i].id),
							    .label = es[i].name};
		out[t].n = k;
		out[t].options = k && k <= ROW_SPECIALISTS ? nhs_options(rq, opts, k, "Choose a specialist") : NULL;
	}
	return out;
}

/* Rows of the waiting list a page shows: the oldest first, so page 1 is where the work is. */
#define INBOX_PAGE 25

/* A page number as a query or a form gives it: digits only, from 1; anything else
 * (nothing, a sign, letters, a number past any list) is the first page. */
static size_t page_number(const char *text)
{
	if (!text || *text < '0' || *text > '9')
		return 1;
	errno = 0;
	char *end;
	long v = strtol(text, &end, 10);
	return *end || errno || v < 1 || v > 100000 ? 1 : (size_t)v;
}

/* The row of referral id in refs, or n when it is not there (no longer waiting). */
static size_t row_of(const struct referral *refs, size_t n, int64_t id)
{
	size_t i = 0;
	while (i < n && refs[i].id != id)
		i++;
	return i;
}

/* The page of the waiting list to show, of pages: the one holding referral err_id when a
 * change to it failed (the form's page when it is no longer waiting), else ?page=; at
 * most the last (pages is at least 1). */
static size_t inbox_page_number(struct request *rq, const struct referral *refs, size_t n, size_t pages,
				int64_t err_id)
{
	size_t page, row = err_id ? row_of(refs, n, err_id) : n;
	if (row < n)
		page = row / INBOX_PAGE + 1;
	else
		page = page_number(err_id ? form_text(rq, "page") : query_text(rq, "page"));
	return page > pages ? pages : page;
}

static const char *inbox_href(struct request *rq, size_t page)
{
	return page > 1 ? arena_printf(rq->arena, "/referrals?page=%zu", page) : "/referrals";
}

static const char *allocate_href(struct request *rq, int64_t id, size_t page)
{
	return page > 1 ? arena_printf(rq->arena, "/referrals/%lld/allocate?page=%zu", (long long)id, page)
			: arena_printf(rq->arena, "/referrals/%lld/allocate", (long long)id);
}

/* A row's forms carry the page they are on, so the inbox comes back to it. */
static void page_field(struct request *rq, size_t page)
{
	if (page <= 1)
		return;
	html_lit(rq, "<input type=\"hidden\" name=\"page\" value=\"");
	html_int(rq, (int64_t)page);
	html_lit(rq, "\">");
}

/* What a row's form does: POST /referrals/ID/<path> with one list, named <field>-ID and
 * labelled "<label> for <the person>", and a button. */
struct row_action {
	const char *path, *field, *label, *button;
};
static const struct row_action ALLOCATE = {"/allocate", "specialist", "Specialist", "Allocate"};
static const struct row_action MOVE = {"/move", "team", "Team", "Move"};

/* A row's form for act, carrying the page it is on. */
static void row_form(struct request *rq, const struct referral *ref, size_t page, const struct row_action *act,
		     const char *options, const struct result *err)
{
	html_lit(rq, "<form method=\"post\" action=\"");
	html_href(rq, "/referrals/", ref->id, act->path);
	html_lit(rq, "\" novalidate class=\"ips-inline-form\">");
	nhs_csrf(rq);
	page_field(rq, page);
	nhs_select_rendered(rq, arena_printf(rq->arena, "%s-%lld", act->field, (long long)ref->id),
			    arena_printf(rq->arena, "%s for %s %s", act->label, ref->given_name, ref->family_name),
			    NULL, options, err);
	nhs_button(rq, act->button, true);
	html_lit(rq, "</form>");
}

/* The page a form came from (1 when it says none, or nothing a page can be). */
static size_t form_page(struct request *rq)
{
	return page_number(form_text(rq, "page"));
}

/* The inbox; err (may be NULL) is a failed allocation or move of referral err_id, shown
 * in the error summary and beside that row's control. */
static int inbox_page(struct request *rq, const struct result *err, int64_t err_id)
{
	struct referral *refs;
	size_t n;
	struct result r = app_inbox(&rq->app, &rq->who, &refs, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	struct team *teams;
	size_t nteams;
	app_teams_for(&rq->app, &rq->who, &teams, &nteams);
	struct option *topts = arena_alloc(rq->arena, (nteams + 1) * sizeof *topts);
	for (size_t i = 0; i < nteams; i++) {
		topts[i].value = arena_printf(rq->arena, "%lld", (long long)teams[i].id);
		topts[i].label = teams[i].name;
	}
	/* the lists to allocate from, for a team leader, who has the forms */
	struct team_choice *choices = NULL;
	if (rq->who.role & ROLE_TEAM_LEADER) {
		struct staff *es;
		size_t nes;
		app_specialists_for(&rq->app, &rq->who, &es, &nes);
		choices = specialists_of_teams(rq, es, nes, teams, nteams);
	}
	size_t pages = n ? (n + INBOX_PAGE - 1) / INBOX_PAGE : 1, page = inbox_page_number(rq, refs, n, pages, err_id);
	size_t from = (page - 1) * INBOX_PAGE, to = from + INBOX_PAGE < n ? from + INBOX_PAGE : n;
	/* every row has the same list of teams */
	const char *team_options = nhs_options(rq, topts, nteams, "Choose a team");
	int bands[3] = {0, 0, 0};
	for (size_t i = 0; i < n; i++)
		bands[waiting_band(days_waiting(rq, &refs[i]))]++;
	const char *title = pages > 1 ? arena_printf(rq->arena, "Referrals waiting (page %zu of %zu)", page, pages)
				      : "Referrals waiting";
	page_begin(rq, err ? arena_printf(rq->arena, "Error: %s", title) : title);
	const struct result *row_err = err ? errors_for_row(rq, err, row_of(refs, n, err_id) < n ? err_id : 0) : NULL;
	if (row_err)
		nhs_error_summary(rq, row_err);
	html_lit(rq, "<h1>Referrals waiting for allocation</h1>");
	html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">Days waiting</caption>"
		     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Within 7 days</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">8 to 30 days</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Over 30 days</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">All waiting</th></tr></thead>"
		     "<tbody class=\"nhsuk-table__body\"><tr class=\"nhsuk-table__row\">");
	for (int b = 0; b < 3; b++) {
		html_lit(rq, "<td class=\"nhsuk-table__cell\">");
		html_int(rq, bands[b]);
		html_lit(rq, "</td>");
	}
	html_lit(rq, "<td class=\"nhsuk-table__cell\">");
	html_int(rq, (int64_t)n);
	html_lit(rq, "</td></tr></tbody></table>");
	if (n == 0) {
		html_lit(rq, "<p>No referrals are waiting. New referrals appear here.</p>");
		page_end(rq);
		return 0;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption\">"
		     "Waiting, oldest first");
	if (pages > 1)
		html_text(rq, arena_printf(rq->arena, ": %zu to %zu of %zu", from + 1, to, n));
	html_lit(rq, "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Person</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Received</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Days waiting</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">From</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Team</th>"
		     "<th scope=\"col\" class=\"nhsuk-table__header\">Allocate to</th></tr></thead>"
		     "<tbody class=\"nhsuk-table__body\">");
	for (size_t i = from; i < to; i++) {
		int days = days_waiting(rq, &refs[i]);
		html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">"
			     "<span class=\"nhsuk-table-responsive__heading\">Person </span><a href=\"");
		html_href(rq, "/people/", refs[i].client_id, NULL);
		html_lit(rq, "\">");
		html_text(rq, refs[i].given_name);
		html_lit(rq, " ");
		html_text(rq, refs[i].family_name);
		html_lit(rq, "</a>");
		if (refs[i].possible_duplicate) {
			html_lit(rq, " ");
			nhs_tag(rq, "Possible duplicate", "orange");
		}
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><span class=\"nhsuk-table-responsive__heading\">Received </span>");
		html_date(rq, refs[i].received_on);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><span class=\"nhsuk-table-responsive__heading\">Days waiting </span>");
		nhs_tag(rq, days_text(rq, days), band_colour(waiting_band(days)));
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><span class=\"nhsuk-table-responsive__heading\">From </span>");
		html_text(rq, code_label(CODES_SOURCE, refs[i].source));
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><span class=\"nhsuk-table-responsive__heading\">Team </span>");
		html_text(rq, refs[i].team_name);
		html_lit(rq, "</td><td class=\"nhsuk-table__cell\"><span class=\"nhsuk-table-responsive__heading\">Allocate to </span>");
		if (rq->who.role & ROLE_TEAM_LEADER) {
			const struct result *mine = err_id == refs[i].id ? row_err : NULL;
			size_t t = 0;
			while (t < nteams && teams[t].id != refs[i].team_id)
				t++;
			if (t < nteams && choices[t].options) {
				row_form(rq, &refs[i], page, &ALLOCATE, choices[t].options, mine);
			} else if (t < nteams && choices[t].n) {   /* too many for a row: a page of its own */
				html_lit(rq, "<a href=\"");
				html_attr(rq, allocate_href(rq, refs[i].id, page));
				html_lit(rq, "\">Choose a specialist<span class=\"nhsuk-u-visually-hidden\"> for ");
				html_text(rq, refs[i].given_name);
				html_lit(rq, " ");
				html_text(rq, refs[i].family_name);
				html_lit(rq, "</span></a>");
			} else {
				if (nteams > 1)
					html_lit(rq, "<p class=\"nhsuk-body-s\">The team has no specialists: move the "
						     "referral to another team.</p>");
				else
					html_lit(rq, "<p class=\"nhsuk-body-s\">The team has no specialists yet: an "
						     "administrator adds them before it can be allocated.</p>");
			}
			if (nteams > 1) {
				html_lit(rq, "<details class=\"nhsuk-details\"><summary class=\"nhsuk-details__summary\">"
					     "<span class=\"nhsuk-details__summary-text\">Move to another team</span></summary>"
					     "<div class=\"nhsuk-details__text\">");
				row_form(rq, &refs[i], page, &MOVE, team_options, mine);
				html_lit(rq, "</div></details>");
			}
		}
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
	nhs_pagination(rq, page > 1 ? inbox_href(rq, page - 1) : NULL, page < pages ? inbox_href(rq, page + 1) : NULL);
	page_end(rq);
	return 0;
}

int page_inbox(struct request *rq)
{
	return inbox_page(rq, NULL, 0);
}

/* One waiting referral and the specialists of its team, each with the people on their
 * caseload now, to allocate it to: for a team too big to list on every row of the inbox.
 * err (may be NULL): a refused allocation, with the choice that was made. */
static int allocate_page(struct request *rq, int64_t id, const struct result *err)
{
	struct referral one;
	struct result r = app_referral_waiting(&rq->app, &rq->who, id, &one);
	if (err && r.code == RES_NOT_FOUND)   /* allocated or closed meanwhile: the inbox says why */
		return inbox_page(rq, err, id);
	if (r.code == RES_NOT_FOUND)
		return page_error(rq, 404, "This referral is not waiting to be allocated.");
	if (result_reply(rq, &r) == 0)
		return 0;
	const struct referral *ref = &one;
	struct specialist_load *loads;
	size_t nloads;
	r = app_caseload_sizes(&rq->app, &rq->who, &loads, &nloads);
	if (result_reply(rq, &r) == 0)
		return 0;
	struct code *list = arena_alloc(rq->arena, (nloads + 1) * sizeof *list);
	size_t k = 0;
	for (size_t i = 0; i < nloads; i++)
		if (loads[i].staff.team_id == ref->team_id)
			list[k++] = (struct code){arena_printf(rq->arena, "%lld", (long long)loads[i].staff.id),
						  arena_printf(rq->arena, "%s: %d %s now", loads[i].staff.name, loads[i].people,
							       loads[i].people == 1 ? "person" : "people")};
	size_t page = err ? form_page(rq) : page_number(query_text(rq, "page"));
	const char *name = arena_printf(rq->arena, "%s %s", ref->given_name, ref->family_name);
	page_begin(rq, arena_printf(rq->arena, "%sAllocate %s", err ? "Error: " : "", name));
	nhs_back_link(rq, inbox_href(rq, page), "Referrals waiting");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, err && k == 0 ? errors_for_row(rq, err, 0) : err);   /* no choices to link to */
	html_lit(rq, "<h1>Allocate ");
	html_text(rq, name);
	html_lit(rq, "</h1>");
	if (ref->possible_duplicate) {
		html_lit(rq, "<p>");
		nhs_tag(rq, "Possible duplicate", "orange");
		html_lit(rq, " Check the person's record before allocating.</p>");
	}
	nhs_summary_begin(rq);
	nhs_summary_row_date(rq, "Received", ref->received_on);
	nhs_summary_row(rq, "Days waiting", days_text(rq, days_waiting(rq, ref)));
	nhs_summary_row(rq, "From", code_label(CODES_SOURCE, ref->source));
	nhs_summary_row(rq, "Team", ref->team_name);
	nhs_summary_end(rq);
	if (k == 0) {   /* its team has lost its specialists since the inbox was shown */
		html_lit(rq, "<p>The team has no specialists: move the referral to another team from the inbox, "
			     "or an administrator adds specialists to the team.</p>");
	} else {
		nhs_form_begin(rq, arena_printf(rq->arena, "/referrals/%lld/allocate", (long long)id));
		page_field(rq, page);
		nhs_radios(rq, "specialist", "Employment specialist",
			   "The specialists of the referral's team, with the people on each one's caseload now.",
			   list, err ? form_text(rq, "specialist") : NULL, err, true);
		nhs_button(rq, "Allocate", false);
		nhs_form_end(rq);
	}
	html_lit(rq, "</div></div>");
	page_end(rq);
	return 0;
}

int page_referral_allocate_form(struct request *rq)
{
	return allocate_page(rq, route_id(rq, 0), NULL);
}

int page_referral_allocate(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	const char *sp = form_text(rq, arena_printf(rq->arena, "specialist-%lld", (long long)id));
	bool from_row = sp != NULL;   /* else from the referral's own page */
	if (!sp)
		sp = form_text(rq, "specialist");
	struct result r = app_referral_allocate(&rq->app, &rq->who, id, sp);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		return from_row ? inbox_page(rq, &r, id) : allocate_page(rq, id, &r);
	}
	return redirect_see_other(rq, inbox_href(rq, form_page(rq)));
}

int page_referral_move(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	const char *team = form_text(rq, arena_printf(rq->arena, "team-%lld", (long long)id));
	if (!team)
		team = form_text(rq, "team");
	struct result r = app_referral_move(&rq->app, &rq->who, id, team);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		return inbox_page(rq, &r, id);
	}
	return redirect_see_other(rq, inbox_href(rq, form_page(rq)));
}

