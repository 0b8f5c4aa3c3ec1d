/* store/support.c — a person's job-search steps (application) and the in-work support
 * items of their jobs (support_item), with the reads the dashboard's week of employer
 * visits needs. SQL only: the schedule's rules are core/support.c's. */
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

/* ---- applications ------------------------------------------------------------------ */

#define APPLICATION_SELECT \
	"SELECT a.id, a.referral_id, a.vacancy_id, a.employer_id, a.job_id, a.title, a.kind, " \
	"a.identified_on, a.applied_on, a.interview_on, a.offer_on, a.outcome, a.outcome_on, a.note, " \
	"a.created_at, a.updated_at, r.client_id, e.name " \
	"FROM application a JOIN referral r ON r.id = a.referral_id LEFT JOIN employer e ON e.id = a.employer_id "

static void application_read(struct arena *a, sqlite3_stmt *st, struct application *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	o->referral_id = sqlite3_column_int64(st, 1);
	o->vacancy_id = db_col_id(st, 2);
	o->employer_id = db_col_id(st, 3);
	o->job_id = db_col_id(st, 4);
	o->title = db_col_text(a, st, 5);
	o->kind = db_col_text(a, st, 6);
	o->identified_on = db_col_text(a, st, 7);
	o->applied_on = db_col_text(a, st, 8);
	o->interview_on = db_col_text(a, st, 9);
	o->offer_on = db_col_text(a, st, 10);
	o->outcome = db_col_text(a, st, 11);
	o->outcome_on = db_col_text(a, st, 12);
	o->note = db_col_text(a, st, 13);
	o->created_at = db_col_text(a, st, 14);
	o->updated_at = db_col_text(a, st, 15);
	o->client_id = sqlite3_column_int64(st, 16);
	o->employer_name = db_col_text(a, st, 17);
}

int store_application_insert(struct store *s, const struct application *in, int64_t staff_id,
			     const char *now, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO application(referral_id, vacancy_id, employer_id, title, kind, identified_on, "
		"applied_on, interview_on, offer_on, outcome, outcome_on, job_id, note, created_by, created_at, "
		"updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?15)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->referral_id);
	db_bind_id(st, 2, in->vacancy_id);
	db_bind_id(st, 3, in->employer_id);
	db_bind_text(st, 4, in->title);
	db_bind_text(st, 5, in->kind);
	db_bind_text(st, 6, in->identified_on);
	db_bind_text(st, 7, in->applied_on);
	db_bind_text(st, 8, in->interview_on);
	db_bind_text(st, 9, in->offer_on);
	db_bind_text(st, 10, in->outcome);
	db_bind_text(st, 11, in->outcome_on);
	db_bind_id(st, 12, in->job_id);
	db_bind_text(st, 13, in->note);
	db_bind_id(st, 14, staff_id);
	db_bind_text(st, 15, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_application_update(struct store *s, const struct application *in, const char *now)
{
	sqlite3_stmt *st = db_stmt(s,
		"UPDATE application SET identified_on = ?2, applied_on = ?3, interview_on = ?4, offer_on = ?5, "
		"outcome = ?6, outcome_on = ?7, job_id = ?8, note = ?9, updated_at = ?10 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->id);
	db_bind_text(st, 2, in->identified_on);
	db_bind_text(st, 3, in->applied_on);
	db_bind_text(st, 4, in->interview_on);
	db_bind_text(st, 5, in->offer_on);
	db_bind_text(st, 6, in->outcome);
	db_bind_text(st, 7, in->outcome_on);
	db_bind_id(st, 8, in->job_id);
	db_bind_text(st, 9, in->note);
	db_bind_text(st, 10, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc;
}

int store_application_get(struct store *s, struct arena *a, int64_t id, struct application *out)
{
	sqlite3_stmt *st = db_stmt(s, APPLICATION_SELECT "WHERE a.id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		application_read(a, st, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_applications_of_client(struct store *s, struct arena *a, int64_t client_id,
				 struct application **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, APPLICATION_SELECT "WHERE r.client_id = ?1 "
					 "ORDER BY a.identified_on DESC, a.id DESC");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		application_read(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_applications_page(struct store *s, struct arena *a, const struct page_query *q,
			    struct application **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, APPLICATION_SELECT "WHERE r.client_id = ?4 AND a.id > ?1 "
					 "AND (?5 IS NULL OR a.updated_at >= ?5) ORDER BY a.id LIMIT ?6");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	db_bind_page(st, q);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		application_read(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_vacancy_brief(struct store *s, struct arena *a, int64_t vacancy_id, int64_t *site_id,
			int64_t *employer_id, const char **title)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT site_id, employer_id, title FROM vacancy WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, vacancy_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*site_id = sqlite3_column_int64(st, 0);
		*employer_id = db_col_id(st, 1);
		*title = db_col_text(a, st, 2);
	}
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

/* ---- support items --------------------------------------------------------------- */

#define SUPPORT_SELECT \
	"SELECT si.id, si.job_id, si.contact_id, r.client_id, r.id, r.specialist_id, si.kind, " \
	"si.window_from, si.window_to, si.status, si.seq, j.title, e.name, j.started_on, j.ended_on, " \
	"c.given_name, c.family_name, sf.name, k.date " \
	"FROM support_item si JOIN job j ON j.id = si.job_id JOIN referral r ON r.id = j.referral_id " \
	"JOIN client c ON c.id = r.client_id LEFT JOIN employer e ON e.id = j.employer_id " \
	"LEFT JOIN staff sf ON sf.id = r.specialist_id LEFT JOIN contact k ON k.id = si.contact_id "

static void support_read(struct arena *a, sqlite3_stmt *st, struct support_row *o)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	o->job_id = sqlite3_column_int64(st, 1);
	o->contact_id = db_col_id(st, 2);
	o->client_id = sqlite3_column_int64(st, 3);
	o->referral_id = sqlite3_column_int64(st, 4);
	o->specialist_id = db_col_id(st, 5);
	o->kind = db_col_text(a, st, 6);
	o->window_from = db_col_text(a, st, 7);
	o->window_to = db_col_text(a, st, 8);
	o->status = db_col_text(a, st, 9);
	o->seq = sqlite3_column_int(st, 10);
	o->job_title = db_col_text(a, st, 11);
	o->employer_name = db_col_text(a, st, 12);
	o->job_started_on = db_col_text(a, st, 13);
	o->job_ended_on = db_col_text(a, st, 14);
	o->given_name = db_col_text(a, st, 15);
	o->family_name = db_col_text(a, st, 16);
	o->specialist_name = db_col_text(a, st, 17);
	o->contact_date = db_col_text(a, st, 18);
}

static int support_rows(struct store *s, struct arena *a, sqlite3_stmt *st, struct support_row **out, size_t *n)
{
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		support_read(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_support_of_client(struct store *s, struct arena *a, int64_t client_id,
			    struct support_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, SUPPORT_SELECT "WHERE r.client_id = ?1 "
				      "ORDER BY si.window_to, si.window_from, si.id");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	return support_rows(s, a, st, out, n);
}

int store_support_insert(struct store *s, const struct support_row *in, const char *now, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO support_item(job_id, kind, seq, window_from, window_to, status, contact_id, "
		"created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->job_id);
	db_bind_text(st, 2, in->kind);
	sqlite3_bind_int(st, 3, in->seq);
	db_bind_text(st, 4, in->window_from);
	db_bind_text(st, 5, in->window_to);
	db_bind_text(st, 6, in->status);
	db_bind_id(st, 7, in->contact_id);
	db_bind_text(st, 8, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_support_set_status(struct store *s, int64_t id, const char *status, int64_t contact_id,
			     const char *now)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE support_item SET status = ?2, contact_id = ?3, updated_at = ?4 "
				      "WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, status);
	db_bind_id(st, 3, contact_id);
	db_bind_text(st, 4, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc;
}

int store_support_due(struct store *s, struct arena *a, int64_t site_id, int64_t specialist_id,
		      const char *today, struct support_row **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, SUPPORT_SELECT
		"WHERE si.status = 'open' AND si.window_from <= ?3 AND c.site_id = ?1 "
		"AND (?2 = 0 OR r.specialist_id = ?2) "
		"ORDER BY sf.name, r.specialist_id, si.window_to, c.family_name, si.id");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, site_id);
	sqlite3_bind_int64(st, 2, specialist_id);
	db_bind_text(st, 3, today);
	return support_rows(s, a, st, out, n);
}

int store_support_contacts(struct store *s, struct arena *a, int64_t client_id,
			   struct contact **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT k.id, k.date, k.with_whom, k.mode FROM contact k JOIN referral r ON r.id = k.referral_id "
		"WHERE r.client_id = ?1 AND k.attended = 1 AND k.with_whom IN ('client', 'employer') "
		"AND k.mode IN ('face_to_face', 'phone', 'video') "
		"AND NOT EXISTS (SELECT 1 FROM support_item si WHERE si.contact_id = k.id) "
		"ORDER BY k.date, k.id");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct contact *k = db_push(a, (void **)out, n, &cap, sizeof **out);
		k->id = sqlite3_column_int64(st, 0);
		k->date = db_col_text(a, st, 1);
		k->with = db_col_text(a, st, 2);
		k->mode = db_col_text(a, st, 3);
		k->attended = true;
		k->minutes = -1;
	}
	return db_finish(s, st, rc);
}

int store_employer_visits_by_day(struct store *s, int64_t staff_id, const char *from, const char *to,
				 int *days, size_t ndays)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT julianday(date) - julianday(?2), count(*) FROM contact "
		"WHERE staff_id = ?1 AND date BETWEEN ?2 AND ?3 AND with_whom = 'employer' "
		"AND mode = 'face_to_face' AND attended = 1 GROUP BY date");
	memset(days, 0, ndays * sizeof *days);
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, staff_id);
	db_bind_text(st, 2, from);
	db_bind_text(st, 3, to);
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t i = sqlite3_column_int64(st, 0);
		if (i >= 0 && (size_t)i < ndays)
			days[i] = sqlite3_column_int(st, 1);
	}
	return db_finish(s, st, rc);
}
