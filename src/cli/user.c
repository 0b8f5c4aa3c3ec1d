/* cli/user.c — `ipsdesk user add|passwd|disable|enable|reviews`: accounts from the
 * command line, and the sites a fidelity reviewer reviews. Passwords are read from
 * standard input (one line), never from arguments, which other users of the machine
 * can see. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "app/fidelity.h"
#include "cli/cli.h"
#include "core/validate.h"
#include "util/buf.h"

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
		"usage: ipsdesk user add USERNAME --name NAME --role ROLE [--team CODE] [--fte 0.5]\n"
		"                        [--reviews SITE[,SITE...]] [--db FILE]\n"
		"       ipsdesk user passwd USERNAME [--db FILE]\n"
		"       ipsdesk user disable|enable USERNAME [--db FILE]\n"
		"       ipsdesk user reviews USERNAME [SITE[,SITE...] | --none] [--db FILE]\n"
		"The password is read from standard input (one line, at least 12 characters).\n"
		"Roles: specialist, team_leader, clinician, admin, auditor, reviewer, commissioner.\n"
		"A reviewer sees the fidelity reviews, evidence and dashboard of the sites (by code) it\n"
		"reviews: `user reviews` sets them (replacing any before), --none removes them all, and\n"
		"with neither it prints them.\n");
	return 2;
}

/* `ipsdesk user reviews USERNAME [SITE...] [--none]`: sets or prints a reviewer's sites. */
static int user_reviews(const struct cli_opts *o)
{
	const char *username = o->words[1];
	bool none = o->values[6] != NULL;
	if (none && o->nwords > 2)
		return usage();
	for (int i = 0; i < 6; i++)
		if (o->values[i])
			return usage();
	struct cli_ctx c;
	if (!cli_open(&c, o->db))
		return 1;
	struct result r;
	if (o->nwords == 2 && !none) {
		const char **codes;
		size_t n;
		r = app_reviewer_sites(&c.app, username, &codes, &n);
		if (result_ok(&r)) {
			if (n == 0)
				printf("%s reviews no site\n", username);
			for (size_t i = 0; i < n; i++)
				printf("%s\n", codes[i]);
		}
	} else {
		struct buf b = BUF_INIT;
		for (int i = 2; i < o->nwords; i++) {
			buf_adds(&b, o->words[i]);
			buf_addc(&b, ',');
		}
		r = app_reviewer_sites_set(&c.app, username, buf_str(&b));
		buf_free(&b);
		if (result_ok(&r))
			printf("ipsdesk: %s now reviews %s\n", username, none ? "no site" : "those sites");
	}
	int status = result_ok(&r) ? 0 : 1;
	if (status)
		cli_print_result(&r);
	cli_close(&c);
	return status;
}

int cmd_user(int argc, char **argv)
{
	static const char *const names[] = {"name", "role", "team", "fte", "staff-code", "reviews", "none!", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords < 2)
		return usage();
	const char *verb = o.words[0], *username = o.words[1];
	struct cli_ctx c;
	if (strcmp(verb, "reviews") == 0)
		return user_reviews(&o);
	if (o.nwords != 2 || o.values[6] ||
	    (strcmp(verb, "add") != 0 && strcmp(verb, "passwd") != 0 && strcmp(verb, "disable") != 0 &&
	     strcmp(verb, "enable") != 0))
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
			.reviews = o.values[5],
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
