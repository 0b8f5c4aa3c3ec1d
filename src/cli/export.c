/* cli/export.c — `ipsdesk export DIR`: writes every interchange file of
 * spec/interchange.md into DIR (made if missing), each with its header even when
 * empty. Files are written beside their final names and renamed into place only when
 * all of them are complete, so a failed export leaves no half-written set. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"

int cmd_export(int argc, char **argv)
{
	struct cli_opts o;
	if (!cli_parse(argc, argv, NULL, &o) || o.nwords != 1) {
		fprintf(stderr, "usage: ipsdesk export [--db FILE] DIR\n");
		return 2;
	}
	const char *dir = o.words[0];
	if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
		fprintf(stderr, "ipsdesk: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	struct cli_ctx c;
	if (!cli_open(&c, o.db))
		return 1;
	FILE *fp[IC_NKINDS] = {0};
	char tmp[IC_NKINDS][4096], final[IC_NKINDS][4096];
	int status = 0;
	for (int k = 0; k < IC_NKINDS && !status; k++) {
		snprintf(final[k], sizeof final[k], "%s/%s", dir, IC_FILES[k].file);
		snprintf(tmp[k], sizeof tmp[k], "%s/.%s.partial", dir, IC_FILES[k].file);
		fp[k] = fopen(tmp[k], "wb");
		if (!fp[k]) {
			fprintf(stderr, "ipsdesk: %s: %s\n", tmp[k], strerror(errno));
			status = 1;
		}
	}
	size_t rows[IC_NKINDS] = {0};
	if (!status) {
		struct result r = app_export(&c.app, &CLI_ADMIN, fp, rows);
		if (!result_ok(&r)) {
			cli_print_result(&r);
			status = 1;
		}
	}
	for (int k = 0; k < IC_NKINDS; k++)
		if (fp[k] && fclose(fp[k]) != 0)
			status = 1;
	for (int k = 0; k < IC_NKINDS; k++) {
		if (!status && rename(tmp[k], final[k]) != 0) {
			fprintf(stderr, "ipsdesk: %s: %s\n", final[k], strerror(errno));
			status = 1;
		}
		if (status)
			remove(tmp[k]);
		else
			printf("%s: %zu rows\n", IC_FILES[k].file, rows[k]);
	}
	cli_close(&c);
	return status;
}
