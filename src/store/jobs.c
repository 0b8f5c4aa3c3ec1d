/* store/jobs.c — reading jobs for the person's and the employer's pages, and ending
 * one (the insert, shared with the CSV import, is in store/interchange.c). A person's
 * jobs are found through their referrals: a job belongs to a referral. */
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

#define JOB_SELECT \
	"SELECT j.id, j.referral_id, j.employer_id, j.ref, j.title, j.job_type, j.started_on, " \
	"j.ended_on, j.end_reason, j.hours_per_week, j.hourly_wage, j.competitive, " \
	"r.client_id, e.name, c.given_name, c.family_name, c.birth_date " \
	"FROM job j JOIN referral r ON r.id = j.referral_id JOIN client c ON c.id = r.client_id " \
	"LEFT JOIN employer e ON e.id = j.employer_id "

static void job_row_read(struct arena *a, sqlite3_stmt *st, struct job_row *o)
{
	memset(o, 0, sizeof *o);
	struct job *j = &o->job;
	j->id = sqlite3_column_int64(st, 0);
	j->referral_id = sqlite3_column_int64(st, 1);
	j->employer_id = db_col_id(st, 2);
	j->ref = db_col_text(a, st, 3);
	j->title = db_col_text(a, st, 4);
	j->job_type = db_col_text(a, st, 5);
	j->started_on = db_col_text(a, st, 6);
	j->ended_on = db_col_text(a, st, 7);
	j->end_reason = db_col_text(a, st, 8);
	j->hours_per_week = sqlite3_column_int64(st, 9);
	j->hourly_wage = sqlite3_column_type(st, 10) == SQLITE_NULL ? -1 : sqlite3_column_int64(st, 10);
	j->competitive = sqlite3_column_int(st, 11) != 0;
	o->client_id = sqlite3_column_int64(st, 12);
	o->employer_name = db_col_text(a, st, 13);
	o->given_name = db_col_text(a, st, 14);
	o->family_name = db_col_text(a, st, 15);
	o->birth_date = db_col_text(a, st, 16);
}

int store_job_get(struct store *s, struct arena *a, int64_t id, struct job_row *out)
{
	sqlite3_stmt *st = db_stmt(s, JOB_SELECT "WHERE j.id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		job_row_read(a, st, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

static int job_rows(struct store *s, struct arena *a, sqlite3_stmt *st, int64_t key,
		    struct job_row **out, size_t *n)
{
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, key);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		job_row_read(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_jobs_of_client(struct store *s, struct arena *a, int64_t client_id,
			 struct job_row **out, size_t *n)
{
	return job_rows(s, a, db_stmt(s, JOB_SELECT "WHERE r.client_id = ?1 "
					     "ORDER BY j.started_on DESC, j.id DESC"), client_id, out, n);
}

int store_jobs_of_employer(struct store *s, struct arena *a, int64_t employer_id,
			   struct job_row **out, size_t *n)
{
	return job_rows(s, a, db_stmt(s, JOB_SELECT "WHERE j.employer_id = ?1 "
					     "ORDER BY j.started_on DESC, j.id DESC"), employer_id, out, n);
}

int store_job_end(struct store *s, int64_t id, const char *ended_on, const char *end_reason)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE job SET ended_on = ?2, end_reason = ?3 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, ended_on);
	db_bind_text(st, 3, end_reason);
	int rc = db_done(s, st);
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc;
}
