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
 * Appends are group-committed by whichever thread finds none under way, on one
 * connection for the process; the server queues a page's views without waiting and
 * sends the page when they are written (web/server.c), so one commit serves every page
 * that arrived meanwhile. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "store/db.h"

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

/* Appends in this process go through one queue. Whoever finds no append under way
 * becomes the leader: it writes every batch queued by then, its own and the other
 * threads', in one transaction, and goes on while more arrive; then it tells each
 * batch's owner. A thread that asked to wait (store_read_audit_append) sleeps until
 * its batch is written; one that gave a callback (store_read_audit_submit: the server,
 * which holds the page back meanwhile) goes on serving. Under load one commit (a lock,
 * a WAL write) serves many pages; alone, a view is written at once. A batch's entries
 * stay valid until its owner is told. */
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
static pthread_cond_t queue_done = PTHREAD_COND_INITIALIZER;
static struct pending *queue_head, **queue_tail = &queue_head;
static bool leading;

/* The leader's connection, one for the process whichever thread leads, so its page
 * cache stays warm (a commit by another connection would empty it). Used only by the
 * leader; reopened when the leader's database is another file than the one open. */
static struct store *writer;
static dev_t writer_dev;
static ino_t writer_ino;

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
	/* NORMAL: a view's entry reaches the operating system before the page is sent, so it
	 * survives the server being killed; the disk sync follows with the next checkpoint. */
	if (rc == IPS_OK && !read_only)
		rc = db_exec(r, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
	if (rc == IPS_OK && !read_only)
		rc = db_exec(r, READS_SCHEMA);
	if (rc != IPS_OK) {
		snprintf(err, errsize, "read log %.100s: %.100s", path, r->err);
		store_close(r);
		return IPS_EIO;
	}
	*out = r;
	return IPS_OK;
}

/* Opens s's read log once, for reading it (and, for a store that may write, making it). */
static int reads_open(struct store *s, bool create)
{
	if (s->reads)
		return IPS_OK;
	char path[4096];
	store_reads_path(s->path, path, sizeof path);
	return reads_connect(path, s->read_only, create, &s->reads, s->err, sizeof s->err);
}

/* The leader's connection to the read log of the database at db_path, (re)opened when
 * the file there is not the one open: another database, or one removed and made again. */
static int writer_for(const char *db_path, char *err, size_t errsize)
{
	char path[4096];
	store_reads_path(db_path, path, sizeof path);
	struct stat sb;
	if (writer && stat(path, &sb) == 0 && sb.st_dev == writer_dev && sb.st_ino == writer_ino &&
	    strcmp(writer->path, path) == 0)
		return IPS_OK;
	store_close(writer);
	writer = NULL;
	int rc = reads_connect(path, false, true, &writer, err, errsize);
	if (rc == IPS_OK && stat(path, &sb) == 0) {
		writer_dev = sb.st_dev;
		writer_ino = sb.st_ino;
	}
	return rc;
}

bool store_reads_exist(struct store *s)
{
	return reads_open(s, false) == IPS_OK;
}

/* Writes a batch of appends in one transaction on r; the result of the whole. */
static int write_batch(struct store *r, struct pending *batch)
{
	int rc = db_done(r, db_stmt(r, "BEGIN IMMEDIATE"));
	for (struct pending *p = batch; rc == IPS_OK && p; p = p->next)
		for (size_t i = 0; rc == IPS_OK && i < p->n; i++)
			rc = store_audit_append(r, p->key, &p->e[i]);
	if (rc == IPS_OK)
		rc = db_done(r, db_stmt(r, "COMMIT"));
	if (rc != IPS_OK && !sqlite3_get_autocommit(r->db))
		db_done(r, db_stmt(r, "ROLLBACK"));
	return rc;
}

/* Writes batch, a list of appends: each run of them to one database's read log in one
 * transaction; then tells each owner, and frees what store_read_audit_submit queued.
 * Called by the leader, without queue_lock. */
static void write_all(struct pending *batch, char *err, size_t errsize)
{
	struct pending *waiters = NULL;
	while (batch) {
		struct pending *run = batch, *last = batch;
		while (last->next && strcmp(last->next->path, run->path) == 0)
			last = last->next;
		batch = last->next;
		last->next = NULL;
		int rc = writer_for(run->path, err, errsize);
		if (rc == IPS_OK && (rc = write_batch(writer, run)) != IPS_OK)
			snprintf(err, errsize, "read log: %.200s", writer->err);
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
	for (struct pending *p = waiters, *next; p; p = next) {
		next = p->next;   /* read before done: a waiter may return at once */
		p->done = true;
	}
	pthread_cond_broadcast(&queue_done);
	pthread_mutex_unlock(&queue_lock);
}

/* Queues me and, unless an append is under way, leads: writes what is queued until
 * nothing is. Called and returns with queue_lock held. */
static void enqueue(struct store *s, struct pending *me)
{
	*queue_tail = me;
	queue_tail = &me->next;
	if (leading)
		return;
	leading = true;
	while (queue_head) {
		struct pending *batch = queue_head;
		queue_head = NULL;
		queue_tail = &queue_head;
		pthread_mutex_unlock(&queue_lock);
		write_all(batch, s->err, sizeof s->err);
		pthread_mutex_lock(&queue_lock);
	}
	leading = false;
	pthread_cond_broadcast(&queue_done);
}

int store_read_audit_append(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
			    const struct audit_entry *e, size_t n)
{
	struct pending me = {.path = s->path, .key = key, .e = e, .n = n};
	pthread_mutex_lock(&queue_lock);
	enqueue(s, &me);
	while (!me.done)
		pthread_cond_wait(&queue_done, &queue_lock);
	pthread_mutex_unlock(&queue_lock);
	if (me.rc != IPS_OK && !s->err[0])
		snprintf(s->err, sizeof s->err, "read log: the batch this view was in could not be written");
	return me.rc;
}

int store_read_audit_submit(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
			    const struct audit_entry *e, size_t n, void (*written)(void *ctx, int rc), void *ctx)
{
	struct pending *me = malloc(sizeof *me);
	if (!me)
		return IPS_EIO;
	*me = (struct pending){.path = s->path, .key = key, .e = e, .n = n, .written = written, .ctx = ctx};
	pthread_mutex_lock(&queue_lock);
	enqueue(s, me);
	pthread_mutex_unlock(&queue_lock);
	return IPS_OK;
}

void store_reads_writer_close(void)
{
	pthread_mutex_lock(&queue_lock);
	while (leading)
		pthread_cond_wait(&queue_done, &queue_lock);
	store_close(writer);
	writer = NULL;
	pthread_mutex_unlock(&queue_lock);
}

int store_reads_verify(struct store *s, const unsigned char key[AUDIT_KEY_BYTES], int64_t *count,
		       unsigned char head[AUDIT_HASH_BYTES], int64_t *bad_seq)
{
	int rc = reads_open(s, false);
	if (rc == IPS_ENOTFOUND) {
		*count = 0;
		*bad_seq = 0;
		memset(head, 1, AUDIT_HASH_BYTES);
		return IPS_OK;
	}
	if (rc != IPS_OK)
		return rc;
	rc = store_audit_verify(s->reads, key, count, head, bad_seq, 0, NULL);
	if (rc != IPS_OK && rc != IPS_ETAMPERED)
		snprintf(s->err, sizeof s->err, "read log: %.200s", s->reads->err);
	return rc;
}
