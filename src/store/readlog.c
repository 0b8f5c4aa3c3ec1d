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
 * own transaction. */
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
 * becomes the leader: it writes every view queued by then, its own and the other
 * threads', in one transaction on its own connection, and wakes them when it has
 * committed. Under load one commit (a lock, a WAL write) serves several pages; alone,
 * a view is written at once. Each waiting thread's entries stay valid while it waits. */
struct pending {
	const unsigned char *key;
	const struct audit_entry *e;
	size_t n;
	int rc;
	bool done;
	struct pending *next;
};
static pthread_mutex_t queue_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t queue_done = PTHREAD_COND_INITIALIZER;
static struct pending *queue_head, **queue_tail = &queue_head;
static bool leading;

void store_reads_path(const char *path, char *buf, size_t size)
{
	snprintf(buf, size, "%s.reads", path);
}

/* Opens s's read log once; create makes the file (never for a read-only store). */
static int reads_open(struct store *s, bool create)
{
	if (s->reads)
		return IPS_OK;
	char path[4096];
	store_reads_path(s->path, path, sizeof path);
	struct stat sb;
	if (stat(path, &sb) != 0 && (!create || s->read_only))
		return IPS_ENOTFOUND;
	struct store *r = calloc(1, sizeof *r);
	if (!r || !(r->path = strdup(path))) {
		free(r);
		return IPS_EIO;
	}
	r->read_only = s->read_only;
	r->chain_start = 1;
	int flags = (s->read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) |
		    SQLITE_OPEN_NOMUTEX;
	if (db_connect(path, flags, &r->db) != IPS_OK) {
		snprintf(s->err, sizeof s->err, "read log %.200s: cannot open", path);
		free(r->path);
		free(r);
		return IPS_EIO;
	}
	int rc = IPS_OK;
	/* NORMAL: a view's entry reaches the operating system before the page is sent, so it
	 * survives the server being killed; the disk sync follows with the next checkpoint. */
	if (rc == IPS_OK && !s->read_only)
		rc = db_exec(r, "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;");
	if (rc == IPS_OK && !s->read_only)
		rc = db_exec(r, READS_SCHEMA);
	if (rc != IPS_OK) {
		snprintf(s->err, sizeof s->err, "read log %.100s: %.100s", path, r->err);
		store_close(r);
		return IPS_EIO;
	}
	s->reads = r;
	return IPS_OK;
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

int store_read_audit_append(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
			    const struct audit_entry *e, size_t n)
{
	int rc = reads_open(s, true);
	if (rc != IPS_OK)
		return rc;
	struct pending me = {.key = key, .e = e, .n = n};
	pthread_mutex_lock(&queue_lock);
	*queue_tail = &me;
	queue_tail = &me.next;
	while (!me.done) {
		if (leading) {
			pthread_cond_wait(&queue_done, &queue_lock);
			continue;
		}
		leading = true;
		struct pending *batch = queue_head;
		queue_head = NULL;
		queue_tail = &queue_head;
		pthread_mutex_unlock(&queue_lock);
		int brc = write_batch(s->reads, batch);
		if (brc != IPS_OK)
			snprintf(s->err, sizeof s->err, "read log: %.200s", s->reads->err);
		pthread_mutex_lock(&queue_lock);
		for (struct pending *p = batch, *next; p; p = next) {
			next = p->next;   /* read before done: a waiter may return at once */
			p->rc = brc;
			p->done = true;
		}
		leading = false;
		pthread_cond_broadcast(&queue_done);
	}
	pthread_mutex_unlock(&queue_lock);
	if (me.rc != IPS_OK && !s->err[0])
		snprintf(s->err, sizeof s->err, "read log: the batch this view was in could not be written");
	return me.rc;
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
