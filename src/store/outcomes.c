/* store/outcomes.c — gathers what core/outcomes.c needs for the report of
 * spec/outcomes.md: every referral with its scope flag and first contacts, every job,
 * and the contact totals SQL counts best itself. No formula lives here. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

/* The scope test shared by the statements below: ?3 site code, ?4 team code, ?5
 * specialist code (at most one set), against team t, site s and the staff member f. */
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

int store_outcome_records(struct store *s, struct arena *a, const struct report_scope *sc, struct oc_input *out)
{
	int rc;
	sqlite3_stmt *st = db_stmt(s,
		"SELECT r.id, r.client_id, r.received_on, r.closed_on, r.first_direct_on, r.first_employer_on, "
		"r.source, r.employment_status <> '01', " IN_SCOPE("t", "si", "f") ", "
		"coalesce(r.close_reason NOT IN ('person_choice', 'moved_away'), 0), r.specialist_id "
		"FROM referral r JOIN team t ON t.id = r.team_id JOIN site si ON si.id = t.site_id "
		"LEFT JOIN staff f ON f.id = r.specialist_id ORDER BY r.id");
	if (!st)
		return IPS_EIO;
	bind_scope(st, sc);   /* ?1 and ?2 are unused here and stay null */
	struct oc_referral *refs = NULL;
	size_t nrefs = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct oc_referral *r = db_push(a, (void **)&refs, &nrefs, &cap, sizeof *refs);
		r->id = sqlite3_column_int64(st, 0);
		r->client_id = sqlite3_column_int64(st, 1);
		r->received = day_or_none(st, 2);
		r->closed = day_or_none(st, 3);
		r->first_direct = day_or_none(st, 4);
		r->first_employer = day_or_none(st, 5);
		r->source = (int8_t)oc_source_index((const char *)sqlite3_column_text(st, 6));
		r->out_of_work = sqlite3_column_int(st, 7) != 0;
		r->in_scope = sqlite3_column_int(st, 8) != 0;
		r->closed_screening = sqlite3_column_int(st, 9) != 0;
		r->specialist_id = db_col_id(st, 10);
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	out->referrals = refs;
	out->nreferrals = nrefs;

	st = db_stmt(s, "SELECT referral_id, ref, started_on, ended_on, hours_per_week, competitive, job_type, employer_id "
			"FROM job");
	if (!st)
		return IPS_EIO;
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
	out->jobs = jobs;
	out->njobs = njobs;
	return IPS_OK;
}

/* Whether referral id is in scope: refs are sorted by id. */
static bool referral_in_scope(const struct oc_referral *refs, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (refs[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && refs[lo].id == id && refs[lo].in_scope;
}

/* A specialist in staff scope, and their running sums for the day being read. */
struct staff_slot {
	int64_t id, fte;
	bool in_scope, touched;
	int64_t employer_f2f, minutes_all, minutes_community;
};

static struct staff_slot *staff_slot(struct staff_slot *v, size_t n, int64_t id)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (v[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < n && v[lo].id == id ? &v[lo] : NULL;
}

static int cmp_staff_day(const void *x, const void *y)
{
	const struct oc_staff_day *a = x, *b = y;
	if (a->staff_id != b->staff_id)
		return a->staff_id < b->staff_id ? -1 : 1;
	return (a->day > b->day) - (a->day < b->day);
}

/* The day's sums of every specialist who recorded a contact that day, as rows. */
static void staff_day_flush(struct arena *a, struct staff_slot *v, size_t n, day_t day, struct oc_staff_day **rows,
			    size_t *nrows, size_t *cap)
{
	for (size_t i = 0; i < n; i++) {
		if (!v[i].touched)
			continue;
		struct oc_staff_day *o = db_push(a, (void **)rows, nrows, cap, sizeof **rows);
		*o = (struct oc_staff_day){v[i].id, v[i].fte, day, v[i].employer_f2f, v[i].minutes_all,
					   v[i].minutes_community};
		v[i].touched = false;
		v[i].employer_f2f = v[i].minutes_all = v[i].minutes_community = 0;
	}
}

int store_outcome_contact_days(struct store *s, struct arena *a, const struct report_scope *sc,
			       const struct oc_referral *refs, size_t nrefs, const char *from, const char *to,
			       struct oc_contact_days *out)
{
	int rc;
	memset(out, 0, sizeof *out);
	/* the specialists, each with their scope (through their own team) */
	sqlite3_stmt *st = db_stmt(s,
		"SELECT f.id, f.fte, " IN_SCOPE("t", "si", "f") " FROM staff f LEFT JOIN team t ON t.id = f.team_id "
		"LEFT JOIN site si ON si.id = t.site_id WHERE f.role = 'specialist' ORDER BY f.id");
	if (!st)
		return IPS_EIO;
	bind_scope(st, sc);
	struct staff_slot *staff = NULL;
	size_t nstaff = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct staff_slot *o = db_push(a, (void **)&staff, &nstaff, &cap, sizeof *staff);
		memset(o, 0, sizeof *o);
		o->id = sqlite3_column_int64(st, 0);
		o->fte = sqlite3_column_int64(st, 1);
		o->in_scope = sqlite3_column_int(st, 2) != 0;
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;

	/* One pass over the contacts of the span in day order, read from the covering index
	 * contact_date alone: no join per contact. Attended contacts with the person count
	 * by mode when their referral is in scope; every contact of a specialist in scope
	 * counts towards the staff measures, whatever the referral. */
	st = db_stmt(s, "SELECT date, staff_id, referral_id, with_whom, mode, attended, place, minutes "
			"FROM contact INDEXED BY contact_date WHERE date BETWEEN ?1 AND ?2 ORDER BY date");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	/* whether a referral is in scope, by id: a byte per id when ids are dense (they are
	 * assigned in order), so the check per contact is one load instead of a binary
	 * search of every referral; otherwise that search */
	int64_t max_id = nrefs ? refs[nrefs - 1].id : 0;
	unsigned char *in_scope = NULL;
	if (max_id > 0 && (uint64_t)max_id <= 8 * (uint64_t)nrefs + 1000000) {
		in_scope = arena_alloc(a, (size_t)max_id + 1);
		memset(in_scope, 0, (size_t)max_id + 1);
		for (size_t i = 0; i < nrefs; i++)
			if (refs[i].id > 0)
				in_scope[refs[i].id] = refs[i].in_scope;
	}
	struct oc_day_mode *modes = NULL;
	size_t nmodes = 0, mcap = 0;
	struct oc_staff_day *days = NULL;
	size_t ndays = 0, dcap = 0;
	int64_t by_mode[OC_NMODES] = {0};
	char cur[11] = "";
	day_t day = OC_NO_DAY;
	for (;;) {
		rc = sqlite3_step(st);
		const char *date = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
		if (!date || strncmp(date, cur, 10) != 0) {
			/* a new day (or the end): the finished day's tallies become rows */
			for (int m = 0; m < OC_NMODES; m++)
				if (by_mode[m]) {
					struct oc_day_mode *o = db_push(a, (void **)&modes, &nmodes, &mcap, sizeof *modes);
					*o = (struct oc_day_mode){day, (int8_t)m, by_mode[m]};
					by_mode[m] = 0;
				}
			staff_day_flush(a, staff, nstaff, day, &days, &ndays, &dcap);
			if (!date)
				break;
			snprintf(cur, sizeof cur, "%s", date);
			if (!date_parse(cur, &day))
				day = OC_NO_DAY;
		}
		if (day == OC_NO_DAY)
			continue;
		const char *with = (const char *)sqlite3_column_text(st, 3);
		const char *mode = (const char *)sqlite3_column_text(st, 4);
		bool attended = sqlite3_column_int(st, 5) != 0;
		if (!with || !mode)
			continue;
		int64_t rid = sqlite3_column_int64(st, 2);
		if (attended && strcmp(with, "client") == 0 &&
		    (in_scope ? rid > 0 && rid <= max_id && in_scope[rid] : referral_in_scope(refs, nrefs, rid))) {
			int m = oc_mode_index(mode);
			if (m >= 0)
				by_mode[m]++;
		}
		struct staff_slot *f = staff_slot(staff, nstaff, sqlite3_column_int64(st, 1));
		if (f && f->in_scope) {
			f->touched = true;
			if (attended && strcmp(with, "employer") == 0 && strcmp(mode, "face_to_face") == 0)
				f->employer_f2f++;
			if (sqlite3_column_type(st, 6) != SQLITE_NULL) {
				int64_t minutes = sqlite3_column_int64(st, 7);
				f->minutes_all += minutes;
				const char *place = (const char *)sqlite3_column_text(st, 6);
				if (place && strcmp(place, "community") == 0)
					f->minutes_community += minutes;
			}
		}
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	if (ndays)   /* qsort of NULL, even of 0 items, is undefined */
		qsort(days, ndays, sizeof *days, cmp_staff_day);   /* by staff, then day */
	out->modes = modes;
	out->nmodes = nmodes;
	out->staff = days;
	out->nstaff = ndays;
	return IPS_OK;
}

int store_outcome_inputs(struct store *s, struct arena *a, const struct report_scope *sc,
			 const char *from, const char *to, struct oc_input *out)
{
	struct oc_contact_days cd;
	day_t f, t;
	if (!date_parse(from, &f) || !date_parse(to, &t))
		return IPS_EINVAL;
	int rc = store_outcome_records(s, a, sc, out);
	if (rc == IPS_OK)
		rc = store_outcome_contact_days(s, a, sc, out->referrals, out->nreferrals, from, to, &cd);
	if (rc == IPS_OK && oc_contact_totals_sum(&cd, out->referrals, out->nreferrals, f, t, &out->contacts) != 0)
		rc = IPS_EIO;   /* out of memory */
	return rc;
}
