/* web/server.h — starting the HTTP server. */
#ifndef IPS_WEB_SERVER_H
#define IPS_WEB_SERVER_H
#include "web/request.h"

/* Serves until SIGINT or SIGTERM; port 0 picks a free port. Prints the address it
 * serves on standard output (tests read it). Returns 0, or -1 when it cannot listen. */
int server_run(const struct server_config *cfg, const char *host, int port);

#endif
