/* web/router.h — matching a request to its route, sessions, the role check and CSRF. */
#ifndef IPS_WEB_ROUTER_H
#define IPS_WEB_ROUTER_H
#include <stddef.h>
#include "web/request.h"

struct route {
	enum http_method method;
	const char *pattern;      /* "/people/:id/contacts" */
	unsigned roles;           /* who may use it (ROLE_* bits) */
	handler_fn handler;
};

extern const struct route routes[];
extern const size_t routes_count;

/* Runs the request through the route table and fills rq's response. */
void router_dispatch(struct request *rq, const char *method, const char *raw_uri,
		     const char *body, size_t body_len, bool too_large);

#endif
