/* app/result.c — the one result shape every use case returns, the roles, and the
 * clock a request runs on. */
#include <string.h>
#include <stdio.h>
#include "app/app.h"
#include "util/arena.h"

struct result result_new(struct arena *a)
{
	struct result r;
	memset(&r, 0, sizeof r);
	r.arena = a;
	return r;
}

bool result_ok(const struct result *r)
{
	return r->code == RES_OK;
}

static void push(struct result *r, struct field_error **v, size_t *n, size_t *cap,
		 const char *field, const char *message)
{
	for (size_t i = 0; i < *n; i++)
		if (strcmp((*v)[i].field, field) == 0)
			return;
	if (*n == *cap) {
		size_t ncap = *cap ? *cap * 2 : 8;
		struct field_error *nv = arena_alloc(r->arena, ncap * sizeof *nv);
		if (*n)
			memcpy(nv, *v, *n * sizeof *nv);
		*v = nv;
		*cap = ncap;
	}
	(*v)[*n].field = field;
	(*v)[*n].message = message;
	(*n)++;
}

void result_field(struct result *r, const char *field, const char *message)
{
	push(r, &r->errors, &r->nerrors, &r->caperrors, field, message);
	if (r->code == RES_OK)
		r->code = RES_INVALID;
}

void result_warn(struct result *r, const char *field, const char *message)
{
	push(r, &r->warnings, &r->nwarnings, &r->capwarnings, field, message);
}

void result_set(struct result *r, enum result_code code, const char *message)
{
	r->code = code;
	if (message)
		push(r, &r->errors, &r->nerrors, &r->caperrors, "", message);
}

const char *result_error_for(const struct result *r, const char *field)
{
	for (size_t i = 0; i < r->nerrors; i++)
		if (strcmp(r->errors[i].field, field) == 0)
			return r->errors[i].message;
	return NULL;
}

static const struct {
	unsigned bit;
	const char *code;
} ROLES[] = {
	{ROLE_SPECIALIST, "specialist"},   {ROLE_TEAM_LEADER, "team_leader"},
	{ROLE_CLINICIAN, "clinician"},     {ROLE_ADMIN, "admin"},
	{ROLE_AUDITOR, "auditor"},         {ROLE_REVIEWER, "reviewer"},
	{ROLE_COMMISSIONER, "commissioner"},
};

unsigned role_from_code(const char *code)
{
	for (size_t i = 0; code && i < sizeof ROLES / sizeof ROLES[0]; i++)
		if (strcmp(ROLES[i].code, code) == 0)
			return ROLES[i].bit;
	return 0;
}

const char *role_code(unsigned role)
{
	for (size_t i = 0; i < sizeof ROLES / sizeof ROLES[0]; i++)
		if (ROLES[i].bit == role)
			return ROLES[i].code;
	return "public";
}

void app_set_clock(struct app *app, time_t now)
{
	struct tm tm;
	app->now = now;
	gmtime_r(&now, &tm);
	strftime(app->now_iso, sizeof app->now_iso, "%Y-%m-%dT%H:%M:%SZ", &tm);
	app->today = date_london_today(now);
	date_iso(app->today, app->today_iso);
}
