/* store/backup.c — copying a live database (and its read log, store/readlog.c) with
 * SQLite's online backup API, and telling whether a database file is in use. It never writes to the database it
 * copies, and never builds SQL from a value. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "store/db.h"

/* One SQLite file and what SQLite may leave beside it. */
static void remove_sqlite_file(const char *path)
{
	char side[4096];
	unlink(path);
	snprintf(side, sizeof side, "%s-journal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof side, "%s-shm", path);
	unlink(side);
}

void store_remove_files(const char *path)
{
	char reads[4096];
	store_reads_path(path, reads, sizeof reads);
	remove_sqlite_file(path);
	remove_sqlite_file(reads);
}

static int copy_file(struct store *s, const char *dest, int pages_per_step, store_progress_fn progress,
		     void *ctx);

int store_backup(struct store *s, const char *dest, int pages_per_step, store_progress_fn progress,
		 void *ctx)
{
	store_remove_files(dest);
	int rc = copy_file(s, dest, pages_per_step, progress, ctx);
	/* then the read log, if there is one: its entries up to a moment after the copy's */
	int rl = rc == IPS_OK ? store_reads_open(s) : rc;
	if (rl == IPS_OK) {
		char reads[4096];
		store_reads_path(dest, reads, sizeof reads);
		rc = copy_file(s->reads, reads, pages_per_step, NULL, NULL);
		if (rc != IPS_OK)
			snprintf(s->err, sizeof s->err, "read log: %.200s", s->reads->err);
	} else if (rl != IPS_ENOTFOUND) {
		rc = rl;   /* no backup without the read log the database has */
	}
	if (rc != IPS_OK)
		store_remove_files(dest);
	return rc;
}

static int copy_file(struct store *s, const char *dest, int pages_per_step, store_progress_fn progress,
		     void *ctx)
{
	if (pages_per_step <= 0)
		pages_per_step = 1024;

	/* One snapshot for the whole copy. Without it every write by another connection
	 * between two steps would make the backup start again from the first page, which
	 * under a steady stream of writes might never finish. In WAL mode a reader blocks
	 * no writer: the server keeps writing while this runs. */
	bool own_txn = sqlite3_get_autocommit(s->db) != 0;
	if (own_txn) {
		char *msg = NULL;
		int rc = sqlite3_exec(s->db, "BEGIN DEFERRED; SELECT count(*) FROM sqlite_schema;", NULL, NULL, &msg);
		if (rc != SQLITE_OK) {
			snprintf(s->err, sizeof s->err, "%s", msg ? msg : sqlite3_errstr(rc));
			sqlite3_free(msg);
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return db_error(s, rc);
		}
	}

	sqlite3 *out = NULL;
	int rc = sqlite3_open_v2(dest, &out, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
	sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(out, "main", s->db, "main") : NULL;
	if (!b) {
		snprintf(s->err, sizeof s->err, "%s: %s", dest, out ? sqlite3_errmsg(out) : "cannot open");
		rc = SQLITE_CANTOPEN;
	} else {
		do {
			rc = sqlite3_backup_step(b, pages_per_step);
			if (progress) {
				int total = sqlite3_backup_pagecount(b);
				progress(ctx, total - sqlite3_backup_remaining(b), total);
			}
			if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
				sqlite3_sleep(50);   /* the scratch file is ours alone: rare */
		} while (rc == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED);
		int frc = sqlite3_backup_finish(b);
		if (rc == SQLITE_DONE)
			rc = frc;
		if (rc != SQLITE_OK)
			snprintf(s->err, sizeof s->err, "backup: %s", sqlite3_errmsg(out));
	}
	if (own_txn)
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);

	/* The pages copied say WAL; a backup is better one file that can be moved, mailed
	 * to a vault or opened read-only: switch it to a rollback journal, synced. */
	if (rc == SQLITE_OK) {
		char *msg = NULL;
		rc = sqlite3_exec(out, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL; "
				       "PRAGMA user_version;", NULL, NULL, &msg);
		if (rc != SQLITE_OK)
			snprintf(s->err, sizeof s->err, "backup: %s", msg ? msg : sqlite3_errstr(rc));
		sqlite3_free(msg);
	}
	if (sqlite3_close(out) != SQLITE_OK && rc == SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "backup: the copy could not be closed");
		rc = SQLITE_IOERR;
	}
	if (rc != SQLITE_OK) {
		remove_sqlite_file(dest);
		return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? IPS_EBUSY : IPS_EIO;
	}
	/* The data is synced by SQLite's commit; make sure the file's own metadata is too. */
	FILE *f = fopen(dest, "rb");
	if (f) {
		fsync(fileno(f));
		fclose(f);
	}
	return IPS_OK;
}

int store_check_unused(const char *path)
{
	/* In exclusive locking mode SQLite takes the file's exclusive lock and keeps it; any
	 * other open connection (a server, idle or not, holds its WAL read lock) refuses
	 * that at once. Closing runs a checkpoint, so no -wal is left behind either. */
	sqlite3 *db = NULL;
	int rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(db, "PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;", NULL, NULL, NULL);
	sqlite3_close(db);
	if (rc == SQLITE_OK)
		return IPS_OK;
	return (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED ? IPS_EBUSY : IPS_EIO;
}
