/* cli/init.c — `ipsdesk init --db FILE`: a new database at the latest schema and its
 * audit key beside it (mode 0600). Refuses to touch an existing file. */
#include <stdio.h>
#include <unistd.h>
#include "cli/cli.h"

int cmd_init(int argc, char **argv)
{
	struct cli_opts o;
	if (!cli_parse(argc, argv, NULL, &o) || o.nwords) {
		fprintf(stderr, "usage: ipsdesk init [--db FILE]\n");
		return 2;
	}
	struct store *s;
	int rc = store_open(o.db, STORE_CREATE, &s);
	if (rc == IPS_EEXIST) {
		fprintf(stderr, "ipsdesk: %s already exists; init makes a new database only\n", o.db);
		return 1;
	}
	if (rc != IPS_OK) {
		fprintf(stderr, "ipsdesk: %s: cannot create the database\n", o.db);
		return 1;
	}
	int version = store_schema_version(s);
	store_close(s);
	rc = audit_key_create(o.db);
	if (rc != IPS_OK) {
		fprintf(stderr, "ipsdesk: %s.auditkey: %s\n", o.db,
			rc == IPS_EEXIST ? "an audit key already exists: remove it only if it belongs to no database"
					 : "cannot write the audit key");
		unlink(o.db);
		return 1;
	}
	printf("ipsdesk: created %s (schema version %d) and its audit key %s.auditkey\n", o.db, version, o.db);
	return 0;
}
