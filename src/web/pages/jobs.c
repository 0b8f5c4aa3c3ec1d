/* web/pages/jobs.c — a person's work: the "Work" section of their record (jobs, with
 * a warning beside any pay below the minimum wage), recording a job start (several
 * jobs per person) and ending a job. Handlers only translate: app/jobs.c holds the
 * rules, the scope and the audit. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/codes.h"
#include "core/validate.h"
#include "util/arena.h"
#include "app/support.h"

static const char *hours_text(struct request *rq, int64_t hundredths)
{
	char s[24];
	format_hundredths(hundredths, s);
	return arena_strdup(rq->arena, s);
}

static const char *pay_text(struct request *rq, int64_t pence)
{
	char s[24];
	if (pence < 0)
		return NULL;
	format_pence(pence, s);
	return arena_printf(rq->arena, "£%s an hour", s);
}

/* ---- the Work section of a person's record ---------------------------------------------- */

void person_work_section(struct request *rq, int64_t client_id, bool may_edit)
{
	struct job_row *jobs;
	size_t n;
	struct result r = app_jobs_of_client(&rq->app, &rq->who, client_id, &jobs, &n);
	struct support_row *support;   /* in-work support items, shown with each job */
	size_t nsupport;
	struct result sr = app_support_of_client(&rq->app, &rq->who, client_id, &support, &nsupport);
	if (!result_ok(&sr))
		nsupport = 0;
	struct benefits_advice *advice;   /* benefits advice (issue 3): shown as missing beside a job */
	size_t nadvice;
	struct result br = app_benefits_advice_of_client(&rq->app, &rq->who, client_id, &advice, &nadvice);
	html_lit(rq, "<h2>Work</h2>");
	if (!result_ok(&r)) {
		html_lit(rq, "<p>The jobs could not be read.</p>");
		return;
	}
	int current = 0;
	for (size_t i = 0; i < n; i++)
		current += jobs[i].job.ended_on == NULL;
	html_lit(rq, "<p>");
	if (current) {
		nhs_tag(rq, "In work", "green");
		html_lit(rq, " ");
		html_int(rq, current);
		html_text(rq, current == 1 ? " job now" : " jobs now");
	} else {
		nhs_tag(rq, "Not in work", "grey");
	}
	html_lit(rq, ". The employment status recorded at referral does not change.</p>");
	if (may_edit) {
		html_lit(rq, "<ul class=\"nhsuk-list\"><li><a href=\"");
		html_href(rq, "/people/", client_id, "/jobs/new");
		html_lit(rq, "\">Record a job start</a></li><li><a href=\"");
		html_attr(rq, arena_printf(rq->arena, "/employers?for=%lld", (long long)client_id));
		html_lit(rq, "\">Log an employer contact on their behalf</a></li></ul>");
	}
	if (n == 0) {
		html_lit(rq, "<p>No jobs recorded.</p>");
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const struct job *j = &jobs[i].job;
		html_lit(rq, "<div class=\"nhsuk-card\"><div class=\"nhsuk-card__content\"><h3 class=\"nhsuk-card__heading\">");
		html_text(rq, j->title);
		if (jobs[i].employer_name) {
			html_lit(rq, " at ");
			html_text(rq, jobs[i].employer_name);
		}
		html_lit(rq, " ");
		if (j->ended_on)
			nhs_tag(rq, "Ended", "grey");
		else
			nhs_tag(rq, "Current", "green");
		html_lit(rq, "</h3>");
		nhs_summary_begin(rq);
		nhs_summary_row_date(rq, "Started", j->started_on);
		if (j->ended_on) {
			nhs_summary_row_date(rq, "Ended", j->ended_on);
			nhs_summary_row(rq, "Why it ended", j->end_reason);
		}
		nhs_summary_row(rq, "Hours a week", hours_text(rq, j->hours_per_week));
		nhs_summary_row(rq, "Hourly pay", pay_text(rq, j->hourly_wage));
		nhs_summary_row(rq, "Job type (SOC 2020)", j->job_type);
		nhs_summary_row(rq, "Competitive job", j->competitive ? "Yes" : "No");
		nhs_summary_row(rq, "Reference", j->ref);
		nhs_summary_end(rq);
		const char *pay = app_job_pay_warning(rq->arena, j, jobs[i].birth_date);
		if (pay)
			nhs_warning_callout(rq, "Pay below the minimum wage", pay);
		if (result_ok(&br) && !app_benefits_advised_by(advice, nadvice, j->started_on))
			nhs_warning_callout(rq, "Benefits advice", "No benefits advice recorded before this job started");
		person_job_support(rq, support, nsupport, j->id);
		if (may_edit) {
			html_lit(rq, "<p><a href=\"");
			html_attr(rq, arena_printf(rq->arena, "/people/%lld/jobs/%lld/end", (long long)client_id,
						   (long long)j->id));
			html_lit(rq, "\">");
			html_text(rq, j->ended_on ? "Change when this job ended" : "Record that this job ended");
			html_lit(rq, "<span class=\"nhsuk-u-visually-hidden\">: ");
			html_text(rq, j->title);
			html_lit(rq, "</span></a></p>");
		}
		html_lit(rq, "</div></div>");
	}
}

/* ---- saved, with something to check ---------------------------------------------------------- */

static int saved_with_warnings(struct request *rq, int64_t client_id, const char *title, const struct result *r)
{
	page_begin(rq, title);
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\"><h1>");
	html_text(rq, title);
	html_lit(rq, "</h1><p>It is saved. Check what follows with the person.</p>"
		     "<h2 class=\"nhsuk-heading-m\">What to check</h2>");
	nhs_warnings(rq, r);
	html_lit(rq, "<p><a href=\"");
	html_attr(rq, person_path(rq, client_id, NULL));
	html_lit(rq, "\">Back to the record</a></p></div></div>");
	page_end(rq);
	return 0;
}

/* ---- starting a job --------------------------------------------------------------------------- */

static void referral_choice(struct request *rq, const struct client_record *rec, const struct result *r)
{
	if (rec->nreferrals == 1) {
		html_lit(rq, "<input type=\"hidden\" name=\"referral_id\" value=\"");
		html_int(rq, rec->referrals[0].id);
		html_lit(rq, "\">");
		return;
	}
	if (rec->nreferrals == 0)
		return;
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
	nhs_select(rq, "referral_id", "Referral", NULL, opts, rec->nreferrals, field_value(rq, "referral_id", NULL), r, NULL);
}

static const struct code COMPETITIVE[] = {
	{"yes", "Yes, a competitive job"},
	{"no", "No"},
	{NULL, NULL},
};

static void job_start_page(struct request *rq, const struct client_record *rec, const struct result *r)
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
	page_begin(rq, "Record a job start");
	nhs_back_link(rq, person_path(rq, id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>Record a job start: ");
	html_text(rq, rec->client.given_name);
	html_lit(rq, " ");
	html_text(rq, rec->client.family_name);
	html_lit(rq, "</h1><p>Record every job, second and third jobs too. The employment status "
		     "recorded at referral stays as it was.</p>");
	struct benefits_advice *advice;   /* DOMAIN.md principle 4: benefits advice before a job starts */
	size_t nadvice;
	struct result br = app_benefits_advice_of_client(&rq->app, &rq->who, id, &advice, &nadvice);
	if (!r && result_ok(&br) && nadvice == 0) {
		html_lit(rq, "<div class=\"nhsuk-warning-callout\"><h2 class=\"nhsuk-warning-callout__label\">"
			     "<span role=\"text\"><span class=\"nhsuk-u-visually-hidden\">Important: </span>"
			     "No benefits advice recorded</span></h2><p>Offer benefits advice before the job starts, "
			     "then <a href=\"");
		html_href(rq, "/people/", id, "/benefits-advice/new");
		html_lit(rq, "\">record the benefits advice</a>. You can still record the job start now.</p></div>");
	}
	nhs_form_begin(rq, person_path(rq, id, "/jobs"));
	referral_choice(rq, rec, r);
	/* from a job-search step that ended "started": ?application=&employer_id=&title= */
	const char *from_step = field_value(rq, "application_id", query_text(rq, "application"));
	if (from_step) {
		html_lit(rq, "<input type=\"hidden\" name=\"application_id\" value=\"");
		html_attr(rq, from_step);
		html_lit(rq, "\">");
	}
	nhs_select(rq, "employer_id", "Employer (optional)",
		   "If the employer is not in the list, add them on the Employers page first",
		   opts, nemps, field_value(rq, "employer_id", query_text(rq, "employer_id")), r, "Not recorded");
	nhs_input(rq, "title", "Job title", field_value(rq, "title", query_text(rq, "title")), r, NULL);
	/* from a step about a vacancy (?vacancy=ID): its job type, and its hours and pay when
	 * they are one figure, as a start the specialist changes to what was agreed */
	const char *vac_type = NULL, *vac_hours = NULL, *vac_pay = NULL;
	const char *vq = query_text(rq, "vacancy");
	if (!r && vq && *vq && strlen(vq) <= 15 && strspn(vq, "0123456789") == strlen(vq)) {
		struct vacancy v;
		struct result vr = app_vacancy_get(&rq->app, &rq->who, strtoll(vq, NULL, 10), &v);
		if (result_ok(&vr)) {
			char s[24];
			vac_type = v.job_type;
			if (v.hours_min >= 0 && v.hours_min == v.hours_max) {
				format_hundredths(v.hours_min, s);
				vac_hours = arena_strdup(rq->arena, s);
			}
			if (v.hourly_pay >= 0) {
				format_pence(v.hourly_pay, s);
				vac_pay = arena_strdup(rq->arena, s);
			}
		}
	}
	nhs_input(rq, "job_type", "Job type (optional)", field_value(rq, "job_type", vac_type), r,
		  &(struct input_opts){.hint = "The 4-digit SOC 2020 code, for example 7111 for sales and retail assistants",
				       .inputmode = "numeric", .width_class = "nhsuk-input--width-4",
				       .spellcheck_off = true});
	nhs_date_input(rq, "started_on", "Date the job started", "For example, 3 11 2026", NULL, r);
	nhs_input(rq, "hours_per_week", "Hours a week", field_value(rq, "hours_per_week", vac_hours), r,
		  &(struct input_opts){.hint = "For example, 16 or 7.5", .inputmode = "decimal",
				       .width_class = "nhsuk-input--width-4"});
	nhs_input(rq, "hourly_wage", "Hourly pay in pounds (optional)", field_value(rq, "hourly_wage", vac_pay), r,
		  &(struct input_opts){.hint = "Before tax, for example 12.71", .inputmode = "decimal",
				       .width_class = "nhsuk-input--width-5"});
	nhs_radios(rq, "competitive", "Is it a competitive job?",
		   "A competitive job is open to anyone, pays at least the minimum wage and is not set aside "
		   "for disabled people",
		   COMPETITIVE, field_value(rq, "competitive", "yes"), r, true);
	html_lit(rq, "<h2 class=\"nhsuk-heading-s\">If the job has already ended</h2>");
	nhs_date_input(rq, "ended_on", "Date the job ended (optional)", "Leave blank if they are still in this job",
		       NULL, r);
	nhs_input(rq, "end_reason", "Why it ended (optional)", field_value(rq, "end_reason", NULL), r, NULL);
	nhs_button(rq, "Save job start", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_job_new(struct request *rq)
{
	struct client_record rec;
	if (person_load_editable(rq, route_id(rq, 0), &rec))
		job_start_page(rq, &rec, NULL);
	return 0;
}

int page_job_create(struct request *rq)
{
	int64_t id = route_id(rq, 0);
	struct job_form f = {
		.referral_id = form_text(rq, "referral_id"), .employer_id = form_text(rq, "employer_id"),
		.title = form_text(rq, "title"), .job_type = form_text(rq, "job_type"),
		.started_on = form_date(rq, "started_on"), .ended_on = form_date(rq, "ended_on"),
		.hours_per_week = form_text(rq, "hours_per_week"), .hourly_wage = form_text(rq, "hourly_wage"),
		.competitive = form_text(rq, "competitive"), .end_reason = form_text(rq, "end_reason"),
		.application_id = form_text(rq, "application_id"),
	};
	struct result r = app_job_start(&rq->app, &rq->who, id, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct client_record rec;
		if (person_load_editable(rq, id, &rec)) {
			rq->status = 422;
			job_start_page(rq, &rec, &r);
		}
		return 0;
	}
	if (r.nwarnings)
		return saved_with_warnings(rq, id, "Job start saved: check this", &r);
	return redirect_see_other(rq, person_path(rq, id, NULL));
}

/* ---- ending a job ------------------------------------------------------------------------------ */

static void job_end_page(struct request *rq, int64_t client_id, const struct job_row *j, const struct result *r)
{
	page_begin(rq, "Record that a job ended");
	nhs_back_link(rq, person_path(rq, client_id, NULL), "Back to the record");
	html_lit(rq, "<div class=\"nhsuk-grid-row\"><div class=\"nhsuk-grid-column-two-thirds\">");
	nhs_error_summary(rq, r);
	html_lit(rq, "<h1>");
	html_text(rq, j->job.ended_on ? "Change when the job ended: " : "Record that the job ended: ");
	html_text(rq, j->job.title);
	if (j->employer_name) {
		html_lit(rq, " at ");
		html_text(rq, j->employer_name);
	}
	html_lit(rq, "</h1><p>");
	html_text(rq, j->given_name);
	html_lit(rq, " ");
	html_text(rq, j->family_name);
	html_lit(rq, " started this job on ");
	html_date(rq, j->job.started_on);
	html_lit(rq, ".</p><p>Contact them within 3 days of learning that a job has ended.</p>");
	nhs_form_begin(rq, arena_printf(rq->arena, "/people/%lld/jobs/%lld/end", (long long)client_id,
					(long long)j->job.id));
	nhs_date_input(rq, "ended_on", "Date the job ended", "For example, 3 11 2026", j->job.ended_on, r);
	nhs_input(rq, "end_reason", "Why it ended (optional)", field_value(rq, "end_reason", j->job.end_reason), r,
		  &(struct input_opts){.hint = "For example, the contract finished, or they moved to a job they "
					       "liked better"});
	nhs_button(rq, "Save", false);
	nhs_form_end(rq);
	html_lit(rq, "</div></div>");
	page_end(rq);
}

int page_job_end_form(struct request *rq)
{
	int64_t client = route_id(rq, 0);
	struct job_row j;
	struct result r = app_job_get(&rq->app, &rq->who, client, route_id(rq, 1), &j);
	if (result_reply(rq, &r) == 0)
		return 0;
	job_end_page(rq, client, &j, NULL);
	return 0;
}

int page_job_end(struct request *rq)
{
	int64_t client = route_id(rq, 0), job = route_id(rq, 1);
	struct job_end_form f = {.ended_on = form_date(rq, "ended_on"), .end_reason = form_text(rq, "end_reason")};
	struct result r = app_job_end(&rq->app, &rq->who, client, job, &f);
	if (result_reply(rq, &r) == 0)
		return 0;
	if (!result_ok(&r)) {
		struct job_row j;
		struct result g = app_job_get(&rq->app, &rq->who, client, job, &j);
		if (result_reply(rq, &g) == 0)
			return 0;
		rq->status = 422;
		job_end_page(rq, client, &j, &r);
		return 0;
	}
	if (r.nwarnings)
		return saved_with_warnings(rq, client, "Job end saved: check this", &r);
	return redirect_see_other(rq, person_path(rq, client, NULL));
}
