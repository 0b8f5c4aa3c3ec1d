/* cli/fidelity.c — `ipsdesk fidelity evidence --from D --to D [--site C | --team C]
 * [--format json|table]`: the figures the records hold for the measurable items of the
 * fidelity scale, with the score each suggests (spec/fidelity-evidence.md). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "core/fidelity.h"
#include "util/buf.h"

int cmd_fidelity(int argc, char **argv)
{
	static const char *const names[] = {"from", "to", "site", "team", "format", NULL};
	struct cli_opts o;
	const char *format = NULL;
	if (cli_parse(argc, argv, names, &o))
		format = o.values[4] ? o.values[4] : "json";
	if (!format || o.nwords != 1 || strcmp(o.words[0], "evidence") != 0 ||
	    (strcmp(format, "json") && strcmp(format, "table"))) {
		fprintf(stderr, "usage: ipsdesk fidelity evidence [--db FILE] --from YYYY-MM-DD --to YYYY-MM-DD\n"
				"                                 [--site CODE | --team CODE] [--format json|table]\n");
		return 2;
	}
	struct cli_ctx c;
	if (!cli_open(&c, o.db))
		return 1;
	struct report_query q = {o.values[0], o.values[1], o.values[2], o.values[3], NULL};
	struct fidelity_evidence ev;
	struct result r = app_fidelity_evidence(&c.app, &CLI_ADMIN, &q, &ev);
	int status = 0;
	if (!result_ok(&r)) {
		cli_print_result(&r);
		status = r.code == RES_INVALID ? 2 : 1;
	} else {
		struct buf b = BUF_INIT;
		if (strcmp(format, "table") == 0)
			fidelity_evidence_table(&ev, &b);
		else
			fidelity_evidence_json(&ev, &b);
		fwrite(b.p, 1, b.len, stdout);
		buf_free(&b);
	}
	cli_close(&c);
	return status;
}
