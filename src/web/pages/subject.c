/* web/pages/subject.c — subject access: everything held about one person as JSON
 * (/people/:id/subject-access.json) and as a page meant for printing and handing to
 * them (/people/:id/subject-access). app/ decides who may produce it and audits it;
 * every value goes through the escaping writers. */
#include <string.h>
#include "app/support.h"
#include "core/support.h"
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/codes.h"
#include "core/nhs_number.h"
#include "core/validate.h"
#include "util/arena.h"

int page_subject_access_json(struct request *rq)
{
	struct subject_access sa;
	struct result r = app_subject_access(&rq->app, &rq->who, route_id(rq, 0), &sa);
	if (result_reply(rq, &r) == 0)
		return 0;
	buf_reset(&rq->body);
	if (app_subject_json(&sa, &rq->body) != IPS_OK)
		return page_error(rq, 500, "The subject access could not be written.");
	rq->mime = "application/json";
	rq->download = arena_printf(rq->arena, "subject-access-%lld.json", (long long)route_id(rq, 0));
	return 0;
}

/* What an audit action means, in words for the person reading it. */
static const char *action_words(const char *action)
{
	static const struct code ACTIONS[] = {
		{"client.view", "Looked at the record"},
		{"client.create", "Created the record"},
		{"client.update", "Changed details"},
		{"profile.update", "Changed the vocational profile"},
		{"referral.create", "Recorded a referral"},
		{"referral.allocate", "Allocated an employment specialist"},
		{"referral.reallocate", "Changed the employment specialist"},
		{"referral.move", "Moved the referral to another team"},
		{"referral.close", "Closed a referral"},
		{"referral.update", "Set the next step"},
		{"contact.create", "Recorded a contact"},
		{"job.start", "Recorded a job"},
		{"job.end", "Recorded the end of a job"},
		{"job.end.correct", "Corrected the end of a job"},
		{"application.create", "Recorded a job-search step"},
		{"application.update", "Moved a job-search step on"},
		{"support_item.create", "Planned in-work support"},
		{"support_item.update", "Updated in-work support"},
		{"benefits_advice.create", "Recorded benefits advice"},
		{"betteroff.view", "Worked out whether you would be better off in work"},
		{"cv.view", "Looked at your CV"},
		{"cv.print", "Printed your CV"},
		{"cv.update", "Changed your CV"},
		{"subject_access", "Produced this subject access copy"},
		{NULL, NULL},
	};
	for (size_t i = 0; ACTIONS[i].code; i++)
		if (strcmp(ACTIONS[i].code, action) == 0)
			return ACTIONS[i].label;
	return action;
}

static const char *label_or(const struct code *list, const char *v)
{
	return v ? code_label(list, v) : NULL;
}

static void td_text(struct request *rq, const char *s)
{
	nhs_td_begin(rq, NULL, false);
	html_text_multiline(rq, s);
	html_lit(rq, "</td>");
}

static void td_date(struct request *rq, const char *iso)
{
	nhs_td_begin(rq, NULL, false);
	if (iso)
		html_date(rq, iso);
	html_lit(rq, "</td>");
}

static void table_begin(struct request *rq, const char *caption)
{
	html_lit(rq, "<table class=\"nhsuk-table\"><caption class=\"nhsuk-table__caption nhsuk-u-visually-hidden\">");
	html_text(rq, caption);
	html_lit(rq, "</caption><thead class=\"nhsuk-table__head\"><tr class=\"nhsuk-table__row\">");
}

static void table_body(struct request *rq)
{
	html_lit(rq, "</tr></thead><tbody class=\"nhsuk-table__body\">");
}

static void section_person(struct request *rq, const struct subject_access *sa)
{
	const struct client *c = &sa->client;
	html_lit(rq, "<h2>Your details</h2>");
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Name", arena_printf(rq->arena, "%s %s", c->given_name ? c->given_name : "",
						 c->family_name ? c->family_name : ""));
	char nhs[13];
	if (c->nhs_number && strlen(c->nhs_number) == 10)
		nhs_number_format(c->nhs_number, nhs);
	nhs_summary_row(rq, "NHS number", c->nhs_number && strlen(c->nhs_number) == 10 ? nhs : c->nhs_number);
	nhs_summary_row_date(rq, "Date of birth", c->birth_date);
	nhs_summary_row(rq, "Gender", label_or(CODES_GENDER, c->gender));
	nhs_summary_row(rq, "Ethnic group", label_or(CODES_ETHNIC, c->ethnic_category));
	nhs_summary_row(rq, "Address", c->address);
	nhs_summary_row(rq, "Postcode", c->postcode);
	nhs_summary_row(rq, "Phone", c->phone);
	nhs_summary_row(rq, "Email", c->email);
	nhs_summary_row(rq, "Care coordinator", c->care_coordinator);
	nhs_summary_row(rq, "Service", c->site_name);
	nhs_summary_row_date(rq, "Consent recorded", c->consent_on);
	nhs_summary_row(rq, "May contact employers for you",
			c->consent_contact_employers < 0 ? NULL : c->consent_contact_employers ? "Yes" : "No");
	nhs_summary_row(rq, "Consent notes", c->consent_note);
	nhs_summary_row(rq, "Our reference", c->ref);
	nhs_summary_end(rq);
}

static const char *count_text(struct request *rq, int v, const char *unit)
{
	return v < 0 ? NULL : arena_printf(rq->arena, "%d%s", v, unit);
}

static void section_profile(struct request *rq, const struct profile *p)
{
	html_lit(rq, "<h2>Vocational profile</h2>");
	if (!p->updated_at) {
		html_lit(rq, "<p>No vocational profile has been recorded.</p>");
		return;
	}
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Work history", p->work_history);
	nhs_summary_row(rq, "Kinds of work wanted", p->job_types);
	nhs_summary_row(rq, "Fewest hours a week", count_text(rq, p->hours_min, ""));
	nhs_summary_row(rq, "Most hours a week", count_text(rq, p->hours_max, ""));
	nhs_summary_row(rq, "Where", p->places);
	nhs_summary_row(rq, "Furthest travel", count_text(rq, p->travel_miles, " miles"));
	nhs_summary_row(rq, "How you travel", p->travel_means);
	nhs_summary_row(rq, "Telling employers", label_or(CODES_DISCLOSURE, p->disclosure));
	nhs_summary_row(rq, "Strengths", p->strengths);
	nhs_summary_row(rq, "Support needs", p->support_needs);
	nhs_summary_row(rq, "Career goals", p->career_goals);
	nhs_summary_end(rq);
}

static void section_preferences(struct request *rq, const struct profile *p)
{
	html_lit(rq, "<h2>What you want from a job (used to match vacancies)</h2>");
	if (!p->updated_at) {
		html_lit(rq, "<p>No preferences have been recorded.</p>");
		return;
	}
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Kinds of job (SOC 2020 codes)", p->job_type_codes);
	nhs_summary_row(rq, "Least hourly pay", p->pay_min < 0 ? NULL : arena_printf(rq->arena, "£%lld.%02lld an hour",
			(long long)(p->pay_min / 100), (long long)(p->pay_min % 100)));
	nhs_summary_row(rq, "What you want to avoid", conditions_text(rq, p->avoid));
	nhs_summary_row(rq, "Furthest travel", count_text(rq, p->travel_miles, " miles"));
	nhs_summary_row(rq, "Fewest hours a week", count_text(rq, p->hours_min, ""));
	nhs_summary_row(rq, "Most hours a week", count_text(rq, p->hours_max, ""));
	nhs_summary_end(rq);
}

static void section_job_search(struct request *rq, const struct subject_access *sa)
{
	html_lit(rq, "<h2>Job search</h2>");
	if (sa->napplications == 0) {
		html_lit(rq, "<p>No job-search steps recorded.</p>");
		return;
	}
	for (size_t i = 0; i < sa->napplications; i++) {
		const struct application *a = &sa->applications[i];
		html_lit(rq, "<h3>");
		html_text(rq, a->title);
		if (a->employer_name) {
			html_lit(rq, " at ");
			html_text(rq, a->employer_name);
		}
		html_lit(rq, "</h3>");
		nhs_summary_begin(rq);
		nhs_summary_row(rq, "What it was", strcmp(a->kind, "speculative") == 0 ? "A speculative approach to an employer"
										     : "A vacancy");
		nhs_summary_row(rq, "Stage reached", application_stage(a));
		nhs_summary_row_date(rq, strcmp(a->kind, "speculative") == 0 ? "Approached" : "Found", a->identified_on);
		nhs_summary_row_date(rq, "Applied", a->applied_on);
		nhs_summary_row_date(rq, "Interview", a->interview_on);
		nhs_summary_row_date(rq, "Offer", a->offer_on);
		nhs_summary_row_date(rq, "Outcome", a->outcome_on);
		nhs_summary_row(rq, "Note", a->note);
		nhs_summary_end(rq);
	}
}

static void section_benefits(struct request *rq, const struct subject_access *sa)
{
	html_lit(rq, "<h2>Benefits advice</h2>");
	if (sa->nbenefits == 0) {
		html_lit(rq, "<p>No benefits advice recorded.</p>");
		return;
	}
	table_begin(rq, "Benefits advice, newest first");
	nhs_th(rq, "Date", false);
	nhs_th(rq, "By", false);
	nhs_th(rq, "What was covered", false);
	nhs_th(rq, "Follow-up", false);
	table_body(rq);
	for (size_t i = 0; i < sa->nbenefits; i++) {
		const struct benefits_advice *b = &sa->benefits[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		td_date(rq, b->date);
		td_text(rq, b->staff_name);
		td_text(rq, b->covered);
		td_text(rq, b->follow_up);
		html_lit(rq, "</tr>");
	}
	html_lit(rq, "</tbody></table>");
}

static void section_cv(struct request *rq, const struct cv *cv)
{
	html_lit(rq, "<h2>Your CV</h2>");
	if (!cv->updated_at) {
		html_lit(rq, "<p>No CV has been saved.</p>");
		return;
	}
	nhs_summary_begin(rq);
	nhs_summary_row(rq, "Personal statement", cv->statement);
	nhs_summary_row(rq, "Skills and strengths", cv->skills);
	nhs_summary_row(rq, "Work history", cv->work_history);
	nhs_summary_row(rq, "Education and training", cv->education);
	nhs_summary_row(rq, "Interests", cv->interests);
	nhs_summary_row(rq, "References", cv->references_note);
	nhs_summary_row_date(rq, "Last changed", arena_strndup(rq->arena, cv->updated_at, 10));
	nhs_summary_end(rq);
}

static const char *support_words(struct request *rq, const struct support_row *it)
{
	enum support_kind k;
	char s[48];
	if (!support_kind_parse(it->kind, &k))
		return it->kind;
	support_item_label(k, it->seq, s, sizeof s);
	return arena_strdup(rq->arena, s);
}

static void section_support(struct request *rq, const struct subject_access *sa)
{
	static const struct code STATUS[] = {
		{"open", "Not yet"}, {"met", "Met"}, {"missed", "Missed"}, {"cancelled", "Cancelled"}, {NULL, NULL},
	};
	html_lit(rq, "<h2>In-work support</h2>");
	if (sa->nsupport == 0) {
		html_lit(rq, "<p>No in-work support planned.</p>");
		return;
	}
	table_begin(rq, "In-work support, by when it was due");
	nhs_th(rq, "Job", false);
	nhs_th(rq, "Support", false);
	nhs_th(rq, "From", false);
	nhs_th(rq, "To", false);
	nhs_th(rq, "Status", false);
	table_body(rq);
	for (size_t i = 0; i < sa->nsupport; i++) {
		const struct support_row *it = &sa->support[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, NULL, false);
		html_text(rq, it->job_title);
		if (it->employer_name) {
			html_lit(rq, " at ");
			html_text(rq, it->employer_name);
		}
		html_lit(rq, "</td>");
		td_text(rq, support_words(rq, it));
		td_date(rq, it->window_from);
		td_date(rq, it->window_to);
		nhs_td_begin(rq, NULL, false);
		html_text(rq, code_label(STATUS, it->status));
		if (it->contact_date) {
			html_lit(rq, " (contact on ");
			html_date(rq, it->contact_date);
			html_lit(rq, ")");
		}
		html_lit(rq, "</td></tr>");
	}
	html_lit(rq, "</tbody></table>");
}

static void section_referrals(struct request *rq, const struct subject_access *sa)
{
	html_lit(rq, "<h2>Referrals</h2>");
	if (sa->nreferrals == 0) {
		html_lit(rq, "<p>No referrals.</p>");
		return;
	}
	for (size_t i = 0; i < sa->nreferrals; i++) {
		const struct referral *f = &sa->referrals[i];
		html_lit(rq, "<h3>Referral received ");
		html_date(rq, f->received_on);
		html_lit(rq, "</h3>");
		nhs_summary_begin(rq);
		nhs_summary_row(rq, "Reference", f->ref);
		nhs_summary_row(rq, "From", label_or(CODES_SOURCE, f->source));
		nhs_summary_row(rq, "Referrer", f->referrer_name);
		nhs_summary_row(rq, "Referrer's contact", f->referrer_contact);
		nhs_summary_row(rq, "Team", f->team_name);
		nhs_summary_row(rq, "Employment specialist", f->specialist_name);
		nhs_summary_row_date(rq, "Allocated", f->allocated_on);
		nhs_summary_row(rq, "Employment status at referral", label_or(CODES_EMPLOYMENT, f->employment_status));
		nhs_summary_row(rq, "What you hoped for", f->reason);
		nhs_summary_row(rq, "Next step", f->next_step);
		nhs_summary_row_date(rq, "Closed", f->closed_on);
		nhs_summary_row(rq, "Reason for closing", label_or(CODES_CLOSE_REASON, f->close_reason));
		nhs_summary_end(rq);
	}
}

static void section_contacts(struct request *rq, const struct subject_access *sa)
{
	html_lit(rq, "<h2>Contacts</h2>");
	if (sa->ncontacts == 0) {
		html_lit(rq, "<p>No contacts recorded.</p>");
		return;
	}
	table_begin(rq, "Contacts, newest first");
	nhs_th(rq, "Date", false);
	nhs_th(rq, "With", false);
	nhs_th(rq, "How", false);
	nhs_th(rq, "Minutes", false);
	nhs_th(rq, "By", false);
	nhs_th(rq, "Note", false);
	table_body(rq);
	for (size_t i = 0; i < sa->ncontacts; i++) {
		const struct contact *k = &sa->contacts[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		td_date(rq, k->date);
		nhs_td_begin(rq, NULL, false);
		html_text(rq, strcmp(k->with, "client") == 0 ? "You" : code_label(CODES_CONTACT_WITH, k->with));
		if (k->employer_name) {
			html_lit(rq, ": ");
			html_text(rq, k->employer_name);
		}
		html_lit(rq, "</td>");
		nhs_td_begin(rq, NULL, false);
		html_text(rq, code_label(CODES_MODE, k->mode));
		if (k->place) {
			html_lit(rq, ", ");
			html_text(rq, code_label(CODES_PLACE, k->place));
		}
		if (!k->attended)
			html_lit(rq, " (did not take place)");
		html_lit(rq, "</td>");
		td_text(rq, count_text(rq, k->minutes, ""));
		td_text(rq, k->staff_name);
		td_text(rq, k->note);
		html_lit(rq, "</tr>");
	}
	html_lit(rq, "</tbody></table>");
}

static void section_jobs(struct request *rq, const struct subject_access *sa)
{
	html_lit(rq, "<h2>Jobs</h2>");
	if (sa->njobs == 0) {
		html_lit(rq, "<p>No jobs recorded.</p>");
		return;
	}
	table_begin(rq, "Jobs, newest first");
	nhs_th(rq, "Job", false);
	nhs_th(rq, "Employer", false);
	nhs_th(rq, "Started", false);
	nhs_th(rq, "Ended", false);
	nhs_th(rq, "Hours a week", false);
	nhs_th(rq, "Pay an hour", false);
	table_body(rq);
	for (size_t i = 0; i < sa->njobs; i++) {
		const struct job *j = &sa->jobs[i].job;
		char hours[24], pay[24];
		format_hundredths(j->hours_per_week, hours);
		if (j->hourly_wage >= 0)
			format_pence(j->hourly_wage, pay);
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		td_text(rq, j->title);
		td_text(rq, sa->jobs[i].employer_name);
		td_date(rq, j->started_on);
		nhs_td_begin(rq, NULL, false);
		if (j->ended_on) {
			html_date(rq, j->ended_on);
			if (j->end_reason) {
				html_lit(rq, " (");
				html_text(rq, j->end_reason);
				html_lit(rq, ")");
			}
		}
		html_lit(rq, "</td>");
		td_text(rq, hours);
		td_text(rq, j->hourly_wage >= 0 ? arena_printf(rq->arena, "£%s", pay) : NULL);
		html_lit(rq, "</tr>");
	}
	html_lit(rq, "</tbody></table>");
}

static void section_timeline(struct request *rq, const struct subject_access *sa)
{
	html_lit(rq, "<h2>Timeline</h2>");
	if (sa->nevents == 0) {
		html_lit(rq, "<p>Nothing recorded.</p>");
		return;
	}
	html_lit(rq, "<ul class=\"nhsuk-list\">");
	for (size_t i = 0; i < sa->nevents; i++) {
		html_lit(rq, "<li><strong>");
		html_date(rq, sa->events[i].on_date);
		html_lit(rq, "</strong> – ");
		html_text(rq, sa->events[i].summary);
		html_lit(rq, "</li>");
	}
	html_lit(rq, "</ul>");
}

static void section_audit(struct request *rq, const struct subject_access *sa)
{
	html_lit(rq, "<h2>Who has looked at or changed your record</h2>"
		     "<p>Every time a member of staff opens or changes your record it is logged. "
		     "The log names what was changed, not the values.</p>");
	table_begin(rq, "Who looked at or changed the record, oldest first");
	nhs_th(rq, "When (UTC)", false);
	nhs_th(rq, "Who", false);
	nhs_th(rq, "What", false);
	nhs_th(rq, "Fields read or changed", false);
	table_body(rq);
	for (size_t i = 0; i < sa->naudit; i++) {
		const struct audit_entry *e = &sa->audit[i];
		html_lit(rq, "<tr class=\"nhsuk-table__row\">");
		nhs_td_begin(rq, NULL, false);
		if (e->at && strlen(e->at) >= 16) {
			html_date(rq, arena_strndup(rq->arena, e->at, 10));
			html_lit(rq, " ");
			html_text(rq, arena_strndup(rq->arena, e->at + 11, 5));
		}
		html_lit(rq, "</td>");
		td_text(rq, e->actor);
		td_text(rq, action_words(e->action));
		td_text(rq, e->fields && *e->fields ? e->fields : NULL);
		html_lit(rq, "</tr>");
	}
	html_lit(rq, "</tbody></table>");
}

int page_subject_access(struct request *rq)
{
	struct subject_access sa;
	struct result r = app_subject_access(&rq->app, &rq->who, route_id(rq, 0), &sa);
	if (result_reply(rq, &r) == 0)
		return 0;
	const struct client *c = &sa.client;
	page_begin(rq, "Subject access");
	nhs_back_link(rq, arena_printf(rq->arena, "/people/%lld", (long long)c->id), "Back to the record");
	html_lit(rq, "<h1>Information we hold about ");
	html_text(rq, c->given_name);
	html_lit(rq, " ");
	html_text(rq, c->family_name);
	html_lit(rq, "</h1><p>This is a copy of everything the IPS employment service holds about you in "
		     "ipsdesk, produced on ");
	html_date(rq, rq->app.today_iso);
	html_lit(rq, " by ");
	html_text(rq, rq->who.name ? rq->who.name : rq->who.username);
	html_lit(rq, " under your right of access (UK GDPR article 15).</p><p class=\"nhsuk-u-secondary-text-colour\">"
		     "To print it, use your browser's print command. The same information is also "
		     "available <a href=\"");
	html_href(rq, "/people/", c->id, "/subject-access.json");
	html_lit(rq, "\">as a JSON file</a>.</p>");
	section_person(rq, &sa);
	section_profile(rq, &sa.profile);
	section_referrals(rq, &sa);
	section_preferences(rq, &sa.profile);
	section_job_search(rq, &sa);
	section_jobs(rq, &sa);
	section_support(rq, &sa);
	section_contacts(rq, &sa);
	section_benefits(rq, &sa);
	section_cv(rq, &sa.cv);
	section_timeline(rq, &sa);
	section_audit(rq, &sa);
	page_end(rq);
	return 0;
}
