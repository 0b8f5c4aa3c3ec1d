/* store/audit.c — the audit log as a keyed hash chain. Each entry's hash is
 * HMAC-SHA-512/256 (libsodium crypto_auth) over the previous entry's hash and every
 * column of the entry, length-prefixed, so editing, inserting or removing any entry
 * (but the last: record the head elsewhere for that) breaks every later hash. The key
 * lives outside the database. Rows are append-only (triggers refuse UPDATE/DELETE).
 * Two chains use this code: the database's own log (changes, and the views that are
 * not on the hot path) and the read log beside it (store/readlog.c). A search or a
 * person's entries read both and merge them by time. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sodium.h>
#include "store/db.h"
#include "util/arena.h"

static void mac_text(crypto_auth_hmacsha512256_state *h, const char *s)
{
	unsigned char len[4];
	uint32_t n = s ? (uint32_t)strlen(s) : 0xffffffffu;
	len[0] = (unsigned char)(n >> 24);
	len[1] = (unsigned char)(n >> 16);
	len[2] = (unsigned char)(n >> 8);
	len[3] = (unsigned char)n;
	crypto_auth_hmacsha512256_update(h, len, 4);
	if (s)
		crypto_auth_hmacsha512256_update(h, (const unsigned char *)s, strlen(s));
}

static void mac_int(crypto_auth_hmacsha512256_state *h, int64_t v)
{
	char t[24];
	snprintf(t, sizeof t, "%lld", (long long)v);
	mac_text(h, t);
}

static void audit_hash(const unsigned char key[AUDIT_KEY_BYTES], const unsigned char prev[AUDIT_HASH_BYTES],
		       const struct audit_entry *e, unsigned char out[AUDIT_HASH_BYTES])
{
	/* the state after the key, kept per thread for the last key used: keying hashes
	 * two blocks, a third of the work for an entry, and nearly every entry has the
	 * same key (one database's) */
	static _Thread_local struct {
		unsigned char key[AUDIT_KEY_BYTES];
		crypto_auth_hmacsha512256_state keyed;
		bool set;
	} last;
	if (!last.set || sodium_memcmp(last.key, key, AUDIT_KEY_BYTES) != 0) {
		memcpy(last.key, key, AUDIT_KEY_BYTES);
		crypto_auth_hmacsha512256_init(&last.keyed, key, AUDIT_KEY_BYTES);
		last.set = true;
	}
	crypto_auth_hmacsha512256_state h = last.keyed;
	crypto_auth_hmacsha512256_update(&h, prev, AUDIT_HASH_BYTES);
	mac_int(&h, e->seq);
	mac_text(&h, e->at);
	mac_int(&h, e->account_id);
	mac_text(&h, e->actor);
	mac_text(&h, e->action);
	mac_text(&h, e->entity);
	mac_int(&h, e->entity_id);
	mac_text(&h, e->request_id);
	mac_text(&h, e->fields);
	crypto_auth_hmacsha512256_final(&h, out);
}

int db_audit_head(struct store *s, struct audit_head *h)
{
	sqlite3_stmt *last = db_stmt(s, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
	if (!last)
		return IPS_EIO;
	memset(h->hash, s->chain_start, sizeof h->hash);
	h->seq = 0;
	int rc = sqlite3_step(last);
	if (rc == SQLITE_ROW) {
		h->seq = sqlite3_column_int64(last, 0);
		if (sqlite3_column_bytes(last, 1) == AUDIT_HASH_BYTES)
			memcpy(h->hash, sqlite3_column_blob(last, 1), AUDIT_HASH_BYTES);
	}
	return db_finish(s, last, rc);
}

int db_audit_append_after(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
			  struct audit_head *h, const struct audit_entry *in)
{
	struct audit_entry e = *in;
	e.seq = h->seq + 1;
	if (!e.fields)
		e.fields = "";
	unsigned char hash[AUDIT_HASH_BYTES];
	audit_hash(key, h->hash, &e, hash);

	sqlite3_stmt *st = db_stmt(s, "INSERT INTO audit(seq, at, account_id, actor, action, entity, "
				      "entity_id, request_id, fields, hash) "
				      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, e.seq);
	db_bind_text(st, 2, e.at);
	db_bind_id(st, 3, e.account_id);
	db_bind_text(st, 4, e.actor);
	db_bind_text(st, 5, e.action);
	db_bind_text(st, 6, e.entity);
	db_bind_id(st, 7, e.entity_id);
	db_bind_text(st, 8, e.request_id);
	db_bind_text(st, 9, e.fields);
	sqlite3_bind_blob(st, 10, hash, AUDIT_HASH_BYTES, SQLITE_TRANSIENT);
	int rc = db_done(s, st);
	if (rc == IPS_OK) {
		h->seq = e.seq;
		memcpy(h->hash, hash, sizeof h->hash);
	}
	return rc;
}

int store_audit_append(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
		       const struct audit_entry *in)
{
	struct audit_head h;
	int rc = db_audit_head(s, &h);
	return rc ? rc : db_audit_append_after(s, key, &h, in);
}

static void audit_row(struct arena *a, sqlite3_stmt *st, struct audit_entry *o)
{
	o->seq = sqlite3_column_int64(st, 0);
	o->at = db_col_text(a, st, 1);
	o->account_id = db_col_id(st, 2);
	o->actor = db_col_text(a, st, 3);
	o->action = db_col_text(a, st, 4);
	o->entity = db_col_text(a, st, 5);
	o->entity_id = db_col_id(st, 6);
	o->request_id = db_col_text(a, st, 7);
	o->fields = db_col_text(a, st, 8);
}

int store_audit_verify(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
		       int64_t *count, unsigned char head[AUDIT_HASH_BYTES], int64_t *bad_seq,
		       int64_t mark_seq, unsigned char mark_hash[AUDIT_HASH_BYTES])
{
	sqlite3_stmt *st = db_stmt(s, "SELECT seq, at, account_id, actor, action, entity, entity_id, "
				      "request_id, fields, hash FROM audit ORDER BY seq");
	if (!st)
		return IPS_EIO;
	struct arena *a = arena_new();
	unsigned char prev[AUDIT_HASH_BYTES];
	memset(prev, s->chain_start, sizeof prev);
	int64_t n = 0;
	*bad_seq = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_entry e;
		audit_row(a, st, &e);
		unsigned char want[AUDIT_HASH_BYTES];
		n++;
		audit_hash(key, prev, &e, want);
		if (e.seq != n || sqlite3_column_bytes(st, 9) != AUDIT_HASH_BYTES ||
		    sodium_memcmp(want, sqlite3_column_blob(st, 9), AUDIT_HASH_BYTES) != 0) {
			*bad_seq = e.seq != n ? n : e.seq;
			break;
		}
		memcpy(prev, want, AUDIT_HASH_BYTES);
		if (mark_seq > 0 && e.seq == mark_seq && mark_hash)
			memcpy(mark_hash, want, AUDIT_HASH_BYTES);
		arena_reset(a);
	}
	int r = db_finish(s, st, rc);
	arena_free(a);
	*count = n;
	memcpy(head, prev, AUDIT_HASH_BYTES);
	if (r)
		return r;
	return *bad_seq ? IPS_ETAMPERED : IPS_OK;
}

static const char SQL_AUDIT_SEARCH[] =
	"SELECT seq, at, account_id, actor, action, entity, entity_id, request_id, fields "
	"FROM audit WHERE (?1 IS NULL OR actor = ?1 COLLATE NOCASE) "
	"AND (?2 IS NULL OR action = ?2 OR action LIKE ?2 || '.%') "
	"AND (?3 IS NULL OR entity = ?3) AND (?4 IS NULL OR entity_id = ?4) "
	"AND (?5 IS NULL OR at >= ?5) AND (?6 IS NULL OR at < date(?6, '+1 day')) "
	"AND (?7 IS NULL OR seq < ?7) ORDER BY seq DESC LIMIT ?8";

static int search_chain(struct store *s, struct arena *a, const struct audit_query *q, int64_t before,
			bool read_log, struct audit_entry **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s, SQL_AUDIT_SEARCH);
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, q->actor);
	db_bind_text(st, 2, q->action);
	db_bind_text(st, 3, q->entity);
	db_bind_id(st, 4, q->entity_id);
	db_bind_text(st, 5, q->from);
	db_bind_text(st, 6, q->to);
	db_bind_id(st, 7, before);
	sqlite3_bind_int(st, 8, q->limit > 0 ? q->limit : 50);
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct audit_entry *e = db_push(a, (void **)out, n, &cap, sizeof **out);
		audit_row(a, st, e);
		e->read_log = read_log;
	}
	return db_finish(s, st, rc);
}

/* Merges two lists of one chain each, both in time order (newest first when desc),
 * keeping at most limit entries; at the same second the database's own entry first. */
static void merge_by_time(struct arena *a, struct audit_entry *x, size_t nx, struct audit_entry *y, size_t ny,
			  bool desc, size_t limit, struct audit_entry **out, size_t *n)
{
	size_t total = nx + ny < limit ? nx + ny : limit;
	struct audit_entry *m = total ? arena_alloc(a, total * sizeof *m) : NULL;
	size_t i = 0, j = 0;
	for (size_t k = 0; k < total; k++) {
		bool take_x = j == ny;
		if (i < nx && j < ny) {
			int c = strcmp(x[i].at, y[j].at);
			take_x = desc ? c >= 0 : c < 0;   /* one second: own after the read log */
		}
		m[k] = take_x ? x[i++] : y[j++];
	}
	*out = m;
	*n = total;
}

int store_audit_search(struct store *s, struct arena *a, const struct audit_query *q,
		       struct audit_entry **out, size_t *n)
{
	struct audit_entry *own = NULL, *reads = NULL;
	size_t nown = 0, nreads = 0;
	int rc = search_chain(s, a, q, q->before_seq, false, &own, &nown);
	int rl = rc == IPS_OK ? store_reads_open(s) : rc;
	if (rl == IPS_OK)
		rc = search_chain(s->reads, a, q, q->before_read_seq, true, &reads, &nreads);
	else if (rl != IPS_ENOTFOUND)
		rc = rl;   /* a read log missing or unreadable is an error, not an empty log */
	if (rc != IPS_OK) {
		if (s->reads && s->reads->err[0])
			snprintf(s->err, sizeof s->err, "read log: %.200s", s->reads->err);
		*out = NULL;
		*n = 0;
		return rc;
	}
	merge_by_time(a, own, nown, reads, nreads, true, (size_t)(q->limit > 0 ? q->limit : 50), out, n);
	return IPS_OK;
}

int store_audit_of_client(struct store *s, struct arena *a, int64_t client_id,
			  struct audit_entry **out, size_t *n)
{
	sqlite3_stmt *st = db_stmt(s,
		"SELECT seq, at, account_id, actor, action, entity, entity_id, request_id, fields "
		"FROM audit WHERE (entity = 'client' AND entity_id = ?1) "
		"OR (entity = 'referral' AND entity_id IN (SELECT id FROM referral WHERE client_id = ?1)) "
		"OR (entity = 'contact' AND entity_id IN (SELECT k.id FROM contact k "
		"    JOIN referral r ON r.id = k.referral_id WHERE r.client_id = ?1)) "
		"OR (entity = 'job' AND entity_id IN (SELECT j.id FROM job j "
		"    JOIN referral r ON r.id = j.referral_id WHERE r.client_id = ?1)) "
		"OR (entity = 'application' AND entity_id IN (SELECT p.id FROM application p "
		"    JOIN referral r ON r.id = p.referral_id WHERE r.client_id = ?1)) "
		"OR (entity = 'support_item' AND entity_id IN (SELECT i.id FROM support_item i "
		"    JOIN job j ON j.id = i.job_id JOIN referral r ON r.id = j.referral_id "
		"    WHERE r.client_id = ?1)) "
		"ORDER BY seq");
	if (!st)
		return IPS_EIO;
	sqlite3_bind_int64(st, 1, client_id);
	struct audit_entry *own = NULL, *reads = NULL;
	size_t nown = 0, nreads = 0, cap = 0;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		audit_row(a, st, db_push(a, (void **)&own, &nown, &cap, sizeof *own));
	int r = db_finish(s, st, rc);
	/* Every view in the read log that concerns a person names them: entity client. */
	int opened = r == IPS_OK ? store_reads_open(s) : r;
	if (opened != IPS_OK && opened != IPS_ENOTFOUND)
		r = opened;   /* a subject access without the views would be incomplete */
	if (opened == IPS_OK) {
		struct store *rl = s->reads;
		st = db_stmt(rl, "SELECT seq, at, account_id, actor, action, entity, entity_id, request_id, "
				 "fields FROM audit WHERE entity = 'client' AND entity_id = ?1 ORDER BY seq");
		if (!st)
			r = IPS_EIO;
		else {
			sqlite3_bind_int64(st, 1, client_id);
			cap = 0;
			while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
				struct audit_entry *e = db_push(a, (void **)&reads, &nreads, &cap, sizeof *reads);
				audit_row(a, st, e);
				e->read_log = true;
			}
			r = db_finish(rl, st, rc);
			if (r != IPS_OK)
				snprintf(s->err, sizeof s->err, "read log: %.200s", rl->err);
		}
	}
	if (r != IPS_OK) {
		*out = NULL;
		*n = 0;
		return r;
	}
	merge_by_time(a, own, nown, reads, nreads, false, nown + nreads, out, n);
	return IPS_OK;
}
