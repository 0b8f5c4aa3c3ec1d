/* web/request.c — reading forms and answering: field helpers the pages use, the
 * anonymous session behind public forms' CSRF tokens, redirects, and the one place a
 * use case's result becomes an HTTP status. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "core/validate.h"
#include "web/html.h"
#include "util/arena.h"

int64_t route_id(const struct request *rq, size_t i)
{
	if (i >= rq->nparams)
		return 0;
	const char *s = rq->params[i];
	if (!*s || strlen(s) > 15)
		return 0;
	int64_t v = 0;
	for (; *s; s++) {
		if (!isdigit((unsigned char)*s))
			return 0;
		v = v * 10 + (*s - '0');
	}
	return v;
}

const char *route_param(const struct request *rq, size_t i)
{
	return i < rq->nparams ? rq->params[i] : NULL;
}

static const char *trim(struct arena *a, const char *v)
{
	if (!v)
		return NULL;
	while (*v == ' ' || *v == '\t' || *v == '\r' || *v == '\n')
		v++;
	size_t n = strlen(v);
	while (n && (v[n - 1] == ' ' || v[n - 1] == '\t' || v[n - 1] == '\r' || v[n - 1] == '\n'))
		n--;
	return arena_strndup(a, v, n);
}

const char *form_text(struct request *rq, const char *name)
{
	return trim(rq->arena, kv_get(&rq->form, name));
}

const char *form_textarea(struct request *rq, const char *name)
{
	const char *v = kv_get(&rq->form, name);
	if (!v)
		return NULL;
	char *out = arena_alloc(rq->arena, strlen(v) + 1);
	size_t j = 0;
	for (const char *p = v; *p; p++) {
		if (*p == '\r') {
			out[j++] = '\n';
			if (p[1] == '\n')
				p++;
		} else {
			out[j++] = *p;
		}
	}
	out[j] = 0;
	return trim(rq->arena, out);
}

const char *form_date(struct request *rq, const char *name)
{
	const char *d = form_text(rq, arena_printf(rq->arena, "%s-day", name));
	const char *m = form_text(rq, arena_printf(rq->arena, "%s-month", name));
	const char *y = form_text(rq, arena_printf(rq->arena, "%s-year", name));
	if ((!d || !*d) && (!m || !*m) && (!y || !*y))
		return NULL;
	const char *parts[3] = {d, m, y};
	for (int i = 0; i < 3; i++) {
		if (!parts[i] || !*parts[i] || strlen(parts[i]) > 4)
			return "not-a-date";
		for (const char *p = parts[i]; *p; p++)
			if (!isdigit((unsigned char)*p))
				return "not-a-date";
	}
	if (strlen(y) != 4)
		return "not-a-date";
	return arena_printf(rq->arena, "%s-%02d-%02d", y, atoi(m), atoi(d));
}

const char *query_text(struct request *rq, const char *name)
{
	return trim(rq->arena, kv_get(&rq->query, name));
}

const char *hundredths_text(struct request *rq, int64_t v)
{
	if (v < 0)
		return NULL;
	char s[24];
	format_hundredths(v, s);
	return arena_strdup(rq->arena, s);
}

const char *pence_text(struct request *rq, int64_t v)
{
	if (v < 0)
		return NULL;
	char s[24];
	format_pence(v, s);
	return arena_strdup(rq->arena, s);
}

const char *field_value(struct request *rq, const char *name, const char *stored)
{
	if (rq->method == POST)
		return kv_get(&rq->form, name);
	return stored;
}

static void set_session_cookie(struct request *rq, const char *token)
{
	rq->set_cookie = arena_printf(rq->arena, "ipsdesk_sid=%s; Path=/; HttpOnly; SameSite=Strict%s",
				      token, rq->cfg && rq->cfg->secure_cookies ? "; Secure" : "");
}

const char *request_csrf(struct request *rq)
{
	if (rq->csrf)
		return rq->csrf;
	char token[64], csrf[64];
	if (app_session_start(&rq->app, 0, token, csrf) != IPS_OK)
		return "";
	rq->session_token = arena_strdup(rq->arena, token);
	rq->csrf = arena_strdup(rq->arena, csrf);
	set_session_cookie(rq, token);
	return rq->csrf;
}

/* A new session for a signed-in account: the old session id (anonymous or not) is
 * ended so a planted id never becomes a signed-in one. */
int request_sign_in(struct request *rq, int64_t account_id)
{
	char token[64], csrf[64];
	if (rq->session_token)
		app_session_end(&rq->app, rq->session_token);
	if (app_session_start(&rq->app, account_id, token, csrf) != IPS_OK)
		return -1;
	rq->session_token = arena_strdup(rq->arena, token);
	rq->csrf = arena_strdup(rq->arena, csrf);
	set_session_cookie(rq, token);
	return 0;
}

void request_sign_out(struct request *rq)
{
	if (rq->session_token)
		app_session_end(&rq->app, rq->session_token);
	rq->session_token = NULL;
	rq->csrf = NULL;
	rq->signed_in = false;
	rq->set_cookie = arena_printf(rq->arena, "ipsdesk_sid=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0%s",
				      rq->cfg && rq->cfg->secure_cookies ? "; Secure" : "");
}

int redirect_see_other(struct request *rq, const char *location)
{
	rq->status = 303;
	rq->location = location;
	rq->mime = "text/plain; charset=utf-8";
	buf_reset(&rq->body);
	return 0;
}

static const char *status_title(int status)
{
	switch (status) {
	case 400: return "Bad request";
	case 403: return "You cannot do this";
	case 404: return "Page not found";
	case 405: return "Method not allowed";
	case 409: return "This cannot be changed";
	case 413: return "Too large";
	case 415: return "Unsupported form";
	case 422: return "There is a problem";
	case 429: return "Too many attempts";
	case 503: return "Service unavailable";
	default: return "Sorry, there is a problem with the service";
	}
}

bool request_is_api(const struct request *rq)
{
	return rq->path && strncmp(rq->path, "/api/", 5) == 0;
}

/* Sets a JSON body from a jansson value (which it releases). */
static void reply_json(struct request *rq, int status, json_t *v)
{
	rq->status = status;
	rq->mime = "application/json";
	buf_reset(&rq->body);
	char *text = json_dumps(v, JSON_COMPACT | JSON_ENSURE_ASCII);
	json_decref(v);
	buf_adds(&rq->body, text ? text : "{}");
	buf_addc(&rq->body, '\n');
	free(text);
}

int page_error(struct request *rq, int status, const char *message)
{
	if (request_is_api(rq)) {
		reply_json(rq, status, json_pack("{s:{s:i,s:s}}", "error", "status", status, "message", message));
		return 0;
	}
	rq->status = status;
	buf_reset(&rq->body);
	page_begin(rq, status_title(status));
	html_lit(rq, "<h1>");
	html_text(rq, status_title(status));
	html_lit(rq, "</h1><p>");
	html_text(rq, message);
	html_lit(rq, "</p>");
	if (status == 403 && !rq->signed_in)
		html_lit(rq, "<p><a href=\"/sign-in\">Sign in</a></p>");
	else
		html_lit(rq, "<p><a href=\"/\">Go to the start page</a></p>");
	page_end(rq);
	return 0;
}

int result_reply(struct request *rq, const struct result *r)
{
	const char *msg = r->nerrors && !*r->errors[0].field ? r->errors[0].message : NULL;
	if (r->code == RES_INVALID && request_is_api(rq)) {
		/* the API's form of an error summary: 422 with every field and message */
		json_t *errors = json_array();
		for (size_t i = 0; i < r->nerrors; i++)
			json_array_append_new(errors, json_pack("{s:s,s:s}", "field", r->errors[i].field,
								 "message", r->errors[i].message));
		reply_json(rq, 422, json_pack("{s:{s:i,s:s,s:o}}", "error", "status", 422, "message",
					      "Some fields are not valid", "fields", errors));
		return 0;
	}
	switch (r->code) {
	case RES_OK:
	case RES_INVALID:
		return -1;
	case RES_REFUSED:
		return page_error(rq, 403, msg ? msg : "You do not have permission to do this.");
	case RES_NOT_FOUND:
		return page_error(rq, 404, msg ? msg : "That record does not exist, or you do not have access to it.");
	case RES_LIMITED:
		return page_error(rq, 429, msg ? msg : "Too many attempts. Wait a while, then try again.");
	case RES_CONFLICT:
		return page_error(rq, 409, msg ? msg : "This record is locked and cannot be changed.");
	case RES_FAILED:
	default:
		return page_error(rq, 500, msg ? msg : "Nothing was saved. Try again later.");
	}
}
