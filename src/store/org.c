/* store/org.c — sites, teams, staff and their sign-in accounts. */
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

int store_site_insert(struct store *s, const struct site *in, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO site(code, name) VALUES (?1, ?2)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->code);
	db_bind_text(st, 2, in->name);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

static void site_row(struct arena *a, sqlite3_stmt *st, struct site *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->code = db_col_text(a, st, 1);
	o->name = db_col_text(a, st, 2);
}

static int site_one(struct store *s, struct arena *a, sqlite3_stmt *st, struct site *out)
{
	if (!st)
		return IPS_EIO;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		site_row(a, st, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_site_by_code(struct store *s, struct arena *a, const char *code, struct site *out)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT id, code, name FROM site WHERE code = ?1");
	if (st)
		db_bind_text(st, 1, code);
	return site_one(s, a, st, out);
}

int store_site_get(struct store *s, struct arena *a, int64_t id, struct site *out)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT id, code, name FROM site WHERE id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return site_one(s, a, st, out);
}

int store_sites_list(struct store *s, struct arena *a, struct site **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT id, code, name FROM site ORDER BY name, id");
	if (!st)
		return IPS_EIO;
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		site_row(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_team_insert(struct store *s, const struct team *in, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO team(code, site_id, name) VALUES (?1, ?2, ?3)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->code);
	sqlite3_bind_int64(st, 2, in->site_id);
	db_bind_text(st, 3, in->name);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

#define TEAM_SELECT "SELECT t.id, t.site_id, t.code, t.name, s.name FROM team t JOIN site s ON s.id = t.site_id "

static void team_row(struct arena *a, sqlite3_stmt *st, struct team *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->site_id = sqlite3_column_int64(st, 1);
	o->code = db_col_text(a, st, 2);
	o->name = db_col_text(a, st, 3);
	o->site_name = db_col_text(a, st, 4);
}

static int team_one(struct store *s, struct arena *a, sqlite3_stmt *st, struct team *out)
{
	if (!st)
		return IPS_EIO;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		team_row(a, st, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_team_get(struct store *s, struct arena *a, int64_t id, struct team *out)
{
	sqlite3_stmt *st = db_stmt(s, TEAM_SELECT "WHERE t.id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return team_one(s, a, st, out);
}

int store_team_by_code(struct store *s, struct arena *a, const char *code, struct team *out)
{
	sqlite3_stmt *st = db_stmt(s, TEAM_SELECT "WHERE t.code = ?1");
	if (st)
		db_bind_text(st, 1, code);
	return team_one(s, a, st, out);
}

int store_teams_list(struct store *s, struct arena *a, int64_t site_id, struct team **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, TEAM_SELECT "WHERE ?1 IS NULL OR t.site_id = ?1 ORDER BY s.name, t.name, t.id");
	if (!st)
		return IPS_EIO;
	db_bind_id(st, 1, site_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		team_row(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_staff_insert(struct store *s, const struct staff *in, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO staff(code, team_id, name, role, fte) "
				      "VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, in->code);
	db_bind_id(st, 2, in->team_id);
	db_bind_text(st, 3, in->name);
	db_bind_text(st, 4, in->role);
	sqlite3_bind_int(st, 5, in->fte ? in->fte : 100);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

#define STAFF_SELECT \
	"SELECT f.id, f.team_id, t.site_id, f.code, f.name, f.role, t.name, f.fte, " \
	"EXISTS (SELECT 1 FROM account a WHERE a.staff_id = f.id) " \
	"FROM staff f LEFT JOIN team t ON t.id = f.team_id "
#define STAFF_NCOLS 9

static void staff_row(struct arena *a, sqlite3_stmt *st, int c, struct staff *o)
{
	o->id = sqlite3_column_int64(st, c + 0);
	o->team_id = db_col_id(st, c + 1);
	o->site_id = db_col_id(st, c + 2);
	o->code = db_col_text(a, st, c + 3);
	o->name = db_col_text(a, st, c + 4);
	o->role = db_col_text(a, st, c + 5);
	o->team_name = db_col_text(a, st, c + 6);
	o->fte = sqlite3_column_int(st, c + 7);
	o->has_account = sqlite3_column_int(st, c + 8) != 0;
}

static int staff_one(struct store *s, struct arena *a, sqlite3_stmt *st, struct staff *out)
{
	if (!st)
		return IPS_EIO;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		staff_row(a, st, 0, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_staff_get(struct store *s, struct arena *a, int64_t id, struct staff *out)
{
	sqlite3_stmt *st = db_stmt(s, STAFF_SELECT "WHERE f.id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return staff_one(s, a, st, out);
}

int store_staff_by_code(struct store *s, struct arena *a, const char *code, struct staff *out)
{
	sqlite3_stmt *st = db_stmt(s, STAFF_SELECT "WHERE f.code = ?1");
	if (st)
		db_bind_text(st, 1, code);
	return staff_one(s, a, st, out);
}

/* By name (as SQLite's BINARY collation), then id. */
static int staff_by_name(const void *pa, const void *pb)
{
	const struct staff *a = pa, *b = pb;
	int c = strcmp(a->name, b->name);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

int store_specialist_choices(struct store *s, struct arena *a, int64_t site_id, struct staff **out,
			     size_t *n)
{
	/* sorted here: SQLite's sorter costs more than the rest of the query for a list
	 * this short */
	sqlite3_stmt *st = db_stmt(s,
		"SELECT f.id, f.team_id, t.site_id, f.name, t.name, f.fte, f.code "
		"FROM staff f JOIN team t ON t.id = f.team_id "
		"WHERE f.role = 'specialist' AND (?1 IS NULL OR t.site_id = ?1)");
	if (!st)
		return IPS_EIO;
	db_bind_id(st, 1, site_id);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct staff *o = db_push(a, (void **)out, n, &cap, sizeof **out);
		o->id = sqlite3_column_int64(st, 0);
		o->team_id = sqlite3_column_int64(st, 1);
		o->site_id = sqlite3_column_int64(st, 2);
		o->name = db_col_text(a, st, 3);
		o->role = "specialist";
		o->team_name = db_col_text(a, st, 4);
		o->fte = sqlite3_column_int(st, 5);
		o->code = db_col_text(a, st, 6);
	}
	if (*n > 1)
		qsort(*out, *n, sizeof **out, staff_by_name);
	return db_finish(s, st, rc);
}

int store_account_insert(struct store *s, int64_t staff_id, const char *username,
			 const char *password_hash, const char *now, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO account(staff_id, username, password_hash, "
				      "created_at, password_changed_at) VALUES (?1, ?2, ?3, ?4, ?4)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, staff_id);
	db_bind_text(st, 2, username);
	db_bind_text(st, 3, password_hash);
	db_bind_text(st, 4, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK && id)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

#define ACCOUNT_SELECT \
	"SELECT a.id, a.username, a.password_hash, a.disabled, " \
	"f.id, f.team_id, t.site_id, f.code, f.name, f.role, t.name, f.fte, 1 " \
	"FROM account a JOIN staff f ON f.id = a.staff_id LEFT JOIN team t ON t.id = f.team_id "

static int account_one(struct store *s, struct arena *a, sqlite3_stmt *st, struct account *out)
{
	if (!st)
		return IPS_EIO;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->id = sqlite3_column_int64(st, 0);
		out->username = db_col_text(a, st, 1);
		out->password_hash = db_col_text(a, st, 2);
		out->disabled = sqlite3_column_int(st, 3) != 0;
		staff_row(a, st, 4, &out->staff);
	}
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_account_get(struct store *s, struct arena *a, int64_t id, struct account *out)
{
	sqlite3_stmt *st = db_stmt(s, ACCOUNT_SELECT "WHERE a.id = ?1");
	if (st)
		sqlite3_bind_int64(st, 1, id);
	return account_one(s, a, st, out);
}

int store_account_by_username(struct store *s, struct arena *a, const char *username,
			      struct account *out)
{
	sqlite3_stmt *st = db_stmt(s, ACCOUNT_SELECT "WHERE a.username = ?1");
	if (st)
		db_bind_text(st, 1, username);
	return account_one(s, a, st, out);
}

static int changed_or_missing(struct store *s, int rc)
{
	if (rc == IPS_OK && sqlite3_changes(s->db) == 0)
		return IPS_ENOTFOUND;
	return rc;
}

int store_account_set_password(struct store *s, int64_t id, const char *password_hash, const char *now)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE account SET password_hash = ?2, password_changed_at = ?3 "
				      "WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, password_hash);
	db_bind_text(st, 3, now);
	return changed_or_missing(s, db_done(s, st));
}

int store_account_set_disabled(struct store *s, int64_t id, bool disabled)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE account SET disabled = ?2 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	sqlite3_bind_int(st, 2, disabled);
	int rc = changed_or_missing(s, db_done(s, st));
	if (rc == IPS_OK && disabled) {
		sqlite3_stmt *del = db_stmt(s, "DELETE FROM session WHERE account_id = ?1");
		if (!del)
			return IPS_EIO;
		sqlite3_bind_int64(del, 1, id);
		rc = db_done(s, del);
	}
	return rc;
}
