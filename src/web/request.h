/* web/request.h — one HTTP request as the pages see it, and what they answer with.
 * Everything hangs off the request's arena, freed when libmicrohttpd has sent the
 * response. Pages never see libmicrohttpd or the store. */
#ifndef IPS_WEB_REQUEST_H
#define IPS_WEB_REQUEST_H
#include <stdbool.h>
#include <stdint.h>
#include "app/app.h"
#include "util/buf.h"
#include "util/kv.h"
#include "util/multipart.h"

/* Request bodies are held in memory whole, so their size is bounded:
 *  - MAX_BODY for every form (larger bodies get 413);
 *  - MAX_UPLOAD for an UPLOAD route (the admin's CSV import), and only for an account
 *    the route lets in, checked when the headers arrive, before any of the body is
 *    read; at most MAX_UPLOADS_AT_ONCE such bodies are held in the whole process (a
 *    further one gets 503 when it is larger than MAX_BODY). Memory for bodies thus
 *    stays under MAX_UPLOADS_AT_ONCE * MAX_UPLOAD plus MAX_BODY per connection (the
 *    buffer grows by doubling: up to twice that while it is being filled). Decoding
 *    copies none of an upload's files: parts are ranges of the body.
 *  - A body over its limit is read and dropped up to its drain size (so a browser sees
 *    the 413 page rather than a reset connection), and beyond that the connection is
 *    closed: MAX_DRAIN for forms, MAX_UPLOAD_DRAIN for uploads. */
#define MAX_BODY (1024 * 1024)
#define MAX_DRAIN (16 * 1024 * 1024)
#define MAX_UPLOAD (64 * 1024 * 1024)
#define MAX_UPLOAD_DRAIN (MAX_UPLOAD + MAX_DRAIN)
#define MAX_UPLOADS_AT_ONCE 2
#define MAX_ROUTE_PARAMS 4

struct server_config {
	const char *db_path;
	unsigned char audit_key[AUDIT_KEY_BYTES];
	bool secure_cookies;          /* behind a TLS proxy: add Secure to cookies */
	const char *trusted_proxy;    /* address whose X-Forwarded-For is believed, or NULL */
	bool demo;                    /* the database holds demo data */
};

/* UPLOAD appears only in the route table: a POST whose body is multipart/form-data
 * (files), up to MAX_UPLOAD. A request's own method is GET (or HEAD), POST or PATCH;
 * PATCH rows are the JSON API's changes to a record (a JSON merge patch, RFC 7396). */
enum http_method { GET = 1, POST = 2, UPLOAD = 3, PATCH = 4 };

struct request {
	struct arena *arena;
	struct app app;
	struct actor who;
	const struct server_config *cfg;

	enum http_method method;
	const char *path;             /* decoded path, no query */
	const char *route;            /* the pattern matched, for logs */
	const char *params[MAX_ROUTE_PARAMS];
	size_t nparams;
	struct kvlist query, form, cookies;   /* form: an UPLOAD's text fields too */
	const struct multipart_part *parts;   /* an UPLOAD's parts, files among them */
	size_t nparts;
	const char *client_addr;
	const char *content_type;
	const char *header_authorization;

	const char *session_token;    /* NULL when none */
	const char *csrf;             /* the session's CSRF token, or NULL */
	bool signed_in;
	bool session_loaded;          /* the router looked the session up already */
	bool uploads_busy;            /* MAX_UPLOADS_AT_ONCE uploads were already in flight */
	bool bearer;                  /* an /api/ request signed in by an API token, not a session */
	const char *json_body;        /* a bearer POST's or PATCH's JSON body (not NUL-terminated) */
	size_t json_len;

	/* the response */
	int status;
	struct buf body;
	const char *mime;
	const char *location;
	const char *set_cookie;
	const char *allow;            /* for 405 */
	const char *download;         /* a file name: sent as Content-Disposition: attachment */
	bool cacheable;               /* static assets only */
};

typedef int (*handler_fn)(struct request *rq);

/* ---- reading the request ---------------------------------------------------------- */
/* The i-th ":param" of the route as a positive id, or 0 when it is not one. */
int64_t route_id(const struct request *rq, size_t i);
const char *route_param(const struct request *rq, size_t i);
/* A form field as typed, with surrounding spaces removed for single-line fields; NULL
 * when absent. */
const char *form_text(struct request *rq, const char *name);
/* A multi-line field, as typed (line endings normalised to \n). */
const char *form_textarea(struct request *rq, const char *name);
/* The three parts of an NHS date input (NAME-day, NAME-month, NAME-year) as
 * "YYYY-MM-DD", or NULL when all three are empty, or a string that is no date when
 * they do not make one. */
const char *form_date(struct request *rq, const char *name);
const char *query_text(struct request *rq, const char *name);
/* A stored amount as a form field holds it, in the request's arena: hundredths ("6.5")
 * or pence as pounds ("11.50"); NULL for -1 (not recorded). */
const char *hundredths_text(struct request *rq, int64_t v);
const char *pence_text(struct request *rq, int64_t v);
/* The value a form field should show: what was posted (when re-showing a form) or else
 * the stored value. */
const char *field_value(struct request *rq, const char *name, const char *stored);

/* The CSRF token for forms on this page, making an anonymous session when the visitor
 * has none (public forms). */
const char *request_csrf(struct request *rq);
/* Starts a new session for the account (ending the old one: no session fixation) and
 * sets the cookie. Returns 0 or -1. */
int request_sign_in(struct request *rq, int64_t account_id);
void request_sign_out(struct request *rq);

/* ---- answering ---------------------------------------------------------------------- */
int redirect_see_other(struct request *rq, const char *location);
/* An error page with the layout: 400, 403, 404, 405, 413, 415, 429, 500. */
int page_error(struct request *rq, int status, const char *message);
/* True for paths under /api/: errors are answered as JSON, never as pages. */
bool request_is_api(const struct request *rq);
/* Maps a use case's result to a response when it is not RES_OK or RES_INVALID (those the
 * page handles itself); returns -1 when the page should carry on. */
int result_reply(struct request *rq, const struct result *r);

#endif
