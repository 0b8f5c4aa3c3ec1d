/* cli/common.c — what the subcommands share: options, opening the database with its
 * audit key, and printing a use case's errors. */
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sodium.h>
#include "cli/cli.h"
#include "util/arena.h"

bool cli_parse(int argc, char **argv, const char *const *names, struct cli_opts *o)
{
	memset(o, 0, sizeof *o);
	o->db = "ipsdesk.db";
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (strncmp(a, "--", 2) != 0) {
			if (o->nwords >= (int)(sizeof o->words / sizeof o->words[0])) {
				fprintf(stderr, "ipsdesk: too many arguments\n");
				return false;
			}
			o->words[o->nwords++] = a;
			continue;
		}
		const char *name = a + 2;
		if (strcmp(name, "db") == 0) {
			if (i + 1 >= argc) {
				fprintf(stderr, "ipsdesk: --db needs a file name\n");
				return false;
			}
			o->db = argv[++i];
			continue;
		}
		bool known = false;
		for (int k = 0; names && names[k]; k++) {
			size_t n = strlen(names[k]);
			bool flag = names[k][n - 1] == '!';
			if (flag)
				n--;
			if (strlen(name) != n || strncmp(name, names[k], n) != 0)
				continue;
			known = true;
			if (flag) {
				o->values[k] = "1";
			} else if (i + 1 < argc) {
				o->values[k] = argv[++i];
			} else {
				fprintf(stderr, "ipsdesk: --%s needs a value\n", name);
				return false;
			}
			break;
		}
		if (!known) {
			fprintf(stderr, "ipsdesk: unknown option '%s'\n", a);
			return false;
		}
	}
	return true;
}

const struct actor CLI_ADMIN = {.role = ROLE_ADMIN, .username = "system"};

static const char *store_error_text(int rc)
{
	switch (rc) {
	case IPS_ENOTFOUND: return "no such database (make one with 'ipsdesk init')";
	case IPS_ENEWER: return "this database was made by a newer version of ipsdesk; refusing to touch it";
	case IPS_EEXIST: return "the file already exists";
	case IPS_EBUSY: return "the database is busy";
	default: return "the database could not be opened";
	}
}

bool cli_open(struct cli_ctx *c, const char *db)
{
	memset(c, 0, sizeof *c);
	if (sodium_init() < 0) {
		fprintf(stderr, "ipsdesk: libsodium failed to start\n");
		return false;
	}
	int rc = store_open(db, STORE_OPEN, &c->app.store);
	if (rc != IPS_OK) {
		fprintf(stderr, "ipsdesk: %s: %s\n", db, store_error_text(rc));
		return false;
	}
	rc = audit_key_load(db, c->key);
	if (rc != IPS_OK) {
		fprintf(stderr, "ipsdesk: %s.auditkey: %s\n", db,
			rc == IPS_ENOTFOUND ? "the audit key file is missing" : "the audit key file is not valid");
		store_close(c->app.store);
		c->app.store = NULL;
		return false;
	}
	c->app.audit_key = c->key;
	c->app.arena = arena_new();
	c->app.request_id = "cli";
	app_set_clock(&c->app, time(NULL));
	return true;
}

void cli_close(struct cli_ctx *c)
{
	store_close(c->app.store);
	if (c->app.arena)
		arena_free(c->app.arena);
	sodium_memzero(c->key, sizeof c->key);
	memset(c, 0, sizeof *c);
}

void cli_print_result(const struct result *r)
{
	for (size_t i = 0; i < r->nerrors; i++) {
		if (*r->errors[i].field)
			fprintf(stderr, "ipsdesk: %s: %s\n", r->errors[i].field, r->errors[i].message);
		else
			fprintf(stderr, "ipsdesk: %s\n", r->errors[i].message);
	}
	if (r->code != RES_OK && r->nerrors == 0)
		fprintf(stderr, "ipsdesk: refused\n");
}
