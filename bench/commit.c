/* bench/commit.c — changes a second through the store (issue 7's write path, the part
 * below the web): THREADS threads, each on its own connection as the server's are, each
 * committing small transactions (a meta row set) one after another, every commit synced
 * before it returns. On this machine's disk an fsync takes a fraction of a millisecond;
 * many servers' disks (network block storage, spinning disks) take several, so FSYNC_US
 * adds that much to every fsync (a VFS over the default one sleeps before each sync) to
 * show what the fsync costs and how commits share it. Link it against a build of
 * libipsdesk.a to time that build's store/db.c. A benchmark, not part of ipsdesk.
 *
 *   commit DB THREADS COMMITS_EACH [FSYNC_US]   DB: a path for a new database
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sqlite3.h>
#include "store/store.h"

static sqlite3_vfs *real_vfs;
static sqlite3_vfs slow_vfs;
static sqlite3_io_methods slow_io;
static long fsync_us;

/* A file of the slow VFS: the real one's state follows this header. */
struct slow_file {
	sqlite3_file base;
	sqlite3_file *real;
};

#define REAL(f) (((struct slow_file *)(f))->real)

static int s_sync(sqlite3_file *f, int flags)
{
	if (fsync_us > 0)
		usleep((useconds_t)fsync_us);
	return REAL(f)->pMethods->xSync(REAL(f), flags);
}

/* Every other method of the real file, called on the real file. */
static int s_close(sqlite3_file *f) { return REAL(f)->pMethods->xClose(REAL(f)); }
static int s_read(sqlite3_file *f, void *p, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xRead(REAL(f), p, n, o); }
static int s_write(sqlite3_file *f, const void *p, int n, sqlite3_int64 o) { return REAL(f)->pMethods->xWrite(REAL(f), p, n, o); }
static int s_truncate(sqlite3_file *f, sqlite3_int64 n) { return REAL(f)->pMethods->xTruncate(REAL(f), n); }
static int s_size(sqlite3_file *f, sqlite3_int64 *n) { return REAL(f)->pMethods->xFileSize(REAL(f), n); }
static int s_lock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xLock(REAL(f), l); }
static int s_unlock(sqlite3_file *f, int l) { return REAL(f)->pMethods->xUnlock(REAL(f), l); }
static int s_reserved(sqlite3_file *f, int *o) { return REAL(f)->pMethods->xCheckReservedLock(REAL(f), o); }
static int s_fcntl(sqlite3_file *f, int op, void *a) { return REAL(f)->pMethods->xFileControl(REAL(f), op, a); }
static int s_sector(sqlite3_file *f) { return REAL(f)->pMethods->xSectorSize(REAL(f)); }
static int s_device(sqlite3_file *f) { return REAL(f)->pMethods->xDeviceCharacteristics(REAL(f)); }
static int s_shm_map(sqlite3_file *f, int p, int s, int e, void volatile **m) { return REAL(f)->pMethods->xShmMap(REAL(f), p, s, e, m); }
static int s_shm_lock(sqlite3_file *f, int o, int n, int fl) { return REAL(f)->pMethods->xShmLock(REAL(f), o, n, fl); }
static void s_shm_barrier(sqlite3_file *f) { REAL(f)->pMethods->xShmBarrier(REAL(f)); }
static int s_shm_unmap(sqlite3_file *f, int d) { return REAL(f)->pMethods->xShmUnmap(REAL(f), d); }
static int s_fetch(sqlite3_file *f, sqlite3_int64 o, int n, void **p) { return REAL(f)->pMethods->xFetch(REAL(f), o, n, p); }
static int s_unfetch(sqlite3_file *f, sqlite3_int64 o, void *p) { return REAL(f)->pMethods->xUnfetch(REAL(f), o, p); }

static int s_open(sqlite3_vfs *vfs, const char *name, sqlite3_file *f, int flags, int *out)
{
	(void)vfs;
	struct slow_file *s = (struct slow_file *)f;
	s->real = (sqlite3_file *)(s + 1);
	int rc = real_vfs->xOpen(real_vfs, name, s->real, flags, out);
	s->base.pMethods = s->real->pMethods ? &slow_io : NULL;
	return rc;
}

static void slow_vfs_install(void)
{
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);   /* as the store sets it, before SQLite starts */
	real_vfs = sqlite3_vfs_find(NULL);
	slow_vfs = *real_vfs;
	slow_vfs.zName = "slow-fsync";
	slow_vfs.szOsFile = (int)sizeof(struct slow_file) + real_vfs->szOsFile;
	slow_vfs.xOpen = s_open;
	slow_io = (sqlite3_io_methods){
		.iVersion = 3, .xClose = s_close, .xRead = s_read, .xWrite = s_write, .xTruncate = s_truncate,
		.xSync = s_sync, .xFileSize = s_size, .xLock = s_lock, .xUnlock = s_unlock,
		.xCheckReservedLock = s_reserved, .xFileControl = s_fcntl, .xSectorSize = s_sector,
		.xDeviceCharacteristics = s_device, .xShmMap = s_shm_map, .xShmLock = s_shm_lock,
		.xShmBarrier = s_shm_barrier, .xShmUnmap = s_shm_unmap, .xFetch = s_fetch, .xUnfetch = s_unfetch,
	};
	sqlite3_vfs_register(&slow_vfs, 1);
}

static double now_s(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

struct worker {
	const char *path;
	int id, commits, failed;
	double *latency;   /* seconds, one a commit */
	pthread_barrier_t *ready;   /* every thread's store open: the clock starts */
};

static void *worker_main(void *arg)
{
	struct worker *w = arg;
	struct store *s;
	int rc = store_open(w->path, STORE_OPEN, &s);
	pthread_barrier_wait(w->ready);
	if (rc != IPS_OK) {
		w->failed = w->commits;
		return NULL;
	}
	char key[32], value[32];
	snprintf(key, sizeof key, "bench.commit.%d", w->id);
	for (int i = 0; i < w->commits; i++) {
		snprintf(value, sizeof value, "%d", i);
		double t0 = now_s();
		rc = store_begin(s);
		if (rc == IPS_OK)
			rc = store_meta_set(s, key, value);
		rc = rc == IPS_OK ? store_commit(s) : (store_rollback(s), rc);
		w->latency[i] = now_s() - t0;
		w->failed += rc != IPS_OK;
	}
	store_close(s);
	return NULL;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	if (argc < 4) {
		fprintf(stderr, "usage: commit DB THREADS COMMITS_EACH [FSYNC_US]\n");
		return 2;
	}
	const char *path = argv[1];
	int threads = atoi(argv[2]), each = atoi(argv[3]);
	fsync_us = argc > 4 ? atol(argv[4]) : 0;
	if (threads < 1 || threads > 64 || each < 1)
		return 2;
	slow_vfs_install();
	struct store *s;
	store_remove_files(path);
	if (store_open(path, STORE_CREATE, &s) != IPS_OK) {
		fprintf(stderr, "commit: cannot make %s\n", path);
		return 1;
	}
	pthread_t t[64];
	struct worker w[64];
	double *lat = calloc((size_t)threads * (size_t)each, sizeof *lat);
	pthread_barrier_t ready;
	pthread_barrier_init(&ready, NULL, (unsigned)threads + 1);
	for (int i = 0; i < threads; i++) {
		w[i] = (struct worker){.path = path, .id = i, .commits = each, .ready = &ready,
				       .latency = lat + (size_t)i * (size_t)each};
		pthread_create(&t[i], NULL, worker_main, &w[i]);
	}
	pthread_barrier_wait(&ready);
	double t0 = now_s();
	int failed = 0;
	for (int i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		failed += w[i].failed;
	}
	double secs = now_s() - t0;
	size_t n = (size_t)threads * (size_t)each;
	qsort(lat, n, sizeof *lat, cmp_double);
	printf("threads %d  fsync +%ld us  commits %zu  %.0f commits/s  p50 %.2f ms  p99 %.2f ms  failed %d\n", threads,
	       fsync_us, n, (double)n / secs, lat[n / 2] * 1e3, lat[n * 99 / 100] * 1e3, failed);
	store_close(s);
	store_remove_files(path);
	free(lat);
	return failed != 0;
}
