/* tests/store/storetest.h — what the store suites share: a new database with the
 * organisation every suite starts from (store_remove_files removes it after), and
 * comparing a derived table (kept by triggers or by an import's load) with the view that
 * says what it must hold. */
#ifndef IPS_STORETEST_H
#define IPS_STORETEST_H
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sqlite3.h>
#include "store/store.h"

/* A new database at a fresh path under /tmp named after the suite (mkstemp fills in the
 * six X's of the template; the file it makes is removed so store_open creates it), with
 * site S1, its team T1 and a full-time specialist E1 in that team. */
static inline void storetest_create(char path[64], const char *suite, struct store **s, int64_t *site,
				    int64_t *team, int64_t *specialist)
{
	snprintf(path, 64, "/tmp/ipsdesk-%s-XXXXXX", suite);
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	close(fd);
	unlink(path);
	assert_int_equal(store_open(path, STORE_CREATE, s), IPS_OK);
	assert_int_equal(store_site_insert(*s, &(struct site){.code = "S1", .name = "Site"}, site), IPS_OK);
	assert_int_equal(store_team_insert(*s, &(struct team){.code = "T1", .name = "Team", .site_id = *site}, team),
			 IPS_OK);
	assert_int_equal(store_staff_insert(*s, &(struct staff){.code = "E1", .name = "Es", .role = "specialist",
								  .team_id = *team, .fte = 100}, specialist), IPS_OK);
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
