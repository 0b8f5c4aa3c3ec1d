/* cli/report.c — `ipsdesk report --from D --to D [--site C | --team C | --specialist C]
 * [--format json|csv|table]`: the outcome report of spec/outcomes.md on standard
 * output (JSON by default). */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "util/buf.h"

int cmd_report(int argc, char **argv)
{
	static const char *const names[] = {"from", "to", "site", "team", "specialist", "format", NULL};
	struct cli_opts o;
	const char *format = NULL;
	if (cli_parse(argc, argv, names, &o))
		format = o.values[5] ? o.values[5] : "json";
	if (!format || o.nwords || (strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "table"))) {
		fprintf(stderr, "usage: ipsdesk report [--db FILE] --from YYYY-MM-DD --to YYYY-MM-DD\n"
				"                      [--site CODE | --team CODE | --specialist CODE] "
				"[--format json|csv|table]\n");
		return 2;
	}
	struct cli_ctx c;
	if (!cli_open(&c, o.db))
		return 1;
	struct report_query q = {o.values[0], o.values[1], o.values[2], o.values[3], o.values[4]};
	struct outcome_report rep;
	struct result r = app_report_outcomes(&c.app, &CLI_ADMIN, &q, &rep);
	int status = 0;
	if (!result_ok(&r)) {
		cli_print_result(&r);
		status = r.code == RES_INVALID ? 2 : 1;
	} else {
		struct buf b = BUF_INIT;
		if (strcmp(format, "csv") == 0)
			outcomes_csv(&rep, &b);
		else if (strcmp(format, "table") == 0)
			outcomes_table(&rep, &b);
		else
			outcomes_json(&rep, &b);
		fwrite(b.p, 1, b.len, stdout);
		buf_free(&b);
	}
	cli_close(&c);
	return status;
}
