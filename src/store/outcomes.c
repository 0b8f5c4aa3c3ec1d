/* store/outcomes.c — gathers what core/outcomes.c needs for the report of
 * spec/outcomes.md: the referrals of the scope's people with their scope flags and first
 * contacts, their jobs, and the contact figures from the tallies that 011_contact_tallies
 * keeps as contacts are written. No formula lives here. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "core/breakdowns.h"
#include "util/arena.h"

/* The scope test of a staff member: ?3 site code, ?4 team code, ?5 specialist code (at
 * most one set), against their team t, its site s and the staff member f. */
#define IN_SCOPE(t, s, f) \
	"(CASE WHEN ?3 IS NOT NULL THEN " s ".code = ?3 WHEN ?4 IS NOT NULL THEN " t ".code = ?4 " \
	"WHEN ?5 IS NOT NULL THEN coalesce(" f ".code = ?5, 0) ELSE 1 END)"

static void bind_scope(sqlite3_stmt *st, const struct report_scope *sc)
{
	db_bind_text(st, 3, sc->site_code);
	db_bind_text(st, 4, sc->team_code);
	db_bind_text(st, 5, sc->specialist_code);
}

static day_t day_or_none(sqlite3_stmt *st, int i)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	day_t d;
	return s && date_parse(s, &d) ? d : OC_NO_DAY;
}

/* day_or_none remembering the last text it parsed: a report reads four dates of each of
 * a million referrals, and dates repeat (a few hundred a year). */
struct day_memo {
	char text[11];
	day_t day;
};

static day_t day_memo(sqlite3_stmt *st, int i, struct day_memo *m)
{
	const char *s = (const char *)sqlite3_column_text(st, i);
	if (!s)
		return OC_NO_DAY;
	if (strncmp(s, m->text, sizeof m->text) != 0) {
		if (!date_parse(s, &m->day))
			return OC_NO_DAY;   /* not remembered: m still holds the last good date */
		memcpy(m->text, s, sizeof m->text - 1);   /* date_parse took exactly 10 bytes */
		m->text[sizeof m->text - 1] = 0;
	}
	return m->day;
}

enum scope_kind { SCOPE_ALL, SCOPE_SITE, SCOPE_TEAM, SCOPE_SPECIALIST };

static enum scope_kind scope_kind(const struct report_scope *sc, const char **code)
{
	*code = sc->site_code ? sc->site_code : sc->team_code ? sc->team_code : sc->specialist_code;
	return sc->site_code ? SCOPE_SITE : sc->team_code ? SCOPE_TEAM : sc->specialist_code ? SCOPE_SPECIALIST : SCOPE_ALL;
}

/* A narrower scope reads only the referrals of the people with a referral in it (?1 the
 * code): the figures need those people's other referrals and jobs too (worked counts a
 * job on any referral; people_into_work a person's first job over all of them), but
 * nobody else's. The whole service reads every referral, in id order as stored. Neither
 * asks SQLite to sort: its sorter cost a third of reading a site's referrals, and
 * store_outcome_records puts them in id order itself (nothing to do for the whole
 * service). */
#define REF_COLS \
	"r.id, r.client_id, r.received_on, r.closed_on, r.first_direct_on, r.first_employer_on, r.source, " \
	"r.employment_status <> '01', coalesce(r.close_reason NOT IN ('person_choice', 'moved_away'), 0), " \
	"r.specialist_id, r.team_id"
#define ATTR_COLS ", c.birth_date, c.gender, c.ethnic_category"
#define ATTR_JOIN " LEFT JOIN client c ON c.id = r.client_id"
#define PEOPLE_OF(cond) " WHERE r.client_id IN (SELECT x.client_id FROM referral x WHERE " cond ")"
#define OF_SITE "x.team_id IN (SELECT t.id FROM team t JOIN site si ON si.id = t.site_id WHERE si.code = ?1)"
#define OF_TEAM "x.team_id = (SELECT id FROM team WHERE code = ?1)"
#define OF_SPECIALIST "x.specialist_id = (SELECT id FROM staff WHERE code = ?1)"
#define REFS(where) "SELECT " REF_COLS " FROM referral r" where
#define REFS_ATTRS(where) "SELECT " REF_COLS ATTR_COLS " FROM referral r" ATTR_JOIN where
#define JOB_COLS "SELECT referral_id, ref, started_on, ended_on, hours_per_week, competitive, job_type, employer_id FROM job"
#define JOBS(where) JOB_COLS " WHERE referral_id IN (SELECT r.id FROM referral r" where ")"

static const char *const REFERRAL_SQL[4][2] = {
	[SCOPE_ALL] = {REFS(""), REFS_ATTRS("")},
	[SCOPE_SITE] = {REFS(PEOPLE_OF(OF_SITE)), REFS_ATTRS(PEOPLE_OF(OF_SITE))},
	[SCOPE_TEAM] = {REFS(PEOPLE_OF(OF_TEAM)), REFS_ATTRS(PEOPLE_OF(OF_TEAM))},
	[SCOPE_SPECIALIST] = {REFS(PEOPLE_OF(OF_SPECIALIST)), REFS_ATTRS(PEOPLE_OF(OF_SPECIALIST))},
};
static const char *const JOB_SQL[4] = {
	[SCOPE_ALL] = JOB_COLS,
	[SCOPE_SITE] = JOBS(PEOPLE_OF(OF_SITE)),
	[SCOPE_TEAM] = JOBS(PEOPLE_OF(OF_TEAM)),
	[SCOPE_SPECIALIST] = JOBS(PEOPLE_OF(OF_SPECIALIST)),
};

/* Which referrals are in scope, decided in C from their team and specialist: the ids of
 * the scope's teams (a site's few), or its specialist. */
struct scope_ids {
	enum scope_kind kind;
	int64_t *teams;
	size_t nteams;
	int64_t specialist;
};

static int scope_ids(struct store *s, struct arena *a, const struct report_scope *sc, struct scope_ids *out)
{
	const char *code;
	memset(out, 0, sizeof *out);
	out->kind = scope_kind(sc, &code);
	if (out->kind == SCOPE_ALL)
		return IPS_OK;
	sqlite3_stmt *st = db_stmt(s, out->kind == SCOPE_SPECIALIST
					      ? "SELECT id FROM staff WHERE code = ?1"
					      : "SELECT t.id FROM team t JOIN site si ON si.id = t.site_id "
						"WHERE (?2 = 1 AND si.code = ?1) OR (?2 = 2 AND t.code = ?1)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, code);
	if (out->kind != SCOPE_SPECIALIST)
		sqlite3_bind_int(st, 2, out->kind);
	int rc;
	size_t cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (out->kind == SCOPE_SPECIALIST) {
			out->specialist = sqlite3_column_int64(st, 0);
		} else {
			int64_t *t = db_push(a, (void **)&out->teams, &out->nteams, &cap, sizeof *out->teams);
			*t = sqlite3_column_int64(st, 0);
		}
	}
	return db_finish(s, st, rc);
}

static bool ref_in_scope(const struct scope_ids *ids, int64_t team_id, int64_t specialist_id)
{
	switch (ids->kind) {
	case SCOPE_ALL:
		return true;
	case SCOPE_SPECIALIST:
		return specialist_id != 0 && specialist_id == ids->specialist;
	default:
		for (size_t i = 0; i < ids->nteams; i++)
			if (ids->teams[i] == team_id)
				return true;
		return false;
	}
}

static int cmp_referral_id(const void *x, const void *y)
{
	const struct oc_referral *a = x, *b = y;
	return (a->id > b->id) - (a->id < b->id);
}

static int cmp_attrs_id(const void *x, const void *y)
{
	const struct bd_attrs *a = x, *b = y;
	return (a->referral_id > b->referral_id) - (a->referral_id < b->referral_id);
}

int store_outcome_records(struct store *s, struct arena *a, const struct report_scope *sc, struct oc_input *out,
			  struct bd_attrs **attrs)
{
	int rc;
	const char *code;
	struct scope_ids ids;
	if ((rc = scope_ids(s, a, sc, &ids)) != IPS_OK)
		return rc;
	enum scope_kind kind = scope_kind(sc, &code);
	sqlite3_stmt *st = db_stmt(s, REFERRAL_SQL[kind][attrs != NULL]);
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, code);
	struct oc_referral *refs = NULL;
	struct bd_attrs *bd = NULL;
	size_t nrefs = 0, cap = 0, nbd = 0, bdcap = 0;
	struct day_memo memo[4] = {{"", 0}};
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct oc_referral *r = db_push(a, (void **)&refs, &nrefs, &cap, sizeof *refs);
		r->id = sqlite3_column_int64(st, 0);
		r->client_id = sqlite3_column_int64(st, 1);
		r->received = day_memo(st, 2, &memo[0]);
		r->closed = day_memo(st, 3, &memo[1]);
		r->first_direct = day_memo(st, 4, &memo[2]);
		r->first_employer = day_memo(st, 5, &memo[3]);
		r->source = (int8_t)oc_source_index((const char *)sqlite3_column_text(st, 6));
		r->out_of_work = sqlite3_column_int(st, 7) != 0;
		r->closed_screening = sqlite3_column_int(st, 8) != 0;
		r->specialist_id = db_col_id(st, 9);
		int64_t team_id = db_col_id(st, 10);
		r->in_scope = ref_in_scope(&ids, team_id, r->specialist_id);
		if (attrs) {
			struct bd_attrs *x = db_push(a, (void **)&bd, &nbd, &bdcap, sizeof *bd);
			x->referral_id = r->id;
			x->birth = day_or_none(st, 11);
			x->gender = db_col_text(a, st, 12);
			x->ethnic = db_col_text(a, st, 13);
			x->team_id = team_id;
		}
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	bool sorted = true;
	for (size_t i = 1; sorted && i < nrefs; i++)
		sorted = refs[i - 1].id < refs[i].id;
	if (!sorted) {   /* each array by referral id: the two stay in the same order */
		qsort(refs, nrefs, sizeof *refs, cmp_referral_id);
		if (attrs)
			qsort(bd, nbd, sizeof *bd, cmp_attrs_id);
	}
	out->referrals = refs;
	out->nreferrals = nrefs;
	if (attrs)
		*attrs = bd;

	st = db_stmt(s, JOB_SQL[kind]);
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, code);
	struct oc_job *jobs = NULL;
	size_t njobs = 0;
	cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct oc_job *j = db_push(a, (void **)&jobs, &njobs, &cap, sizeof *jobs);
		j->referral_id = sqlite3_column_int64(st, 0);
		j->ref = db_col_text(a, st, 1);
		j->started = day_or_none(st, 2);
		j->ended = day_or_none(st, 3);
		j->hours = sqlite3_column_int64(st, 4);
		j->competitive = sqlite3_column_int(st, 5) != 0;
		j->job_type = db_col_text(a, st, 6);
		j->employer_id = db_col_id(st, 7);
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	oc_link_jobs(refs, nrefs, jobs, njobs);
	out->jobs = jobs;
	out->njobs = njobs;
	return IPS_OK;
}

/* A stretch of the span read at one grain of the tallies: whole months (by month) or
 * days. A month is read whole when it lies inside the span and no period boundary falls
 * inside it; the rest is read by day. */
struct stretch {
	day_t from, to;
	bool months;
};

static day_t next_month(day_t d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
}

static size_t stretches(struct arena *a, day_t from, day_t to, const day_t *bounds, size_t nbounds,
			struct stretch **out)
{
	struct stretch *v = NULL;
	size_t n = 0, cap = 0;
	int y, m, d;
	date_to_ymd(from, &y, &m, &d);
	for (day_t m0 = date_from_ymd(y, m, 1); m0 <= to;) {
		day_t m1 = next_month(m0);
		bool whole = m0 >= from && m1 - 1 <= to;
		for (size_t i = 0; whole && i < nbounds; i++)
			if (bounds[i] > m0 && bounds[i] < m1)
				whole = false;
		day_t s = m0 < from ? from : m0, e = m1 - 1 > to ? to : m1 - 1;
		if (n && v[n - 1].months == whole && v[n - 1].to + 1 == s) {
			v[n - 1].to = e;
		} else {
			struct stretch *o = db_push(a, (void **)&v, &n, &cap, sizeof *v);
			*o = (struct stretch){s, e, whole};
		}
		m0 = m1;
	}
	*out = v;
	return n;
}

/* The bounds of a stretch as the tallies key it: 'YYYY-MM-DD', or 'YYYY-MM'. */
static void bind_stretch(sqlite3_stmt *st, const struct stretch *x)
{
	char f[11], t[11];
	date_iso(x->from, f);
	date_iso(x->to, t);
	if (x->months)
		f[7] = t[7] = '\0';
	sqlite3_bind_text(st, 1, f, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 2, t, -1, SQLITE_TRANSIENT);
}

/* A tally's day or month key as a day (a month as its first day). */
static day_t key_day(sqlite3_stmt *st, int i)
{
	const char *k = (const char *)sqlite3_column_text(st, i);
	char buf[11];
	day_t d;
	if (k && strlen(k) == 7) {
		snprintf(buf, sizeof buf, "%s-01", k);
		k = buf;
	}
	return k && date_parse(k, &d) ? d : OC_NO_DAY;
}

/* Contacts with people by mode: a team's rows are read for each team in scope (the whole
 * service: every team), a specialist's from their own tally. CROSS JOIN keeps the teams
 * (or the specialist) outside, so each is a range of its tally's primary key, never a
 * scan of the tally. [specialist scope][by month] */
static const char *const MODE_SQL[2][2] = {
	{"SELECT m.day, m.mode, m.n FROM team t JOIN site si ON si.id = t.site_id CROSS JOIN tally_team_mode m "
	 "WHERE m.team_id = t.id AND m.day BETWEEN ?1 AND ?2 AND "
	 "CASE WHEN ?3 IS NOT NULL THEN si.code = ?3 WHEN ?4 IS NOT NULL THEN t.code = ?4 ELSE 1 END",
	 "SELECT m.month, m.mode, m.n FROM team t JOIN site si ON si.id = t.site_id "
	 "CROSS JOIN tally_team_mode_month m WHERE m.team_id = t.id AND m.month BETWEEN ?1 AND ?2 AND "
	 "CASE WHEN ?3 IS NOT NULL THEN si.code = ?3 WHEN ?4 IS NOT NULL THEN t.code = ?4 ELSE 1 END"},
	{"SELECT m.day, m.mode, m.n FROM staff f CROSS JOIN tally_specialist_mode m "
	 "WHERE f.code = ?5 AND m.specialist_id = f.id AND m.day BETWEEN ?1 AND ?2",
	 "SELECT m.month, m.mode, m.n FROM staff f CROSS JOIN tally_specialist_mode_month m "
	 "WHERE f.code = ?5 AND m.specialist_id = f.id AND m.month BETWEEN ?1 AND ?2"},
};

/* The staff measures: each specialist in scope (through their own team), with the days
 * (or whole months) they recorded any contact on. [by month] */
static const char *const STAFF_SQL[2] = {
	"SELECT f.id, f.fte, d.day, d.employer_f2f, d.minutes_all, d.minutes_community "
	"FROM staff f LEFT JOIN team t ON t.id = f.team_id LEFT JOIN site si ON si.id = t.site_id "
	"CROSS JOIN tally_staff_day d WHERE d.staff_id = f.id AND d.day BETWEEN ?1 AND ?2 "
	"AND f.role = 'specialist' AND " IN_SCOPE("t", "si", "f") " AND d.contacts > 0",
	"SELECT f.id, f.fte, d.month, d.employer_f2f, d.minutes_all, d.minutes_community "
	"FROM staff f LEFT JOIN team t ON t.id = f.team_id LEFT JOIN site si ON si.id = t.site_id "
	"CROSS JOIN tally_staff_month d WHERE d.staff_id = f.id AND d.month BETWEEN ?1 AND ?2 "
	"AND f.role = 'specialist' AND " IN_SCOPE("t", "si", "f") " AND d.contacts > 0",
};

static int cmp_staff_day(const void *x, const void *y)
{
	const struct oc_staff_day *a = x, *b = y;
	if (a->staff_id != b->staff_id)
		return a->staff_id < b->staff_id ? -1 : 1;
	return (a->day > b->day) - (a->day < b->day);
}

int store_outcome_contact_days(struct store *s, struct arena *a, const struct report_scope *sc, const char *from,
			       const char *to, const day_t *bounds, size_t nbounds, struct oc_contact_days *out)
{
	day_t f, t;
	memset(out, 0, sizeof *out);
	if (!date_parse(from, &f) || !date_parse(to, &t) || t < f)
		return IPS_EINVAL;
	const char *code;
	bool by_specialist = scope_kind(sc, &code) == SCOPE_SPECIALIST;
	struct stretch *parts;
	size_t nparts = stretches(a, f, t, bounds, nbounds, &parts);
	size_t ndays = (size_t)(t - f) + 1;
	int64_t *sum = arena_alloc(a, ndays * OC_NMODES * sizeof *sum);   /* by day (a month: its first) and mode */
	memset(sum, 0, ndays * OC_NMODES * sizeof *sum);
	struct oc_staff_day *days = NULL;
	day_t *months = NULL;
	size_t nstaff = 0, scap = 0, nmonths = 0, mcap = 0;
	int rc = IPS_OK;
	for (size_t p = 0; p < nparts && rc == IPS_OK; p++) {
		const struct stretch *x = &parts[p];
		for (day_t m0 = x->from; x->months && m0 <= x->to; m0 = next_month(m0))
			*(day_t *)db_push(a, (void **)&months, &nmonths, &mcap, sizeof *months) = m0;
		sqlite3_stmt *st = db_stmt(s, MODE_SQL[by_specialist][x->months]);
		if (!st)
			return IPS_EIO;
		bind_stretch(st, x);
		bind_scope(st, sc);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			day_t d = key_day(st, 0);
			int m = oc_mode_index((const char *)sqlite3_column_text(st, 1));
			if (d != OC_NO_DAY && d >= f && d <= t && m >= 0)
				sum[(size_t)(d - f) * OC_NMODES + (size_t)m] += sqlite3_column_int64(st, 2);
		}
		if ((rc = db_finish(s, st, rc)) != IPS_OK)
			return rc;
		if (!(st = db_stmt(s, STAFF_SQL[x->months])))
			return IPS_EIO;
		bind_stretch(st, x);
		bind_scope(st, sc);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			day_t d = key_day(st, 2);
			if (d == OC_NO_DAY)
				continue;
			struct oc_staff_day *o = db_push(a, (void **)&days, &nstaff, &scap, sizeof *days);
			*o = (struct oc_staff_day){sqlite3_column_int64(st, 0), sqlite3_column_int64(st, 1), d,
						   sqlite3_column_int64(st, 3), sqlite3_column_int64(st, 4),
						   sqlite3_column_int64(st, 5)};
		}
		rc = db_finish(s, st, rc);
	}
	if (rc != IPS_OK)
		return rc;
	struct oc_day_mode *modes = NULL;
	size_t nmodes = 0, cap = 0;
	for (size_t i = 0; i < ndays * OC_NMODES; i++)
		if (sum[i]) {
			struct oc_day_mode *o = db_push(a, (void **)&modes, &nmodes, &cap, sizeof *modes);
			*o = (struct oc_day_mode){f + (day_t)(i / OC_NMODES), (int8_t)(i % OC_NMODES), sum[i]};
		}
	if (nstaff)   /* qsort of NULL, even of 0 items, is undefined */
		qsort(days, nstaff, sizeof *days, cmp_staff_day);   /* by staff, then day */
	out->modes = modes;
	out->nmodes = nmodes;
	out->staff = days;
	out->nstaff = nstaff;
	out->months = months;
	out->nmonths = nmonths;
	return IPS_OK;
}
