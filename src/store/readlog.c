/* store/readlog.c — the read log: the audit entries of views (a person's record, a
 * caseload, a list) kept in a SQLite file of their own beside the database, with an
 * audit table like the database's and a keyed hash chain of its own (store/audit.c
 * computes both; this chain starts from a different hash, so no entry of one chain
 * verifies in the other).
 * Why a file of its own: in WAL mode every commit to a database file makes every other
 * connection to it drop its whole page cache at its next read. When each page view
 * committed its audit entry to the database, the server's threads spent most of their
 * time reading back pages they had just thrown away; appended here, a view leaves the
 * database untouched. Changes keep their audit entry in the database, in the change's
 * own transaction.
 * Appends are group-committed by one writer thread, on one connection for the process;
 * the server queues a page's views without waiting and sends the page when they are
 * written (web/server.c), so one commit serves every page that arrived meanwhile. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include "store/db.h"
#include "util/log.h"

static const char READS_SCHEMA[] =
	"CREATE TABLE IF NOT EXISTS audit ("
	"	seq        INTEGER PRIMARY KEY,"
	"	at         TEXT NOT NULL,"
	"	account_id INTEGER,"
	"	actor      TEXT NOT NULL,"
	"	action     TEXT NOT NULL,"
	"	entity     TEXT NOT NULL,"
	"	entity_id  INTEGER,"
	"	request_id TEXT NOT NULL,"
	"	fields     TEXT NOT NULL DEFAULT '',"
	"	hash       BLOB NOT NULL"
	") STRICT;"
	"CREATE INDEX IF NOT EXISTS audit_entity ON audit(entity, entity_id);"
	"CREATE INDEX IF NOT EXISTS audit_account ON audit(account_id, seq);"
	"CREATE TRIGGER IF NOT EXISTS audit_no_update BEFORE UPDATE ON audit "
	"BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;"
	"CREATE TRIGGER IF NOT EXISTS audit_no_delete BEFORE DELETE ON audit "
	"BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;";

/* Appends in this process go through one queue and one writer thread, started at the
 * first append: it takes every batch queued by then and writes them in one transaction,
 * on one connection for the process (its page cache stays warm; a commit by another
 * connection would empty it), then tells each batch's owner. A thread that asked to wait
 * (store_read_audit_append) sleeps until its batch is written; one that gave a callback
 * (store_read_audit_submit: the server, which holds the page back meanwhile) goes on
 * serving. Under load one commit (a lock, a WAL write) serves many pages; alone, a view
 * is written at once. A batch's entries stay valid until its owner is told. */
struct pending {
	const char *path;   /* the database's */
	const unsigned char *key;
	const struct audit_entry *e;
	size_t n;
	int rc;
	bool done;
	void (*written)(void *ctx, int rc);   /* NULL: the owner waits */
	void *ctx;
	struct pending *next;
};
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_work = PTHREAD_COND_INITIALIZER;   /* to the writer: something queued */
static pthread_cond_t queue_done = PTHREAD_COND_INITIALIZER;   /* from it: a batch written */
static struct pending *queue_head, **queue_tail = &queue_head;
static pthread_t writer_thread;
static bool writer_running, writer_stop, writing;
static char writer_err[256];   /* why the last batch failed, for the owners who wait */

/* The writer thread's connection; reopened when a batch is for another database's read
 * log, or the file at the path is no longer the one open. Used by that thread only. */
static struct store *writer;

void store_reads_path(const char *path, char *buf, size_t size)
{
	snprintf(buf, size, "%s.reads", path);
}

/* Opens the read log at path; create makes the file (never for a read-only store). */
static int reads_connect(const char *path, bool read_only, bool create, struct store **out, char *err,
			 size_t errsize)
{
	struct stat sb;
	if (stat(path, &sb) != 0 && (!create || read_only))
		return IPS_ENOTFOUND;
	struct store *r = calloc(1, sizeof *r);
	if (!r || !(r->path = strdup(path))) {
		free(r);
		return IPS_EIO;
	}
	r->read_only = read_only;
	r->chain_start = 1;
	int flags = (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
		    SQLITE_OPEN_NOMUTEX;
	if (db_connect(path, flags, &r->db) != IPS_OK) {
		snprintf(err, errsize, "read log %.200s: cannot open", path);
		free(r->path);
		free(r);
		return IPS_EIO;
	}
	int rc = IPS_OK;
	if (!create) {   /* an existing read log, before anything is written to it: its table */
		sqlite3_stmt *st = db_stmt(r, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'audit'");
		int step = st ? sqlite3_step(st) : SQLITE_ERROR;
		bool has = step == SQLITE_ROW && sqlite3_column_int(st, 0) == 1;
		rc = db_finish(r, st, step);
		if (rc == IPS_OK && !has) {
			snprintf(r->err, sizeof r->err, "not a read log (no audit table)");
			rc = IPS_ETAMPERED;
		}
	}
	/* NORMAL: a view's entry reaches the operating system before the page is sent, so it
	 * survives the server being killed; the disk sync follows with the next checkpoint. */
	if (rc == IPS_OK && !read_only)
		rc = db_exec(r, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
	if (rc == IPS_OK && create)
		rc = db_exec(r, READS_SCHEMA);
	if (rc == IPS_OK && stat(path, &sb) == 0) {
		r->dev = sb.st_dev;
		r->ino = sb.st_ino;
	}
	if (rc != IPS_OK) {
		snprintf(err, errsize, "read log %.100s: %.100s", path, r->err);
		store_close(r);
		return IPS_EIO;
	}
	*out = r;
	return IPS_OK;
}

/* Whether r (may be NULL) is open on the file at path now; there: whether one is. */
static bool still_at(const struct store *r, const char *path, bool *there)
{
	struct stat sb;
	*there = stat(path, &sb) == 0;
	return r && *there && sb.st_dev == r->dev && sb.st_ino == r->ino;
}


/* When the database first had its read log, into made (empty: never). */
static int read_log_made(struct store *s, char made[32])
{
	made[0] = 0;
	sqlite3_stmt *st = db_stmt(s, "SELECT value FROM meta WHERE key = 'read_log_made_at'");
	if (!st)
		return IPS_EIO;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(made, 32, "%s", (const char *)sqlite3_column_text(st, 0));
	return db_finish(s, st, rc);
}

/* Opens s's read log for reading it, again if the file at its path is no longer the one
 * open (put back from a backup, say). create: for a store that may write, makes the file
 * if the database never had one, and records in the database that it has one now. */
static int reads_open(struct store *s, bool create)
{
	char path[4096];
	store_reads_path(s->path, path, sizeof path);
	bool there;
	if (still_at(s->reads, path, &there))
		return IPS_OK;
	store_close(s->reads);
	s->reads = NULL;
	char made[32] = "";
	if (!there || (create && !s->read_only && !s->reads_marked)) {
		int rc = read_log_made(s, made);
		if (rc != IPS_OK)
			return rc;
		if (!there && made[0]) {
			snprintf(s->err, sizeof s->err, "the read log is missing (the database has had one since %.25s): "
				 "put it back from the backup: %.120s", made, path);
			return IPS_ETAMPERED;
		}
		if (!there && (!create || s->read_only))
			return IPS_ENOTFOUND;
	}
	/* a database that never recorded a read log may make one (or finish making one that
	 * another connection has just begun); one that did may only open what is there */
	bool may_make = create && !s->read_only && !s->reads_marked && !made[0];
	int rc = reads_connect(path, s->read_only, may_make, &s->reads, s->err, sizeof s->err);
	/* made (or first opened for a view): the database records that it has one, after
	 * the file is there, and only on the way to an append (never inside a page's reads) */
	if (rc == IPS_OK && create && !s->read_only && !s->reads_marked) {
		if (!made[0]) {
			time_t now = time(NULL);
			struct tm tm;
			gmtime_r(&now, &tm);
			strftime(made, sizeof made, "%Y-%m-%dT%H:%M:%SZ", &tm);
			sqlite3_stmt *st = db_stmt(s, "INSERT INTO meta(key, value) VALUES ('read_log_made_at', ?1) "
						      "ON CONFLICT(key) DO NOTHING");
			if (!st)
				rc = IPS_EIO;
			else {
				db_bind_text(st, 1, made);
				rc = db_done(s, st);
			}
		}
		s->reads_marked = rc == IPS_OK;
	}
	return rc;
}

int store_reads_open(struct store *s)
{
	return reads_open(s, false);
}

/* The writer's connection to the read log of the database at db_path, (re)opened when
 * the file there is not the one open: another database, or a file put in its place.
 * Never makes the file: a read log that has gone is refused, not begun again (reads_open
 * makes it, once, for a database that never had one). */
static int writer_for(const char *db_path, char *err, size_t errsize)
{
	char path[4096];
	store_reads_path(db_path, path, sizeof path);
	bool there;
	if (still_at(writer, path, &there))
		return IPS_OK;
	store_close(writer);
	writer = NULL;
	if (!there) {
		snprintf(err, errsize, "read log %.200s: missing", path);
		return IPS_ENOTFOUND;
	}
	return reads_connect(path, false, false, &writer, err, errsize);
}

/* Writes a batch of appends in one transaction on r; the result of the whole. */
static int write_batch(struct store *r, struct pending *batch)
{
	int rc = db_done(r, db_stmt(r, "BEGIN IMMEDIATE"));
	struct audit_head head;
	if (rc == IPS_OK)
		rc = db_audit_head(r, &head);
	for (struct pending *p = batch; rc == IPS_OK && p; p = p->next)
		for (size_t i = 0; rc == IPS_OK && i < p->n; i++)
			rc = db_audit_append_after(r, p->key, &head, &p->e[i]);
	if (rc == IPS_OK)
		rc = db_done(r, db_stmt(r, "COMMIT"));
	if (rc != IPS_OK && !sqlite3_get_autocommit(r->db))
		db_done(r, db_stmt(r, "ROLLBACK"));
	return rc;
}

/* Writes batch, a list of appends: each run of them to one database's read log in one
 * transaction; then tells each owner, and frees what store_read_audit_submit queued.
 * Called by the writer thread, without queue_lock. */
static void write_all(struct pending *batch)
{
	struct pending *waiters = NULL;
	char err[256] = "";
	while (batch) {
		struct pending *run = batch, *last = batch;
		while (last->next && strcmp(last->next->path, run->path) == 0)
			last = last->next;
		batch = last->next;
		last->next = NULL;
		int rc = writer_for(run->path, err, sizeof err);
		if (rc == IPS_OK && (rc = write_batch(writer, run)) != IPS_OK)
			snprintf(err, sizeof err, "read log: %.200s", writer->err);
		if (rc != IPS_OK)
			log_error("%s", err);
		for (struct pending *p = run, *next; p; p = next) {
			next = p->next;
			if (p->written) {
				p->written(p->ctx, rc);
				free(p);
			} else {
				p->rc = rc;
				p->next = waiters;
				waiters = p;
			}
		}
	}
	pthread_mutex_lock(&queue_lock);
	if (err[0])
		memcpy(writer_err, err, sizeof writer_err);
	for (struct pending *p = waiters, *next; p; p = next) {
		next = p->next;   /* read before done: a waiter may return at once */
		p->done = true;
	}
	pthread_mutex_unlock(&queue_lock);
}

static void *writer_main(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&queue_lock);
	for (;;) {
		while (!queue_head && !writer_stop)
			pthread_cond_wait(&queue_work, &queue_lock);
		if (!queue_head)
			break;   /* stopping, and nothing left */
		struct pending *batch = queue_head;
		queue_head = NULL;
		queue_tail = &queue_head;
		writing = true;
		pthread_mutex_unlock(&queue_lock);
		write_all(batch);
		pthread_mutex_lock(&queue_lock);
		writing = false;
		pthread_cond_broadcast(&queue_done);
	}
	store_close(writer);
	writer = NULL;
	writer_running = false;   /* in the same hold as the empty queue: the next enqueue starts another */
	pthread_mutex_unlock(&queue_lock);
	return NULL;
}

/* Queues me for the writer thread, starting it if need be. With queue_lock held. */
static int enqueue(struct pending *me)
{
	if (!writer_running) {
		writer_stop = false;
		if (pthread_create(&writer_thread, NULL, writer_main, NULL) != 0)
			return IPS_EIO;
		writer_running = true;
	}
	*queue_tail = me;
	queue_tail = &me->next;
	pthread_cond_signal(&queue_work);
	return IPS_OK;
}

int store_read_audit_append(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
			    const struct audit_entry *e, size_t n)
{
	int rc = reads_open(s, true);   /* made here, once, for a database that never had one */
	if (rc != IPS_OK)
		return rc;
	struct pending me = {.path = s->path, .key = key, .e = e, .n = n};
	pthread_mutex_lock(&queue_lock);
	rc = enqueue(&me);
	while (rc == IPS_OK && !me.done)
		pthread_cond_wait(&queue_done, &queue_lock);
	if (rc == IPS_OK && me.rc != IPS_OK)
		snprintf(s->err, sizeof s->err, "%s", writer_err[0] ? writer_err : "read log: not written");
	pthread_mutex_unlock(&queue_lock);
	return rc == IPS_OK ? me.rc : rc;
}

int store_read_audit_submit(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
			    const struct audit_entry *e, size_t n, void (*written)(void *ctx, int rc), void *ctx)
{
	int rc = reads_open(s, true);
	if (rc != IPS_OK)
		return rc;
	struct pending *me = malloc(sizeof *me);
	if (!me)
		return IPS_EIO;
	*me = (struct pending){.path = s->path, .key = key, .e = e, .n = n, .written = written, .ctx = ctx};
	pthread_mutex_lock(&queue_lock);
	rc = enqueue(me);
	pthread_mutex_unlock(&queue_lock);
	if (rc != IPS_OK)
		free(me);
	return rc;
}

void store_reads_drain(void)
{
	pthread_mutex_lock(&queue_lock);
	while (queue_head || writing)
		pthread_cond_wait(&queue_done, &queue_lock);
	pthread_mutex_unlock(&queue_lock);
}

void store_reads_writer_close(void)
{
	pthread_mutex_lock(&queue_lock);
	bool running = writer_running;
	pthread_t t = writer_thread;
	writer_stop = true;
	pthread_cond_signal(&queue_work);
	pthread_mutex_unlock(&queue_lock);
	if (running)
		pthread_join(t, NULL);
}

int store_reads_verify(struct store *s, const unsigned char key[AUDIT_KEY_BYTES], int64_t *count,
		       unsigned char head[AUDIT_HASH_BYTES], int64_t *bad_seq)
{
	int rc = reads_open(s, false);
	*count = 0;
	*bad_seq = 0;
	memset(head, 1, AUDIT_HASH_BYTES);
	if (rc == IPS_ENOTFOUND)
		return IPS_OK;   /* never had one */
	if (rc == IPS_ETAMPERED)
		*bad_seq = 1;    /* had one, and it has gone: broken from its first entry */
	if (rc != IPS_OK)
		return rc;
	rc = store_audit_verify(s->reads, key, count, head, bad_seq, 0, NULL);
	if (rc != IPS_OK && rc != IPS_ETAMPERED)
		snprintf(s->err, sizeof s->err, "read log: %.200s", s->reads->err);
	return rc;
}
