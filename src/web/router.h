/* web/router.h — matching a request to its route, sessions, the role check and CSRF. */
#ifndef IPS_WEB_ROUTER_H
#define IPS_WEB_ROUTER_H
#include <stddef.h>
#include "web/request.h"

struct route {
	enum http_method method;  /* GET (also answers HEAD), POST, PATCH (JSON API only), or
				   * UPLOAD: a POST of multipart/form-data up to MAX_UPLOAD */
	const char *pattern;      /* "/people/:id/contacts" */
	unsigned roles;           /* who may use it (ROLE_* bits) */
	handler_fn handler;
};

extern const struct route routes[];
extern const size_t routes_count;

/* Called when a request's headers have arrived, before its body: true when it may send
 * a body of up to MAX_UPLOAD, that is a POST to an UPLOAD route by a signed-in account
 * whose role the route lists. rq needs its arena, store, clock and cookies; the session
 * it loads is kept for router_dispatch. */
bool router_may_upload(struct request *rq, const char *method, const char *raw_uri);

/* Runs the request through the route table and fills rq's response. */
void router_dispatch(struct request *rq, const char *method, const char *raw_uri,
		     const char *body, size_t body_len, bool too_large);

#endif
