/* web/router.c — from raw request to handler: decodes the path and query (ipsdesk's
 * own decoders, fuzzed), loads the session, matches the route table, refuses a role
 * the route does not list (before any handler runs), decodes the body (urlencoded for
 * POST routes, multipart/form-data for UPLOAD routes: any other type gets 415) and
 * checks the CSRF token on every POST and PATCH. Under /api/ a bearer token signs the
 * request in instead of the session, and its POSTs and PATCHes carry JSON with no CSRF
 * token; a cookie-signed API POST or PATCH is a form like any other, CSRF and all (and
 * the API's write handlers then refuse it). Unknown paths get 404, wrong methods 405
 * with the methods the path has. */
#include <stdio.h>
#include <string.h>
#include "web/router.h"
#include "web/html.h"
#include "util/arena.h"

/* Percent-decodes a URL path (no '+' rule). NULL when malformed, holds a NUL or a
 * control character, or is not UTF-8. */
static const char *path_decode(struct arena *a, const char *s, size_t n)
{
	if (n == 0 || n > 2048 || s[0] != '/')
		return NULL;
	char *out = arena_alloc(a, n + 1);
	size_t j = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '%') {
			if (i + 2 >= n)
				return NULL;
			int v = 0;
			for (int k = 1; k <= 2; k++) {
				char h = s[i + k];
				v <<= 4;
				if (h >= '0' && h <= '9') v |= h - '0';
				else if (h >= 'a' && h <= 'f') v |= h - 'a' + 10;
				else if (h >= 'A' && h <= 'F') v |= h - 'A' + 10;
				else return NULL;
			}
			c = (unsigned char)v;
			i += 2;
		}
		if (c < 0x20 || c == 0x7f)
			return NULL;
		out[j++] = (char)c;
	}
	out[j] = 0;
	return utf8_valid(out, j) ? out : NULL;
}

/* Matches "/people/:id/edit" against a path, filling params. */
static bool route_match(const char *pattern, const char *path, struct request *rq)
{
	size_t np = 0;
	const char *p = pattern, *s = path;
	while (*p && *s) {
		if (*p == ':') {
			const char *pe = strchr(p, '/');
			const char *se = strchr(s, '/');
			size_t plen = pe ? (size_t)(pe - p) : strlen(p);
			size_t slen = se ? (size_t)(se - s) : strlen(s);
			if (slen == 0 || np >= MAX_ROUTE_PARAMS)
				return false;
			if (rq)
				rq->params[np] = arena_strndup(rq->arena, s, slen);
			np++;
			p += plen;
			s += slen;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	if (*p || *s)
		return false;
	if (rq)
		rq->nparams = np;
	return true;
}

static void load_session(struct request *rq)
{
	if (rq->session_loaded)
		return;
	rq->session_loaded = true;
	rq->who.role = ROLE_PUBLIC;
	const char *tok = kv_get(&rq->cookies, "ipsdesk_sid");
	int64_t account = 0;
	const char *csrf = NULL;
	if (!tok || !app_session_find(&rq->app, tok, &account, &csrf))
		return;
	if (account) {
		if (!app_actor_load(&rq->app, account, &rq->who)) {
			app_session_end(&rq->app, tok);   /* account disabled or gone */
			rq->who.role = ROLE_PUBLIC;
			return;
		}
		rq->signed_in = true;
	}
	rq->session_token = tok;
	rq->csrf = csrf;
}

/* Whether a Content-Type header names the media type want (parameters allowed). */
static bool media_type_is(const char *ct, const char *want)
{
	size_t n = strlen(want);
	return ct && strncasecmp(ct, want, n) == 0 && (ct[n] == 0 || ct[n] == ';');
}

static bool form_content_type(const char *ct)
{
	return media_type_is(ct, "application/x-www-form-urlencoded");
}

/* JSON; a PATCH may also name itself a JSON merge patch (RFC 7396), which it is. */
static bool json_content_type(const char *ct, enum http_method m)
{
	return media_type_is(ct, "application/json") ||
	       (m == PATCH && media_type_is(ct, "application/merge-patch+json"));
}

/* "Authorization: Bearer TOKEN" on an /api/ path signs the request in as the token's
 * account in place of any session: no cookie is involved, so no CSRF token is needed.
 * Another scheme is ignored here, as a bearer token is on any other path. Answers 401
 * (or 429 while the address is throttled) itself and returns false. */
static bool bearer_sign_in(struct request *rq)
{
	const char *h = rq->header_authorization;
	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return true;
	for (h += 7; *h == ' '; h++)
		;
	rq->signed_in = false;
	rq->session_token = NULL;
	rq->csrf = NULL;
	struct result r = app_token_authenticate(&rq->app, h, rq->client_addr, &rq->who);
	if (!result_ok(&r)) {
		const char *msg = r.nerrors ? r.errors[0].message : "This API token is not valid.";
		page_error(rq, r.code == RES_LIMITED ? 429 : 401, msg);
		return false;
	}
	rq->signed_in = true;
	rq->bearer = true;
	return true;
}

/* A route row's method against the request's: an UPLOAD row is a POST. */
static bool method_matches(enum http_method row, enum http_method asked)
{
	return row == asked || (row == UPLOAD && asked == POST);
}

static enum http_method method_of(const char *method)
{
	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		return GET;
	if (strcmp(method, "POST") == 0)
		return POST;
	if (strcmp(method, "PATCH") == 0)
		return PATCH;
	return 0;
}

/* The Allow header for a path that has rows for other methods than the one asked. */
static const char *allow_for(const char *path)
{
	bool get = false, post = false, patch = false;
	for (size_t i = 0; i < routes_count; i++) {
		if (!route_match(routes[i].pattern, path, NULL))
			continue;
		get |= routes[i].method == GET;
		post |= routes[i].method == POST || routes[i].method == UPLOAD;
		patch |= routes[i].method == PATCH;
	}
	static const char *const allow[8] = {
		"", "GET, HEAD", "POST", "GET, HEAD, POST", "PATCH", "GET, HEAD, PATCH", "POST, PATCH",
		"GET, HEAD, POST, PATCH",
	};
	return allow[get | post << 1 | patch << 2];
}

/* The row for a decoded path and method (NULL when none); *other_method tells whether
 * the path has rows for other methods. */
static const struct route *route_find(const char *path, enum http_method m, bool *other_method)
{
	*other_method = false;
	for (size_t i = 0; i < routes_count; i++) {
		if (!route_match(routes[i].pattern, path, NULL))
			continue;
		if (method_matches(routes[i].method, m))
			return &routes[i];
		*other_method = true;
	}
	return NULL;
}

bool router_may_upload(struct request *rq, const char *method, const char *raw_uri)
{
	if (!raw_uri || method_of(method) != POST)
		return false;
	const char *q = strchr(raw_uri, '?');
	const char *path = path_decode(rq->arena, raw_uri, q ? (size_t)(q - raw_uri) : strlen(raw_uri));
	bool other;
	const struct route *hit = path ? route_find(path, POST, &other) : NULL;
	if (!hit || hit->method != UPLOAD)
		return false;
	load_session(rq);
	return rq->signed_in && (hit->roles & rq->who.role);
}

/* Decodes an UPLOAD's multipart body into rq->parts and its text fields into rq->form.
 * Answers 415 (not multipart/form-data) or 400 itself and returns false. */
static bool decode_upload(struct request *rq, const char *body, size_t body_len)
{
	const char *boundary;
	struct multipart mp;
	int rc = multipart_boundary(rq->arena, rq->content_type, &boundary);
	if (rc == MULTIPART_NOT_FORM_DATA) {
		page_error(rq, 415, "This form was sent in a way ipsdesk does not accept.");
		return false;
	}
	if (rc != MULTIPART_OK || multipart_decode(rq->arena, boundary, body, body_len, &mp) != MULTIPART_OK) {
		page_error(rq, 400, "What you sent could not be read.");
		return false;
	}
	rq->parts = mp.parts;
	rq->nparts = mp.n;
	rq->form = mp.fields;
	return true;
}

static void dispatch(struct request *rq, const char *method, const char *raw_uri,
		     const char *body, size_t body_len, bool too_large)
{
	rq->path = "/";
	rq->method = method_of(method);

	const char *q = raw_uri ? strchr(raw_uri, '?') : NULL;
	size_t plen = raw_uri ? (q ? (size_t)(q - raw_uri) : strlen(raw_uri)) : 0;
	const char *path = raw_uri ? path_decode(rq->arena, raw_uri, plen) : NULL;
	load_session(rq);
	if (!path) {
		page_error(rq, 400, "The address of this page is not valid.");
		return;
	}
	rq->path = path;
	if (request_is_api(rq) && !bearer_sign_in(rq))
		return;
	if (q && form_decode(rq->arena, q + 1, strlen(q + 1), &rq->query) != 0) {
		page_error(rq, 400, "The address of this page is not valid.");
		return;
	}

	bool other_method;
	const struct route *hit = route_find(path, rq->method, &other_method);
	if (!hit) {
		if (other_method) {
			rq->allow = allow_for(path);
			page_error(rq, 405, "This page cannot be used that way.");
		} else {
			page_error(rq, 404, "Page not found.");
		}
		return;
	}
	route_match(hit->pattern, path, rq);
	rq->route = hit->pattern;

	if (!(hit->roles & rq->who.role)) {
		if (!rq->signed_in && rq->method == GET && !request_is_api(rq)) {
			redirect_see_other(rq, "/sign-in");
			return;
		}
		if (!rq->signed_in && request_is_api(rq)) {
			page_error(rq, 401, "Sign in, or send an API token.");
			return;
		}
		page_error(rq, 403, rq->signed_in ? "You do not have permission to see this page."
						  : "Sign in to use this page.");
		return;
	}
	if (rq->method == POST || rq->method == PATCH) {
		if (too_large && hit->method == UPLOAD && rq->uploads_busy) {
			page_error(rq, 503, "Other files are being sent to ipsdesk just now. "
					    "Wait a few minutes, then try again.");
			return;
		}
		if (too_large) {
			page_error(rq, 413, "What you sent is too large.");
			return;
		}
		if (rq->bearer) {
			/* an API write with a token: JSON, parsed by the handler */
			if (!json_content_type(rq->content_type, rq->method)) {
				page_error(rq, 415, "Send the body as application/json.");
				return;
			}
			rq->json_body = body;
			rq->json_len = body_len;
			hit->handler(rq);
			return;
		}
		if (hit->method == UPLOAD) {
			if (!decode_upload(rq, body, body_len))
				return;
		} else if (!form_content_type(rq->content_type)) {
			page_error(rq, 415, "This form was sent in a way ipsdesk does not accept.");
			return;
		} else if (form_decode(rq->arena, body, body_len, &rq->form) != 0) {
			page_error(rq, 400, "What you sent could not be read.");
			rq->form.n = 0;
			return;
		}
		const char *sent = kv_get(&rq->form, "csrf");
		if (!rq->csrf || !sent || strlen(sent) != strlen(rq->csrf) ||
		    !app_token_equal(sent, rq->csrf)) {
			rq->form.n = 0;
			rq->nparts = 0;
			page_error(rq, 403, "This form has expired or did not come from ipsdesk. "
					    "Go back, reload the page and try again.");
			return;
		}
		hit->handler(rq);
		return;
	}
	/* a page reads from one snapshot: each statement on its own would take and drop
	 * the database's shared lock, a lock the server's threads contend for (begun again
	 * here if the session's once-a-minute touch, a write, ended the one below) */
	app_snapshot_begin(&rq->app);
	hit->handler(rq);
	app_snapshot_end(&rq->app);
}

void router_dispatch(struct request *rq, const char *method, const char *raw_uri,
		     const char *body, size_t body_len, bool too_large)
{
	/* a GET's session is read in the page's snapshot, not in read transactions of its own */
	bool get = method_of(method) == GET;
	if (get)
		app_snapshot_begin(&rq->app);
	dispatch(rq, method, raw_uri, body, body_len, too_large);
	if (get)
		app_snapshot_end(&rq->app);
}
