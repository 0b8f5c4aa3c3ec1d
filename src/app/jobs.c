/* app/jobs.c — job starts and ends on a person's record (DOMAIN.md: every job counts,
 * second and third jobs included). Every field jobs.csv carries is held to its rule in
 * core/interchange.c — one set of rules for the form, the API and the import — with
 * the form's own messages; the form refuses nothing the CSV would accept, and adds
 * warnings (pay below the minimum wage, dates that look wrong). Starting a job moves
 * the person's stage to "in work" (a job not ended); the employment status recorded
 * at referral is never touched, because the outcome measures count from it. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "app/support.h"
#include "core/interchange.h"
#include "core/validate.h"
#include "core/wages.h"
#include "util/arena.h"

/* Whether text is a decimal of the interchange's shape at all (range aside), so a
 * message can say which of the two is wrong. The range is jobs.csv's (csv_accepts). */
static bool decimal_shaped(const char *text)
{
	static const struct ic_column any = {.name = "number", .type = ICT_DECIMAL, .min = 0, .max = INT64_MAX};
	struct ic_value v;
	char msg[160];
	return ic_check_field(&any, text, &v, msg) == NULL;
}

static const char *pounds(struct arena *a, int64_t pence)
{
	char s[24];
	format_pence(pence, s);
	return arena_strdup(a, s);
}

const char *app_job_pay_warning(struct arena *a, const struct job *j, const char *birth_date)
{
	day_t start, born;
	if (j->hourly_wage < 0 || !j->started_on || !date_parse(j->started_on, &start))
		return NULL;
	int age = birth_date && date_parse(birth_date, &born) ? date_age(born, start) : -1;
	struct nmw_minimum m;
	if (!nmw_minimum_for(start, age, &m) || j->hourly_wage >= m.band->pence)
		return NULL;
	day_t from = 0;
	date_parse(m.rates->from, &from);
	char since[32];
	date_long(from, since, sizeof since);
	const char *msg = arena_printf(a, "Pay of £%s an hour is below the minimum wage of £%s an hour for "
				       "someone %s (the rate from %s, in force when the job started).",
				       pounds(a, j->hourly_wage), pounds(a, m.band->pence), m.band->who, since);
	if (!m.age_known)
		msg = arena_printf(a, "%s The person's date of birth is not recorded, so check their age.", msg);
	if (j->hourly_wage >= m.rates->apprentice)
		msg = arena_printf(a, "%s If this is an apprenticeship, the apprentice rate of £%s may apply.", msg,
				   pounds(a, m.rates->apprentice));
	return arena_printf(a, "%s Check the pay with the person and the employer.", msg);
}

/* The referral a job belongs to: the one chosen, or the person's newest. */
static const struct referral *job_referral(struct app *app, int64_t client_id, const char *chosen,
					   struct result *r)
{
	struct referral *refs;
	size_t nrefs;
	if (store_referrals_of_client(app->store, app->arena, client_id, &refs, &nrefs) != IPS_OK) {
		result_set(r, RES_FAILED, "The referrals could not be read");
		return NULL;
	}
	int rid = -1;
	if (!opt_int(chosen, 1, 2000000000, &rid))
		return NULL;
	for (size_t i = 0; i < nrefs; i++)
		if (rid < 0 || refs[i].id == rid)
			return &refs[i];   /* newest first */
	return NULL;
}

/* ended_on: jobs.csv's rule, and not before started_on (NULL when that has its own error). */
static const char *end_date_check(struct app *app, struct result *r, const char *value,
				  const char *started_on, bool required)
{
	const char *ended_on = validate_carried_date(app, r, IC_JOB, "ended_on", "ended_on", value,
						     "date the job ended", required);
	if (ended_on && started_on && strcmp(ended_on, started_on) < 0) {
		result_field(r, "ended_on", "The date the job ended must be the same as or after the date it started");
		return NULL;
	}
	return ended_on;
}

static const char *where(const char *employer_name)
{
	return employer_name ? employer_name : "an employer not recorded";
}

struct result app_job_start(struct app *app, const struct actor *who, int64_t client_id,
			    const struct job_form *in)
{
	struct result r = result_new(app->arena);
	struct client c;
	if (!client_editable(app, who, client_id, &c, &r))
		return r;
	const struct referral *ref = job_referral(app, client_id, in->referral_id, &r);
	if (r.code == RES_FAILED)
		return r;
	if (!ref)
		result_field(&r, "referral_id", "Choose the referral this job belongs to");

	struct job j = {.hourly_wage = -1, .competitive = true};
	struct ic_value v;
	struct employer emp = {0};
	if (nz(in->employer_id)) {
		int eid = -1;
		if (opt_int(in->employer_id, 1, 2000000000, &eid) && eid > 0 &&
		    store_employer_get(app->store, app->arena, eid, &emp) == IPS_OK && scope_site(who, emp.site_id))
			j.employer_id = emp.id;
		else
			result_field(&r, "employer_id", "Choose an employer from the list, or leave it blank");
	}
	j.title = validate_carried_text(app, &r, "title", in->title, "job title", 200, true);
	j.job_type = nz(in->job_type);
	if (j.job_type && !csv_accepts(IC_JOB, "job_type", j.job_type, NULL))
		result_field(&r, "job_type", "Enter the job type as the 4 digits of its SOC 2020 code, like 7111");
	j.started_on = validate_carried_date(app, &r, IC_JOB, "started_on", "started_on", in->started_on,
					     "date the job started", true);
	j.ended_on = end_date_check(app, &r, in->ended_on, j.started_on, false);
	if (!nz(in->hours_per_week))
		result_field(&r, "hours_per_week", "Enter the hours a week");
	else if (!decimal_shaped(in->hours_per_week))
		result_field(&r, "hours_per_week", "Enter the hours a week as a number, like 16 or 7.5, "
						   "with no more than 2 decimal places");
	else if (!csv_accepts(IC_JOB, "hours_per_week", in->hours_per_week, &v))
		result_field(&r, "hours_per_week", "Hours a week must be more than 0 and no more than 80");
	else
		j.hours_per_week = v.num;
	if (nz(in->hourly_wage)) {
		if (!decimal_shaped(in->hourly_wage))
			result_field(&r, "hourly_wage", "Enter the hourly pay in pounds and pence, like 12.21, "
							"with no more than 2 decimal places");
		else if (!csv_accepts(IC_JOB, "hourly_wage", in->hourly_wage, &v))
			result_field(&r, "hourly_wage", "Hourly pay is too large");
		else
			j.hourly_wage = v.num;
	}
	if (!csv_accepts(IC_JOB, "competitive", in->competitive, &v))   /* empty: the default, yes */
		result_field(&r, "competitive", "Choose yes if the job is competitive, or no if it is not");
	else
		j.competitive = v.num != 0;
	j.end_reason = validate_carried_text(app, &r, "end_reason", in->end_reason, "reason the job ended", 500, false);
	int64_t application = 0;   /* in-work support: the job-search step this job came from */
	application_check_link(app, &r, client_id, in->application_id, &application);
	if (!result_ok(&r))
		return r;

	j.referral_id = ref->id;
	if (strcmp(j.started_on, ref->received_on) < 0 || (ref->closed_on && strcmp(j.started_on, ref->closed_on) > 0))
		result_warn(&r, "started_on", "This job started outside the referral's open dates");
	const char *pay = app_job_pay_warning(app->arena, &j, c.birth_date);
	if (pay)
		result_warn(&r, "hourly_wage", pay);
	if (j.hourly_wage > WAGE_HOURLY_CEILING_PENCE)
		result_warn(&r, "hourly_wage", arena_printf(app->arena, "Pay of £%s an hour is more than £%s an hour: "
							   "check it is the pay for an hour, not for a week or a year",
							   pounds(app->arena, j.hourly_wage),
							   pounds(app->arena, WAGE_HOURLY_CEILING_PENCE)));
	bool advised = true;   /* benefits advice (issue 3): offered before a job starts */
	if (store_benefits_advice_before(app->store, client_id, j.started_on, &advised) == IPS_OK && !advised)
		result_warn(&r, "started_on", "No benefits advice recorded before this job started: offer it now, "
					      "and record it on the person's record");
	if (j.end_reason && !j.ended_on)
		result_warn(&r, "end_reason", "A reason for the job ending is recorded without an end date");

	struct buf fields = BUF_INIT;
	buf_adds(&fields, "referral_id,title,started_on,hours_per_week,competitive");
	if (j.employer_id)
		buf_adds(&fields, ",employer_id");
	if (j.job_type)
		buf_adds(&fields, ",job_type");
	if (j.hourly_wage >= 0)
		buf_adds(&fields, ",hourly_wage");
	if (j.ended_on)
		buf_adds(&fields, ",ended_on");
	if (j.end_reason)
		buf_adds(&fields, ",end_reason");
	const char *audited = arena_strdup(app->arena, buf_str(&fields));
	buf_free(&fields);

	char hours[24];
	format_hundredths(j.hours_per_week, hours);
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_job_insert(app->store, &j, app->now_iso, &r.id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "job.start", "job", r.id, audited);
	if (rc == IPS_OK)
		rc = timeline(app, who, client_id, ref->id, j.started_on, "job",
			      arena_printf(app->arena, "Started work as %s at %s, %s hours a week%s", j.title,
					   where(j.employer_id ? emp.name : NULL), hours,
					   j.competitive ? "" : " (not a competitive job)"));
	if (rc == IPS_OK && j.ended_on)
		rc = timeline(app, who, client_id, ref->id, j.ended_on, "job",
			      arena_printf(app->arena, "Job as %s at %s ended%s%s", j.title,
					   where(j.employer_id ? emp.name : NULL), j.end_reason ? ": " : "",
					   j.end_reason ? j.end_reason : ""));
	/* in-work support: the schedule, and the job-search step it came from */
	if (rc == IPS_OK)
		rc = support_job_started(app, who, client_id, r.id);
	if (rc == IPS_OK && application)
		rc = application_link_job(app, who, application, r.id);
	return finish(app, rc, r);
}

struct result app_job_get(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id,
			  struct job_row *out)
{
	struct result r = result_new(app->arena);
	struct client c;
	if (!client_editable(app, who, client_id, &c, &r))
		return r;
	if (job_id <= 0 || store_job_get(app->store, app->arena, job_id, out) != IPS_OK ||
	    out->client_id != client_id) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	r.id = job_id;
	return r;
}

struct result app_job_end(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id,
			  const struct job_end_form *in)
{
	struct job_row row;
	struct result r = app_job_get(app, who, client_id, job_id, &row);
	if (!result_ok(&r))
		return r;
	const struct job *before = &row.job;
	const char *ended_on = end_date_check(app, &r, in->ended_on, before->started_on, true);
	const char *reason = validate_carried_text(app, &r, "end_reason", in->end_reason, "reason the job ended",
						   500, false);
	if (!result_ok(&r))
		return r;

	struct buf changed = BUF_INIT;
	changed_field(&changed, "ended_on", before->ended_on, ended_on);
	changed_field(&changed, "end_reason", before->end_reason, reason);
	const char *fields = arena_strdup(app->arena, buf_str(&changed));
	buf_free(&changed);
	if (!*fields)
		return r;   /* nothing changed: nothing to write */
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_job_end(app->store, job_id, ended_on, reason);
	if (rc == IPS_OK)
		rc = app_audit(app, who, before->ended_on ? "job.end.correct" : "job.end", "job", job_id, fields);
	if (rc == IPS_OK)
		rc = timeline(app, who, client_id, before->referral_id, ended_on, "job",
			      arena_printf(app->arena, "%s as %s at %s%s%s",
					   before->ended_on ? "Corrected the end of the job" : "Job",
					   before->title, where(row.employer_name),
					   before->ended_on ? "" : " ended",
					   reason ? arena_printf(app->arena, ": %s", reason) : ""));
	if (rc == IPS_OK && !before->ended_on)   /* in-work support: cancel the rest, add the job-loss item */
		rc = support_job_ended(app, who, client_id, job_id, ended_on);
	return finish(app, rc, r);
}

struct result app_jobs_of_client(struct app *app, const struct actor *who, int64_t client_id,
				 struct job_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct result r = client_readable(app, who, client_id);
	if (result_ok(&r) && store_jobs_of_client(app->store, app->arena, client_id, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The jobs could not be read");
	return r;
}
