/* cli/serve.c — `ipsdesk serve --db FILE --listen ADDR:PORT`: migrates the database
 * forward, then serves it. A demo database is served on loopback only. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include "cli/cli.h"
#include "util/arena.h"
#include "util/log.h"
#include "web/server.h"

static bool loopback(const char *host)
{
	return strncmp(host, "127.", 4) == 0 || strcmp(host, "::1") == 0 || strcmp(host, "localhost") == 0;
}

int cmd_serve(int argc, char **argv)
{
	static const char *const names[] = {"listen", "trusted-proxy", "secure-cookies!", "quiet!", NULL};
	struct cli_opts o;
	if (!cli_parse(argc, argv, names, &o) || o.nwords) {
		fprintf(stderr, "usage: ipsdesk serve [--db FILE] [--listen ADDR:PORT] [--trusted-proxy ADDR] "
				"[--secure-cookies] [--quiet]\n");
		return 2;
	}
	const char *listen = o.values[0] ? o.values[0] : "127.0.0.1:8080";
	const char *colon = strrchr(listen, ':');
	if (!colon || colon == listen) {
		fprintf(stderr, "ipsdesk: --listen wants ADDR:PORT, for example 127.0.0.1:8080\n");
		return 2;
	}
	char *host = strndup(listen[0] == '[' ? listen + 1 : listen,
			     (size_t)(colon - listen) - (listen[0] == '[' ? 2 : 0));
	int port = atoi(colon + 1);
	if (port < 0 || port > 65535) {
		fprintf(stderr, "ipsdesk: the port must be from 0 to 65535\n");
		free(host);
		return 2;
	}
	if (strcmp(host, "localhost") == 0) {
		free(host);
		host = strdup("127.0.0.1");
	}
	struct cli_ctx c;
	if (!cli_open(&c, o.db)) {
		free(host);
		return 1;
	}
	static struct server_config cfg;
	cfg.db_path = o.db;
	memcpy(cfg.audit_key, c.key, sizeof cfg.audit_key);
	cfg.trusted_proxy = o.values[1];
	cfg.secure_cookies = o.values[2] != NULL;
	cfg.demo = app_is_demo(&c.app);
	if (cfg.demo && loopback(host))
		cli_demo_print_accounts(&c.app, stdout);
	app_sessions_purge(&c.app);   /* sessions idle past expiry are of no use to anyone */
	cli_close(&c);
	if (cfg.demo && !loopback(host)) {
		fprintf(stderr, "ipsdesk: %s holds demo data; it is served on loopback (127.0.0.1) only\n", o.db);
		free(host);
		return 1;
	}
	log_set_quiet(o.values[3] != NULL);
	int rc = server_run(&cfg, host, port);
	sodium_memzero(cfg.audit_key, sizeof cfg.audit_key);
	free(host);
	return rc == 0 ? 0 : 1;
}
