/* store/outcomes.c — gathers what core/outcomes.c needs for the report of
 * spec/outcomes.md: every referral with its scope flag and first contacts, every job,
 * and the contact totals SQL counts best itself. No formula lives here. */
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

int store_outcome_inputs(struct store *s, struct arena *a, const struct report_scope *sc,
			 const char *from, const char *to, struct oc_input *out)
{
	int rc;
	sqlite3_stmt *st = db_stmt(s,
		"SELECT r.id, r.client_id, r.received_on, r.closed_on, r.first_direct_on, r.first_employer_on, "
		"r.source, r.employment_status <> '01', " IN_SCOPE("t", "si", "f") ", "
		"coalesce(r.close_reason NOT IN ('person_choice', 'moved_away'), 0) "
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

	/* contacts_by_mode: attended contacts with the person dated in P, in scope through
	 * their referral */
	st = db_stmt(s,
		"SELECT k.mode, count(*) FROM contact k JOIN referral r ON r.id = k.referral_id "
		"JOIN team t ON t.id = r.team_id JOIN site si ON si.id = t.site_id "
		"LEFT JOIN staff f ON f.id = r.specialist_id "
		"WHERE k.date BETWEEN ?1 AND ?2 AND k.with_whom = 'client' AND k.attended = 1 AND "
		IN_SCOPE("t", "si", "f") " GROUP BY k.mode");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	bind_scope(st, sc);
	memset(&out->contacts, 0, sizeof out->contacts);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int m = oc_mode_index((const char *)sqlite3_column_text(st, 0));
		if (m >= 0)
			out->contacts.by_mode[m] = sqlite3_column_int64(st, 1);
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;

	/* the staff measures: contacts dated in P recorded by specialists whose team's
	 * site, team or own code matches, whatever the referral */
	st = db_stmt(s,
		"SELECT count(*), sum(e), sum(m_all), sum(m_comm) FROM ("
		" SELECT f.id, "
		"  sum(k.with_whom = 'employer' AND k.mode = 'face_to_face' AND k.attended = 1) AS e, "
		"  sum(CASE WHEN k.place IS NOT NULL THEN k.minutes END) AS m_all, "
		"  sum(CASE WHEN k.place = 'community' THEN k.minutes END) AS m_comm "
		" FROM contact k JOIN staff f ON f.id = k.staff_id LEFT JOIN team t ON t.id = f.team_id "
		" LEFT JOIN site si ON si.id = t.site_id "
		" WHERE f.role = 'specialist' AND k.date BETWEEN ?1 AND ?2 AND "
		IN_SCOPE("t", "si", "f") " GROUP BY f.id)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	bind_scope(st, sc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->contacts.specialists = sqlite3_column_int64(st, 0);
		out->contacts.employer_f2f = sqlite3_column_int64(st, 1);
		out->contacts.minutes_all = sqlite3_column_int64(st, 2);
		out->contacts.minutes_community = sqlite3_column_int64(st, 3);
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;

	/* fidelity S1 (spec/fidelity-evidence.md): specialists in scope with any contact
	 * dated in P, their FTE, and the referrals open on `to` and met by then that are
	 * allocated to them. Staff scope as above; referrals by their own scope. */
	st = db_stmt(s,
		"WITH active AS (SELECT f.id, f.fte FROM staff f LEFT JOIN team t ON t.id = f.team_id "
		" LEFT JOIN site si ON si.id = t.site_id WHERE f.role = 'specialist' AND " IN_SCOPE("t", "si", "f")
		" AND EXISTS (SELECT 1 FROM contact k WHERE k.staff_id = f.id AND k.date BETWEEN ?1 AND ?2)) "
		"SELECT (SELECT coalesce(sum(fte), 0) FROM active), "
		" (SELECT count(*) FROM referral r JOIN team t ON t.id = r.team_id JOIN site si ON si.id = t.site_id "
		"  LEFT JOIN staff f ON f.id = r.specialist_id "
		"  WHERE r.specialist_id IN (SELECT id FROM active) AND r.received_on <= ?2 "
		"  AND (r.closed_on IS NULL OR r.closed_on >= ?2) AND r.first_direct_on <= ?2 AND "
		IN_SCOPE("t", "si", "f") ")");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	bind_scope(st, sc);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->contacts.specialist_fte = sqlite3_column_int64(st, 0);
		out->contacts.active_referrals = sqlite3_column_int64(st, 1);
	}
	return db_finish(s, st, rc);
}
