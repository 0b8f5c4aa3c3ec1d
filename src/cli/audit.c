/* cli/audit.c — `ipsdesk audit verify [--expect-head COUNT:HASH]`: walks the keyed
 * hash chains (the database's and the read log's), reports the first entry that fails,
 * and prints the heads so they can be recorded elsewhere and checked later (which also
 * catches removal of the newest entries of the database's chain). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

int cmd_audit(int argc, char **argv)
{
	static const char *const names[] = {"expect-head", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords != 1 || strcmp(o.words[0], "verify") != 0) {
		fprintf(stderr, "usage: ipsdesk audit verify [--db FILE] [--expect-head COUNT:HASH]\n");
		return 2;
	}
	struct cli_ctx c;
	if (!cli_open(&c, o.db))
		return 1;
	struct audit_report rep;
	int rc = app_audit_verify(&c.app, o.values[0], &rep);
	if (rc == IPS_OK || rc == IPS_ETAMPERED)
		cli_close(&c);
	if (rc == IPS_ETAMPERED && rep.bad_seq) {
		printf("audit chain BROKEN at entry %lld (after %lld good entries)\n", (long long)rep.bad_seq,
		       (long long)(rep.count - 1));
		return 1;
	}
	if (rc == IPS_ETAMPERED) {
		printf("audit chain ok: %lld entries\nread log BROKEN at entry %lld (after %lld good entries)\n",
		       (long long)rep.count, (long long)rep.reads_bad_seq, (long long)(rep.reads_count - 1));
		return 1;
	}
	if (rc != IPS_OK) {
		fprintf(stderr, "ipsdesk: the audit log could not be read: %s\n", app_store_error(&c.app));
		cli_close(&c);
		return 1;
	}
	char head[128];
	snprintf(head, sizeof head, "%lld:%s", (long long)rep.count, rep.head_hex);
	printf("audit chain ok: %lld entries\nhead %s\n", (long long)rep.count, head);
	printf("read log ok: %lld entries\nread log head %lld:%s\n", (long long)rep.reads_count,
	       (long long)rep.reads_count, rep.reads_head_hex);
	if (!rep.expected_ok) {
		printf("the expected head %s is not in the chain: entries were removed or the chain was rebuilt\n",
		       o.values[0]);
		return 1;
	}
	return 0;
}
