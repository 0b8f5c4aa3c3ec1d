/* app/applications.c — a person's job search (issue 3): each step a vacancy or a
 * speculative approach to an employer, moved on through applied, interview and offer
 * to started or not successful, with dates that must run in order. Each stage reached
 * goes on the person's timeline; the audit names fields, never values. Scope as for
 * jobs: specialists and team leaders of the person's site. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "app/support.h"
#include "core/validate.h"
#include "util/arena.h"

const char *application_stage(const struct application *a)
{
	if (a->outcome)
		return strcmp(a->outcome, "started") == 0 ? "Started" : "Not successful";
	if (a->offer_on)
		return "Offer";
	if (a->interview_on)
		return "Interview";
	if (a->applied_on)
		return "Applied";
	return strcmp(a->kind, "speculative") == 0 ? "Approached" : "Found";
}

/* A stage date: NULL when empty; a real date, and not after today unless future_ok. */
static const char *stage_date(struct app *app, struct result *r, const char *field, const char *value,
			      const char *label, bool future_ok)
{
	if (!nz(value))
		return NULL;
	day_t d;
	if (!date_parse(value, &d)) {
		result_field(r, field, arena_printf(app->arena, "The %s must be a real date", label));
		return NULL;
	}
	if (!future_ok && d > app->today) {
		result_field(r, field, arena_printf(app->arena, "The %s must be today or in the past", label));
		return NULL;
	}
	char *s = arena_alloc(app->arena, 11);
	date_iso(d, s);
	return s;
}

/* Checks a's stage dates and outcome (from in), each against the one before it. */
static void check_stages(struct app *app, struct result *r, const struct application_form *in, struct application *a)
{
	const char *ident_label = strcmp(a->kind, "speculative") == 0 ? "date of the approach"
								       : "date the vacancy was found";
	if (a->identified_on == NULL)
		a->identified_on = stage_date(app, r, "identified_on", in->identified_on, ident_label, false);
	a->applied_on = stage_date(app, r, "applied_on", in->applied_on, "date they applied", false);
	a->interview_on = stage_date(app, r, "interview_on", in->interview_on, "date of the interview", true);
	a->offer_on = stage_date(app, r, "offer_on", in->offer_on, "date of the offer", false);
	a->outcome = nz(in->outcome);
	if (a->outcome && strcmp(a->outcome, "started") != 0 && strcmp(a->outcome, "not_successful") != 0) {
		result_field(r, "outcome", "Choose started or not successful, or leave the outcome blank");
		a->outcome = NULL;
	}
	a->outcome_on = stage_date(app, r, "outcome_on", in->outcome_on, "date of the outcome", true);
	if (!a->identified_on && !result_error_for(r, "identified_on"))
		result_field(r, "identified_on", arena_printf(app->arena, "Enter the %s", ident_label));
	if (a->outcome && !a->outcome_on && !result_error_for(r, "outcome_on"))
		result_field(r, "outcome_on", "Enter the date of the outcome");
	if (!a->outcome && a->outcome_on && !result_error_for(r, "outcome"))
		result_field(r, "outcome", "Choose the outcome, or leave its date blank");

	/* in order: each stage not before the last one recorded before it */
	const char *last = a->identified_on;
	const char *last_name = strcmp(a->kind, "speculative") == 0 ? "the date of the approach"
								      : "the date the vacancy was found";
	if (a->applied_on) {
		if (last && strcmp(a->applied_on, last) < 0)
			result_field(r, "applied_on", arena_printf(app->arena, "The date they applied must be the same as "
									       "or after %s", last_name));
		last = a->applied_on;
		last_name = "the date they applied";
	}
	if (a->interview_on) {
		if (last && strcmp(a->interview_on, last) < 0)
			result_field(r, "interview_on", arena_printf(app->arena, "The interview cannot be before %s",
								     last_name));
		last = a->interview_on;
		last_name = "the interview";
	}
	if (a->offer_on) {
		if (last && strcmp(a->offer_on, last) < 0)
			result_field(r, "offer_on", arena_printf(app->arena, "The offer cannot be before %s", last_name));
		last = a->offer_on;
		last_name = "the offer";
	}
	if (a->outcome_on && last && strcmp(a->outcome_on, last) < 0)
		result_field(r, "outcome_on", arena_printf(app->arena, "The outcome cannot be before %s", last_name));
	a->note = nz(in->note);
	const char *why;
	if (a->note && !valid_text(a->note, 4000, true, &why))
		result_field(r, "note", why);
}

static const char *at_employer(struct app *app, const struct application *a)
{
	return a->employer_name ? arena_printf(app->arena, "%s at %s", a->title, a->employer_name) : a->title;
}

/* Timeline lines for each stage a has reached that before had not (before NULL: new). */
static int stage_events(struct app *app, const struct actor *who, int64_t client_id, const struct application *a,
			const struct application *before)
{
	const char *what = at_employer(app, a);
	int rc = IPS_OK;
	if (!before)
		rc = timeline(app, who, client_id, a->referral_id, a->identified_on, "job_search",
			      strcmp(a->kind, "speculative") == 0
				      ? arena_printf(app->arena, "Job search: approached an employer about %s", what)
				      : arena_printf(app->arena, "Job search: found a vacancy for %s", what));
	if (rc == IPS_OK && a->applied_on && !(before && before->applied_on))
		rc = timeline(app, who, client_id, a->referral_id, a->applied_on, "job_search",
			      arena_printf(app->arena, "Job search: applied for %s", what));
	if (rc == IPS_OK && a->interview_on && !(before && before->interview_on))
		rc = timeline(app, who, client_id, a->referral_id, a->interview_on, "job_search",
			      arena_printf(app->arena, "Job search: interview for %s", what));
	if (rc == IPS_OK && a->offer_on && !(before && before->offer_on))
		rc = timeline(app, who, client_id, a->referral_id, a->offer_on, "job_search",
			      arena_printf(app->arena, "Job search: offered %s", what));
	if (rc == IPS_OK && a->outcome && !(before && before->outcome))
		rc = timeline(app, who, client_id, a->referral_id, a->outcome_on, "job_search",
			      strcmp(a->outcome, "started") == 0
				      ? arena_printf(app->arena, "Job search: got the job, %s", what)
				      : arena_printf(app->arena, "Job search: not successful, %s", what));
	return rc;
}

struct result app_application_add(struct app *app, const struct actor *who, int64_t client_id,
				  const struct application_form *in)
{
	struct result r = result_new(app->arena);
	struct client c;
	if (!client_editable(app, who, client_id, &c, &r))
		return r;
	struct referral *refs;
	size_t nrefs;
	if (store_referrals_of_client(app->store, app->arena, client_id, &refs, &nrefs) != IPS_OK) {
		result_set(&r, RES_FAILED, "The referrals could not be read");
		return r;
	}
	const struct referral *ref = NULL;
	int rid = -1;
	if (opt_int(in->referral_id, 1, 2000000000, &rid))
		for (size_t i = 0; i < nrefs && !ref; i++)
			if (rid < 0 || refs[i].id == rid)
				ref = &refs[i];   /* newest first */
	if (!ref)
		result_field(&r, "referral_id", "Choose the referral this job search belongs to");

	struct application a = {.kind = "vacancy"};
	struct employer emp = {0};
	if (nz(in->vacancy)) {
		int vid = -1;
		int64_t vsite = 0, vemp = 0;
		const char *vtitle = NULL;
		if (!opt_int(in->vacancy, 1, 2000000000, &vid) || vid <= 0 ||
		    store_vacancy_brief(app->store, app->arena, vid, &vsite, &vemp, &vtitle) != IPS_OK ||
		    !scope_site(who, vsite) || vsite != c.site_id) {
			result_field(&r, "vacancy", "Choose a vacancy from the list");
		} else {
			a.vacancy_id = vid;
			a.title = vtitle;
			a.kind = "vacancy";
			if (vemp && store_employer_get(app->store, app->arena, vemp, &emp) == IPS_OK)
				a.employer_id = emp.id;
			if (!nz(in->identified_on))
				a.identified_on = app->today_iso;
		}
	} else {
		if (nz(in->employer_id)) {
			int eid = -1;
			if (opt_int(in->employer_id, 1, 2000000000, &eid) && eid > 0 &&
			    store_employer_get(app->store, app->arena, eid, &emp) == IPS_OK && scope_site(who, emp.site_id))
				a.employer_id = emp.id;
			else
				result_field(&r, "employer_id", "Choose an employer from the list, or leave it blank");
		}
		a.title = nz(in->title);
		const char *why;
		if (!a.title)
			result_field(&r, "title", "Enter the job title");
		else if (!valid_text(a.title, 200, false, &why))
			result_field(&r, "title", why);
		a.kind = nz(in->kind);
		if (!a.kind || (strcmp(a.kind, "vacancy") != 0 && strcmp(a.kind, "speculative") != 0)) {
			result_field(&r, "kind", "Choose whether it is an advertised vacancy or a speculative approach");
			a.kind = "vacancy";
		}
		if (a.kind && strcmp(a.kind, "speculative") == 0 && !a.employer_id && !result_error_for(&r, "employer_id"))
			result_field(&r, "employer_id", "Choose the employer approached");
	}
	check_stages(app, &r, in, &a);
	if (!result_ok(&r))
		return r;
	a.referral_id = ref->id;
	a.employer_name = a.employer_id ? emp.name : NULL;

	struct buf fields = BUF_INIT;
	buf_adds(&fields, "referral_id,title,kind,identified_on");
	if (a.vacancy_id)
		buf_adds(&fields, ",vacancy_id");
	if (a.employer_id)
		buf_adds(&fields, ",employer_id");
	if (a.applied_on)
		buf_adds(&fields, ",applied_on");
	if (a.interview_on)
		buf_adds(&fields, ",interview_on");
	if (a.offer_on)
		buf_adds(&fields, ",offer_on");
	if (a.outcome)
		buf_adds(&fields, ",outcome,outcome_on");
	if (a.note)
		buf_adds(&fields, ",note");
	const char *audited = arena_strdup(app->arena, buf_str(&fields));
	buf_free(&fields);

	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_application_insert(app->store, &a, who->staff_id, app->now_iso, &r.id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "application.create", "application", r.id, audited);
	if (rc == IPS_OK)
		rc = stage_events(app, who, client_id, &a, NULL);
	r.client_id = client_id;
	return finish(app, rc, r);
}

/* One step of the person's, if the actor may change their record; unaudited (for the
 * use cases here, which audit what they do with it). */
static struct result application_load(struct app *app, const struct actor *who, int64_t client_id,
				      int64_t application_id, struct application *out)
{
	struct result r = result_new(app->arena);
	struct client c;
	if (!client_editable(app, who, client_id, &c, &r))
		return r;
	if (application_id <= 0 || store_application_get(app->store, app->arena, application_id, out) != IPS_OK ||
	    out->client_id != client_id) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	r.id = application_id;
	return r;
}

struct result app_application_get(struct app *app, const struct actor *who, int64_t client_id,
				  int64_t application_id, struct application *out)
{
	struct result r = application_load(app, who, client_id, application_id, out);
	if (!result_ok(&r))
		return r;
	return audit_read(app, who, "client.view", "client", client_id, "application", r);
}

struct result app_application_update(struct app *app, const struct actor *who, int64_t client_id,
				     int64_t application_id, const struct application_form *in,
				     struct application *saved)
{
	struct application before;
	struct result r = application_load(app, who, client_id, application_id, &before);
	if (!result_ok(&r))
		return r;
	struct application a = before;
	a.identified_on = NULL;
	check_stages(app, &r, in, &a);
	if (before.job_id && (!a.outcome || strcmp(a.outcome, "started") != 0))
		result_field(&r, "outcome", "This step is linked to the job it became: its outcome stays started");
	if (!result_ok(&r))
		return r;

	struct buf changed = BUF_INIT;
	changed_field(&changed, "identified_on", before.identified_on, a.identified_on);
	changed_field(&changed, "applied_on", before.applied_on, a.applied_on);
	changed_field(&changed, "interview_on", before.interview_on, a.interview_on);
	changed_field(&changed, "offer_on", before.offer_on, a.offer_on);
	changed_field(&changed, "outcome", before.outcome, a.outcome);
	changed_field(&changed, "outcome_on", before.outcome_on, a.outcome_on);
	changed_field(&changed, "note", before.note, a.note);
	const char *fields = arena_strdup(app->arena, buf_str(&changed));
	buf_free(&changed);
	if (saved)
		*saved = a;
	if (!*fields)
		return r;   /* nothing changed: nothing to write */
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_application_update(app->store, &a, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "application.update", "application", a.id, fields);
	if (rc == IPS_OK)
		rc = stage_events(app, who, client_id, &a, &before);
	return finish(app, rc, r);
}

struct result app_applications_of_client(struct app *app, const struct actor *who, int64_t client_id,
					 struct application **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct result r = client_readable(app, who, client_id);
	if (result_ok(&r) && store_applications_of_client(app->store, app->arena, client_id, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The job search could not be read");
	return r;
}

void application_check_link(struct app *app, struct result *r, int64_t client_id, const char *application_id,
			    int64_t *out_id)
{
	*out_id = 0;
	if (!nz(application_id))
		return;
	int aid = -1;
	struct application a;
	if (!opt_int(application_id, 1, 2000000000, &aid) || aid <= 0 ||
	    store_application_get(app->store, app->arena, aid, &a) != IPS_OK || a.client_id != client_id ||
	    !a.outcome || strcmp(a.outcome, "started") != 0 || a.job_id)
		result_field(r, "application_id", "The job-search step this job came from is not waiting for a job: "
						  "record the job from the person's record instead");
	else
		*out_id = aid;
}

int application_link_job(struct app *app, const struct actor *who, int64_t application_id, int64_t job_id)
{
	struct application a;
	int rc = store_application_get(app->store, app->arena, application_id, &a);
	if (rc != IPS_OK)
		return rc;
	a.job_id = job_id;
	rc = store_application_update(app->store, &a, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "application.update", "application", application_id, "job_id");
	return rc;
}
