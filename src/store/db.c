/* store/db.c — opening the SQLite file with ipsdesk's settings (WAL, foreign keys,
 * defensive mode, no double-quoted strings, busy timeout), the per-connection cache of
 * kept statements, transactions and the small helpers every store file uses.
 * Only prepared statements: no SQL is ever built from a value. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "store/db.h"
#include "util/arena.h"
#include "util/log.h"

int db_exec(struct store *s, const char *sql)
{
	char *msg = NULL;
	int rc = sqlite3_exec(s->db, sql, NULL, NULL, &msg);
	if (rc != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
		return db_error(s, rc);
	}
	return IPS_OK;
}

int db_error(struct store *s, int rc)
{
	switch (rc & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW:
		return IPS_OK;
	case SQLITE_CONSTRAINT:
		snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
		return rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY ? IPS_EDUPLICATE
											    : IPS_ECONSTRAINT;
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
		return IPS_EBUSY;
	default:
		snprintf(s->err, sizeof s->err, "%s", sqlite3_errmsg(s->db));
		return IPS_EIO;
	}
}

const char *store_errmsg(struct store *s)
{
	return s->err[0] ? s->err : "no error";
}

/* Before SQLite's first use in the process: no count of memory in use, which SQLite
 * keeps under one mutex that every allocation on every thread would take. */
static void sqlite_setup(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
}

int db_connect(const char *path, int flags, sqlite3 **out)
{
	static pthread_once_t once = PTHREAD_ONCE_INIT;
	pthread_once(&once, sqlite_setup);
	int rc = sqlite3_open_v2(path, out, flags, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_close(*out);
		*out = NULL;
		return IPS_EIO;
	}
	sqlite3 *db = *out;
	sqlite3_extended_result_codes(db, 1);
	sqlite3_busy_timeout(db, 5000);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DML, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_DQS_DDL, 0, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_ENABLE_FKEY, 1, NULL);
	sqlite3_db_config(db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
	return IPS_OK;
}

/* Group commit. A change is acknowledged only once its commit is on disk, as with
 * synchronous = FULL; but FULL fsyncs the WAL inside the commit, with the write lock
 * held, so every other writer waits for that fsync and writes are one per fsync. Here
 * the connection runs with synchronous = NORMAL (the frames are written, not synced;
 * checkpoints still sync the WAL first and the database after), and wal_committed,
 * which SQLite calls after each commit once the write lock is released, waits until
 * one fsync of the WAL begun after that commit has finished. One thread syncs, for
 * every commit made so far; those that commit while it syncs wait for it, then one of
 * them syncs for all of them. fsync works on the file, not the descriptor, so any
 * connection's WAL handle will do.
 * A failed fsync stops the process, as PostgreSQL does: the commit is already in the WAL
 * and seen by other connections, so it cannot be reported as not saved, nor as saved;
 * and a later fsync that succeeds proves nothing about the pages of this one (Linux
 * marks them clean anyway). At the next start SQLite recovers the WAL to its last whole
 * commit on disk.
 * Unlike FULL, which syncs before the commit is visible, other connections may read a
 * commit in the moment before its fsync ends: a power cut then can take back what a
 * page showed, never what a change's author was told was saved (BENCHMARKS.md,
 * "Durability"). */
struct sync_group {
	char *file;           /* the database file (sqlite3_db_filename) */
	uint64_t committed;   /* commits counted so far */
	uint64_t synced;      /* the commits up to this one are on disk */
	bool syncing;
};
static pthread_mutex_t sync_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t sync_done = PTHREAD_COND_INITIALIZER;
static struct sync_group sync_groups[8];

/* The group of file, made if need be; NULL when the table is full (sync alone). */
static struct sync_group *sync_group_of(const char *file)
{
	for (size_t i = 0; i < sizeof sync_groups / sizeof sync_groups[0]; i++) {
		struct sync_group *g = &sync_groups[i];
		if (!g->file)
			return (g->file = strdup(file)) ? g : NULL;
		if (strcmp(g->file, file) == 0)
			return g;
	}
	return NULL;
}

/* fsyncs the WAL (op SQLITE_FCNTL_JOURNAL_POINTER) or the database file itself
 * (SQLITE_FCNTL_FILE_POINTER) of db's schema name, through SQLite's own handle on it. */
static int file_fsync(sqlite3 *db, const char *name, int op)
{
	sqlite3_file *f = NULL;
	if (sqlite3_file_control(db, name, op, &f) != SQLITE_OK || !f || !f->pMethods)
		return SQLITE_IOERR_FSYNC;
	return f->pMethods->xSync(f, SQLITE_SYNC_NORMAL);
}

/* The WAL of db's name, synced; a failure stops the process (see above). */
static void wal_fsync(sqlite3 *db, const char *name)
{
	int rc = file_fsync(db, name, SQLITE_FCNTL_JOURNAL_POINTER);
	if (rc != SQLITE_OK) {
		log_error("database %s: fsync of the WAL failed (%s): stopping, so that no change is "
			  "acknowledged that may not be on disk; the next start recovers the WAL",
			  sqlite3_db_filename(db, name), sqlite3_errstr(rc));
		abort();
	}
}

static void wal_sync_group(sqlite3 *db, const char *name)
{
	pthread_mutex_lock(&sync_lock);
	struct sync_group *g = sync_group_of(sqlite3_db_filename(db, name));
	if (!g) {
		pthread_mutex_unlock(&sync_lock);
		wal_fsync(db, name);
		return;
	}
	uint64_t me = ++g->committed;
	while (g->synced < me) {
		if (g->syncing) {
			pthread_cond_wait(&sync_done, &sync_lock);
			continue;
		}
		g->syncing = true;
		uint64_t upto = g->committed;
		pthread_mutex_unlock(&sync_lock);
		wal_fsync(db, name);
		pthread_mutex_lock(&sync_lock);
		g->syncing = false;
		g->synced = upto;
		pthread_cond_broadcast(&sync_done);
	}
	pthread_mutex_unlock(&sync_lock);
}

static void writer_release(struct store *s);

/* SQLite's WAL hook: after every commit on a writable connection, the write lock
 * released. Lets the next writer in this process go, waits for the group fsync, then
 * checkpoints as SQLite's own hook would (a hook of ours replaces its automatic
 * checkpoint): passively, past 1,000 frames. */
static int wal_committed(void *ctx, sqlite3 *db, const char *name, int frames)
{
	struct store *s = ctx;
	writer_release(s);
	if (!s->scratch)
		wal_sync_group(db, name);
	if (frames >= 1000)
		sqlite3_wal_checkpoint_v2(db, name, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return SQLITE_OK;
}

int store_open(const char *path, enum store_open_mode mode, struct store **out)
{
	*out = NULL;
	struct stat sb;
	bool exists = stat(path, &sb) == 0;
	if (mode == STORE_CREATE && exists)
		return IPS_EEXIST;
	if (mode != STORE_CREATE && !exists)
		return IPS_ENOTFOUND;

	struct store *s = calloc(1, sizeof *s);
	if (!s || !(s->path = strdup(path))) {
		free(s);
		return IPS_EIO;
	}
	s->read_only = mode == STORE_READ_ONLY;
	int flags = (mode == STORE_READ_ONLY ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) |
		    SQLITE_OPEN_NOMUTEX | (mode == STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
	if (db_connect(path, flags, &s->db) != IPS_OK) {
		free(s->path);
		free(s);
		return IPS_EIO;
	}

	/* A read-only file (a backup being checked) keeps its journal mode, and reads it
	 * through a memory map of up to 1 GiB (an integrity check reads every page). The
	 * database itself is read through SQLite's own page cache, not a map: every commit
	 * by another connection makes SQLite drop a connection's map whole at its next read
	 * (WAL mode), and faulting it back in page by page cost more than the reads it saved
	 * (BENCHMARKS.md, "Outcome report at national scale"). A writable file: every commit
	 * is fsynced to the WAL before it is acknowledged, as synchronous = FULL would, but
	 * by wal_committed after SQLite has let go of the write lock, so that one fsync
	 * serves every commit made meanwhile (BENCHMARKS.md, "Durability"). */
	int rc = mode == STORE_READ_ONLY ? db_exec(s, "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
						  "PRAGMA mmap_size = 1073741824;")
				     : db_exec(s, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; "
						  "PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY;");
	if (rc == IPS_OK && mode != STORE_READ_ONLY)
		sqlite3_wal_hook(s->db, wal_committed, s);
	if (rc == IPS_OK) {
		int have = store_schema_version(s);
		if (have > db_latest_version())
			rc = IPS_ENEWER;
		else if (mode == STORE_READ_ONLY)
			rc = have < 0 ? IPS_EINVAL : IPS_OK;
		else if (mode == STORE_NO_MIGRATE && have != db_latest_version())
			rc = IPS_EINVAL;
		else if (mode != STORE_NO_MIGRATE)
			rc = db_migrate(s);
	}
	if (rc != IPS_OK) {
		store_close(s);
		return rc;
	}
	*out = s;
	return IPS_OK;
}

void store_close(struct store *s)
{
	if (!s)
		return;
	store_request_done(s);
	for (size_t i = 0; i < s->capslots; i++)
		if (s->slots[i].st)
			sqlite3_finalize(s->slots[i].st);
	free(s->slots);
	sqlite3_close(s->db);
	store_close(s->reads);
	free(s->path);
	free(s);
}

int store_schema_version(struct store *s)
{
	sqlite3_stmt *st;
	int v = -1;
	if (sqlite3_prepare_v2(s->db, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
	}
	return v;
}

/* Open addressing on the literal's address; the table doubles at half full. */
static void snapshot_close(struct store *s);

sqlite3_stmt *db_stmt(struct store *s, const char *sql)
{
	if (s->nslots * 2 >= s->capslots) {
		size_t ncap = s->capslots ? s->capslots * 2 : 128;
		struct stmt_slot *n = calloc(ncap, sizeof *n);
		if (!n)
			return NULL;
		for (size_t i = 0; i < s->capslots; i++) {
			if (!s->slots[i].sql)
				continue;
			size_t h = ((uintptr_t)s->slots[i].sql >> 3) & (ncap - 1);
			while (n[h].sql)
				h = (h + 1) & (ncap - 1);
			n[h] = s->slots[i];
		}
		free(s->slots);
		s->slots = n;
		s->capslots = ncap;
	}
	size_t h = ((uintptr_t)sql >> 3) & (s->capslots - 1);
	while (s->slots[h].sql && s->slots[h].sql != sql)
		h = (h + 1) & (s->capslots - 1);
	sqlite3_stmt *st = s->slots[h].st;
	if (!s->slots[h].sql) {
		int rc = sqlite3_prepare_v3(s->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL);
		if (rc != SQLITE_OK) {
			snprintf(s->err, sizeof s->err, "prepare: %s", sqlite3_errmsg(s->db));
			fprintf(stderr, "ipsdesk: SQL does not prepare: %s\n", s->err);
			return NULL;
		}
		s->slots[h].sql = sql;
		s->slots[h].st = st;
		s->nslots++;
	}
	/* a write ends a snapshot's read transaction, which could not become a write
	 * transaction once another connection had committed (SQLITE_BUSY_SNAPSHOT) */
	if (s->snapshot_open && !sqlite3_stmt_readonly(st))
		snapshot_close(s);
	return st;
}

int db_done(struct store *s, sqlite3_stmt *st)
{
	if (!st)
		return IPS_EIO;
	int rc = sqlite3_step(st);
	int r = (rc == SQLITE_DONE || rc == SQLITE_ROW) ? IPS_OK : db_error(s, rc);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r;
}

int db_finish(struct store *s, sqlite3_stmt *st, int rc)
{
	int r = (rc == SQLITE_DONE || rc == SQLITE_ROW || rc == SQLITE_OK) ? IPS_OK : db_error(s, rc);
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	return r;
}

void db_bind_text(sqlite3_stmt *st, int i, const char *v)
{
	if (v)
		sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_id(sqlite3_stmt *st, int i, int64_t v)
{
	if (v)
		sqlite3_bind_int64(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

void db_bind_opt_int(sqlite3_stmt *st, int i, int v)
{
	if (v >= 0)
		sqlite3_bind_int(st, i, v);
	else
		sqlite3_bind_null(st, i);
}

const char *db_col_text(struct arena *a, sqlite3_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if (!t)
		return NULL;
	return arena_strndup(a, (const char *)t, (size_t)sqlite3_column_bytes(st, i));
}

int64_t db_col_id(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? 0 : sqlite3_column_int64(st, i);
}

int db_col_opt_int(sqlite3_stmt *st, int i)
{
	return sqlite3_column_type(st, i) == SQLITE_NULL ? -1 : sqlite3_column_int(st, i);
}

void *db_push(struct arena *a, void **arr, size_t *n, size_t *cap, size_t sz)
{
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 16;
		void *p = arena_alloc(a, ncap * sz);
		if (*n)
			memcpy(p, *arr, *n * sz);
		*arr = p;
		*cap = ncap;
	}
	void *slot = (char *)*arr + (*n)++ * sz;
	memset(slot, 0, sz);
	return slot;
}

/* One writer at a time in this process. SQLite allows one writer per file anyway; a
 * second connection that tries meanwhile sleeps in the busy handler in growing steps
 * (up to 100 ms each), which at 64 connections put a second on the slowest requests.
 * Queueing on a mutex instead wakes the next writer the moment the last one commits.
 * Other processes (the CLI) still meet the busy handler. */
static pthread_mutex_t writer_lock = PTHREAD_MUTEX_INITIALIZER;

static void writer_release(struct store *s)
{
	if (s->writing && sqlite3_get_autocommit(s->db)) {
		s->writing = false;
		pthread_mutex_unlock(&writer_lock);
	}
}

int store_snapshot_begin(struct store *s)
{
	s->snapshot_depth++;
	if (s->snapshot_open || !sqlite3_get_autocommit(s->db))
		return IPS_OK;   /* in an open snapshot or transaction already */
	int rc = db_done(s, db_stmt(s, "BEGIN DEFERRED"));
	s->snapshot_open = rc == IPS_OK;
	s->snapshot_opener = s->snapshot_depth;
	return rc;
}

/* Ends the snapshot's read transaction, if it is still the one open. */
static void snapshot_close(struct store *s)
{
	if (s->snapshot_open && !sqlite3_get_autocommit(s->db))
		db_done(s, db_stmt(s, "ROLLBACK"));
	s->snapshot_open = false;
}

void store_snapshot_end(struct store *s)
{
	if (s->snapshot_depth == 0)
		return;
	if (s->snapshot_depth-- == s->snapshot_opener)
		snapshot_close(s);
}

int store_begin(struct store *s)
{
	if (s->tx_depth > 0 && !sqlite3_get_autocommit(s->db)) {   /* inside one: a savepoint */
		int rc = db_done(s, db_stmt(s, "SAVEPOINT nested"));
		s->tx_depth += rc == IPS_OK;
		return rc;
	}
	s->tx_depth = 0;
	snapshot_close(s);   /* a write reads the newest state, in its own transaction */
	if (!s->writing) {
		pthread_mutex_lock(&writer_lock);
		s->writing = true;
	}
	int rc = db_done(s, db_stmt(s, "BEGIN IMMEDIATE"));
	writer_release(s);   /* only if BEGIN failed and no transaction is open */
	s->tx_depth = rc == IPS_OK;
	return rc;
}

int store_scratch(struct store *s, bool on)
{
	if (on) {
		s->scratch = true;
		return db_exec(s, "PRAGMA synchronous = OFF");
	}
	s->scratch = false;
	int rc = db_exec(s, "PRAGMA synchronous = NORMAL");   /* and wal_committed syncs each commit */
	if (rc == IPS_OK)
		rc = db_exec(s, "PRAGMA wal_checkpoint(TRUNCATE)");   /* everything to the file */
	/* and both files synced: a checkpoint that finds every frame already copied (by an
	 * automatic one, unsynced while scratch) syncs nothing, and one that a reader holds
	 * back leaves frames in the WAL */
	if (rc == IPS_OK && (file_fsync(s->db, "main", SQLITE_FCNTL_FILE_POINTER) != SQLITE_OK ||
			     file_fsync(s->db, "main", SQLITE_FCNTL_JOURNAL_POINTER) != SQLITE_OK)) {
		snprintf(s->err, sizeof s->err, "the database file could not be synced to disk");
		rc = IPS_EIO;
	}
	return rc;
}

int store_bulk(struct store *s, bool on)
{
	/* 256 MiB of page cache while loading: index pages stay in memory instead of being
	 * spilled to the WAL and read back for every row. Foreign keys are not checked by
	 * SQLite meanwhile: the importer has already resolved every link to a record that
	 * exists in the same transaction, and a second check per row would double the
	 * work. Temporary files on disk rather than in memory: only the sorter that builds
	 * an index after a bulk load (store_ic_restore) writes any, and held in memory it
	 * sorts all the keys in one run, allocating each key on its own (two thirds slower:
	 * BENCHMARKS.md, "Import").
	 * Off puts back store_open's settings, and CHECK constraints in case a load
	 * (store_ic_defer) stopped before store_ic_restore. Call outside a transaction
	 * (SQLite ignores foreign_keys inside one, and refuses temp_store there once a
	 * temporary table exists). */
	return db_exec(s, on ? "PRAGMA cache_size = -262144; PRAGMA foreign_keys = OFF; PRAGMA temp_store = FILE"
			     : "PRAGMA cache_size = -2000; PRAGMA foreign_keys = ON; PRAGMA temp_store = MEMORY; "
			       "PRAGMA ignore_check_constraints = OFF");
}

int store_commit(struct store *s)
{
	if (s->tx_depth > 1 && !sqlite3_get_autocommit(s->db)) {
		s->tx_depth--;
		return db_done(s, db_stmt(s, "RELEASE nested"));
	}
	s->tx_depth = 0;
	int rc = db_done(s, db_stmt(s, "COMMIT"));
	writer_release(s);
	return rc;
}

int store_rollback(struct store *s)
{
	if (s->tx_depth > 1 && !sqlite3_get_autocommit(s->db)) {   /* the inner part only */
		s->tx_depth--;
		int rc = db_done(s, db_stmt(s, "ROLLBACK TO nested"));
		int rel = db_done(s, db_stmt(s, "RELEASE nested"));
		return rc ? rc : rel;
	}
	s->tx_depth = 0;
	int rc = IPS_OK;
	if (!sqlite3_get_autocommit(s->db))
		rc = db_done(s, db_stmt(s, "ROLLBACK"));
	writer_release(s);
	return rc;
}

void store_request_done(struct store *s)
{
	if (s && s->snapshot_depth) {
		log_error("a request left a snapshot open: ended");
		s->snapshot_depth = 0;
		snapshot_close(s);
	}
	if (s && !sqlite3_get_autocommit(s->db)) {
		log_error("a request left a transaction open: rolled back");
		s->tx_depth = 0;   /* all of it */
		store_rollback(s);
	}
}

int store_meta_get(struct store *s, struct arena *a, const char *key, const char **value)
{
	sqlite3_stmt *st = db_stmt(s, "SELECT value FROM meta WHERE key = ?1");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, key);
	int rc = sqlite3_step(st);
	*value = rc == SQLITE_ROW ? db_col_text(a, st, 0) : NULL;
	int r = db_finish(s, st, rc);
	return r ? r : (*value ? IPS_OK : IPS_ENOTFOUND);
}

int store_meta_set(struct store *s, const char *key, const char *value)
{
	sqlite3_stmt *st = db_stmt(s, "INSERT INTO meta(key, value) VALUES (?1, ?2) "
				      "ON CONFLICT(key) DO UPDATE SET value = excluded.value");
	if (!st)
		return IPS_EIO;
	db_bind_text(st, 1, key);
	db_bind_text(st, 2, value);
	return db_done(s, st);
}

bool store_integrity_ok(struct store *s)
{
	sqlite3_stmt *st;
	bool ok = false;
	if (sqlite3_prepare_v2(s->db, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK) {
		if (sqlite3_step(st) == SQLITE_ROW) {
			const unsigned char *t = sqlite3_column_text(st, 0);
			ok = t && strcmp((const char *)t, "ok") == 0 && sqlite3_step(st) == SQLITE_DONE;
		}
		sqlite3_finalize(st);
	}
	return ok;
}
