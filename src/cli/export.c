/* cli/export.c — `ipsdesk export DIR`: writes every interchange file of
 * spec/interchange.md into DIR (made if missing), each with its header even when
 * empty. Files are written beside their final names and renamed into place only when
 * all of them are complete, so a failed export leaves no half-written set.
 * `ipsdesk export --pseudonymised --from D --to D DIR` writes instead the figures that
 * may leave the service: per site and per team, under the small-number rule, with no
 * names, NHS numbers or dates of birth. */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include "cli/cli.h"
#include "util/buf.h"

/* Writes text to path whole, or says why not. */
static bool write_file(const char *path, const struct buf *b)
{
	FILE *f = fopen(path, "wb");
	bool ok = f && fwrite(buf_str(b), 1, b->len, f) == b->len;
	if (f && fclose(f) != 0)
		ok = false;
	if (!ok)
		fprintf(stderr, "ipsdesk: %s: %s\n", path, strerror(errno));
	return ok;
}

static int export_published(struct cli_ctx *c, const char *dir, const char *from, const char *to)
{
	struct buf sites = BUF_INIT, teams = BUF_INIT, about = BUF_INIT;
	struct result r = app_export_published(&c->app, &CLI_ADMIN, from, to, &sites, &teams);
	int status = 0;
	if (!result_ok(&r)) {
		cli_print_result(&r);
		status = r.code == RES_INVALID ? 2 : 1;
	} else {
		buf_printf(&about,
			   "ipsdesk outcome figures for %s to %s, by site and by team.\n\n"
			   "Every figure is defined in ipsdesk's outcome report specification (spec/outcomes.md).\n"
			   "Published under NHS England's small-number rule: a count from 1 to 4 is shown as *,\n"
			   "every other count is rounded to the nearest 5 (0 stays 0); a rate is computed from the\n"
			   "unrounded counts and shown as * when either of its counts is; a mean or median over 1\n"
			   "to 4 values is *. employer_contacts_per_specialist_week and community_time_share are\n"
			   "staff measures and are shown as they are. No person is named, and no NHS number or\n"
			   "date of birth is included.\n", from, to);
		char path[4096];
		snprintf(path, sizeof path, "%s/outcomes_by_site.csv", dir);
		bool ok = write_file(path, &sites);
		snprintf(path, sizeof path, "%s/outcomes_by_team.csv", dir);
		ok = ok && write_file(path, &teams);
		snprintf(path, sizeof path, "%s/README.txt", dir);
		ok = ok && write_file(path, &about);
		status = ok ? 0 : 1;
		if (ok)
			printf("outcomes_by_site.csv, outcomes_by_team.csv and README.txt written to %s\n", dir);
	}
	buf_free(&sites);
	buf_free(&teams);
	buf_free(&about);
	return status;
}

int cmd_export(int argc, char **argv)
{
	static const char *const names[] = {"pseudonymised!", "from", "to", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords != 1 ||
	    (o.values[0] && (!o.values[1] || !o.values[2])) || (!o.values[0] && (o.values[1] || o.values[2]))) {
		fprintf(stderr, "usage: ipsdesk export [--db FILE] DIR\n"
				"       ipsdesk export [--db FILE] --pseudonymised --from YYYY-MM-DD --to YYYY-MM-DD DIR\n");
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
	if (o.values[0]) {
		int rc = export_published(&c, dir, o.values[1], o.values[2]);
		cli_close(&c);
		return rc;
	}
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
