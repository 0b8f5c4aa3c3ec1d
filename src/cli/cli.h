/* cli/cli.h — the subcommands (one file each, cmd_<name>) and what they share:
 * option parsing and opening the database with its audit key. */
#ifndef IPS_CLI_H
#define IPS_CLI_H
#include <stdbool.h>
#include <stdio.h>
#include "app/app.h"

int cmd_init(int argc, char **argv);
int cmd_serve(int argc, char **argv);
int cmd_user(int argc, char **argv);
int cmd_audit(int argc, char **argv);
int cmd_demo(int argc, char **argv);
int cmd_site(int argc, char **argv);
int cmd_team(int argc, char **argv);
int cmd_import(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_fidelity(int argc, char **argv);
int cmd_backup(int argc, char **argv);
int cmd_restore(int argc, char **argv);
int cmd_subject_access(int argc, char **argv);
int cmd_erase(int argc, char **argv);

/* Who a command acts as: the person at the server's console, an administrator. */
extern const struct actor CLI_ADMIN;

/* Options: "--name value" pairs and bare words. Unknown options are an error. */
struct cli_opts {
	const char *db;
	const char *values[16];    /* by index of the names passed to cli_parse */
	const char *words[8];      /* positional words */
	int nwords;
};
/* names: NULL-terminated list of option names without "--" (besides --db). Flags
 * (taking no value) are listed with a trailing '!' ("secure-cookies!") and read as "1". */
bool cli_parse(int argc, char **argv, const char *const *names, struct cli_opts *o);

/* A command's context: the store, an arena, the audit key and the clock. */
struct cli_ctx {
	struct app app;
	unsigned char key[AUDIT_KEY_BYTES];
};
/* Opens db (migrating it forward); prints the reason and returns false on failure. */
bool cli_open(struct cli_ctx *c, const char *db);
void cli_close(struct cli_ctx *c);
/* Prints a result's errors as "field: message" lines on standard error. */
void cli_print_result(const struct result *r);
/* Prints the accounts of a demo database and their password (cli/demo.c); false, and
 * nothing printed, when the database does not hold demo data. */
bool cli_demo_print_accounts(struct app *app, FILE *out);

#endif
