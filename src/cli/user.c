/* cli/user.c — `ipsdesk user add|passwd|disable|enable`: accounts from the command
 * line. Passwords are read from standard input (one line), never from arguments,
 * which other users of the machine can see. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "cli/cli.h"
#include "core/validate.h"

static bool read_password(char *out, size_t n)
{
	if (!fgets(out, (int)n, stdin))
		return false;
	out[strcspn(out, "\r\n")] = 0;
	return true;
}

static int usage(void)
{
	fprintf(stderr,
		"usage: ipsdesk user add USERNAME --name NAME --role ROLE [--team CODE] [--fte 0.5] [--db FILE]\n"
		"       ipsdesk user passwd USERNAME [--db FILE]\n"
		"       ipsdesk user disable|enable USERNAME [--db FILE]\n"
		"The password is read from standard input (one line, at least 12 characters).\n"
		"Roles: specialist, team_leader, clinician, admin, auditor, reviewer, commissioner.\n");
	return 2;
}

int cmd_user(int argc, char **argv)
{
	static const char *const names[] = {"name", "role", "team", "fte", "staff-code", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords != 2)
		return usage();
	const char *verb = o.words[0], *username = o.words[1];
	struct cli_ctx c;
	if (strcmp(verb, "add") != 0 && strcmp(verb, "passwd") != 0 && strcmp(verb, "disable") != 0 &&
	    strcmp(verb, "enable") != 0)
		return usage();
	if (!cli_open(&c, o.db))
		return 1;
	struct result r;
	char pw[256] = {0};
	if (strcmp(verb, "add") == 0 || strcmp(verb, "passwd") == 0) {
		if (!read_password(pw, sizeof pw)) {
			fprintf(stderr, "ipsdesk: give the password on standard input\n");
			cli_close(&c);
			return 1;
		}
	}
	if (strcmp(verb, "add") == 0) {
		int64_t fte = 100;
		const char *why;
		if (o.values[3] && !parse_hundredths(o.values[3], &fte, &why)) {
			fprintf(stderr, "ipsdesk: --fte: %s\n", why);
			cli_close(&c);
			return 1;
		}
		struct new_user u = {
			.username = username, .password = pw, .name = o.values[0], .role = o.values[1],
			.team_code = o.values[2], .staff_code = o.values[4], .fte = (int)(fte > 100 || fte <= 0 ? -1 : fte),
		};
		r = app_user_add(&c.app, &u);
	} else if (strcmp(verb, "passwd") == 0) {
		r = app_user_passwd(&c.app, username, pw);
	} else {
		r = app_user_disable(&c.app, username, strcmp(verb, "disable") == 0);
	}
	sodium_memzero(pw, sizeof pw);
	int status = result_ok(&r) ? 0 : 1;
	if (status)
		cli_print_result(&r);
	else
		printf("ipsdesk: %s %s\n", verb, username);
	cli_close(&c);
	return status;
}
