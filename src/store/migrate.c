/* store/migrate.c — forward-only schema migrations. Migration N is the embedded file
 * src/store/schema/NNN_*.sql; PRAGMA user_version records the last one applied. All
 * pending migrations run in one transaction: a database is never left half-migrated.
 * A database newer than this binary is refused by store_open, never touched. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "store/db.h"
#include "util/embedded.h"

int db_latest_version(void)
{
	int n = 0;
	for (const struct embedded_file *f = embedded_schema; f->name; f++)
		n++;
	return n;
}

static int migration_number(const char *name)
{
	return atoi(name);   /* "001_initial.sql" -> 1 */
}

int db_migrate(struct store *s)
{
	int have = store_schema_version(s);
	if (have < 0)
		return IPS_EIO;
	if (have >= db_latest_version())
		return IPS_OK;
	char *msg = NULL;
	if (sqlite3_exec(s->db, "BEGIN IMMEDIATE", NULL, NULL, &msg) != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "%s", msg ? msg : "cannot begin");
		sqlite3_free(msg);
		return IPS_EBUSY;
	}
	int rc = IPS_OK;
	int n = 0;
	for (const struct embedded_file *f = embedded_schema; f->name && rc == IPS_OK; f++) {
		n++;
		if (migration_number(f->name) != n) {
			snprintf(s->err, sizeof s->err, "migration %s is out of sequence", f->name);
			rc = IPS_EINVAL;
			break;
		}
		if (n <= have)
			continue;
		if (sqlite3_exec(s->db, (const char *)f->bytes, NULL, NULL, &msg) != SQLITE_OK) {
			snprintf(s->err, sizeof s->err, "%s: %s", f->name, msg ? msg : "failed");
			sqlite3_free(msg);
			msg = NULL;
			rc = IPS_EIO;
			break;
		}
		char pragma[64];
		snprintf(pragma, sizeof pragma, "PRAGMA user_version = %d", n);
		if (sqlite3_exec(s->db, pragma, NULL, NULL, NULL) != SQLITE_OK)
			rc = IPS_EIO;
	}
	if (rc == IPS_OK && sqlite3_exec(s->db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK) {
		snprintf(s->err, sizeof s->err, "the migrations could not be committed: %s", sqlite3_errmsg(s->db));
		rc = IPS_EIO;
	}
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}
