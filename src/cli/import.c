/* cli/import.c — `ipsdesk import [--dry-run] DIR`: loads the interchange files of
 * spec/interchange.md that exist in DIR, all or nothing. Problems go to standard
 * error as FILE:LINE: COLUMN: message (the first 100, then a count), exit status 1;
 * on success each file's row count, exit status 0. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"
#include "util/arena.h"

int cmd_import(int argc, char **argv)
{
	static const char *const names[] = {"dry-run!", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords != 1) {
		fprintf(stderr, "usage: ipsdesk import [--db FILE] [--dry-run] DIR\n");
		return 2;
	}
	const char *dir = o.words[0];
	struct import_source src = {0};
	int status = 0, found = 0;
	for (int k = 0; k < IC_NKINDS; k++) {
		char path[4096];
		snprintf(path, sizeof path, "%s/%s", dir, IC_FILES[k].file);
		src.fp[k] = fopen(path, "rb");
		if (src.fp[k])
			found++;
		else if (errno != ENOENT) {
			fprintf(stderr, "ipsdesk: %s: %s\n", path, strerror(errno));
			status = 1;
		}
	}
	if (!status && !found) {
		fprintf(stderr, "ipsdesk: %s holds none of the interchange files (sites.csv ... jobs.csv)\n", dir);
		status = 1;
	}
	struct cli_ctx c;
	if (!status && !cli_open(&c, o.db))
		status = 1;
	if (!status) {
		struct import_report rep;
		struct result r = app_import(&c.app, &CLI_ADMIN, &src, o.values[0] != NULL, &rep);
		if (r.code == RES_INVALID) {
			size_t shown = rep.nproblems < 100 ? rep.nproblems : 100;
			for (size_t i = 0; i < shown; i++)
				fprintf(stderr, "%s:%ld: %s: %s\n", rep.problems[i].file, rep.problems[i].line,
					rep.problems[i].column, rep.problems[i].message);
			if (rep.nproblems > shown)
				fprintf(stderr, "... and %zu more problems\n", rep.nproblems - shown);
			status = 1;
		} else if (!result_ok(&r)) {
			cli_print_result(&r);
			status = 1;
		} else {
			for (int k = 0; k < IC_NKINDS; k++)
				if (rep.present[k])
					printf("%s: %zu rows\n", IC_FILES[k].file, rep.rows[k]);
			if (o.values[0])
				printf("dry run: every file is valid; nothing was written\n");
		}
		cli_close(&c);
	}
	for (int k = 0; k < IC_NKINDS; k++)
		if (src.fp[k])
			fclose(src.fp[k]);
	return status;
}
