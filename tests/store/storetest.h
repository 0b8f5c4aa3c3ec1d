/* tests/store/storetest.h — what the store suites share: removing a test database with
 * its WAL and shared-memory files, and comparing a derived table (kept by triggers or by
 * an import's load) with the view that says what it must hold. */
#ifndef IPS_STORETEST_H
#define IPS_STORETEST_H
#include <stdio.h>
#include <unistd.h>
#include <sqlite3.h>

static inline void storetest_unlink(const char *path)
{
	char p[128];
	unlink(path);
	snprintf(p, sizeof p, "%s-wal", path);
	unlink(p);
	snprintf(p, sizeof p, "%s-shm", path);
	unlink(p);
}

/* How many rows table and its view table_source disagree on, both ways. */
static inline long long storetest_view_mismatches(sqlite3 *db, const char *table)
{
	char sql[320];
	snprintf(sql, sizeof sql,
		 "SELECT (SELECT count(*) FROM (SELECT * FROM %s EXCEPT SELECT * FROM %s_source)) + "
		 "(SELECT count(*) FROM (SELECT * FROM %s_source EXCEPT SELECT * FROM %s))",
		 table, table, table, table);
	sqlite3_stmt *st;
	long long n = -1;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
		n = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}
#endif
