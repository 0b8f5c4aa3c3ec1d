/* tests/store/test_durability.c — group commit (store/db.c): a change is acknowledged
 * only after an fsync of the WAL that began once its frames were written, whether the
 * commit was alone, one of many threads', or a single statement outside a transaction;
 * a database being made from nothing (store_scratch) is not synced until it is done,
 * and then its file is; a failed fsync stops the process. Seen through a VFS that wraps the default one and
 * counts, per thread, the WAL frames each thread wrote and which of them a finished
 * fsync covered. */
#include "testutil.h"
#include "storetest.h"
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <sys/wait.h>
#include <stdio.h>
#include <string.h>
#include <sqlite3.h>
#include "store/store.h"
#include "util/arena.h"

/* --- the counting VFS ---------------------------------------------------------- */

static sqlite3_vfs *real_vfs;
static sqlite3_vfs counting_vfs;
static sqlite3_io_methods counting_io;
static atomic_long wal_writes;    /* WAL writes so far, numbered from 1 */
static atomic_long wal_durable;   /* every WAL write up to this one was synced */
static atomic_long wal_syncs;
static atomic_long db_syncs;      /* of main database files */
static atomic_int fail_syncs;     /* this many next WAL syncs fail */
static _Thread_local long my_last_write;   /* the number of this thread's newest WAL write */

struct cfile {
	sqlite3_file base;
	sqlite3_file *real;
	bool wal, main_db;
};

#define REAL(f) (((struct cfile *)(f))->real)

static int c_close(sqlite3_file *f)
{
	return REAL(f)->pMethods->xClose(REAL(f));
}
static int c_read(sqlite3_file *f, void *p, int n, sqlite3_int64 off)
{
	return REAL(f)->pMethods->xRead(REAL(f), p, n, off);
}
static int c_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 off)
{
	int rc = REAL(f)->pMethods->xWrite(REAL(f), p, n, off);
	if (((struct cfile *)f)->wal)
		my_last_write = ++wal_writes;   /* after the bytes are with the system */
	return rc;
}
static int c_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	return REAL(f)->pMethods->xTruncate(REAL(f), size);
}
static int c_sync(sqlite3_file *f, int flags)
{
	if (!((struct cfile *)f)->wal) {
		int rc = REAL(f)->pMethods->xSync(REAL(f), flags);
		if (rc == SQLITE_OK && ((struct cfile *)f)->main_db)
			db_syncs++;
		return rc;
	}
	long upto = wal_writes;   /* every write finished before the sync begins */
	int want_fail = atomic_load(&fail_syncs);
	if (want_fail > 0 && atomic_compare_exchange_strong(&fail_syncs, &want_fail, want_fail - 1))
		return SQLITE_IOERR_FSYNC;
	int rc = REAL(f)->pMethods->xSync(REAL(f), flags);
	if (rc == SQLITE_OK) {
		wal_syncs++;
		long d = wal_durable;
		while (d < upto && !atomic_compare_exchange_weak(&wal_durable, &d, upto))
			;
	}
	return rc;
}
static int c_size(sqlite3_file *f, sqlite3_int64 *size)
{
	return REAL(f)->pMethods->xFileSize(REAL(f), size);
}
static int c_lock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xLock(REAL(f), l);
}
static int c_unlock(sqlite3_file *f, int l)
{
	return REAL(f)->pMethods->xUnlock(REAL(f), l);
}
static int c_reserved(sqlite3_file *f, int *out)
{
	return REAL(f)->pMethods->xCheckReservedLock(REAL(f), out);
}
static int c_fcntl(sqlite3_file *f, int op, void *arg)
{
	return REAL(f)->pMethods->xFileControl(REAL(f), op, arg);
}
static int c_sector(sqlite3_file *f)
{
	return REAL(f)->pMethods->xSectorSize(REAL(f));
}
static int c_device(sqlite3_file *f)
{
	return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f));
}
static int c_shm_map(sqlite3_file *f, int pg, int size, int extend, void volatile **p)
{
	return REAL(f)->pMethods->xShmMap(REAL(f), pg, size, extend, p);
}
static int c_shm_lock(sqlite3_file *f, int off, int n, int flags)
{
	return REAL(f)->pMethods->xShmLock(REAL(f), off, n, flags);
}
static void c_shm_barrier(sqlite3_file *f)
{
	REAL(f)->pMethods->xShmBarrier(REAL(f));
}
static int c_shm_unmap(sqlite3_file *f, int del)
{
	return REAL(f)->pMethods->xShmUnmap(REAL(f), del);
}
static int c_fetch(sqlite3_file *f, sqlite3_int64 off, int n, void **p)
{
	return REAL(f)->pMethods->xFetch(REAL(f), off, n, p);
}
static int c_unfetch(sqlite3_file *f, sqlite3_int64 off, void *p)
{
	return REAL(f)->pMethods->xUnfetch(REAL(f), off, p);
}

static int c_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out_flags)
{
	(void)vfs;
	struct cfile *c = (struct cfile *)f;
	c->real = (sqlite3_file *)(c + 1);
	c->wal = (flags & SQLITE_OPEN_WAL) != 0;
	c->main_db = (flags & SQLITE_OPEN_MAIN_DB) != 0;
	int rc = real_vfs->xOpen(real_vfs, name, c->real, flags, out_flags);
	c->base.pMethods = c->real->pMethods ? &counting_io : NULL;
	return rc;
}

/* Makes the counting VFS the default, for every connection opened after. */
static void counting_vfs_install(void)
{
	if (real_vfs)
		return;
	real_vfs = sqlite3_vfs_find(NULL);
	counting_vfs = *real_vfs;
	counting_vfs.zName = "counting";
	counting_vfs.szOsFile = (int)sizeof(struct cfile) + real_vfs->szOsFile;
	counting_vfs.xOpen = c_open;
	counting_io = (sqlite3_io_methods){
		.iVersion = 3, .xClose = c_close, .xRead = c_read, .xWrite = c_write, .xTruncate = c_truncate,
		.xSync = c_sync, .xFileSize = c_size, .xLock = c_lock, .xUnlock = c_unlock,
		.xCheckReservedLock = c_reserved, .xFileControl = c_fcntl, .xSectorSize = c_sector,
		.xDeviceCharacteristics = c_device, .xShmMap = c_shm_map, .xShmLock = c_shm_lock,
		.xShmBarrier = c_shm_barrier, .xShmUnmap = c_shm_unmap, .xFetch = c_fetch, .xUnfetch = c_unfetch,
	};
	assert_int_equal(sqlite3_vfs_register(&counting_vfs, 1), SQLITE_OK);
}

/* --- fixture ----------------------------------------------------------------------- */

struct fx {
	char path[64];
	struct store *s;
	int64_t site, team, specialist;
};

static int setup(void **state)
{
	counting_vfs_install();
	struct fx *f = calloc(1, sizeof *f);
	storetest_create(f->path, "durability", &f->s, &f->site, &f->team, &f->specialist);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	store_close(f->s);
	store_remove_files(f->path);
	free(f);
	return 0;
}

/* One change in a transaction of its own; IPS_OK or the commit's error. */
static int change(struct store *s, const char *key, int i)
{
	char value[32];
	snprintf(value, sizeof value, "%d", i);
	int rc = store_begin(s);
	if (rc == IPS_OK)
		rc = store_meta_set(s, key, value);
	if (rc == IPS_OK)
		rc = store_commit(s);
	else
		store_rollback(s);
	return rc;
}

static void test_each_commit_is_synced_before_it_returns(void **state)
{
	struct fx *f = *state;
	for (int i = 0; i < 20; i++) {
		long syncs = wal_syncs;
		assert_int_equal(change(f->s, "durability.alone", i), IPS_OK);
		assert_true(my_last_write > 0);
		assert_true(wal_durable >= my_last_write);
		assert_int_equal(wal_syncs, syncs + 1);   /* alone: one fsync per commit, no more */
	}
	/* a single statement outside a transaction is a commit too */
	long syncs = wal_syncs;
	assert_int_equal(store_meta_set(f->s, "durability.autocommit", "1"), IPS_OK);
	assert_true(wal_durable >= my_last_write);
	assert_int_equal(wal_syncs, syncs + 1);
}

static void test_a_scratch_database_is_not_synced_until_it_is_done(void **state)
{
	struct fx *f = *state;
	assert_int_equal(store_scratch(f->s, true), IPS_OK);
	long syncs = wal_syncs;
	for (int i = 0; i < 5; i++)
		assert_int_equal(change(f->s, "durability.scratch", i), IPS_OK);
	assert_int_equal(wal_syncs, syncs);
	/* every frame already copied to the file, unsynced (as an automatic checkpoint of a
	 * big scratch load would), so the last checkpoint has nothing to copy or sync */
	sqlite3 *raw;
	assert_int_equal(sqlite3_open(f->path, &raw), SQLITE_OK);
	assert_int_equal(sqlite3_exec(raw, "PRAGMA synchronous = OFF; PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL,
				      NULL), SQLITE_OK);
	sqlite3_close(raw);
	long file_syncs = db_syncs;
	assert_int_equal(store_scratch(f->s, false), IPS_OK);   /* checkpointed and synced */
	assert_true(db_syncs > file_syncs);   /* what the WAL held is in the file, on disk */
	syncs = wal_syncs;
	assert_int_equal(change(f->s, "durability.scratch", 99), IPS_OK);
	assert_true(wal_durable >= my_last_write);
	assert_true(wal_syncs > syncs);   /* synced again (the WAL begun again syncs its header too) */
}

struct writer {
	const char *path;
	int id, commits, failures, early;
};

static void *writer_main(void *arg)
{
	struct writer *w = arg;
	struct store *s;
	if (store_open(w->path, STORE_OPEN, &s) != IPS_OK) {
		w->failures = -1;
		return NULL;
	}
	char key[32];
	snprintf(key, sizeof key, "durability.t%d", w->id);
	for (int i = 0; i < 40; i++) {
		if (change(s, key, i) != IPS_OK)
			w->failures++;
		else {
			w->commits++;
			if (wal_durable < my_last_write)
				w->early++;   /* acknowledged before its frames were synced */
		}
	}
	store_close(s);
	return NULL;
}

static void test_threads_committing_at_once_are_each_synced_and_share_fsyncs(void **state)
{
	struct fx *f = *state;
	enum { N = 6 };
	pthread_t t[N];
	struct writer w[N];
	long syncs = wal_syncs;
	for (int i = 0; i < N; i++) {
		w[i] = (struct writer){.path = f->path, .id = i};
		assert_int_equal(pthread_create(&t[i], NULL, writer_main, &w[i]), 0);
	}
	int commits = 0;
	for (int i = 0; i < N; i++) {
		pthread_join(t[i], NULL);
		assert_int_equal(w[i].failures, 0);
		assert_int_equal(w[i].early, 0);
		commits += w[i].commits;
	}
	assert_int_equal(commits, N * 40);
	assert_true(wal_syncs - syncs <= commits);   /* never more than one a commit */
	/* every change is there */
	for (int i = 0; i < N; i++) {
		char key[32];
		snprintf(key, sizeof key, "durability.t%d", i);
		struct arena *a = arena_new();
		const char *v;
		assert_int_equal(store_meta_get(f->s, a, key, &v), IPS_OK);
		assert_string_equal(v, "39");
		arena_free(a);
	}
}

static void test_a_failed_fsync_stops_the_process(void **state)
{
	struct fx *f = *state;
	assert_int_equal(change(f->s, "durability.fail", 1), IPS_OK);
	/* nothing open across the fork: SQLite's locks are the process's, and a child
	 * would think it holds the parent's */
	store_close(f->s);
	f->s = NULL;
	fflush(NULL);
	pid_t child = fork();
	assert_true(child >= 0);
	if (child == 0) {   /* a connection of its own; its commit's fsync fails */
		struct store *s;
		if (store_open(f->path, STORE_OPEN, &s) != IPS_OK || change(s, "durability.fail", 2) != IPS_OK)
			_exit(2);   /* the first change begins the WAL, whose header SQLite syncs itself */
		fail_syncs = 1;
		change(s, "durability.fail", 3);
		_exit(0);   /* not reached: nothing may be told the change was, or was not, saved */
	}
	int status;
	assert_int_equal(waitpid(child, &status, 0), child);
	assert_true(WIFSIGNALED(status));
	assert_int_equal(WTERMSIG(status), SIGABRT);
	/* the database opens again and takes changes */
	assert_int_equal(store_open(f->path, STORE_OPEN, &f->s), IPS_OK);
	assert_int_equal(change(f->s, "durability.fail", 4), IPS_OK);
	assert_true(wal_durable >= my_last_write);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_each_commit_is_synced_before_it_returns, setup, teardown),
		cmocka_unit_test_setup_teardown(test_a_scratch_database_is_not_synced_until_it_is_done, setup, teardown),
		cmocka_unit_test_setup_teardown(test_threads_committing_at_once_are_each_synced_and_share_fsyncs, setup,
						teardown),
		cmocka_unit_test_setup_teardown(test_a_failed_fsync_stops_the_process, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
