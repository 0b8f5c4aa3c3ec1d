/* app/benefits.c — benefits and preparation for work (DOMAIN.md "Benefits", IPS
 * principle 4): benefits advice on a person's record, the dated rates an admin adds
 * each April, the better-off-in-work calculation (core/betteroff.c) and the person's CV.
 * Scope and audit as for contacts: every read of a person's name and every change is
 * audited on their record; a CV never carries clinical detail or the NHS number. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "core/betteroff.h"
#include "core/validate.h"
#include "util/arena.h"

/* The first line of text, cut to at most max bytes on a character boundary, with "…"
 * when anything was left out: a timeline line, not the whole note. */
static const char *first_line(struct arena *a, const char *s, size_t max)
{
	size_t n = strcspn(s, "\n");
	bool cut = s[n] != 0;
	if (n > max) {
		n = max;
		while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
			n--;
		cut = true;
	}
	return arena_printf(a, "%.*s%s", (int)n, s, cut ? "…" : "");
}

/* ---- benefits advice ------------------------------------------------------------------------ */

struct result app_benefits_advice_add(struct app *app, const struct actor *who, int64_t client_id,
				      const struct benefits_advice_form *in)
{
	struct result r = result_new(app->arena);
	struct client c;
	if (!client_editable(app, who, client_id, &c, &r))
		return r;
	struct benefits_advice b = {.client_id = client_id, .staff_id = who->staff_id};
	const char *why;
	b.date = validate_past_date(app, &r, "date", in->date, "date the advice was given", true);
	b.covered = nz(in->covered);
	if (!b.covered)
		result_field(&r, "covered", "Enter what the advice covered");
	else if (!valid_text(b.covered, 8000, true, &why))
		result_field(&r, "covered", why);
	b.follow_up = nz(in->follow_up);
	if (b.follow_up && !valid_text(b.follow_up, 2000, true, &why))
		result_field(&r, "follow_up", why);
	if (!who->staff_id)
		result_set(&r, RES_REFUSED, NULL);
	if (!result_ok(&r))
		return r;

	int64_t id = 0;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_benefits_advice_insert(app->store, &b, app->now_iso, &id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "benefits_advice.create", "client", client_id,
			       b.follow_up ? "date,covered,follow_up" : "date,covered");
	if (rc == IPS_OK)
		rc = timeline(app, who, client_id, 0, b.date, "benefits",
			      arena_printf(app->arena, "Benefits advice: %s", first_line(app->arena, b.covered, 160)));
	r.id = id;
	return finish(app, rc, r);
}

struct result app_benefits_advice_of_client(struct app *app, const struct actor *who, int64_t client_id,
					    struct benefits_advice **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct result r = client_readable(app, who, client_id);
	if (result_ok(&r) && store_benefits_advice_of_client(app->store, app->arena, client_id, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The benefits advice could not be read");
	return r;
}

bool app_benefits_advised_by(const struct benefits_advice *advice, size_t n, const char *day)
{
	for (size_t i = 0; day && i < n; i++)
		if (advice[i].date && strcmp(advice[i].date, day) <= 0)
			return true;
	return false;
}

/* ---- the rates -------------------------------------------------------------------------------- */

struct result app_benefit_rates_list(struct app *app, const struct actor *who, struct bo_rates **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (store_benefit_rates_list(app->store, app->arena, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The benefit rates could not be read");
	return r;
}

bool app_benefit_rates_stale(struct app *app, const struct bo_rates *rows, size_t n)
{
	day_t newest = 0, newest_seen = 0;
	bool any = false;
	for (size_t i = 0; i < n; i++)
		if (date_parse(rows[i].applies_from, &newest_seen) && (!any || newest_seen > newest)) {
			newest = newest_seen;
			any = true;
		}
	if (!any)
		return true;
	int y, m, d;
	date_to_ymd(newest, &y, &m, &d);
	day_t year_on = date_from_ymd(y + 1, m, m == 2 && d == 29 ? 28 : d);
	return app->today > year_on;
}

/* Pounds and pence as typed ("411", "12,570.00", "£195.50") into pence, within max. */
static bool money_field(struct result *r, const char *field, const char *text, const char *label, int64_t max,
			bool zero_ok, int64_t *out)
{
	const char *why;
	if (!nz(text)) {
		result_field(r, field, arena_printf(r->arena, "Enter the %s", label));
		return false;
	}
	char clean[32];
	size_t o = 0;
	const char *p = text;
	if (strncmp(p, "£", strlen("£")) == 0)
		p += strlen("£");
	for (; *p && o + 1 < sizeof clean; p++)
		if (*p != ',')
			clean[o++] = *p;
	clean[o] = 0;
	if (*p || !parse_hundredths(clean, out, &why)) {
		result_field(r, field, arena_printf(r->arena, "Enter the %s in pounds and pence, like 411 or 195.50",
						    label));
		return false;
	}
	if (*out > max || (!zero_ok && *out == 0)) {
		char m[24];
		format_pence(max, m);
		result_field(r, field, zero_ok ? arena_printf(r->arena, "The %s must be no more than £%s", label, m)
					       : arena_printf(r->arena, "The %s must be more than £0 and no more than £%s",
							      label, m));
		return false;
	}
	return true;
}

/* A percentage ("55", "13.25") into hundredths of a percent, 0 to 100. */
static bool percent_field(struct result *r, const char *field, const char *text, const char *label, int64_t *out)
{
	const char *why;
	if (!nz(text))
		result_field(r, field, arena_printf(r->arena, "Enter the %s", label));
	else if (!parse_hundredths(text[strlen(text) - 1] == '%' ? arena_strndup(r->arena, text, strlen(text) - 1)
								 : text, out, &why) || *out > 10000)
		result_field(r, field, arena_printf(r->arena, "Enter the %s as a percentage from 0 to 100, like 55 "
						    "or 13.25", label));
	else
		return true;
	return false;
}

struct result app_benefit_rates_add(struct app *app, const struct actor *who, const struct benefit_rates_form *in)
{
	struct result r = result_new(app->arena);
	if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	struct bo_rates b = {0};
	day_t day;
	const char *why;
	if (!nz(in->applies_from))
		result_field(&r, "applies_from", "Enter the date the rates apply from");
	else if (!date_parse(in->applies_from, &day))
		result_field(&r, "applies_from", "The date the rates apply from must be a real date");
	else
		b.applies_from = in->applies_from;
	b.source = nz(in->source);
	if (!b.source)
		result_field(&r, "source", "Enter where the rates come from: the titles and addresses of the GOV.UK pages");
	else if (!valid_text(b.source, 2000, true, &why))
		result_field(&r, "source", why);
	percent_field(&r, "uc_taper", in->uc_taper, "Universal Credit taper rate", &b.uc_taper_bp);
	money_field(&r, "uc_wa_housing", in->uc_wa_housing, "work allowance with housing costs", 1000000, true,
		    &b.uc_wa_housing);
	money_field(&r, "uc_wa_no_housing", in->uc_wa_no_housing, "work allowance without housing costs", 1000000,
		    true, &b.uc_wa_no_housing);
	money_field(&r, "esa_weekly_limit", in->esa_weekly_limit, "permitted work earnings limit", 100000, false,
		    &b.esa_weekly_limit);
	if (!nz(in->esa_hours_limit))
		result_field(&r, "esa_hours_limit", "Enter the permitted work hours limit");
	else if (!parse_hundredths(in->esa_hours_limit, &b.esa_hours_limit, &why) || b.esa_hours_limit == 0 ||
		 b.esa_hours_limit > 16800)
		result_field(&r, "esa_hours_limit", "Enter the permitted work hours limit as a number of hours a week, "
						    "like 16");
	money_field(&r, "tax_allowance", in->tax_allowance, "personal allowance", 100000000, true, &b.tax_allowance);
	percent_field(&r, "tax_rate", in->tax_rate, "basic rate of Income Tax", &b.tax_rate_bp);
	money_field(&r, "ni_threshold", in->ni_threshold, "National Insurance primary threshold", 100000000, true,
		    &b.ni_threshold);
	percent_field(&r, "ni_rate", in->ni_rate, "employee National Insurance rate", &b.ni_rate_bp);
	if (!result_ok(&r))
		return r;

	int64_t id = 0;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_benefit_rates_insert(app->store, &b, who->staff_id, app->now_iso, &id);
	if (rc == IPS_EDUPLICATE) {
		store_rollback(app->store);
		result_field(&r, "applies_from", "Rates already start on this date: choose another date");
		return r;
	}
	if (rc == IPS_OK)
		rc = app_audit(app, who, "benefit_rates.create", "benefit_rates", id,
			       "applies_from,source,uc_taper_bp,uc_wa_housing_monthly,uc_wa_no_housing_monthly,"
			       "esa_pw_weekly_limit,esa_pw_hours_limit,tax_personal_allowance,tax_basic_rate_bp,"
			       "ni_primary_threshold,ni_rate_bp");
	r.id = id;
	return finish(app, rc, r);
}

/* ---- the better-off-in-work calculation --------------------------------------------------------- */

static bool yes_no(struct result *r, const char *field, const char *text, const char *message, bool *out)
{
	if (nz(text) && strcmp(text, "yes") == 0)
		*out = true;
	else if (nz(text) && strcmp(text, "no") == 0)
		*out = false;
	else {
		result_field(r, field, message);
		return false;
	}
	return true;
}

struct result app_better_off(struct app *app, const struct actor *who, int64_t client_id,
			     const struct betteroff_form *in, struct betteroff_view *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!client_editable(app, who, client_id, &out->client, &r))
		return r;

	/* a suggestion from the newest job that has pay recorded */
	struct job_row *jobs;
	size_t njobs;
	if (store_jobs_of_client(app->store, app->arena, client_id, &jobs, &njobs) == IPS_OK)
		for (size_t i = 0; i < njobs && !out->suggest_hourly; i++)
			if (jobs[i].job.hourly_wage >= 0) {
				char s[24];
				format_pence(jobs[i].job.hourly_wage, s);
				out->suggest_hourly = arena_strdup(app->arena, s);
				format_hundredths(jobs[i].job.hours_per_week, s);
				out->suggest_hours = arena_strdup(app->arena, s);
			}

	struct bo_rates *rows;
	size_t nrows;
	if (store_benefit_rates_list(app->store, app->arena, &rows, &nrows) != IPS_OK) {
		result_set(&r, RES_FAILED, "The benefit rates could not be read");
		return r;
	}
	int k = bo_rates_in_force(rows, nrows, app->today_iso);
	out->have_rates = k >= 0;
	if (k >= 0)
		out->rates = rows[k];
	out->rates_stale = app_benefit_rates_stale(app, rows, nrows);

	if (in) {
		struct bo_situation s = {0};
		int64_t v;
		if (money_field(&r, "hourly_pay", in->hourly_pay, "hourly pay", BO_MAX_HOURLY, false, &v))
			s.hourly_pay = v;
		const char *why;
		if (!nz(in->hours))
			result_field(&r, "hours", "Enter the hours a week");
		else if (!parse_hundredths(in->hours, &v, &why))
			result_field(&r, "hours", "Enter the hours a week as a number, like 16 or 7.5");
		else if (v == 0 || v > BO_MAX_HOURS)
			result_field(&r, "hours", "Hours a week must be more than 0 and no more than 80");
		else
			s.hours = v;
		if (!nz(in->uc_award))
			s.uc_award = 0;   /* not on Universal Credit */
		else if (money_field(&r, "uc_award", in->uc_award, "Universal Credit award", BO_MAX_MONTHLY, true, &v))
			s.uc_award = v;
		if (s.uc_award > 0) {
			yes_no(&r, "housing_costs", in->housing_costs,
			       "Choose yes if the Universal Credit award includes housing costs", &s.housing_costs);
			yes_no(&r, "work_allowance", in->work_allowance,
			       "Choose yes if the person has a child or limited capability for work", &s.work_allowance);
		}
		if (yes_no(&r, "on_esa", in->on_esa, "Choose yes if the person gets Employment and Support Allowance",
			   &s.on_esa) && s.on_esa &&
		    money_field(&r, "esa_weekly", in->esa_weekly, "ESA a week", BO_MAX_WEEKLY, false, &v))
			s.esa_weekly = v;
		if (!out->have_rates)
			result_field(&r, "hourly_pay", "There are no benefit rates for today's date: ask an administrator "
						       "to add them");
		if (result_ok(&r)) {
			out->in = s;
			bo_calculate(&out->rates, &s, &out->out);
			out->calculated = true;
		}
	}
	r.id = client_id;
	return audit_read(app, who, "betteroff.view", "client", client_id, "", r);
}

/* ---- the CV ------------------------------------------------------------------------------------- */

/* "March 2026" for an ISO date. */
static const char *month_year(struct arena *a, const char *iso)
{
	day_t d;
	char s[32];
	if (!iso || !date_parse(iso, &d))
		return iso;
	date_long(d, s, sizeof s);
	const char *sp = strchr(s, ' ');
	return arena_strdup(a, sp ? sp + 1 : s);
}

/* A draft CV from the vocational profile and the jobs recorded: the specialist and the
 * person edit it before it is printed. Support needs and disclosure stay out. */
static void cv_draft(struct app *app, int64_t client_id, struct cv *cv)
{
	memset(cv, 0, sizeof *cv);
	cv->client_id = client_id;
	struct profile p;
	bool have_profile = store_profile_get(app->store, app->arena, client_id, &p) == IPS_OK;
	struct buf b = BUF_INIT;
	if (have_profile && p.career_goals)
		buf_adds(&b, p.career_goals);
	if (have_profile && p.job_types) {
		if (b.len)
			buf_adds(&b, "\n\n");
		buf_adds(&b, "Kinds of work I am looking for: ");
		buf_adds(&b, p.job_types);
	}
	cv->statement = b.len ? arena_strdup(app->arena, buf_str(&b)) : NULL;
	buf_free(&b);
	cv->skills = have_profile ? p.strengths : NULL;

	struct job_row *jobs;
	size_t n = 0;
	struct buf w = BUF_INIT;
	if (store_jobs_of_client(app->store, app->arena, client_id, &jobs, &n) == IPS_OK)
		for (size_t i = 0; i < n; i++) {
			const struct job *j = &jobs[i].job;
			char hours[24];
			format_hundredths(j->hours_per_week, hours);
			if (w.len)
				buf_adds(&w, "\n\n");
			buf_printf(&w, "%s%s%s\n%s to %s, %s hours a week", j->title, jobs[i].employer_name ? ", " : "",
				   jobs[i].employer_name ? jobs[i].employer_name : "", month_year(app->arena, j->started_on),
				   j->ended_on ? month_year(app->arena, j->ended_on) : "now", hours);
		}
	if (have_profile && p.work_history) {
		if (w.len)
			buf_adds(&w, "\n\n");
		buf_adds(&w, p.work_history);
	}
	cv->work_history = w.len ? arena_strdup(app->arena, buf_str(&w)) : NULL;
	buf_free(&w);
	cv->references_note = "References are available on request.";
}

struct result app_cv_get(struct app *app, const struct actor *who, int64_t client_id, bool print,
			 struct cv_view *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!client_editable(app, who, client_id, &out->client, &r))
		return r;
	int rc = store_cv_get(app->store, app->arena, client_id, &out->cv);
	if (rc == IPS_ENOTFOUND)
		cv_draft(app, client_id, &out->cv);
	else if (rc != IPS_OK) {
		result_set(&r, RES_FAILED, "The CV could not be read");
		return r;
	}
	out->saved = rc == IPS_OK;
	r.id = client_id;
	return audit_read(app, who, print ? "cv.print" : "cv.view", "client", client_id, "", r);
}

static const char *cv_text(struct result *r, const char *field, const char *value, int max)
{
	const char *why;
	const char *v = nz(value);
	if (v && !valid_text(v, max, true, &why)) {
		result_field(r, field, why);
		return NULL;
	}
	return v;
}

struct result app_cv_save(struct app *app, const struct actor *who, int64_t client_id, const struct cv_form *in)
{
	struct result r = result_new(app->arena);
	struct client c;
	if (!client_editable(app, who, client_id, &c, &r))
		return r;
	struct cv cv = {.client_id = client_id};
	cv.statement = cv_text(&r, "statement", in->statement, 4000);
	cv.skills = cv_text(&r, "skills", in->skills, 4000);
	cv.work_history = cv_text(&r, "work_history", in->work_history, 8000);
	cv.education = cv_text(&r, "education", in->education, 4000);
	cv.interests = cv_text(&r, "interests", in->interests, 2000);
	cv.references_note = cv_text(&r, "references_note", in->references_note, 1000);
	if (result_ok(&r) && !cv.statement && !cv.skills && !cv.work_history && !cv.education && !cv.interests)
		result_field(&r, "statement", "Write at least a personal statement, skills or work history");
	if (!result_ok(&r))
		return r;

	struct cv before = {0};
	int rc = store_cv_get(app->store, app->arena, client_id, &before);
	if (rc != IPS_OK && rc != IPS_ENOTFOUND) {
		result_set(&r, RES_FAILED, "The CV could not be read");
		return r;
	}
	bool first = rc == IPS_ENOTFOUND;
	struct buf changed = BUF_INIT;
	changed_field(&changed, "statement", before.statement, cv.statement);
	changed_field(&changed, "skills", before.skills, cv.skills);
	changed_field(&changed, "work_history", before.work_history, cv.work_history);
	changed_field(&changed, "education", before.education, cv.education);
	changed_field(&changed, "interests", before.interests, cv.interests);
	changed_field(&changed, "references_note", before.references_note, cv.references_note);
	const char *fields = arena_strdup(app->arena, buf_str(&changed));
	buf_free(&changed);
	r.id = client_id;
	if (!*fields && !first)
		return r;   /* nothing changed: nothing to write */
	rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_cv_put(app->store, &cv, who->staff_id, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "cv.update", "client", client_id, fields);
	if (rc == IPS_OK)
		rc = timeline(app, who, client_id, 0, NULL, "cv", first ? "CV written" : "CV updated");
	return finish(app, rc, r);
}
