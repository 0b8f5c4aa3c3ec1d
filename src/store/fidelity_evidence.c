/* store/fidelity_evidence.c — SQL for the records behind the fidelity evidence
 * (store/fidelity_evidence.h). The selections repeat store/outcomes.c's so that a
 * drill-down lists exactly what a figure counted; no formula lives here, and no column
 * that names or identifies a person is ever selected. */
#include <string.h>
#include "store/db.h"
#include "store/fidelity_evidence.h"
#include "util/arena.h"

/* ?3 site code, ?4 team code, against team t and site s (as store/outcomes.c's, with
 * no specialist scope: fidelity is reviewed for a service or a team). */
#define IN_SCOPE(t, s) \
	"(CASE WHEN ?3 IS NOT NULL THEN " s ".code = ?3 WHEN ?4 IS NOT NULL THEN " t ".code = ?4 ELSE 1 END)"
#define REFERRAL_JOINS "JOIN team t ON t.id = r.team_id JOIN site si ON si.id = t.site_id "
#define STAFF_JOINS "LEFT JOIN team t ON t.id = f.team_id LEFT JOIN site si ON si.id = t.site_id "

static const char *sql_for(enum fe_read what)
{
	switch (what) {
	case FE_S1_SPECIALISTS:
		return "SELECT f.code, f.fte FROM staff f " STAFF_JOINS
		       "WHERE f.role = 'specialist' AND " IN_SCOPE("t", "si")
		       " AND EXISTS (SELECT 1 FROM contact k WHERE k.staff_id = f.id AND k.date BETWEEN ?1 AND ?2) "
		       "ORDER BY f.code";
	case FE_S1_REFERRALS:
		return "WITH active AS (SELECT f.id FROM staff f " STAFF_JOINS
		       " WHERE f.role = 'specialist' AND " IN_SCOPE("t", "si")
		       " AND EXISTS (SELECT 1 FROM contact k WHERE k.staff_id = f.id AND k.date BETWEEN ?1 AND ?2)) "
		       "SELECT r.ref, f.code, r.received_on, r.first_direct_on FROM referral r " REFERRAL_JOINS
		       "JOIN staff f ON f.id = r.specialist_id "
		       "WHERE r.specialist_id IN (SELECT id FROM active) AND r.received_on <= ?2 "
		       "AND (r.closed_on IS NULL OR r.closed_on >= ?2) AND r.first_direct_on <= ?2 AND "
		       IN_SCOPE("t", "si") " ORDER BY f.code, r.ref";
	case FE_V4_REFERRALS:
		return "SELECT r.ref, r.received_on, r.first_employer_on FROM referral r " REFERRAL_JOINS
		       "WHERE r.first_employer_on BETWEEN ?1 AND ?2 AND " IN_SCOPE("t", "si")
		       " ORDER BY r.first_employer_on, r.ref";
	case FE_V6_SPECIALISTS:
		return "SELECT f.code, sum(k.with_whom = 'employer' AND k.mode = 'face_to_face' AND k.attended = 1) "
		       "FROM contact k JOIN staff f ON f.id = k.staff_id " STAFF_JOINS
		       "WHERE f.role = 'specialist' AND k.date BETWEEN ?1 AND ?2 AND " IN_SCOPE("t", "si")
		       " GROUP BY f.id ORDER BY f.code";
	case FE_JOBS_STARTED:
		return "SELECT j.ref, r.ref, j.started_on, j.job_type, e.ref, j.competitive FROM job j "
		       "JOIN referral r ON r.id = j.referral_id " REFERRAL_JOINS
		       "LEFT JOIN employer e ON e.id = j.employer_id "
		       "WHERE j.started_on BETWEEN ?1 AND ?2 AND " IN_SCOPE("t", "si")
		       " ORDER BY j.started_on, j.ref";
	case FE_V13_CONTACTS:
		return "SELECT k.date, f.code, k.place, k.minutes FROM contact k JOIN staff f ON f.id = k.staff_id "
		       STAFF_JOINS "WHERE f.role = 'specialist' AND k.date BETWEEN ?1 AND ?2 AND "
		       "k.place IS NOT NULL AND k.minutes IS NOT NULL AND " IN_SCOPE("t", "si")
		       " ORDER BY k.date, f.code, k.id";
	case FE_O6_REFERRALS:
		return "SELECT r.ref, r.received_on, r.closed_on, r.close_reason FROM referral r " REFERRAL_JOINS
		       "WHERE r.closed_on BETWEEN ?1 AND ?2 AND r.close_reason NOT IN ('person_choice', 'moved_away') "
		       "AND (r.first_direct_on IS NULL OR r.first_direct_on > r.closed_on) AND " IN_SCOPE("t", "si")
		       " ORDER BY r.closed_on, r.ref";
	case FE_V12_ITEMS:
		return "SELECT r.ref, j.ref, j.started_on, x.kind, x.seq, x.window_from, x.window_to, x.status, "
		       "k.date, " IN_SCOPE("t", "si") " FROM support_item x JOIN job j ON j.id = x.job_id "
		       "JOIN referral r ON r.id = j.referral_id " REFERRAL_JOINS
		       "LEFT JOIN contact k ON k.id = x.contact_id "
		       "WHERE x.window_to BETWEEN ?1 AND ?2 ORDER BY x.window_to, j.ref, x.id";
	case FE_V1_JOBS:
		return "SELECT j.ref, r.ref, r.client_id, j.started_on, r.received_on, "
		       "(SELECT min(b.date) FROM benefits_advice b WHERE b.client_id = r.client_id), "
		       IN_SCOPE("t", "si") " FROM job j JOIN referral r ON r.id = j.referral_id " REFERRAL_JOINS
		       "WHERE ?1 IS NOT NULL AND ?2 IS NOT NULL ORDER BY r.client_id, j.started_on, j.ref";
	}
	return NULL;
}

static void read_row(struct arena *a, enum fe_read what, sqlite3_stmt *st, struct fe_rec *o)
{
	switch (what) {
	case FE_S1_SPECIALISTS:
	case FE_V6_SPECIALISTS:
		o->ref = db_col_text(a, st, 0);
		o->n1 = sqlite3_column_int64(st, 1);
		break;
	case FE_S1_REFERRALS:
		o->ref = db_col_text(a, st, 0);
		o->code = db_col_text(a, st, 1);
		o->d1 = db_col_text(a, st, 2);
		o->d2 = db_col_text(a, st, 3);
		break;
	case FE_V4_REFERRALS:
		o->ref = db_col_text(a, st, 0);
		o->d1 = db_col_text(a, st, 1);
		o->d2 = db_col_text(a, st, 2);
		break;
	case FE_JOBS_STARTED:
		o->job_ref = db_col_text(a, st, 0);
		o->ref = db_col_text(a, st, 1);
		o->d1 = db_col_text(a, st, 2);
		o->code = db_col_text(a, st, 3);
		o->other = db_col_text(a, st, 4);
		o->flag = sqlite3_column_int(st, 5) != 0;
		break;
	case FE_V13_CONTACTS:
		o->d1 = db_col_text(a, st, 0);
		o->ref = db_col_text(a, st, 1);
		o->code = db_col_text(a, st, 2);
		o->n1 = sqlite3_column_int64(st, 3);
		break;
	case FE_O6_REFERRALS:
		o->ref = db_col_text(a, st, 0);
		o->d1 = db_col_text(a, st, 1);
		o->d2 = db_col_text(a, st, 2);
		o->code = db_col_text(a, st, 3);
		break;
	case FE_V12_ITEMS:
		o->ref = db_col_text(a, st, 0);
		o->job_ref = db_col_text(a, st, 1);
		o->d1 = db_col_text(a, st, 2);
		o->code = db_col_text(a, st, 3);
		o->n1 = sqlite3_column_int64(st, 4);
		o->d2 = db_col_text(a, st, 5);
		o->d3 = db_col_text(a, st, 6);
		o->other = db_col_text(a, st, 7);
		o->d4 = db_col_text(a, st, 8);
		o->in_scope = sqlite3_column_int(st, 9) != 0;
		break;
	case FE_V1_JOBS:
		o->job_ref = db_col_text(a, st, 0);
		o->ref = db_col_text(a, st, 1);
		o->client_id = sqlite3_column_int64(st, 2);
		o->d1 = db_col_text(a, st, 3);
		o->d2 = db_col_text(a, st, 4);
		o->d3 = db_col_text(a, st, 5);
		o->in_scope = sqlite3_column_int(st, 6) != 0;
		break;
	}
}

int store_fe_records(struct store *s, struct arena *a, enum fe_read what, const struct report_scope *sc,
		     const char *from, const char *to, struct fe_rec **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	const char *sql = sql_for(what);
	sqlite3_stmt *st = sql ? db_stmt(s, sql) : NULL;
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, from);
	db_bind_text(st, 2, to);
	db_bind_text(st, 3, sc->site_code);
	db_bind_text(st, 4, sc->team_code);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		read_row(a, what, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}
