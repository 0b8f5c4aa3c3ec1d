/* cli/fidelity.c — `ipsdesk fidelity evidence --from D --to D [--site C | --team C]
 * [--format json|table]`: the figures the records hold for the measurable items of the
 * fidelity scale, with the score each suggests (spec/fidelity-evidence.md); and
 * `ipsdesk fidelity load-scale FILE`: a new version of the scale from its file
 * (docs/fidelity-scale-format.md), all or nothing. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "app/fidelity.h"
#include "cli/cli.h"
#include "core/fidelity.h"
#include "util/buf.h"

/* `ipsdesk fidelity load-scale FILE`: 0 loaded, 1 refused (every problem printed), 2 usage. */
static int load_scale(const char *db, const char *path)
{
	FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
	if (!fp) {
		fprintf(stderr, "ipsdesk: cannot open %s\n", path);
		return 1;
	}
	struct buf text = BUF_INIT;
	char chunk[8192];
	size_t got;
	while ((got = fread(chunk, 1, sizeof chunk, fp)) > 0 && text.len < 16 * 1024 * 1024)
		buf_add(&text, chunk, got);
	bool failed = ferror(fp);
	if (fp != stdin)
		fclose(fp);
	if (failed) {
		fprintf(stderr, "ipsdesk: cannot read %s\n", path);
		buf_free(&text);
		return 1;
	}
	struct cli_ctx c;
	if (!cli_open(&c, db)) {
		buf_free(&text);
		return 1;
	}
	struct result r = app_fidelity_scale_load(&c.app, &CLI_ADMIN, text.p ? text.p : "", text.len);
	buf_free(&text);
	int status = 0;
	if (!result_ok(&r)) {
		fprintf(stderr, "ipsdesk: %s was not loaded, nothing was saved:\n", path);
		cli_print_result(&r);
		status = 1;
	} else {
		for (size_t i = 0; i < r.nwarnings; i++)
			fprintf(stderr, "warning: %s\n", r.warnings[i].message);
		struct fid_scale_view v;
		struct result g = app_fidelity_scale(&c.app, &CLI_ADMIN, r.id, &v);
		if (result_ok(&g))
			printf("loaded scale version %lld: %s (%d), %zu items; new reviews use it\n", (long long)v.scale.id,
			       v.scale.name, v.scale.year, v.nitems);
	}
	cli_close(&c);
	return status;
}

int cmd_fidelity(int argc, char **argv)
{
	static const char *const names[] = {"from", "to", "site", "team", "format", NULL};
	struct cli_opts o;
	const char *format = NULL;
	if (cli_parse(argc, argv, names, &o))
		format = o.values[4] ? o.values[4] : "json";
	if (format && o.nwords >= 1 && strcmp(o.words[0], "load-scale") == 0) {
		if (o.nwords != 2 || o.values[0] || o.values[1] || o.values[2] || o.values[3] || o.values[4]) {
			fprintf(stderr, "usage: ipsdesk fidelity load-scale [--db FILE] SCALE.json\n");
			return 2;
		}
		return load_scale(o.db, o.words[1]);
	}
	if (!format || o.nwords != 1 || strcmp(o.words[0], "evidence") != 0 ||
	    (strcmp(format, "json") && strcmp(format, "table"))) {
		fprintf(stderr, "usage: ipsdesk fidelity evidence [--db FILE] --from YYYY-MM-DD --to YYYY-MM-DD\n"
				"                                 [--site CODE | --team CODE] [--format json|table]\n"
				"       ipsdesk fidelity load-scale [--db FILE] SCALE.json\n");
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
