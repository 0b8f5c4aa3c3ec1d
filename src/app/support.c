/* app/support.c — the in-work support schedule kept for each job: made when a job start
 * is saved, met by the contacts recorded after it, cut short when the job ends (all
 * inside the caller's transaction); the due and overdue lists; and a specialist's week
 * of employer visits for the dashboard. The rules are core/support.c's; this file only
 * loads, applies and stores them, and audits what changed (field names only). */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "app/support.h"
#include "core/support.h"
#include "util/arena.h"

/* A person's schedule loaded for change: jobs (only_job: just that one) and items. */
struct loaded {
	struct support_job *jobs;
	size_t njobs;
	struct support_item *items;
	struct support_set set;
};

static const char *iso_of(struct app *app, day_t d)
{
	char *s = arena_alloc(app->arena, 11);
	date_iso(d, s);
	return s;
}

static int support_load(struct app *app, int64_t client_id, int64_t only_job, struct loaded *L)
{
	memset(L, 0, sizeof *L);
	struct job_row *jobs;
	size_t njobs;
	struct support_row *rows;
	size_t nrows;
	int rc = store_jobs_of_client(app->store, app->arena, client_id, &jobs, &njobs);
	if (rc == IPS_OK)
		rc = store_support_of_client(app->store, app->arena, client_id, &rows, &nrows);
	if (rc != IPS_OK)
		return rc;
	L->jobs = arena_alloc(app->arena, (njobs + 1) * sizeof *L->jobs);
	for (size_t i = 0; i < njobs; i++) {
		const struct job *j = &jobs[i].job;
		if (only_job && j->id != only_job)
			continue;
		struct support_job *sj = &L->jobs[L->njobs];
		*sj = (struct support_job){.id = j->id};
		if (!date_parse(j->started_on, &sj->started))
			continue;
		sj->has_end = j->ended_on && date_parse(j->ended_on, &sj->ended);
		L->njobs++;
	}
	/* room for every item the schedule can add: each job's first items and weekly ones,
	 * and a monthly one for every month from its start to today (a job recorded long
	 * after it started is met by contacts month by month as far back as it goes) */
	size_t cap = nrows + 8;
	for (size_t i = 0; i < L->njobs; i++) {
		day_t since = app->today > L->jobs[i].started ? app->today - L->jobs[i].started : 0;
		cap += SUPPORT_START_ITEMS + 4 + (size_t)(since / 28) + 2;
	}
	L->items = arena_alloc(app->arena, cap * sizeof *L->items);
	size_t n = 0;
	for (size_t i = 0; i < nrows; i++) {
		const struct support_row *r = &rows[i];
		if (only_job && r->job_id != only_job)
			continue;
		struct support_item *it = &L->items[n];
		*it = (struct support_item){.id = r->id, .job_id = r->job_id, .seq = r->seq, .contact_id = r->contact_id};
		if (!support_kind_parse(r->kind, &it->kind) || !support_status_parse(r->status, &it->status) ||
		    !date_parse(r->window_from, &it->from) || !date_parse(r->window_to, &it->to))
			return IPS_EINVAL;
		n++;
	}
	L->set = (struct support_set){.jobs = L->jobs, .njobs = L->njobs, .items = L->items, .n = n, .cap = cap};
	return IPS_OK;
}

/* Writes back every item the schedule changed or made, each with its audit entry. */
static int support_save(struct app *app, const struct actor *who, struct loaded *L)
{
	int rc = IPS_OK;
	for (size_t i = 0; i < L->set.n && rc == IPS_OK; i++) {
		struct support_item *it = &L->items[i];
		if (!it->dirty)
			continue;
		const char *status = support_status_code(it->status);
		if (it->id == 0) {
			struct support_row row = {.job_id = it->job_id, .kind = support_kind_code(it->kind), .seq = it->seq,
						  .window_from = iso_of(app, it->from), .window_to = iso_of(app, it->to),
						  .status = status, .contact_id = it->status == SS_MET ? it->contact_id : 0};
			rc = store_support_insert(app->store, &row, app->now_iso, &it->id);
			if (rc == IPS_OK)
				rc = app_audit(app, who, "support_item.create", "support_item", it->id,
					       row.contact_id ? "job_id,kind,window_from,window_to,status,contact_id"
							      : "job_id,kind,window_from,window_to,status");
		} else {
			int64_t contact = it->status == SS_MET ? it->contact_id : 0;
			rc = store_support_set_status(app->store, it->id, status, contact, app->now_iso);
			if (rc == IPS_OK)
				rc = app_audit(app, who, "support_item.update", "support_item", it->id,
					       contact ? "status,contact_id" : "status");
		}
		it->dirty = false;
	}
	return rc;
}

int support_job_started(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id)
{
	struct loaded L;
	int rc = support_load(app, client_id, job_id, &L);
	if (rc != IPS_OK)
		return rc;
	if (L.njobs != 1 || !support_begin(&L.set, job_id))
		return IPS_EINVAL;
	/* contacts recorded before the job was: they meet the windows they fall in */
	struct contact *ks;
	size_t nk;
	rc = store_support_contacts(app->store, app->arena, client_id, &ks, &nk);
	if (rc != IPS_OK)
		return rc;
	for (size_t i = 0; i < nk; i++) {
		struct support_contact c = {.id = ks[i].id, .with_person = strcmp(ks[i].with, "client") == 0,
					    .face_to_face = strcmp(ks[i].mode, "face_to_face") == 0};
		if (!date_parse(ks[i].date, &c.date) || c.date < L.jobs[0].started - 7)
			continue;
		if (support_meet(&L.set, &c, app->today) == -2)
			return IPS_EINVAL;
	}
	if (!support_settle(&L.set, app->today))
		return IPS_EINVAL;
	if (L.jobs[0].has_end && !support_end(&L.set, job_id, L.jobs[0].ended, app->today))
		return IPS_EINVAL;
	return support_save(app, who, &L);
}

int support_job_ended(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id,
		      const char *ended_on)
{
	struct loaded L;
	int rc = support_load(app, client_id, job_id, &L);
	if (rc != IPS_OK)
		return rc;
	day_t ended;
	if (L.njobs != 1 || !date_parse(ended_on, &ended))
		return IPS_EINVAL;
	L.jobs[0].has_end = true;
	L.jobs[0].ended = ended;
	if (!support_end(&L.set, job_id, ended, app->today))
		return IPS_EINVAL;
	return support_save(app, who, &L);
}

int support_contact_recorded(struct app *app, const struct actor *who, int64_t client_id,
			     const struct contact *k, bool on_behalf)
{
	if (!support_contact_counts(k->with, k->mode, k->attended, on_behalf))
		return IPS_OK;
	struct loaded L;
	int rc = support_load(app, client_id, 0, &L);
	if (rc != IPS_OK)
		return rc;
	if (L.set.n == 0)
		return IPS_OK;   /* no job, no schedule */
	struct support_contact c = {.id = k->id, .with_person = strcmp(k->with, "client") == 0,
				    .face_to_face = strcmp(k->mode, "face_to_face") == 0};
	if (!date_parse(k->date, &c.date))
		return IPS_EINVAL;
	if (support_meet(&L.set, &c, app->today) == -2)
		return IPS_EINVAL;
	return support_save(app, who, &L);
}

/* ---- reading ----------------------------------------------------------------------------- */

struct result app_support_of_client(struct app *app, const struct actor *who, int64_t client_id,
				    struct support_row **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct result r = client_readable(app, who, client_id);
	if (result_ok(&r) && store_support_of_client(app->store, app->arena, client_id, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The in-work support could not be read");
	return r;
}

struct result app_support_due(struct app *app, const struct actor *who, int64_t specialist_id,
			      struct support_row **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER)) || !who->site_id) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (who->role & ROLE_SPECIALIST) {
		if (specialist_id && specialist_id != who->staff_id) {
			result_set(&r, RES_REFUSED, NULL);
			return r;
		}
		specialist_id = who->staff_id;
	} else if (specialist_id) {
		struct staff sf;
		if (store_staff_get(app->store, app->arena, specialist_id, &sf) != IPS_OK ||
		    strcmp(sf.role, "specialist") != 0 || !scope_site(who, sf.site_id)) {
			result_set(&r, RES_NOT_FOUND, NULL);
			return r;
		}
	}
	if (store_support_due(app->store, app->arena, who->site_id, specialist_id, app->today_iso, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The in-work support could not be read");
		return r;
	}
	return audit_read(app, who, "support.due.view", "staff", specialist_id, "", r);
}

struct result app_employer_visits(struct app *app, const struct actor *who, struct employer_visits *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	out->target = EMPLOYER_VISIT_TARGET;
	if (!(who->role & ROLE_SPECIALIST) || !who->staff_id) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	day_t monday = app->today - date_weekday(app->today);
	day_t first = monday - 7 * (EMPLOYER_VISIT_WEEKS - 1);
	int days[7 * EMPLOYER_VISIT_WEEKS];
	if (store_employer_visits_by_day(app->store, who->staff_id, iso_of(app, first), iso_of(app, monday + 6), days,
					 7 * EMPLOYER_VISIT_WEEKS) != IPS_OK) {
		result_set(&r, RES_FAILED, "The employer contacts could not be read");
		return r;
	}
	for (int w = 0; w < EMPLOYER_VISIT_WEEKS; w++) {
		out->monday[w] = monday - 7 * w;
		int base = 7 * (EMPLOYER_VISIT_WEEKS - 1 - w);
		for (int d = 0; d < 7; d++)
			out->count[w] += days[base + d];
	}
	return r;
}
