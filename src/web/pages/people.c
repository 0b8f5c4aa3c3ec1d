/* web/pages/people.c — finding people and a person's record: identity and contact
 * details, referrals (next step, closing), vocational profile, contacts and the
 * timeline; the edit, profile and contact forms. Reading a record is audited by app/. */
#include <stdio.h>
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/caseload.h"
#include "core/codes.h"
#include "core/nhs_number.h"
#include "core/validate.h"
#include "util/arena.h"

const char *person_path(struct request *rq, int64_t id, const char *suffix)
{
	return arena_printf(rq->arena, "/people/%lld%s", (long long)id, suffix ? suffix : "");
}

static const char *nhs_display(struct request *rq, const char *digits)
{
	if (!digits || strlen(digits) != 10)
		return digits;
	char *out = arena_alloc(rq->arena, 13);
	nhs_number_format(digits, out);
	return out;
}

int page_people(struct request *rq)
{
	const char *q = query_text(rq, "q");
	struct client_hit *hits;
	size_t n;
	struct result r = app_people_search(&rq->app, &rq->who, q, &hits, &n);
	if (result_reply(rq, &r) == 0)
		return 0;
	page_begin(rq, "People");
	nhs_error_summary(rq, &r);
	html_lit(rq, "<h1>People</h1><form method=\"get\" action=\"/people\" novalidate>");
	nhs_input(rq, "q", "Find a person", q, &r,
		  &(struct input_opts){.hint = "Name or NHS number", .type = "search",
				       .width_class = "nhsuk-input--width-20", .spellcheck_off = true});
	nhs_button(rq, "Search", true);
	html_lit(rq, "</form>");
	if (n == 0) {
		html_lit(rq, "<p>No people found.</p>");
	} else {
		html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption\">");
		html_int(rq, (int64_t)n);
		html_text(rq, n == 1 ? " person" : " people");
		if (n >= 200)
			html_lit(rq, " (the first 200: search to narrow the list)");
		html_lit(rq, "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Name</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Date of birth</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">NHS number</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Referral</th></tr></thead>"
			     "<tbody class=\"nhsuk-table__body\">");
		for (size_t i = 0; i < n; i++) {
			html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\"><a href=\"");
			html_href(rq, "/people/", hits[i].id, NULL);
			html_lit(rq, "\">");
			html_text(rq, hits[i].family_name);
			html_lit(rq, ", ");
			html_text(rq, hits[i].given_name);
			html_lit(rq, "</a></td><td class=\"nhsuk-table__cell\">");
			html_date(rq, hits[i].birth_date);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
			html_text(rq, nhs_display(rq, hits[i].nhs_number));
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
			html_text(rq, hits[i].stage_hint ? hits[i].stage_hint : "none");
			html_lit(rq, "</td></tr>");
		}
		html_lit(rq, "</tbody></table>");
	}
	page_end(rq);
	return 0;
}

static void referral_card(struct request *rq, const struct client_record *rec, const struct referral *f,
			  const struct result *r)
{
	html_lit(rq, "<div class=\"nhsuk-card\"><div class=\"nhsuk-card__content\"><h3 class=\"nhsuk-card__heading\">Referral received ");
	html_date(rq, f->received_on);
	html_lit(rq, " ");
	if (f->closed_on)
		nhs_tag(rq, "Closed", "grey");
	else if (!f->specialist_id)
		nhs_tag(rq, "Waiting for allocation", "yellow");
	else
		nhs_tag(rq, "Open", "blue");
	html_lit(rq, "</h3>");
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Reference", f->ref);
	nhs_summary_row(rq, "From", code_label(CODES_SOURCE, f->source));
	nhs_summary_row(rq, "Team", f->team_name);
	nhs_summary_row(rq, "Employment specialist", f->specialist_name);
	nhs_summary_row(rq, "Employment status at referral", code_label(CODES_EMPLOYMENT, f->employment_status));
	nhs_summary_row(rq, "Referrer", f->referrer_name);
	nhs_summary_row(rq, "Referrer's contact", f->referrer_contact);
	nhs_summary_row(rq, "What the person hopes for", f->reason);
	nhs_summary_row(rq, "Next step", f->next_step);
	if (f->closed_on) {
		nhs_summary_row_date(rq, "Closed", f->closed_on);
		nhs_summary_row(rq, "Reason for closing", code_label(CODES_CLOSE_REASON, f->close_reason));
	}
	nhs_summary_end(rq);
	if (f->possible_duplicate)
		nhs_warning_callout(rq, "Possible duplicate", "Someone with the same NHS number, or the same name "
			"and date of birth, was already known when this referral arrived. Check before working with it.");
	if (rec->may_edit && !f->closed_on) {
		const char *base = arena_printf(rq->arena, "/people/%lld/referrals/%lld", (long long)rec->client.id,
						(long long)f->id);
		html_lit(rq, "<details class=\"nhsuk-details\"");
		if (r && result_error_for(r, "next_step"))
			html_lit(rq, " open");
		html_lit(rq, "><summary class=\"nhsuk-details__summary\"><span class=\"nhsuk-details__summary-text\">"
			     "Set the next step</span></summary><div class=\"nhsuk-details__text\">");
		nhs_form_begin(rq, arena_printf(rq->arena, "%s/next-step", base));
		nhs_input(rq, "next_step", "Next step", field_value(rq, "next_step", f->next_step), r,
			  &(struct input_opts){.hint = "For example, meet on Tuesday to start the CV"});
		nhs_button(rq, "Save next step", true);
		nhs_form_end(rq);
		html_lit(rq, "</div></details><details class=\"nhsuk-details\"");
		if (r && (result_error_for(r, "close_reason") || result_error_for(r, "closed_on")))
			html_lit(rq, " open");
		html_lit(rq, "><summary class=\"nhsuk-details__summary\"><span class=\"nhsuk-details__summary-text\">"
			     "Close this referral</span></summary><div class=\"nhsuk-details__text\">"
			     "<p>A referral closes only by the person's choice or circumstances, never because "
			     "someone is judged not ready for work.</p>");
		nhs_form_begin(rq, arena_printf(rq->arena, "%s/close", base));
		nhs_radios(rq, "close_reason", "Why is the referral closing?", NULL, CODES_CLOSE_REASON,
			   field_value(rq, "close_reason", NULL), r, true);
		nhs_date_input(rq, "closed_on", "Date closed", "For example, 3 11 2026",
			       rq->method == POST ? NULL : rq->app.today_iso, r);
		nhs_button(rq, "Close referral", true);
		nhs_form_end(rq);
		html_lit(rq, "</div></details>");
	}
	html_lit(rq, "</div></div>");
}

static const char *int_text(struct request *rq, int v, const char *unit)
{
	return v < 0 ? NULL : arena_printf(rq->arena, "%d%s", v, unit);
}

/* Above a list cut to the newest: how many are shown, and a link to the whole list. */
static void recent_note(struct request *rq, int64_t client_id, size_t shown, size_t total, const char *what)
{
	html_lit(rq, "<p>Showing the newest ");
	html_int(rq, (int64_t)shown);
	html_lit(rq, " of ");
	html_int(rq, (int64_t)total);
	html_lit(rq, ". <a href=\"/people/");
	html_int(rq, client_id);
	html_lit(rq, "?all=1#");
	html_attr(rq, what);
	html_lit(rq, "\">Show all ");
	html_int(rq, (int64_t)total);
	if (strcmp(what, "contacts") == 0)
		html_lit(rq, " contacts</a></p>");
	else
		html_lit(rq, " timeline entries</a></p>");
}

static void person_page(struct request *rq, const struct client_record *rec, const struct result *r)
{
	const struct client *c = &rec->client;
	page_begin(rq, arena_printf(rq->arena, "%s %s", c->given_name, c->family_name));
	nhs_back_link(rq, "/people", "People");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>");
	html_text(rq, c->given_name);
	html_lit(rq, " ");
	html_text(rq, c->family_name);
	html_lit(rq, "</h1>");
	if (rec->may_edit) {
		html_lit(rq, "<p><a class=\"nhsuk-button\" href=\"");
		html_href(rq, "/people/", c->id, "/contacts/new");
		html_lit(rq, "\">Record a contact</a></p>");
	}
	html_lit(rq, "<h2>Details</h2>");
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "NHS number", nhs_display(rq, c->nhs_number));
	nhs_summary_row_date(rq, "Date of birth", c->birth_date);
	nhs_summary_row(rq, "Phone", c->phone);
	nhs_summary_row(rq, "Email", c->email);
	nhs_summary_row(rq, "Address", c->address);
	nhs_summary_row(rq, "Postcode", c->postcode);
	nhs_summary_row(rq, "Gender", c->gender ? code_label(CODES_GENDER, c->gender) : NULL);
	nhs_summary_row(rq, "Ethnic group", c->ethnic_category ? code_label(CODES_ETHNIC, c->ethnic_category) : NULL);
	nhs_summary_row(rq, "Care coordinator", c->care_coordinator);
	nhs_summary_row(rq, "Service", c->site_name);
	nhs_summary_row_date(rq, "Consent recorded", c->consent_on);
	nhs_summary_row(rq, "May contact employers for them",
			c->consent_contact_employers < 0 ? NULL : c->consent_contact_employers ? "Yes" : "No");
	nhs_summary_row(rq, "Consent notes", c->consent_note);
	nhs_summary_end(rq);
	if (rec->may_edit) {
		html_lit(rq, "<p><a href=\"");
		html_href(rq, "/people/", c->id, "/edit");
		html_lit(rq, "\">Change details and consent</a></p>");
	}
	if (rq->who.role & (ROLE_TEAM_LEADER | ROLE_ADMIN)) {
		html_lit(rq, "<p><a href=\"");
		html_href(rq, "/people/", c->id, "/subject-access");
		html_lit(rq, "\">Subject access: everything held about this person</a></p>");
	}

	html_lit(rq, "<h2>Vocational profile</h2>");
	const struct profile *p = &rec->profile;
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Work history", p->work_history);
	nhs_summary_row(rq, "Kinds of work wanted", p->job_types);
	nhs_summary_row(rq, "Hours a week",
			p->hours_min < 0 && p->hours_max < 0 ? NULL :
			arena_printf(rq->arena, "%s to %s", p->hours_min < 0 ? "any" : int_text(rq, p->hours_min, ""),
				     p->hours_max < 0 ? "any" : int_text(rq, p->hours_max, "")));
	nhs_summary_row(rq, "Where", p->places);
	nhs_summary_row(rq, "Furthest travel", int_text(rq, p->travel_miles, " miles"));
	nhs_summary_row(rq, "How they travel", p->travel_means);
	nhs_summary_row(rq, "Disclosure", p->disclosure ? code_label(CODES_DISCLOSURE, p->disclosure) : NULL);
	nhs_summary_row(rq, "Strengths", p->strengths);
	nhs_summary_row(rq, "Support needs", p->support_needs);
	nhs_summary_row(rq, "Career goals", p->career_goals);
	/* matching preferences (issue 3) */
	nhs_summary_row(rq, "Preferred job types (SOC 2020)", p->job_type_codes);
	nhs_summary_row(rq, "Least hourly pay", p->pay_min < 0 ? NULL : arena_printf(rq->arena, "£%lld.%02lld an hour",
			(long long)(p->pay_min / 100), (long long)(p->pay_min % 100)));
	nhs_summary_row(rq, "Wants to avoid", conditions_text(rq, p->avoid));
	nhs_summary_end(rq);
	if (rec->may_edit) {
		html_lit(rq, "<p><a href=\"");
		html_href(rq, "/people/", c->id, "/profile");
		html_lit(rq, "\">");
		html_text(rq, p->updated_at ? "Update the vocational profile" : "Start the vocational profile");
		html_lit(rq, "</a></p><p><a href=\"");
		html_href(rq, "/people/", c->id, "/matches");
		html_lit(rq, "\">Matching vacancies</a></p>");   /* issue 3 */
	}

	html_lit(rq, "<h2>Referrals</h2>");
	for (size_t i = 0; i < rec->nreferrals; i++)
		referral_card(rq, rec, &rec->referrals[i], r);

	person_work_section(rq, c->id, rec->may_edit);
	person_benefits_section(rq, c->id, rec->may_edit);   /* issue 3: benefits advice, calculator, CV */
	person_job_search_section(rq, c->id, rec->may_edit);   /* issue 3: the job-search pipeline */

	html_lit(rq, "<h2 id=\"contacts\">Contacts</h2>");
	if (rec->contacts_total > rec->ncontacts)
		recent_note(rq, c->id, rec->ncontacts, rec->contacts_total, "contacts");
	if (rec->ncontacts == 0) {
		html_lit(rq, "<p>No contacts recorded yet.</p>");
	} else {
		html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">"
			     "Contacts, newest first</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Date</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">With</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">How</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Minutes</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">By</th>"
			     "<th scope=\"col\" class=\"nhsuk-table__header\">Note</th></tr></thead><tbody class=\"nhsuk-table__body\">");
		for (size_t i = 0; i < rec->ncontacts; i++) {
			const struct contact *k = &rec->contacts[i];
			html_lit(rq, "<tr class=\"nhsuk-table__row\"><td class=\"nhsuk-table__cell\">");
			html_date(rq, k->date);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
			html_text(rq, strcmp(k->with, "client") == 0 ? "The person" : code_label(CODES_CONTACT_WITH, k->with));
			if (k->employer_name) {
				html_lit(rq, ": ");
				html_text(rq, k->employer_name);
			}
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
			html_text(rq, code_label(CODES_MODE, k->mode));
			if (k->place) {
				html_lit(rq, "<br>");   /* "Face to face" above "In the community" */
				html_text(rq, code_label(CODES_PLACE, k->place));
			}
			if (!k->attended)
				html_lit(rq, " (did not take place)");
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
			if (k->minutes >= 0)
				html_int(rq, k->minutes);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
			html_text(rq, k->staff_name);
			html_lit(rq, "</td><td class=\"nhsuk-table__cell\">");
			html_text_multiline(rq, k->note);
			html_lit(rq, "</td></tr>");
		}
		html_lit(rq, "</tbody></table>");
	}

	html_lit(rq, "<h2 id=\"timeline\">Timeline</h2>");
	if (rec->events_total > rec->nevents)
		recent_note(rq, c->id, rec->nevents, rec->events_total, "timeline");
	if (rec->nevents == 0)
		html_lit(rq, "<p>Nothing has happened yet.</p>");
	else {
		html_lit(rq, "<ul class=\"nhsuk-list ips-timeline\">");
		for (size_t i = 0; i < rec->nevents; i++) {
			html_lit(rq, "<li><strong>");
			html_date(rq, rec->events[i].on_date);
			html_lit(rq, "</strong> – ");
			html_text(rq, rec->events[i].summary);
			html_lit(rq, "</li>");
		}
		html_lit(rq, "</ul>");
	}
	page_end(rq);
}

/* Shows the record again with the errors of a form on it (422), or the reply for a
 * refusal. */
static int person_again(struct request *rq, int64_t client_id, const struct result *failed)
{
	struct client_record rec;
	struct result r = app_client_view(&rq->app, &rq->who, client_id, false, &rec);
	if (result_reply(rq, &r) == 0)
		return 0;
	rq->status = 422;
	person_page(rq, &rec, failed);
	return 0;
}

int page_person(struct request *rq)
{
	struct client_record rec;
	const char *all = query_text(rq, "all");
	struct result r = app_client_view(&rq->app, &rq->who, route_id(rq, 0), all && strcmp(all, "1") == 0, &rec);
	if (result_reply(rq, &r) != 0)
		person_page(rq, &rec, NULL);
	return 0;
}

/* After a save that went through with warnings (a date in the future, a postcode of
 * no standard shape, a contact outside the referral's dates): a page that says it was
 * saved and shows them, where a redirect to the record would lose them. again: a link
 * to change what was saved, or NULL. */
static int saved_with_warnings(struct request *rq, int64_t client, const char *title,
			       const struct result *r, const char *again, const char *again_text)
{
	page_begin(rq, title);
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">"
		     "<div class=\"nhsuk-panel\"><h1 class=\"nhsuk-panel__title\">");
	html_text(rq, title);
	html_lit(rq, "</h1></div>");
	nhs_warnings(rq, r);
	html_lit(rq, "<ul class=\"nhsuk-list\">");
	if (again) {
		html_lit(rq, "<li><a href=\"");
		html_attr(rq, again);
		html_lit(rq, "\">");
		html_text(rq, again_text);
		html_lit(rq, "</a></li>");
	}
	html_lit(rq, "<li><a href=\"");
	html_href(rq, "/people/", client, NULL);
	html_lit(rq, "\">Back to the record</a></li></ul></div></div>");
	page_end(rq);
	return 0;
}

int page_referral_close(struct request *rq)
{
	int64_t client = route_id(rq, 0);
	struct result r = app_referral_close(&rq->app, &rq->who, route_id(rq, 1), form_date(rq, "closed_on"),
					     form_text(rq, "close_reason"));
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r))
		return person_again(rq, client, &r);
	if (r.nwarnings)
		return saved_with_warnings(rq, client, "Referral closed", &r, NULL, NULL);
	return redirect_see_other(rq, person_path(rq, client, NULL));
}

int page_referral_next_step(struct request *rq)
{
	int64_t client = route_id(rq, 0);
	struct result r = app_referral_next_step(&rq->app, &rq->who, route_id(rq, 1), form_text(rq, "next_step"));
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r))
		return person_again(rq, client, &r);
	return redirect_see_other(rq, person_path(rq, client, NULL));
}

static void person_edit_page(struct request *rq, const struct client *c, const struct result *r)
{
	page_begin(rq, "Change details");
	nhs_back_link(rq, person_path(rq, c->id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Change details for ");
	html_text(rq, c->given_name);
	html_lit(rq, " ");
	html_text(rq, c->family_name);
	html_lit(rq, "</h1>");
	nhs_form_begin(rq, person_path(rq, c->id, "/edit"));
	nhs_input(rq, "given_name", "First name", field_value(rq, "given_name", c->given_name), r, NULL);
	nhs_input(rq, "family_name", "Last name", field_value(rq, "family_name", c->family_name), r, NULL);
	nhs_date_input(rq, "birth_date", "Date of birth", "For example, 15 3 1984", c->birth_date, r);
	nhs_input(rq, "nhs_number", "NHS number", field_value(rq, "nhs_number", nhs_display(rq, c->nhs_number)), r,
		  &(struct input_opts){.hint = "A 10 digit number, like 485 777 3456", .inputmode = "numeric",
				       .width_class = "nhsuk-input--width-10"});
	nhs_input(rq, "phone", "Phone number", field_value(rq, "phone", c->phone), r,
		  &(struct input_opts){.type = "tel", .width_class = "nhsuk-input--width-20"});
	nhs_input(rq, "email", "Email address", field_value(rq, "email", c->email), r,
		  &(struct input_opts){.type = "email", .spellcheck_off = true});
	nhs_textarea(rq, "address", "Address", NULL, field_value(rq, "address", c->address), r, 3);
	nhs_input(rq, "postcode", "Postcode", field_value(rq, "postcode", c->postcode), r,
		  &(struct input_opts){.width_class = "nhsuk-input--width-10"});
	nhs_select_codes(rq, "gender", "Gender", NULL, CODES_GENDER, field_value(rq, "gender", c->gender), r, "Not given");
	nhs_select_codes(rq, "ethnic_category", "Ethnic group", NULL, CODES_ETHNIC,
			 field_value(rq, "ethnic_category", c->ethnic_category), r, "Not given");
	nhs_input(rq, "care_coordinator", "Care coordinator", field_value(rq, "care_coordinator", c->care_coordinator), r, NULL);
	html_lit(rq, "<h2>Consent</h2>");
	nhs_date_input(rq, "consent_on", "Date consent to the service was recorded", "For example, 3 11 2026", c->consent_on, r);
	nhs_radios(rq, "consent_contact_employers", "May the specialist talk to employers on the person's behalf?",
		   NULL, CODES_YESNO, field_value(rq, "consent_contact_employers",
					       c->consent_contact_employers < 0 ? NULL : c->consent_contact_employers ? "yes" : "no"),
		   r, true);
	nhs_textarea(rq, "consent_note", "Notes on consent", "For example, what may be shared and with whom",
		     field_value(rq, "consent_note", c->consent_note), r, 3);
	nhs_button(rq, "Save details", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_person_edit(struct request *rq)
{
	struct client c;
	struct result r = app_client_get(&rq->app, &rq->who, route_id(rq, 0), &c);
	if (result_reply(rq, &r) == 0)
		return 0;
	person_edit_page(rq, &c, NULL);
	return 0;
}

int page_person_update(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct client_form f = {
		.given_name = form_text(rq, "given_name"), .family_name = form_text(rq, "family_name"),
		.nhs_number = form_text(rq, "nhs_number"), .birth_date = form_date(rq, "birth_date"),
		.postcode = form_text(rq, "postcode"), .phone = form_text(rq, "phone"),
		.email = form_text(rq, "email"), .address = form_textarea(rq, "address"),
		.gender = form_text(rq, "gender"), .ethnic_category = form_text(rq, "ethnic_category"),
		.care_coordinator = form_text(rq, "care_coordinator"), .consent_on = form_date(rq, "consent_on"),
		.consent_contact_employers = form_text(rq, "consent_contact_employers"),
		.consent_note = form_textarea(rq, "consent_note"),
	};
	struct result r = app_client_update(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct client c;
		struct result g = app_client_get(&rq->app, &rq->who, id, &c);
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		person_edit_page(rq, &c, &r);
		return 0;
	}
	if (r.nwarnings)
		return saved_with_warnings(rq, id, "Details saved", &r, person_path(rq, id, "/edit"),
					   "Change the details again");
	return redirect_see_other(rq, person_path(rq, id, NULL));
}

static void profile_page(struct request *rq, const struct client_record *rec, const struct result *r)
{
	const struct profile *p = &rec->profile;
	int64_t id = rec->client.id;
	page_begin(rq, "Vocational profile");
	nhs_back_link(rq, person_path(rq, id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Vocational profile: ");
	html_text(rq, rec->client.given_name);
	html_lit(rq, " ");
	html_text(rq, rec->client.family_name);
	html_lit(rq, "</h1><p>What the person wants drives the job search. Write it in their words.</p>");
	nhs_form_begin(rq, person_path(rq, id, "/profile"));
	nhs_textarea(rq, "work_history", "Work history", "Jobs, volunteering and training, with dates if known",
		     field_value(rq, "work_history", p->work_history), r, 5);
	nhs_textarea(rq, "job_types", "Kinds of work wanted", NULL, field_value(rq, "job_types", p->job_types), r, 3);
	nhs_input(rq, "hours_min", "Fewest hours a week", field_value(rq, "hours_min", int_text(rq, p->hours_min, "")), r,
		  &(struct input_opts){.inputmode = "numeric", .width_class = "nhsuk-input--width-3"});
	nhs_input(rq, "hours_max", "Most hours a week", field_value(rq, "hours_max", int_text(rq, p->hours_max, "")), r,
		  &(struct input_opts){.inputmode = "numeric", .width_class = "nhsuk-input--width-3"});
	nhs_textarea(rq, "places", "Where they would like to work", NULL, field_value(rq, "places", p->places), r, 2);
	nhs_input(rq, "travel_miles", "Furthest they will travel, in miles", field_value(rq, "travel_miles", int_text(rq, p->travel_miles, "")), r,
		  &(struct input_opts){.inputmode = "numeric", .width_class = "nhsuk-input--width-3"});
	nhs_input(rq, "travel_means", "How they travel", field_value(rq, "travel_means", p->travel_means), r,
		  &(struct input_opts){.hint = "For example, bus, cycle, lift from family"});
	nhs_radios(rq, "disclosure", "Telling employers about their mental health", NULL, CODES_DISCLOSURE,
		   field_value(rq, "disclosure", p->disclosure), r, true);
	nhs_textarea(rq, "strengths", "Strengths", NULL, field_value(rq, "strengths", p->strengths), r, 3);
	nhs_textarea(rq, "support_needs", "Support needs", "What helps them at work, and what to avoid",
		     field_value(rq, "support_needs", p->support_needs), r, 3);
	nhs_textarea(rq, "career_goals", "Career goals", NULL, field_value(rq, "career_goals", p->career_goals), r, 3);
	/* what matching reads (issue 3) */
	html_lit(rq, "<h2>For matching vacancies</h2>");
	nhs_input(rq, "job_type_codes", "Preferred job types (optional)",
		  field_value(rq, "job_type_codes", p->job_type_codes), r,
		  &(struct input_opts){.hint = "4-digit SOC 2020 codes separated by commas, like 5434, 9263",
				       .width_class = "nhsuk-input--width-20", .spellcheck_off = true});
	nhs_input(rq, "pay_min", "Least hourly pay they would take, in pounds (optional)",
		  field_value(rq, "pay_min", p->pay_min < 0 ? NULL : arena_printf(rq->arena, "%lld.%02lld",
			      (long long)(p->pay_min / 100), (long long)(p->pay_min % 100))), r,
		  &(struct input_opts){.hint = "For example, 12.21", .inputmode = "decimal",
				       .width_class = "nhsuk-input--width-5"});
	conditions_checkboxes(rq, "avoid", "What they want to avoid", "Tick all that apply", p->avoid, r);
	nhs_button(rq, "Save profile", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

bool person_load_editable(struct request *rq, int64_t id, struct client_record *rec)
{
	struct result r = app_client_view(&rq->app, &rq->who, id, false, rec);
	if (result_reply(rq, &r) == 0)
		return false;
	if (!rec->may_edit) {
		page_error(rq, 403, "You can read this record but not change it.");
		return false;
	}
	return true;
}

int page_profile_edit(struct request *rq)
{
	struct client_record rec;
	if (person_load_editable(rq, route_id(rq, 0), &rec))
		profile_page(rq, &rec, NULL);
	return 0;
}

int page_profile_update(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct profile_form f = {
		.work_history = form_textarea(rq, "work_history"), .job_types = form_textarea(rq, "job_types"),
		.hours_min = form_text(rq, "hours_min"), .hours_max = form_text(rq, "hours_max"),
		.places = form_textarea(rq, "places"), .travel_miles = form_text(rq, "travel_miles"),
		.travel_means = form_text(rq, "travel_means"), .disclosure = form_text(rq, "disclosure"),
		.strengths = form_textarea(rq, "strengths"), .support_needs = form_textarea(rq, "support_needs"),
		.career_goals = form_textarea(rq, "career_goals"),
		.job_type_codes = form_text(rq, "job_type_codes"), .pay_min = form_text(rq, "pay_min"),
		.avoid = form_list(rq, "avoid"),
	};
	struct result r = app_profile_update(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct client_record rec;
		if (person_load_editable(rq, id, &rec)) {
			rq->status = 422;
			profile_page(rq, &rec, &r);
		}
		return 0;
	}
	return redirect_see_other(rq, person_path(rq, id, NULL));
}

static const struct code CONTACT_WITH_PERSON_PAGE[] = {
	{"client", "The person"},
	{"family", "Family or carer"},
	{"clinical_team", "Clinical team"},
	{NULL, NULL},
};

static void contact_page(struct request *rq, const struct client_record *rec, const struct result *r)
{
	int64_t id = rec->client.id;
	page_begin(rq, "Record a contact");
	nhs_back_link(rq, person_path(rq, id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Record a contact: ");
	html_text(rq, rec->client.given_name);
	html_lit(rq, " ");
	html_text(rq, rec->client.family_name);
	html_lit(rq, "</h1>");
	nhs_form_begin(rq, person_path(rq, id, "/contacts"));
	if (rec->nreferrals > 1) {
		struct option *opts = arena_alloc(rq->arena, rec->nreferrals * sizeof *opts);
		for (size_t i = 0; i < rec->nreferrals; i++) {
			char d[32];
			day_t day = 0;
			date_parse(rec->referrals[i].received_on, &day);
			date_long(day, d, sizeof d);
			opts[i].value = arena_printf(rq->arena, "%lld", (long long)rec->referrals[i].id);
			opts[i].label = arena_printf(rq->arena, "Referral received %s%s", d,
						     rec->referrals[i].closed_on ? " (closed)" : "");
		}
		nhs_select(rq, "referral_id", "Referral", NULL, opts, rec->nreferrals,
			   field_value(rq, "referral_id", NULL), r, NULL);
	} else if (rec->nreferrals == 1) {
		html_lit(rq, "<input type=\"hidden\" name=\"referral_id\" value=\"");
		html_int(rq, rec->referrals[0].id);
		html_lit(rq, "\">");
	}
	nhs_date_input(rq, "date", "Date of the contact", "For example, 3 11 2026",
		       rq->method == POST ? NULL : rq->app.today_iso, r);
	nhs_radios(rq, "with", "Who was the contact with?", NULL, CONTACT_WITH_PERSON_PAGE,
		   field_value(rq, "with", "client"), r, true);
	nhs_radios(rq, "mode", "How did it happen?", NULL, CODES_MODE, field_value(rq, "mode", NULL), r, true);
	nhs_radios(rq, "place", "Where? (for a face to face contact)", NULL, CODES_PLACE,
		   field_value(rq, "place", NULL), r, true);
	nhs_input(rq, "minutes", "How long, in minutes (optional)", field_value(rq, "minutes", NULL), r,
		  &(struct input_opts){.inputmode = "numeric", .width_class = "nhsuk-input--width-3"});
	nhs_radios(rq, "attended", "Did the contact take place?", "Choose no if the person did not attend",
		   CODES_YESNO, field_value(rq, "attended", "yes"), r, true);
	nhs_textarea(rq, "note", "Note (optional)", NULL, field_value(rq, "note", NULL), r, 5);
	nhs_button(rq, "Save contact", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_contact_new(struct request *rq)
{
	struct client_record rec;
	if (person_load_editable(rq, route_id(rq, 0), &rec))
		contact_page(rq, &rec, NULL);
	return 0;
}

int page_contact_create(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct contact_form f = {
		.referral_id = form_text(rq, "referral_id"), .date = form_date(rq, "date"),
		.with = form_text(rq, "with"), .mode = form_text(rq, "mode"), .place = form_text(rq, "place"),
		.minutes = form_text(rq, "minutes"), .attended = form_text(rq, "attended"),
		.note = form_textarea(rq, "note"),
	};
	struct result r = app_contact_add(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct client_record rec;
		if (person_load_editable(rq, id, &rec)) {
			rq->status = 422;
			contact_page(rq, &rec, &r);
		}
		return 0;
	}
	if (r.nwarnings)
		return saved_with_warnings(rq, id, "Contact saved", &r, person_path(rq, id, "/contacts/new"),
					   "Record another contact");
	return redirect_see_other(rq, person_path(rq, id, NULL));
}
