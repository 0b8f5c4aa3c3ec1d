/* app/matching.c — matching both ways: the open vacancies that best fit one person, and
 * the people who best fit one vacancy. One indexed query loads the candidates into
 * arrays (vacancies from the covering index of 009_matching_indexes.sql, people from the
 * narrow match_person table of 010_match_person.sql), core/matching.c scores each, a
 * heap keeps the best MATCH_SHOWN, and only those get a reason and their full row.
 * Listing people is audited, as every read of a record is: each person a vacancy lists
 * gets a client.view entry of their own (the entries commit without waiting for the
 * disk); nothing else is written. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "core/geo.h"
#include "core/matching.h"
#include "util/arena.h"

/* Miles from one fixed place to many, remembered by outward code: thousands of
 * vacancies or people share a few hundred districts, so geo_miles runs once for each. */
#define MILES_SLOTS 1024
struct miles_cache {
	const char *from;
	char key[MILES_SLOTS][8];
	double miles[MILES_SLOTS];
};

static double miles_to(struct miles_cache *c, const char *to)
{
	char oc[8];
	if (!c->from || !to || !geo_outcode(to, oc))
		return -1;
	unsigned h = 2166136261u;
	for (const char *p = oc; *p; p++)
		h = (h ^ (unsigned char)*p) * 16777619u;
	for (unsigned probe = 0; probe < MILES_SLOTS; probe++) {
		unsigned i = (h + probe) & (MILES_SLOTS - 1);
		if (!c->key[i][0]) {
			memcpy(c->key[i], oc, sizeof oc);
			c->miles[i] = geo_miles(c->from, oc);
			return c->miles[i];
		}
		if (strcmp(c->key[i], oc) == 0)
			return c->miles[i];
	}
	return geo_miles(c->from, oc);   /* full: more districts than slots */
}

static struct miles_cache *miles_cache_new(struct arena *a, const char *from)
{
	struct miles_cache *c = arena_alloc(a, sizeof *c);
	memset(c, 0, sizeof *c);
	c->from = from;
	return c;
}

static void prefs_from(struct match_prefs *p, const char *job_type_codes, int hours_min, int hours_max,
		       int travel_miles, int64_t pay_min, const char *avoid)
{
	memset(p, 0, sizeof *p);
	if (!match_job_types_parse(job_type_codes, p->job_types, &p->njob_types))
		p->njob_types = 0;
	p->hours_min = hours_min;
	p->hours_max = hours_max;
	p->travel_miles = travel_miles;
	p->pay_min = pay_min;
	match_conditions_parse(avoid, &p->avoid);
}

static void job_from(struct match_job *j, const char *job_type, int64_t hours_min, int64_t hours_max,
		     int64_t pay, const char *conditions)
{
	j->job_type = match_soc_code(job_type);
	j->hours_min = hours_min;
	j->hours_max = hours_max;
	j->pay = pay;
	match_conditions_parse(conditions, &j->conditions);
}

static const char *reason_text(struct arena *a, const struct match_prefs *p, const struct match_job *j,
			       double miles)
{
	struct match_detail d;
	match_score(p, j, miles, &d);
	char buf[512];
	match_reason(p, j, &d, buf, sizeof buf);
	return arena_strdup(a, buf);
}

struct result app_matches_for_person(struct app *app, const struct actor *who, int64_t client_id,
				     struct client *person, struct vacancy_match **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (client_id <= 0 || store_client_get(app->store, app->arena, client_id, person) != IPS_OK ||
	    !scope_client(app, who, person)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	struct profile prof;
	int rc = store_profile_get(app->store, app->arena, client_id, &prof);
	if (rc == IPS_ENOTFOUND)
		rc = IPS_OK;
	struct match_vacancy_row *rows = NULL;
	size_t nrows = 0;
	if (rc == IPS_OK)
		rc = store_match_vacancies(app->store, app->arena, person->site_id, app->today_iso, &rows, &nrows);
	if (rc != IPS_OK) {
		result_set(&r, RES_FAILED, "The vacancies could not be read");
		return r;
	}

	struct match_prefs p;
	prefs_from(&p, prof.job_type_codes, prof.hours_min, prof.hours_max, prof.travel_miles, prof.pay_min,
		   prof.avoid);
	struct miles_cache *cache = miles_cache_new(app->arena, person->postcode);
	struct match_rank kept[MATCH_SHOWN];
	struct match_top top = {kept, 0, MATCH_SHOWN};
	for (size_t i = 0; i < nrows; i++) {
		const struct match_vacancy_row *v = &rows[i];
		struct match_job j;
		job_from(&j, v->job_type, v->hours_min, v->hours_max, v->hourly_pay, v->conditions);
		struct match_rank rank = {match_score(&p, &j, miles_to(cache, v->postcode), NULL),
					  match_closing_key(v->closing_on), v->id, i};
		match_top_offer(&top, &rank);
	}
	match_top_sort(&top);

	*out = arena_alloc(app->arena, (top.n ? top.n : 1) * sizeof **out);
	for (size_t k = 0; k < top.n; k++) {
		const struct match_vacancy_row *v = &rows[kept[k].index];
		struct vacancy_match *m = &(*out)[k];
		if (store_vacancy_get(app->store, app->arena, v->id, &m->vacancy) != IPS_OK) {
			result_set(&r, RES_FAILED, "The vacancies could not be read");
			*n = 0;
			return r;
		}
		struct match_job j;
		job_from(&j, v->job_type, v->hours_min, v->hours_max, v->hourly_pay, v->conditions);
		m->score = kept[k].score;
		m->reason = reason_text(app->arena, &p, &j, miles_to(cache, v->postcode));
	}
	*n = top.n;
	r.id = client_id;
	return audit_read(app, who, "client.view", "client", client_id, "matches", r);
}

struct result app_matches_for_vacancy(struct app *app, const struct actor *who, int64_t vacancy_id,
				      struct vacancy *vacancy, struct person_match **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	struct result g = app_vacancy_get(app, who, vacancy_id, vacancy);
	if (!result_ok(&g))
		return g;
	int64_t specialist = (who->role & ROLE_TEAM_LEADER) ? 0 : who->staff_id;
	if (!specialist && !(who->role & ROLE_TEAM_LEADER)) {
		r.id = vacancy_id;
		return r;   /* a specialist with no staff record has no caseload */
	}
	struct match_person_row *rows = NULL;
	size_t nrows = 0;
	if (store_match_people(app->store, app->arena, vacancy->site_id, specialist, &rows, &nrows) != IPS_OK) {
		result_set(&r, RES_FAILED, "The people could not be read");
		return r;
	}
	struct match_job j;
	job_from(&j, vacancy->job_type, vacancy->hours_min, vacancy->hours_max, vacancy->hourly_pay,
		 vacancy->conditions);
	struct miles_cache *cache = miles_cache_new(app->arena, vacancy->postcode);
	struct match_rank kept[MATCH_SHOWN];
	struct match_top top = {kept, 0, MATCH_SHOWN};
	for (size_t i = 0; i < nrows; i++) {
		const struct match_person_row *pr = &rows[i];
		struct match_prefs p;
		prefs_from(&p, pr->job_type_codes, pr->hours_min, pr->hours_max, pr->travel_miles, pr->pay_min,
			   pr->avoid);
		struct match_rank rank = {match_score(&p, &j, miles_to(cache, pr->postcode), NULL), 0,
					  pr->client_id, i};
		match_top_offer(&top, &rank);
	}
	match_top_sort(&top);

	struct match_person_row *shown = arena_alloc(app->arena, (top.n ? top.n : 1) * sizeof *shown);
	for (size_t k = 0; k < top.n; k++)
		shown[k] = rows[kept[k].index];
	if (store_match_people_names(app->store, app->arena, shown, top.n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The people could not be read");
		return r;
	}
	*out = arena_alloc(app->arena, (top.n ? top.n : 1) * sizeof **out);
	for (size_t k = 0; k < top.n; k++) {
		const struct match_person_row *pr = &shown[k];
		struct match_prefs p;
		prefs_from(&p, pr->job_type_codes, pr->hours_min, pr->hours_max, pr->travel_miles, pr->pay_min,
			   pr->avoid);
		struct person_match *m = &(*out)[k];
		m->client_id = pr->client_id;
		m->given_name = pr->given_name;
		m->family_name = pr->family_name;
		m->score = kept[k].score;
		m->reason = reason_text(app->arena, &p, &j, miles_to(cache, pr->postcode));
	}
	*n = top.n;
	r.id = vacancy_id;
	/* Each person shown is a read of their record, so their subject access lists it:
	 * one entry for the list and one per person, appended to the read log together. */
	struct audit_view *v = arena_alloc(app->arena, (top.n + 1) * sizeof *v);
	v[0] = (struct audit_view){"vacancy.matches", "vacancy", vacancy_id, ""};
	for (size_t k = 0; k < top.n; k++)
		v[k + 1] = (struct audit_view){"client.view", "client", (*out)[k].client_id, "matches"};
	if (app_audit_views(app, who, v, top.n + 1) != IPS_OK)
		r = audit_failed(app, r);
	if (!result_ok(&r)) {
		*out = NULL;
		*n = 0;
	}
	return r;
}
