/* cli/org.c — `ipsdesk site add CODE --name NAME` and `ipsdesk team add CODE --site
 * CODE --name NAME`: setting up services before accounts can be given to their staff. */
#include <stdio.h>
#include <string.h>
#include "cli/cli.h"

int cmd_site(int argc, char **argv)
{
	static const char *const names[] = {"name", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords != 2 || strcmp(o.words[0], "add") != 0) {
		fprintf(stderr, "usage: ipsdesk site add CODE --name NAME [--db FILE]\n");
		return 2;
	}
	struct cli_ctx c;
	if (!cli_open(&c, o.db))
		return 1;
	struct result r = app_site_add(&c.app, &CLI_ADMIN, &(struct site){.code = o.words[1], .name = o.values[0]});
	int status = result_ok(&r) ? 0 : 1;
	if (status)
		cli_print_result(&r);
	else
		printf("ipsdesk: site %s added\n", o.words[1]);
	cli_close(&c);
	return status;
}

int cmd_team(int argc, char **argv)
{
	static const char *const names[] = {"site", "name", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords != 2 || strcmp(o.words[0], "add") != 0) {
		fprintf(stderr, "usage: ipsdesk team add CODE --site SITE_CODE --name NAME [--db FILE]\n");
		return 2;
	}
	struct cli_ctx c;
	if (!cli_open(&c, o.db))
		return 1;
	struct result r = app_team_add(&c.app, &CLI_ADMIN, o.values[0],
				       &(struct team){.code = o.words[1], .name = o.values[1]});
	int status = result_ok(&r) ? 0 : 1;
	if (status)
		cli_print_result(&r);
	else
		printf("ipsdesk: team %s added\n", o.words[1]);
	cli_close(&c);
	return status;
}
