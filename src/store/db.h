/* store/db.h — SQLite plumbing private to store/: the connection, the kept statements
 * and small bind/column helpers. Nothing outside src/store may include this file. */
#ifndef IPS_STORE_DB_H
#define IPS_STORE_DB_H
#include <sys/types.h>
#include <sqlite3.h>
#include <stdbool.h>
#include "store/store.h"

struct stmt_slot {
	const char *sql;        /* the literal's address is the key */
	sqlite3_stmt *st;
};

struct store {
	sqlite3 *db;
	struct stmt_slot *slots;
	size_t nslots, capslots;
	char err[256];
	bool writing;   /* holds the process's writer lock (store_begin .. commit/rollback) */
	int tx_depth;   /* store_begin calls not yet committed or rolled back; past 1, savepoints */
	bool scratch;   /* a new file nobody depends on yet: synchronous = OFF (store_scratch) */
	bool read_only; /* opened STORE_READ_ONLY */
	int snapshot_depth;   /* store_snapshot_begin calls not yet ended */
	bool snapshot_open;   /* one of them opened a read transaction, still open */
	int snapshot_opener;  /* the depth of the begin that opened it */
	char *path;     /* the database file, for the read log beside it */
	struct store *reads;        /* the read log (store/readlog.c), opened at its first use */
	bool reads_marked;          /* the database records that it has a read log */
	dev_t dev;                  /* a read log's connection: the file it was opened on */
	ino_t ino;
	unsigned char chain_start;  /* every byte of the hash before an audit chain's first entry:
				     * 0 for the database's own log, 1 for the read log */
};

/* Opens a SQLite file with ipsdesk's connection settings (extended result codes, busy
 * timeout, defensive mode, no double-quoted strings, foreign keys, untrusted schema). */
int db_connect(const char *path, int flags, sqlite3 **out);
/* Runs SQL text with no values in it (settings, schema); the message goes to s->err. */
int db_exec(struct store *s, const char *sql);
/* The kept statement for this SQL text (prepared once per connection with
 * SQLITE_PREPARE_PERSISTENT, keyed by the literal's address), or NULL on error. */
sqlite3_stmt *db_stmt(struct store *s, const char *sql);
/* Steps a statement that returns no row, resets it, and maps the result. */
int db_done(struct store *s, sqlite3_stmt *st);
/* Maps a SQLite result code to IPS_E* and remembers the message. */
int db_error(struct store *s, int rc);
/* Ends a row loop: resets the statement and maps rc (SQLITE_DONE is success). */
int db_finish(struct store *s, sqlite3_stmt *st, int rc);

void db_bind_text(sqlite3_stmt *st, int i, const char *v);   /* NULL binds NULL */
void db_bind_id(sqlite3_stmt *st, int i, int64_t v);         /* 0 binds NULL */
void db_bind_opt_int(sqlite3_stmt *st, int i, int v);        /* -1 binds NULL */
const char *db_col_text(struct arena *a, sqlite3_stmt *st, int i);  /* NULL for NULL */
int64_t db_col_id(sqlite3_stmt *st, int i);                  /* 0 for NULL */
int db_col_opt_int(sqlite3_stmt *st, int i);                 /* -1 for NULL */

/* Appends one element of size sz to an arena array, returning the new slot (zeroed). */
void *db_push(struct arena *a, void **arr, size_t *n, size_t *cap, size_t sz);

/* Row readers shared by the statements that select these columns first, in this
 * order: a referral's (referral.c's REFERRAL_SELECT, columns 0-19) and a contact's
 * (contacts.c, columns 0-14). */
void db_referral_cols(struct arena *a, sqlite3_stmt *st, struct referral *o);
/* A person's columns 0-19, in store_client_get's order (clients.c). */
void db_client_cols(struct arena *a, sqlite3_stmt *st, struct client *o);
void db_contact_cols(struct arena *a, sqlite3_stmt *st, struct contact *o);

/* The audit chain's last entry (seq 0 and the chain's start when empty), and appends
 * after it, moving it on: a run of entries in one transaction reads the head once. */
struct audit_head {
	int64_t seq;
	unsigned char hash[AUDIT_HASH_BYTES];
};
int db_audit_head(struct store *s, struct audit_head *h);
int db_audit_append_after(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
			  struct audit_head *h, const struct audit_entry *e);

/* A paged list's parameters (store/listing.c): ?1 after_id, ?2 site_id, ?3 team_id,
 * ?4 client_id, ?5 changed_since, ?6 limit. A statement that does not use one of them
 * ignores its binding (SQLITE_RANGE). */
void db_bind_page(sqlite3_stmt *st, const struct page_query *q);

/* Runs every migration newer than the database's user_version in one transaction. */
int db_migrate(struct store *s);
int db_latest_version(void);

#endif
