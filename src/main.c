/* main.c — ipsdesk is one binary: this table names its subcommands; and no ipsdesk
 * process ever writes a core file, since its memory holds health records (the store
 * stops the process on a failed fsync, store/db.c). */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include "cli/cli.h"

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *help;
} commands[] = {
	{"init", cmd_init, "create a new database and its audit key"},
	{"serve", cmd_serve, "serve the web interface"},
	{"demo", cmd_demo, "create a database of made-up people for trying ipsdesk"},
	{"site", cmd_site, "add a site (one IPS service, usually an NHS trust)"},
	{"team", cmd_team, "add an IPS team to a site"},
	{"user", cmd_user, "add an account, change a password, disable or enable an account"},
	{"import", cmd_import, "load CSV files (sites.csv ... jobs.csv) from a directory, all or nothing"},
	{"export", cmd_export, "write every record as CSV files into a directory"},
	{"report", cmd_report, "the outcome report for a period (spec/outcomes.md)"},
	{"fidelity", cmd_fidelity, "evidence from the records for the fidelity scale"},
	{"audit", cmd_audit, "verify the audit chain"},
	{"backup", cmd_backup, "copy the database and its audit key while the server runs, then check the copy"},
	{"restore", cmd_restore, "check a backup and put it in place as the database"},
	{"subject-access", cmd_subject_access, "everything held about one person, as JSON (UK GDPR)"},
	{"erase", cmd_erase, "erase the people whose records ended before a date (retention period)"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: ipsdesk COMMAND [--db FILE] [options]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		fprintf(f, "  %-15s %s\n", commands[i].name, commands[i].help);
}

/* No core file, not even through a core_pattern pipe (which ignores RLIMIT_CORE). A
 * sanitizer build keeps its process dumpable: LeakSanitizer needs to ptrace it. */
static void no_core_files(void)
{
	setrlimit(RLIMIT_CORE, &(struct rlimit){0, 0});
#ifndef __SANITIZE_ADDRESS__
	prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#endif
}

int main(int argc, char **argv)
{
	no_core_files();
	if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "help") == 0) {
		usage(argc < 2 ? stderr : stdout);
		return argc < 2 ? 2 : 0;
	}
	for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
		if (strcmp(argv[1], commands[i].name) == 0)
			return commands[i].fn(argc - 1, argv + 1);
	fprintf(stderr, "ipsdesk: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
