/* web/pages/employers.c — the site's employers: the list (searchable by name), adding
 * and changing one, the employer's page with every contact with them and the jobs
 * people have had there, and recording a contact with the employer, optionally on a
 * person's behalf. Handlers only translate: app/ decides scope and validates. */
#include <stdio.h>
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/codes.h"
#include "core/validate.h"
#include "util/arena.h"

static const char *employer_path(struct request *rq, int64_t id, const char *suffix)
{
	return arena_printf(rq->arena, "/employers/%lld%s", (long long)id, suffix ? suffix : "");
}

/* The person a visit to the employers came from (?for=ID, or the form's "for"), or 0. */
static int64_t for_person(struct request *rq)
{
	const char *v = rq->method == POST ? form_text(rq, "for") : query_text(rq, "for");
	int64_t id = 0;
	if (!v || !*v || strlen(v) > 15)
		return 0;
	for (const char *p = v; *p; p++) {
		if (*p < '0' || *p > '9')
			return 0;
		id = id * 10 + (*p - '0');
	}
	return id;
}

/* ---- the list ------------------------------------------------------------------------- */

int page_employers(struct request *rq)
{
	const char *q = query_text(rq, "q");
	struct employer_hit *hits;
	size_t n;
	struct result r = app_employers_search(&rq->app, &rq->who, q, 500, &hits, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	int64_t for_id = for_person(rq);
	struct client person = {0};
	if (for_id) {
		struct result pr = app_client_get(&rq->app, &rq->who, for_id, &person);
		if (!result_ok(&pr))
			for_id = 0;
	}
	page_begin(rq, "Employers");
	if (for_id)
		nhs_back_link(rq, arena_printf(rq->arena, "/people/%lld", (long long)for_id), "Back to the record");
	nhs_error_summary(rq, &r);
	html_lit(rq, "<h1>Employers</h1>");
	if (for_id) {
		nhs_inset(rq, arena_printf(rq->arena, "Choose the employer you were in contact with on behalf of %s %s.",
					   person.given_name, person.family_name));
	} else {
		html_lit(rq, "<p><a class=\"nhsuk-button\" href=\"/employers/new\">Add an employer</a></p>");
	}
	html_lit(rq, "<form method=\"get\" action=\"/employers\" novalidate>");
	if (for_id) {
		html_lit(rq, "<input type=\"hidden\" name=\"for\" value=\"");
		html_int(rq, for_id);
		html_lit(rq, "\">");
	}
	nhs_input(rq, "q", "Find an employer", q, &r,
		  &(struct input_opts){.hint = "Part of the employer's name", .type = "search",
				       .width_class = "nhsuk-input--width-20", .spellcheck_off = true});
	nhs_button(rq, "Search", true);
	html_lit(rq, "</form>");
	if (n == 0)
		html_lit(rq, "<p>No employers found.</p>");
	if (for_id) {   /* not in the list: add them, then straight on to the contact for this person */
		html_lit(rq, "<p><a href=\"");
		html_attr(rq, arena_printf(rq->arena, "/employers/new?for=%lld", (long long)for_id));
		html_lit(rq, "\">Add an employer who is not in the list</a></p>");
	}
	if (n == 0) {
		page_end(rq);
		return 0;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption\">");
	html_int(rq, (int64_t)n);
	html_text(rq, n == 1 ? " employer" : " employers");
	if (n >= 500)
		html_lit(rq, " (the first 500: search to narrow the list)");
	html_lit(rq, "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Employer", false);
	nhs_th(rq, "Sector", false);
	nhs_th(rq, "Postcode", false);
	nhs_th(rq, "Contacts", true);
	nhs_th(rq, "Last contact", false);
	if (for_id)
		nhs_th(rq, "Record", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < n; i++) {
		const struct employer_hit *h = &hits[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Employer </span><a href=\"");
		html_href(rq, "/employers/", h->id, NULL);
		html_lit(rq, "\">");
		html_text(rq, h->name);
		html_lit(rq, "</a></td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Sector </span>");
		html_text(rq, h->sector);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Postcode </span>");
		html_text(rq, h->postcode);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, true);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Contacts </span>");
		html_int(rq, h->contacts);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Last contact </span>");
		if (h->last_contact)
			html_date(rq, h->last_contact);
		else
			html_lit(rq, "None yet");
		html_lit(rq, "</td>");
		if (for_id) {
			nhs_td_begin(rq, NULL, false);
			html_lit(rq, "<a href=\"");
			html_attr(rq, arena_printf(rq->arena, "/employers/%lld/contacts/new?for=%lld", (long long)h->id,
						   (long long)for_id));
			html_lit(rq, "\">Record a contact<span class=\"nhsuk-u-visually-hidden\"> with ");
			html_text(rq, h->name);
			html_lit(rq, "</span></a></td>");
		}
		html_lit(rq, "</tr>");
	}
	html_lit(rq, "</tbody></table>");
	page_end(rq);
	return 0;
}

/* ---- adding and changing ------------------------------------------------------------------ */

static int employer_saved(struct request *rq, int64_t id, const struct result *saved, const char *what);

static void employer_form_page(struct request *rq, const struct employer *e, const struct result *r)
{
	bool adding = e->id == 0;
	int64_t for_id = adding ? for_person(rq) : 0;   /* came from a person's record: back to it */
	page_begin(rq, adding ? "Add an employer" : "Change the employer's details");
	if (for_id)
		nhs_back_link(rq, arena_printf(rq->arena, "/people/%lld", (long long)for_id), "Back to the record");
	else
		nhs_back_link(rq, adding ? "/employers" : employer_path(rq, e->id, NULL),
			      adding ? "Employers" : "Back to the employer");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	if (adding) {
		html_lit(rq, "<h1>Add an employer</h1>");
	} else {
		html_lit(rq, "<h1>Change the details of ");
		html_text(rq, e->name);
		html_lit(rq, "</h1>");
	}
	nhs_form_begin(rq, adding ? "/employers" : employer_path(rq, e->id, "/edit"));
	if (for_id) {
		html_lit(rq, "<input type=\"hidden\" name=\"for\" value=\"");
		html_int(rq, for_id);
		html_lit(rq, "\">");
	}
	nhs_input(rq, "name", "Name", field_value(rq, "name", e->name), r,
		  &(struct input_opts){.hint = "The name people know the business or organisation by"});
	nhs_input(rq, "sector", "Sector (optional)", field_value(rq, "sector", e->sector), r,
		  &(struct input_opts){.hint = "For example, retail, hospitality, care or logistics",
				       .width_class = "nhsuk-input--width-20"});
	nhs_textarea(rq, "address", "Address (optional)", NULL, field_value(rq, "address", e->address), r, 3);
	nhs_input(rq, "postcode", "Postcode (optional)", field_value(rq, "postcode", e->postcode), r,
		  &(struct input_opts){.width_class = "nhsuk-input--width-10", .autocomplete = "off"});
	nhs_textarea(rq, "people", "People to speak to (optional)",
		     "Names, roles and how to reach them, for example: Sam Patel, store manager, 0191 498 0123",
		     field_value(rq, "people", e->people), r, 3);
	nhs_textarea(rq, "notes", "Notes (optional)", "What they look for, when they hire, what has worked",
		     field_value(rq, "notes", e->notes), r, 5);
	nhs_button(rq, adding ? "Add employer" : "Save changes", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

static void employer_form_read(struct request *rq, struct employer_form *f)
{
	*f = (struct employer_form){
		.name = form_text(rq, "name"), .sector = form_text(rq, "sector"),
		.address = form_textarea(rq, "address"), .postcode = form_text(rq, "postcode"),
		.people = form_textarea(rq, "people"), .notes = form_textarea(rq, "notes"),
	};
}

int page_employer_new(struct request *rq)
{
	struct employer_hit *hits;
	size_t n;
	/* the same permission as the list: nothing to show for a role that may not add */
	struct result r = app_employers_search(&rq->app, &rq->who, NULL, 1, &hits, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	employer_form_page(rq, &(struct employer){0}, NULL);
	return 0;
}

int page_employer_create(struct request *rq)
{
	struct employer_form f;
	employer_form_read(rq, &f);
	struct result r = app_employer_add(&rq->app, &rq->who, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		rq->status = 422;
		employer_form_page(rq, &(struct employer){0}, &r);
		return 0;
	}
	int64_t for_id = for_person(rq);
	if (for_id && !r.nwarnings)   /* added while logging a contact for a person: on to that contact */
		return redirect_see_other(rq, arena_printf(rq->arena, "/employers/%lld/contacts/new?for=%lld",
							   (long long)r.id, (long long)for_id));
	if (r.nwarnings)
		return employer_saved(rq, r.id, &r, "The employer was added.");
	return redirect_see_other(rq, employer_path(rq, r.id, NULL));
}

int page_employer_edit(struct request *rq)
{
	struct employer e;
	struct result r = app_employer_get(&rq->app, &rq->who, route_id(rq, 0), &e);
	if (result_reply(rq, &r) == 0)
		return 0;
	employer_form_page(rq, &e, NULL);
	return 0;
}

int page_employer_update(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct employer_form f;
	employer_form_read(rq, &f);
	struct result r = app_employer_update(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct employer e;
		struct result g = app_employer_get(&rq->app, &rq->who, id, &e);
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		employer_form_page(rq, &e, &r);
		return 0;
	}
	if (r.nwarnings)
		return employer_saved(rq, id, &r, "The changes were saved.");
	return redirect_see_other(rq, employer_path(rq, id, NULL));
}

/* ---- the employer's page ------------------------------------------------------------------- */

static void contacts_table(struct request *rq, const struct employer_record *rec)
{
	if (rec->ncontacts == 0) {
		html_lit(rq, "<p>No contacts recorded yet.</p>");
		return;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Contacts with this employer, newest first</caption><thead class=\"nhsuk-table__head\">"
		     "<tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Date", false);
	nhs_th(rq, "How", false);
	nhs_th(rq, "On behalf of", false);
	nhs_th(rq, "By", false);
	nhs_th(rq, "Minutes", true);
	nhs_th(rq, "Note", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < rec->ncontacts; i++) {
		const struct employer_contact *ec = &rec->contacts[i];
		const struct contact *k = &ec->contact;
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Date </span>");
		html_date(rq, k->date);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">How </span>");
		html_text(rq, code_label(CODES_MODE, k->mode));
		if (k->place) {
			html_lit(rq, ", ");
			html_text(rq, code_label(CODES_PLACE, k->place));
		}
		if (!k->attended)
			html_lit(rq, " (did not take place)");
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">On behalf of </span>");
		if (ec->client_id) {
			html_lit(rq, "<a href=\"");
			html_href(rq, "/people/", ec->client_id, NULL);
			html_lit(rq, "\">");
			html_text(rq, ec->given_name);
			html_lit(rq, " ");
			html_text(rq, ec->family_name);
			html_lit(rq, "</a>");
		} else {
			html_lit(rq, "Nobody in particular");
		}
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">By </span>");
		html_text(rq, k->staff_name);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, true);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Minutes </span>");
		if (k->minutes >= 0)
			html_int(rq, k->minutes);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Note </span>");
		html_text_multiline(rq, k->note);
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
}

static void jobs_table(struct request *rq, const struct employer_record *rec)
{
	if (rec->njobs == 0) {
		html_lit(rq, "<p>Nobody supported by the service has worked here yet.</p>");
		return;
	}
	html_lit(rq, "<table class=\"nhsuk-table-responsive\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
		     "Jobs people supported by the service have had here, newest first</caption>"
		     "<thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
	nhs_th(rq, "Person", false);
	nhs_th(rq, "Job", false);
	nhs_th(rq, "Started", false);
	nhs_th(rq, "Ended", false);
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
	for (size_t i = 0; i < rec->njobs; i++) {
		const struct job_row *j = &rec->jobs[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Person </span><a href=\"");
		html_href(rq, "/people/", j->client_id, NULL);
		html_lit(rq, "\">");
		html_text(rq, j->given_name);
		html_lit(rq, " ");
		html_text(rq, j->family_name);
		html_lit(rq, "</a></td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Job </span>");
		html_text(rq, j->job.title);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Started </span>");
		html_date(rq, j->job.started_on);
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, false);
		html_lit(rq, "<span class=\"nhsuk-table-responsive__heading\">Ended </span>");
		if (j->job.ended_on)
			html_date(rq, j->job.ended_on);
		else
			html_lit(rq, "Still in this job");
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
}

/* saved: a change just saved with warnings to show (what: "The contact was saved."). */
static void employer_page(struct request *rq, const struct employer_record *rec, const struct result *saved,
			  const char *what)
{
	const struct employer *e = &rec->employer;
	page_begin(rq, e->name);
	nhs_back_link(rq, "/employers", "Employers");
	html_lit(rq, "<h1>");
	html_text(rq, e->name);
	html_lit(rq, "</h1>");
	if (saved && saved->nwarnings) {
		nhs_inset(rq, what);
		html_lit(rq, "<h2 class=\"nhsuk-heading-m\">What to check</h2>");
		nhs_warnings(rq, saved);
	}
	html_lit(rq, "<p><a class=\"nhsuk-button\" href=\"");
	html_href(rq, "/employers/", e->id, "/contacts/new");
	html_lit(rq, "\">Record a contact</a></p>");
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Sector", e->sector);
	nhs_summary_row(rq, "Address", e->address);
	nhs_summary_row(rq, "Postcode", e->postcode);
	nhs_summary_row(rq, "People to speak to", e->people);
	nhs_summary_row(rq, "Notes", e->notes);
	nhs_summary_row(rq, "Reference", e->ref);
	nhs_summary_end(rq);
	html_lit(rq, "<p><a href=\"");
	html_href(rq, "/employers/", e->id, "/edit");
	html_lit(rq, "\">Change the employer's details</a></p>");
	/* vacancies (issue 3) */
	html_lit(rq, "<h2>Vacancies</h2><ul class=\"nhsuk-list\"><li><a href=\"");
	html_attr(rq, arena_printf(rq->arena, "/vacancies?employer=%lld&status=&closing=all", (long long)e->id));
	html_lit(rq, "\">Vacancies at this employer</a></li><li><a href=\"");
	html_attr(rq, arena_printf(rq->arena, "/vacancies/new?employer=%lld", (long long)e->id));
	html_lit(rq, "\">Add a vacancy</a></li></ul><h2>Contacts</h2>");
	contacts_table(rq, rec);
	html_lit(rq, "<h2>People who have worked here</h2>");
	jobs_table(rq, rec);
	page_end(rq);
}

int page_employer(struct request *rq)
{
	struct employer_record rec;
	struct result r = app_employer_view(&rq->app, &rq->who, route_id(rq, 0), &rec);
	if (result_reply(rq, &r) == 0)
		return 0;
	employer_page(rq, &rec, NULL, NULL);
	return 0;
}

/* After a change saved with warnings: the employer's page with them on it (200), rather
 * than a redirect that would lose them. */
static int employer_saved(struct request *rq, int64_t id, const struct result *saved, const char *what)
{
	struct employer_record rec;
	struct result v = app_employer_view(&rq->app, &rq->who, id, &rec);
	if (result_reply(rq, &v) == 0)
		return 0;
	employer_page(rq, &rec, saved, what);
	return 0;
}

/* ---- a contact with the employer ------------------------------------------------------------- */

static void employer_contact_page(struct request *rq, const struct employer *e, const struct result *r)
{
	int64_t for_id = for_person(rq);
	struct contact_person *people;
	size_t npeople;
	struct result pr = app_contact_people(&rq->app, &rq->who, for_id, &people, &npeople);
	if (!result_ok(&pr))
		npeople = 0;
	const char *preselect = NULL;
	struct option *opts = arena_alloc(rq->arena, (npeople + 1) * sizeof *opts);
	for (size_t i = 0; i < npeople; i++) {
		opts[i].value = arena_printf(rq->arena, "%lld", (long long)people[i].referral_id);
		opts[i].label = arena_printf(rq->arena, "%s %s", people[i].given_name, people[i].family_name);
		if (for_id && people[i].client_id == for_id)
			preselect = opts[i].value;
	}
	page_begin(rq, "Record a contact with an employer");
	nhs_back_link(rq, for_id ? arena_printf(rq->arena, "/people/%lld", (long long)for_id)
				 : employer_path(rq, e->id, NULL),
		      for_id ? "Back to the record" : "Back to the employer");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Record a contact with ");
	html_text(rq, e->name);
	html_lit(rq, "</h1>");
	nhs_form_begin(rq, employer_path(rq, e->id, "/contacts"));
	html_lit(rq, "<input type=\"hidden\" name=\"with\" value=\"employer\">");
	if (for_id) {
		html_lit(rq, "<input type=\"hidden\" name=\"for\" value=\"");
		html_int(rq, for_id);
		html_lit(rq, "\">");
	}
	nhs_select(rq, "referral_id", "On behalf of (optional)",
		   "The person this contact was about, if it was about someone in particular",
		   opts, npeople, field_value(rq, "referral_id", preselect), r, "Nobody in particular");
	nhs_date_input(rq, "date", "Date of the contact", "For example, 3 11 2026",
		       rq->method == POST ? NULL : rq->app.today_iso, r);
	nhs_radios(rq, "mode", "How did it happen?", NULL, CODES_MODE, field_value(rq, "mode", NULL), r, true);
	nhs_radios(rq, "place", "Where? (for a face to face contact)", NULL, CODES_PLACE,
		   field_value(rq, "place", NULL), r, true);
	nhs_input(rq, "minutes", "How long, in minutes (optional)", field_value(rq, "minutes", NULL), r,
		  &(struct input_opts){.inputmode = "numeric", .width_class = "nhsuk-input--width-3"});
	nhs_radios(rq, "attended", "Did the contact take place?", NULL, CODES_YESNO,
		   field_value(rq, "attended", "yes"), r, true);
	nhs_textarea(rq, "note", "Note (optional)", "Who you spoke to and what was agreed",
		     field_value(rq, "note", NULL), r, 5);
	nhs_button(rq, "Save contact", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_employer_contact_new(struct request *rq)
{
	struct employer e;
	struct result r = app_employer_get(&rq->app, &rq->who, route_id(rq, 0), &e);
	if (result_reply(rq, &r) == 0)
		return 0;
	employer_contact_page(rq, &e, NULL);
	return 0;
}

int page_employer_contact_create(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct contact_form f = {
		.employer_id = arena_printf(rq->arena, "%lld", (long long)id),
		.referral_id = form_text(rq, "referral_id"), .date = form_date(rq, "date"),
		.with = form_text(rq, "with"), .mode = form_text(rq, "mode"), .place = form_text(rq, "place"),
		.minutes = form_text(rq, "minutes"), .attended = form_text(rq, "attended"),
		.note = form_textarea(rq, "note"),
	};
	struct result r = app_contact_add(&rq->app, &rq->who, 0, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct employer e;
		struct result g = app_employer_get(&rq->app, &rq->who, id, &e);
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		employer_contact_page(rq, &e, &r);
		return 0;
	}
	if (r.nwarnings)
		return employer_saved(rq, id, &r, "The contact was saved.");
	int64_t for_id = for_person(rq);
	if (for_id)
		return redirect_see_other(rq, arena_printf(rq->arena, "/people/%lld", (long long)for_id));
	return redirect_see_other(rq, employer_path(rq, id, NULL));
}
