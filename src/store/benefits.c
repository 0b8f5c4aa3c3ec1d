/* store/benefits.c — benefits advice given to a person, the dated benefit rates the
 * better-off-in-work calculator reads, and a person's CV (006_benefits.sql). SQL only:
 * the rules (who may, what is valid, what is audited) are app/benefits.c's. */
#include <string.h>
#include "core/betteroff.h"
#include "store/db.h"
#include "util/arena.h"

int store_benefits_advice_insert(struct store *s, const struct benefits_advice *in, const char *now,
				 int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO benefits_advice(client_id, date, staff_id, covered, "
				      "follow_up, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->client_id);
	db_bind_text(st, 2, in->date);
	sqlite3_bind_int64(st, 3, in->staff_id);
	db_bind_text(st, 4, in->covered);
	db_bind_text(st, 5, in->follow_up);
	db_bind_text(st, 6, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_benefits_advice_of_client(struct store *s, struct arena *a, int64_t client_id,
				    struct benefits_advice **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT b.id, b.client_id, b.staff_id, b.date, b.covered, b.follow_up, b.created_at, f.name "
		"FROM benefits_advice b JOIN staff f ON f.id = b.staff_id "
		"WHERE b.client_id = ?1 ORDER BY b.date DESC, b.id DESC");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct benefits_advice *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->id = sqlite3_column_int64(st, 0);
		o->client_id = sqlite3_column_int64(st, 1);
		o->staff_id = sqlite3_column_int64(st, 2);
		o->date = db_col_text(a, st, 3);
		o->covered = db_col_text(a, st, 4);
		o->follow_up = db_col_text(a, st, 5);
		o->created_at = db_col_text(a, st, 6);
		o->staff_name = db_col_text(a, st, 7);
	}
	return db_finish(s, st, rc);
}

int store_benefits_advice_before(struct store *s, int64_t client_id, const char *day, bool *out)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT EXISTS (SELECT 1 FROM benefits_advice "
				      "WHERE client_id = ?1 AND date <= ?2)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	db_bind_text(st, 2, day);
	int rc = sqlite3_step(st);
	*out = rc == SQLITE_ROW && sqlite3_column_int(st, 0) != 0;
	return db_finish(s, st, rc == SQLITE_ROW ? SQLITE_DONE : rc);
}

int store_benefit_rates_list(struct store *s, struct arena *a, struct bo_rates **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT id, applies_from, source, uc_taper_bp, uc_wa_housing_monthly, uc_wa_no_housing_monthly, "
		"esa_pw_weekly_limit, esa_pw_hours_limit, tax_personal_allowance, tax_basic_rate_bp, "
		"ni_primary_threshold, ni_rate_bp, created_at FROM benefit_rates ORDER BY applies_from DESC");
	if (!st)
		return IPS_EIO;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct bo_rates *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->id = sqlite3_column_int64(st, 0);
		o->applies_from = db_col_text(a, st, 1);
		o->source = db_col_text(a, st, 2);
		o->uc_taper_bp = sqlite3_column_int64(st, 3);
		o->uc_wa_housing = sqlite3_column_int64(st, 4);
		o->uc_wa_no_housing = sqlite3_column_int64(st, 5);
		o->esa_weekly_limit = sqlite3_column_int64(st, 6);
		o->esa_hours_limit = sqlite3_column_int64(st, 7);
		o->tax_allowance = sqlite3_column_int64(st, 8);
		o->tax_rate_bp = sqlite3_column_int64(st, 9);
		o->ni_threshold = sqlite3_column_int64(st, 10);
		o->ni_rate_bp = sqlite3_column_int64(st, 11);
		o->created_at = db_col_text(a, st, 12);
	}
	return db_finish(s, st, rc);
}

int store_benefit_rates_insert(struct store *s, const struct bo_rates *in, int64_t staff_id,
			       const char *now, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO benefit_rates(applies_from, source, uc_taper_bp, uc_wa_housing_monthly, "
		"uc_wa_no_housing_monthly, esa_pw_weekly_limit, esa_pw_hours_limit, tax_personal_allowance, "
		"tax_basic_rate_bp, ni_primary_threshold, ni_rate_bp, created_by, created_at) "
		"VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->applies_from);
	db_bind_text(st, 2, in->source);
	sqlite3_bind_int64(st, 3, in->uc_taper_bp);
	sqlite3_bind_int64(st, 4, in->uc_wa_housing);
	sqlite3_bind_int64(st, 5, in->uc_wa_no_housing);
	sqlite3_bind_int64(st, 6, in->esa_weekly_limit);
	sqlite3_bind_int64(st, 7, in->esa_hours_limit);
	sqlite3_bind_int64(st, 8, in->tax_allowance);
	sqlite3_bind_int64(st, 9, in->tax_rate_bp);
	sqlite3_bind_int64(st, 10, in->ni_threshold);
	sqlite3_bind_int64(st, 11, in->ni_rate_bp);
	db_bind_id(st, 12, staff_id);
	db_bind_text(st, 13, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

int store_cv_get(struct store *s, struct arena *a, int64_t client_id, struct cv *out)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT client_id, statement, skills, work_history, education, interests, "
				      "references_note, updated_at FROM cv WHERE client_id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		memset(out, 0, sizeof *out);
		out->client_id = sqlite3_column_int64(st, 0);
		out->statement = db_col_text(a, st, 1);
		out->skills = db_col_text(a, st, 2);
		out->work_history = db_col_text(a, st, 3);
		out->education = db_col_text(a, st, 4);
		out->interests = db_col_text(a, st, 5);
		out->references_note = db_col_text(a, st, 6);
		out->updated_at = db_col_text(a, st, 7);
	}
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_cv_put(struct store *s, const struct cv *in, int64_t staff_id, const char *now)
{
	sqlite3_stmt *st = db_stmt(s,
		"INSERT INTO cv(client_id, statement, skills, work_history, education, interests, references_note, "
		"updated_by, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) "
		"ON CONFLICT(client_id) DO UPDATE SET statement = excluded.statement, skills = excluded.skills, "
		"work_history = excluded.work_history, education = excluded.education, "
		"interests = excluded.interests, references_note = excluded.references_note, "
		"updated_by = excluded.updated_by, updated_at = excluded.updated_at");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, in->client_id);
	db_bind_text(st, 2, in->statement);
	db_bind_text(st, 3, in->skills);
	db_bind_text(st, 4, in->work_history);
	db_bind_text(st, 5, in->education);
	db_bind_text(st, 6, in->interests);
	db_bind_text(st, 7, in->references_note);
	db_bind_id(st, 8, staff_id);
	db_bind_text(st, 9, now);
	return db_done(s, st);
}
