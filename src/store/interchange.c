/* store/interchange.c — what the CSV import and export need from the store beyond the
 * per-table inserts: finding a record by its code or ref, employers and jobs, and
 * reading every record of a kind in byte order of its code/ref. Column order and
 * formatting belong to core/interchange.c, not here. */
#include <stdio.h>
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

int store_ic_lookup(struct store *s, enum ic_kind kind, const char *ref, struct ic_target *out)
{
	static const char *const sql[IC_NKINDS] = {
		[IC_SITE] = "SELECT id, 0 FROM site WHERE code = ?1",
		[IC_TEAM] = "SELECT id, 0 FROM team WHERE code = ?1",
		[IC_STAFF] = "SELECT id, role = 'specialist' FROM staff WHERE code = ?1",
		[IC_EMPLOYER] = "SELECT id, 0 FROM employer WHERE ref = ?1",
		[IC_CLIENT] = "SELECT id, 0 FROM client WHERE ref = ?1",
		[IC_REFERRAL] = "SELECT id, 0 FROM referral WHERE ref = ?1",
		[IC_CONTACT] = "SELECT id, 0 FROM contact WHERE ref = ?1",
		[IC_JOB] = "SELECT id, 0 FROM job WHERE ref = ?1",
	};
	sqlite3_stmt *st = db_stmt(s, sql[kind]);
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, ref);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->is_specialist = sqlite3_column_int(st, 1) != 0;
	}
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_employer_insert(struct store *s, const struct employer *in, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO employer(id, ref, site_id, name, sector, address, postcode, notes) "
		"SELECT n, coalesce(?1, 'ipsdesk-employer-' || n), ?2, ?3, ?4, ?5, ?6, ?7 "
		"FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM employer)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->ref);
	sqlite3_bind_int64(st, 2, in->site_id);
	db_bind_text(st, 3, in->name);
	db_bind_text(st, 4, in->sector);
	db_bind_text(st, 5, in->address);
	db_bind_text(st, 6, in->postcode);
	db_bind_text(st, 7, in->notes);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_job_insert(struct store *s, const struct job *in, const char *now, int64_t *id)
{
	sqlite3_stmt *st = in->ref ? db_stmt(s,
		"INSERT INTO job(ref, referral_id, employer_id, title, job_type, started_on, ended_on, "
		"hours_per_week, hourly_wage, competitive, end_reason, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)") : db_stmt(s,
		"INSERT INTO job(id, ref, referral_id, employer_id, title, job_type, started_on, ended_on, "
		"hours_per_week, hourly_wage, competitive, end_reason, created_at) "
		"SELECT n, 'ipsdesk-job-' || n, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12 "
		"FROM (SELECT coalesce(max(id), 0) + 1 AS n FROM job)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->ref);
	sqlite3_bind_int64(st, 2, in->referral_id);
	db_bind_id(st, 3, in->employer_id);
	db_bind_text(st, 4, in->title);
	db_bind_text(st, 5, in->job_type);
	db_bind_text(st, 6, in->started_on);
	db_bind_text(st, 7, in->ended_on);
	sqlite3_bind_int64(st, 8, in->hours_per_week);
	if (in->hourly_wage < 0)
		sqlite3_bind_null(st, 9);
	else
		sqlite3_bind_int64(st, 9, in->hourly_wage);
	sqlite3_bind_int(st, 10, in->competitive);
	db_bind_text(st, 11, in->end_reason);
	db_bind_text(st, 12, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

/* One SELECT per kind, its columns in the order of the spec's table. Numbers come out
 * as the stored integers (hundredths, pence, 0/1); the caller formats them. */
static const char *const EXPORT_SQL[IC_NKINDS] = {
	[IC_SITE] = "SELECT code, name FROM site ORDER BY code",
	[IC_TEAM] = "SELECT t.code, s.code, t.name FROM team t JOIN site s ON s.id = t.site_id ORDER BY t.code",
	[IC_STAFF] = "SELECT f.code, t.code, f.name, f.role, f.fte FROM staff f "
		     "LEFT JOIN team t ON t.id = f.team_id ORDER BY f.code",
	[IC_EMPLOYER] = "SELECT e.ref, s.code, e.name, e.sector FROM employer e "
			"JOIN site s ON s.id = e.site_id ORDER BY e.ref",
	[IC_CLIENT] = "SELECT c.ref, s.code, c.nhs_number, c.given_name, c.family_name, c.birth_date, "
		      "c.postcode, c.gender, c.ethnic_category FROM client c "
		      "JOIN site s ON s.id = c.site_id ORDER BY c.ref",
	[IC_REFERRAL] = "SELECT r.ref, c.ref, t.code, r.received_on, r.source, f.code, r.employment_status, "
			"r.closed_on, r.close_reason FROM referral r JOIN client c ON c.id = r.client_id "
			"JOIN team t ON t.id = r.team_id LEFT JOIN staff f ON f.id = r.specialist_id "
			"ORDER BY r.ref",
	[IC_CONTACT] = "SELECT k.ref, k.date, f.code, k.with_whom, r.ref, e.ref, k.mode, k.place, k.minutes, "
		       "k.attended FROM contact k JOIN staff f ON f.id = k.staff_id "
		       "LEFT JOIN referral r ON r.id = k.referral_id "
		       "LEFT JOIN employer e ON e.id = k.employer_id ORDER BY k.ref",
	[IC_JOB] = "SELECT j.ref, r.ref, e.ref, j.title, j.job_type, j.started_on, j.ended_on, "
		   "j.hours_per_week, j.hourly_wage, j.competitive, j.end_reason FROM job j "
		   "JOIN referral r ON r.id = j.referral_id LEFT JOIN employer e ON e.id = j.employer_id "
		   "ORDER BY j.ref",
};

int store_ic_export(struct store *s, enum ic_kind kind, int (*row)(void *ctx, const char *const *values,
							     size_t n), void *ctx)
{
	sqlite3_stmt *st = db_stmt(s, EXPORT_SQL[kind]);
	if (!st)
		return IPS_EIO;
	const char *values[IC_MAX_COLUMNS];
	int n = sqlite3_column_count(st), rc, stop = 0;
	while (!stop && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		for (int i = 0; i < n && i < IC_MAX_COLUMNS; i++)
			values[i] = (const char *)sqlite3_column_text(st, i);
		stop = row(ctx, values, (size_t)n);
	}
	if (stop) {
		sqlite3_reset(st);
		return stop;
	}
	return db_finish(s, st, rc);
}

/* Bulk loading contacts: maintaining four secondary indexes and a trigger row by row
 * costs several times the insert itself, so a large load sets them aside (keeping
 * their SQL from the schema), loads, then builds each index once from sorted data, and
 * the referrals' first contacts and the contact tallies in one pass each. All in the caller's transaction: a
 * rollback puts everything back. */
int store_ic_defer(struct store *s, struct arena *a, struct ic_deferred *d)
{
	memset(d, 0, sizeof *d);
	sqlite3_stmt *st = db_stmt(s,
		"SELECT type, name, sql FROM sqlite_schema WHERE tbl_name = 'contact' "
		"AND type IN ('index', 'trigger') AND sql IS NOT NULL ORDER BY type, name");
	if (!st)
		return IPS_EIO;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && d->n < IC_MAX_DEFERRED) {
		const char *type = (const char *)sqlite3_column_text(st, 0);
		const char *name = (const char *)sqlite3_column_text(st, 1);
		if (!type || !name || strspn(name, "abcdefghijklmnopqrstuvwxyz_") != strlen(name))
			continue;   /* only ipsdesk's own schema objects, whose names are plain */
		d->drop[d->n] = arena_printf(a, "DROP %s %s", strcmp(type, "index") == 0 ? "INDEX" : "TRIGGER", name);
		d->create[d->n] = db_col_text(a, st, 2);
		d->n++;
	}
	if ((rc = db_finish(s, st, rc)) != IPS_OK)
		return rc;
	for (size_t i = 0; i < d->n; i++) {
		char *msg = NULL;
		if (sqlite3_exec(s->db, d->drop[i], NULL, NULL, &msg) != SQLITE_OK) {
			snprintf(s->err, sizeof s->err, "%s", msg ? msg : "drop failed");
			sqlite3_free(msg);
			return IPS_EIO;
		}
	}
	d->active = true;
	return IPS_OK;
}

int store_ic_restore(struct store *s, struct ic_deferred *d)
{
	if (!d->active)
		return IPS_OK;
	d->active = false;
	for (size_t i = 0; i < d->n; i++) {
		char *msg = NULL;
		if (sqlite3_exec(s->db, d->create[i], NULL, NULL, &msg) != SQLITE_OK) {
			snprintf(s->err, sizeof s->err, "%s", msg ? msg : "create failed");
			sqlite3_free(msg);
			return IPS_EIO;
		}
	}
	sqlite3_stmt *st = db_stmt(s,
		"UPDATE referral SET first_direct_on = f.first_direct_on, first_employer_on = f.first_employer_on "
		"FROM contact_firsts AS f WHERE f.referral_id = referral.id "
		"AND (referral.first_direct_on IS NOT f.first_direct_on "
		"     OR referral.first_employer_on IS NOT f.first_employer_on)");
	if (!st)
		return IPS_EIO;
	int rc = db_done(s, st);
	/* the contact tallies (011_contact_tallies.sql), rebuilt whole from the contacts */
	if (rc != IPS_OK)
		return rc;
	char *msg = NULL;
	if (sqlite3_exec(s->db,
			 "DELETE FROM tally_staff_day; INSERT INTO tally_staff_day SELECT * FROM tally_staff_day_source; "
			 "DELETE FROM tally_team_mode; INSERT INTO tally_team_mode SELECT * FROM tally_team_mode_source; "
			 "DELETE FROM tally_specialist_mode; "
			 "INSERT INTO tally_specialist_mode SELECT * FROM tally_specialist_mode_source",
			 NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "%s", msg ? msg : "tally rebuild failed");
		sqlite3_free(msg);
		return IPS_EIO;
	}
	return rc;
}

int store_ic_count(struct store *s, enum ic_kind kind, int64_t *n)
{
	static const char *const sql[IC_NKINDS] = {
		[IC_SITE] = "SELECT count(*) FROM site", [IC_TEAM] = "SELECT count(*) FROM team",
		[IC_STAFF] = "SELECT count(*) FROM staff", [IC_EMPLOYER] = "SELECT count(*) FROM employer",
		[IC_CLIENT] = "SELECT count(*) FROM client", [IC_REFERRAL] = "SELECT count(*) FROM referral",
		[IC_CONTACT] = "SELECT count(*) FROM contact", [IC_JOB] = "SELECT count(*) FROM job",
	};
	sqlite3_stmt *st = db_stmt(s, sql[kind]);
	if (!st)
		return IPS_EIO;
	int rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	return db_finish(s, st, rc);
}
