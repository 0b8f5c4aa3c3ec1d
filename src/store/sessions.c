/* store/sessions.c — sign-in sessions (kept by the hash of their token, so a copy of
 * the database cannot be used to sign in) and the counters behind throttling. */
#include <string.h>
#include "store/db.h"
#include "util/arena.h"

int store_session_insert(struct store *s, const unsigned char hash[32], int64_t account_id,
			 const char *csrf, int64_t now)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO session(token_hash, account_id, csrf, created_at, "
				      "last_seen) VALUES (?1, ?2, ?3, ?4, ?4)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	db_bind_id(st, 2, account_id);
	db_bind_text(st, 3, csrf);
	sqlite3_bind_int64(st, 4, now);
	return db_done(s, st);
}

int store_session_get(struct store *s, struct arena *a, const unsigned char hash[32],
		      struct session *out)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT account_id, csrf, created_at, last_seen FROM session "
				      "WHERE token_hash = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->account_id = db_col_id(st, 0);
		out->csrf = db_col_text(a, st, 1);
		out->created_at = sqlite3_column_int64(st, 2);
		out->last_seen = sqlite3_column_int64(st, 3);
	}
	int r = db_finish(s, st, rc);
	return r ? r : rc == SQLITE_ROW ? IPS_OK : IPS_ENOTFOUND;
}

int store_session_touch(struct store *s, const unsigned char hash[32], int64_t now)
{
	sqlite3_stmt *st = db_stmt(s, "UPDATE session SET last_seen = ?2 WHERE token_hash = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 2, now);
	return db_done(s, st);
}

int store_session_delete(struct store *s, const unsigned char hash[32])
{
	sqlite3_stmt *st = db_stmt(s, "DELETE FROM session WHERE token_hash = ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_blob(st, 1, hash, 32, SQLITE_TRANSIENT);
	return db_done(s, st);
}

int store_sessions_purge(struct store *s, int64_t last_seen_before)
{
	sqlite3_stmt *st = db_stmt(s, "DELETE FROM session WHERE last_seen < ?1");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, last_seen_before);
	return db_done(s, st);
}

int store_throttle_get(struct store *s, const char *key, struct throttle *out)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT count, window_start, locked_until FROM throttle WHERE key = ?1");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, key);
	memset(out, 0, sizeof *out);
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		out->count = sqlite3_column_int(st, 0);
		out->window_start = sqlite3_column_int64(st, 1);
		out->locked_until = sqlite3_column_int64(st, 2);
	}
	return db_finish(s, st, rc);
}

int store_throttle_put(struct store *s, const char *key, const struct throttle *in)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO throttle(key, count, window_start, locked_until) "
				      "VALUES (?1, ?2, ?3, ?4) ON CONFLICT(key) DO UPDATE SET "
				      "count = excluded.count, window_start = excluded.window_start, "
				      "locked_until = excluded.locked_until");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, key);
	sqlite3_bind_int(st, 2, in->count);
	sqlite3_bind_int64(st, 3, in->window_start);
	sqlite3_bind_int64(st, 4, in->locked_until);
	return db_done(s, st);
}

int store_throttle_clear(struct store *s, const char *key)
{
	sqlite3_stmt *st = db_stmt(s, "DELETE FROM throttle WHERE key = ?1");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, key);
	return db_done(s, st);
}
