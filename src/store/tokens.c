/* store/tokens.c — API tokens: kept by the hash of the token (never the token), so a
 * copy of the database cannot call the API; a revoked token stays, marked, for the
 * record. */
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

int store_token_insert(struct store *s, int64_t account_id, const char *name,
		       const unsigned char hash[32], const char *hint, const char *now, int64_t *id)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO api_token(account_id, name, token_hash, hint, created_at) "
				      "VALUES (?1, ?2, ?3, ?4, ?5)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, account_id);
	db_bind_text(st, 2, name);
	sqlite3_bind_blob(st, 3, hash, 32, SQLITE_TRANSIENT);
	db_bind_text(st, 4, hint);
	db_bind_text(st, 5, now);
	int rc = db_done(s, st);
	if (rc == IPS_OK)
		*id = sqlite3_last_insert_rowid(s->db);
	return rc;
}

static void token_row(struct arena *a, sqlite3_stmt *st, struct api_token *o)
{
	o->id = sqlite3_column_int64(st, 0);
	o->account_id = sqlite3_column_int64(st, 1);
	o->name = db_col_text(a, st, 2);
	o->hint = db_col_text(a, st, 3);
	o->created_at = db_col_text(a, st, 4);
	o->last_used_at = db_col_text(a, st, 5);
	o->revoked_at = db_col_text(a, st, 6);
}

int store_tokens_of_account(struct store *s, struct arena *a, int64_t account_id,
			    struct api_token **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT id, account_id, name, hint, created_at, last_used_at, revoked_at "
				      "FROM api_token WHERE account_id = ?1 AND revoked_at IS NULL ORDER BY id DESC");
	*out = NULL;
	*n = 0;
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, account_id);
	size_t cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		token_row(a, st, db_push(a, (void **)out, n, &cap, sizeof **out));
	return db_finish(s, st, rc);
}

int store_token_get(struct store *s, struct arena *a, int64_t id, struct api_token *out)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT id, account_id, name, hint, created_at, last_used_at, revoked_at "
				      "FROM api_token WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		token_row(a, st, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_token_by_hash(struct store *s, struct arena *a, const unsigned char hash[32],
			struct api_token *out)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT id, account_id, name, hint, created_at, last_used_at, revoked_at "
				      "FROM api_token WHERE token_hash = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		token_row(a, st, out);
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_token_revoke(struct store *s, int64_t id, const char *now)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE api_token SET revoked_at = ?2 WHERE id = ?1 AND revoked_at IS NULL");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, now);
	return db_done(s, st);
}

int store_token_touch(struct store *s, int64_t id, const char *now)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE api_token SET last_used_at = ?2 WHERE id = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, id);
	db_bind_text(st, 2, now);
	return db_done(s, st);
}
