/* web/api.c — the JSON API under /api/v1/: handlers translate query strings and
 * bodies into use-case calls and answer JSON (errors too, through result_reply and
 * page_error). Permissions are in web/routes.c like every other route; scope and audit
 * are decided in app/. Field names follow spec/interchange.md; dates are ISO, amounts
 * are exact decimal strings as in the CSV. Writes read their JSON bodies through
 * util/jsonform.c onto the web forms' structs (web/api_bodies.c) and call the same use
 * cases, and answer with the record as its GET shows it. docs/openapi.json describes
 * every route here. Never HTML here. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "web/pages/pages.h"
#include "web/html.h"
#include "core/outcomes.h"
#include "core/validate.h"
#include "util/arena.h"
#include "util/embedded.h"
#include "util/jsonform.h"
#include "web/api_bodies.h"

/* GET /api/v1/reports/outcomes?from=&to=[&site=|&team=|&specialist=][&format=json|csv] */
int api_report_outcomes(struct request *rq)
{
	const char *format = query_text(rq, "format");
	if (format && strcmp(format, "json") != 0 && strcmp(format, "csv") != 0)
		return page_error(rq, 400, "format must be json or csv");
	struct report_query q = {query_text(rq, "from"), query_text(rq, "to"), query_text(rq, "site"),
				 query_text(rq, "team"), query_text(rq, "specialist")};
	struct outcome_report rep;
	struct result r = app_report_outcomes(&rq->app, &rq->who, &q, &rep);
	if (result_reply(rq, &r) == 0)
		return 0;
	buf_reset(&rq->body);
	if (format && strcmp(format, "csv") == 0) {
		rq->mime = "text/csv; charset=utf-8";
		outcomes_csv(&rep, &rq->body);
	} else {
		rq->mime = "application/json";
		outcomes_json(&rep, &rq->body);
	}
	return 0;
}

/* GET /api/v1/openapi.json: the document embedded from docs/openapi.json. */
int api_openapi(struct request *rq)
{
	for (const struct embedded_file *f = embedded_docs; f->name; f++) {
		if (strcmp(f->name, "openapi.json") != 0)
			continue;
		rq->mime = "application/json";
		buf_reset(&rq->body);
		buf_add(&rq->body, f->bytes, f->len);
		return 0;
	}
	return page_error(rq, 404, "Page not found.");
}

/* ---- writing JSON --------------------------------------------------------------------- */

/* A string or null. Text in the store is valid UTF-8 (every front door checks it). */
static json_t *jstr(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;
	return v ? v : json_null();
}

static json_t *jid(int64_t id)
{
	return id ? json_integer(id) : json_null();
}

static json_t *jopt(int v)   /* -1: not recorded */
{
	return v >= 0 ? json_integer(v) : json_null();
}

static void set(json_t *o, const char *key, json_t *v)
{
	json_object_set_new(o, key, v ? v : json_null());
}

/* Answers status with v (released here) as the body. */
static int reply(struct request *rq, int status, json_t *v)
{
	rq->status = status;
	rq->mime = "application/json";
	buf_reset(&rq->body);
	char *text = json_dumps(v, JSON_COMPACT);
	json_decref(v);
	if (!text)
		return page_error(rq, 500, "The answer could not be written.");
	buf_adds(&rq->body, text);
	buf_addc(&rq->body, '\n');
	free(text);
	return 0;
}

/* {"data": [...], "next_cursor": "N" | null} */
static int reply_page(struct request *rq, json_t *data, int64_t next)
{
	json_t *o = json_object();
	set(o, "data", data);
	set(o, "next_cursor", next ? json_string(arena_printf(rq->arena, "%lld", (long long)next)) : json_null());
	return reply(rq, 200, o);
}

static json_t *client_json(const struct client_row *row)
{
	const struct client *c = &row->client;
	json_t *o = json_object();
	set(o, "id", json_integer(c->id));
	set(o, "ref", jstr(c->ref));
	set(o, "site_code", jstr(row->site_code));
	set(o, "nhs_number", jstr(c->nhs_number));
	set(o, "given_name", jstr(c->given_name));
	set(o, "family_name", jstr(c->family_name));
	set(o, "birth_date", jstr(c->birth_date));
	set(o, "postcode", jstr(c->postcode));
	set(o, "gender", jstr(c->gender));
	set(o, "ethnic_category", jstr(c->ethnic_category));
	set(o, "phone", jstr(c->phone));
	set(o, "email", jstr(c->email));
	set(o, "address", jstr(c->address));
	set(o, "care_coordinator", jstr(c->care_coordinator));
	set(o, "consent_on", jstr(c->consent_on));
	set(o, "consent_contact_employers",
	    c->consent_contact_employers < 0 ? json_null() : json_boolean(c->consent_contact_employers));
	set(o, "consent_note", jstr(c->consent_note));
	set(o, "created_at", jstr(c->created_at));
	set(o, "updated_at", jstr(row->changed_at));
	return o;
}

static json_t *profile_json(const struct profile *p)
{
	char pay[24];
	if (p->pay_min >= 0)
		format_pence(p->pay_min, pay);
	json_t *o = json_object();
	set(o, "work_history", jstr(p->work_history));
	set(o, "job_types", jstr(p->job_types));
	set(o, "hours_min", jopt(p->hours_min));
	set(o, "hours_max", jopt(p->hours_max));
	set(o, "places", jstr(p->places));
	set(o, "travel_miles", jopt(p->travel_miles));
	set(o, "travel_means", jstr(p->travel_means));
	set(o, "disclosure", jstr(p->disclosure));
	set(o, "strengths", jstr(p->strengths));
	set(o, "support_needs", jstr(p->support_needs));
	set(o, "career_goals", jstr(p->career_goals));
	set(o, "job_type_codes", jstr(p->job_type_codes));
	set(o, "pay_min", p->pay_min >= 0 ? json_string(pay) : json_null());
	set(o, "avoid", jstr(p->avoid));
	set(o, "updated_at", jstr(p->updated_at));
	return o;
}

static json_t *referral_json(const struct referral_row *row)
{
	const struct referral *r = &row->referral;
	json_t *o = json_object();
	set(o, "id", json_integer(r->id));
	set(o, "ref", jstr(r->ref));
	set(o, "client_id", json_integer(r->client_id));
	set(o, "client_ref", jstr(row->client_ref));
	set(o, "team_code", jstr(row->team_code));
	set(o, "received_on", jstr(r->received_on));
	set(o, "source", jstr(r->source));
	set(o, "specialist_code", jstr(row->specialist_code));
	set(o, "employment_status", jstr(r->employment_status));
	set(o, "closed_on", jstr(r->closed_on));
	set(o, "close_reason", jstr(r->close_reason));
	set(o, "allocated_on", jstr(r->allocated_on));
	set(o, "first_direct_on", jstr(row->first_direct_on));
	set(o, "referrer_name", jstr(r->referrer_name));
	set(o, "referrer_contact", jstr(r->referrer_contact));
	set(o, "reason", jstr(r->reason));
	set(o, "next_step", jstr(r->next_step));
	set(o, "possible_duplicate", json_boolean(r->possible_duplicate));
	set(o, "created_at", jstr(r->created_at));
	set(o, "updated_at", jstr(row->updated_at));
	return o;
}

static json_t *contact_json(const struct contact_row *row)
{
	const struct contact *k = &row->contact;
	json_t *o = json_object();
	set(o, "id", json_integer(k->id));
	set(o, "ref", jstr(k->ref));
	set(o, "date", jstr(k->date));
	set(o, "staff_code", jstr(row->staff_code));
	set(o, "with", jstr(k->with));
	set(o, "referral_id", jid(k->referral_id));
	set(o, "referral_ref", jstr(row->referral_ref));
	set(o, "employer_id", jid(k->employer_id));
	set(o, "employer_ref", jstr(row->employer_ref));
	set(o, "mode", jstr(k->mode));
	set(o, "place", jstr(k->place));
	set(o, "minutes", jopt(k->minutes));
	set(o, "attended", json_boolean(k->attended));
	set(o, "note", jstr(k->note));
	set(o, "created_at", jstr(k->created_at));
	set(o, "updated_at", jstr(row->updated_at));
	return o;
}

static json_t *employer_json(const struct employer_row *row)
{
	const struct employer *e = &row->employer;
	json_t *o = json_object();
	set(o, "id", json_integer(e->id));
	set(o, "ref", jstr(e->ref));
	set(o, "site_code", jstr(row->site_code));
	set(o, "name", jstr(e->name));
	set(o, "sector", jstr(e->sector));
	set(o, "address", jstr(e->address));
	set(o, "postcode", jstr(e->postcode));
	set(o, "people", jstr(e->people));
	set(o, "notes", jstr(e->notes));
	set(o, "updated_at", jstr(row->updated_at));
	return o;
}

static json_t *job_json(const struct job_page_row *row)
{
	const struct job *j = &row->job;
	char hours[24], wage[24];
	format_hundredths(j->hours_per_week, hours);
	if (j->hourly_wage >= 0)
		format_pence(j->hourly_wage, wage);
	json_t *o = json_object();
	set(o, "id", json_integer(j->id));
	set(o, "ref", jstr(j->ref));
	set(o, "referral_id", json_integer(j->referral_id));
	set(o, "referral_ref", jstr(row->referral_ref));
	set(o, "employer_id", jid(j->employer_id));
	set(o, "employer_ref", jstr(row->employer_ref));
	set(o, "title", jstr(j->title));
	set(o, "job_type", jstr(j->job_type));
	set(o, "started_on", jstr(j->started_on));
	set(o, "ended_on", jstr(j->ended_on));
	set(o, "hours_per_week", json_string(hours));
	set(o, "hourly_wage", j->hourly_wage >= 0 ? json_string(wage) : json_null());
	set(o, "competitive", json_boolean(j->competitive));
	set(o, "end_reason", jstr(j->end_reason));
	set(o, "created_at", jstr(row->created_at));
	set(o, "updated_at", jstr(row->updated_at));
	return o;
}

static json_t *application_json(const struct application *a)
{
	json_t *o = json_object();
	set(o, "id", json_integer(a->id));
	set(o, "client_id", json_integer(a->client_id));
	set(o, "referral_id", json_integer(a->referral_id));
	set(o, "vacancy_id", jid(a->vacancy_id));
	set(o, "employer_id", jid(a->employer_id));
	set(o, "employer_name", jstr(a->employer_name));
	set(o, "title", jstr(a->title));
	set(o, "kind", jstr(a->kind));
	set(o, "stage", jstr(application_stage(a)));
	set(o, "identified_on", jstr(a->identified_on));
	set(o, "applied_on", jstr(a->applied_on));
	set(o, "interview_on", jstr(a->interview_on));
	set(o, "offer_on", jstr(a->offer_on));
	set(o, "outcome", jstr(a->outcome));
	set(o, "outcome_on", jstr(a->outcome_on));
	set(o, "job_id", jid(a->job_id));
	set(o, "note", jstr(a->note));
	set(o, "created_at", jstr(a->created_at));
	set(o, "updated_at", jstr(a->updated_at));
	return o;
}

/* A person as GET /api/v1/people/:id gives them: the record, the profile, every referral. */
static json_t *person_json(const struct client_export *x)
{
	json_t *o = client_json(&x->row);
	set(o, "profile", x->has_profile ? profile_json(&x->profile) : json_null());
	json_t *refs = json_array();
	for (size_t i = 0; i < x->nreferrals; i++)
		json_array_append_new(refs, referral_json(&x->referrals[i]));
	set(o, "referrals", refs);
	return o;
}

/* ---- reads ------------------------------------------------------------------------------ */

static struct page_params page_params(struct request *rq)
{
	return (struct page_params){query_text(rq, "limit"), query_text(rq, "cursor"),
				    query_text(rq, "updated_since")};
}

/* GET /api/v1/people */
int api_people(struct request *rq)
{
	struct page_params p = page_params(rq);
	struct client_row *rows;
	size_t n;
	int64_t next;
	struct result r = app_people_page(&rq->app, &rq->who, &p, &rows, &n, &next);
	if (result_reply(rq, &r) == 0)
		return 0;
	json_t *data = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(data, client_json(&rows[i]));
	return reply_page(rq, data, next);
}

/* GET /api/v1/people/:id — the record, the vocational profile and every referral. */
int api_person(struct request *rq)
{
	struct client_export x;
	struct result r = app_client_export(&rq->app, &rq->who, route_id(rq, 0), &x);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply(rq, 200, json_pack("{s:o}", "data", person_json(&x)));
}

/* GET /api/v1/referrals */
int api_referrals(struct request *rq)
{
	struct page_params p = page_params(rq);
	struct referral_row *rows;
	size_t n;
	int64_t next;
	struct result r = app_referrals_page(&rq->app, &rq->who, &p, &rows, &n, &next);
	if (result_reply(rq, &r) == 0)
		return 0;
	json_t *data = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(data, referral_json(&rows[i]));
	return reply_page(rq, data, next);
}

/* GET /api/v1/people/:id/contacts */
int api_person_contacts(struct request *rq)
{
	struct page_params p = page_params(rq);
	struct contact_row *rows;
	size_t n;
	int64_t next;
	struct result r = app_client_contacts_page(&rq->app, &rq->who, route_id(rq, 0), &p, &rows, &n, &next);
	if (result_reply(rq, &r) == 0)
		return 0;
	json_t *data = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(data, contact_json(&rows[i]));
	return reply_page(rq, data, next);
}

/* GET /api/v1/people/:id/jobs */
int api_person_jobs(struct request *rq)
{
	struct page_params p = page_params(rq);
	struct job_page_row *rows;
	size_t n;
	int64_t next;
	struct result r = app_client_jobs_page(&rq->app, &rq->who, route_id(rq, 0), &p, &rows, &n, &next);
	if (result_reply(rq, &r) == 0)
		return 0;
	json_t *data = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(data, job_json(&rows[i]));
	return reply_page(rq, data, next);
}

/* GET /api/v1/people/:id/applications — the person's job search, in id order. */
int api_person_applications(struct request *rq)
{
	struct page_params p = page_params(rq);
	struct application *rows;
	size_t n;
	int64_t next;
	struct result r = app_client_applications_page(&rq->app, &rq->who, route_id(rq, 0), &p, &rows, &n, &next);
	if (result_reply(rq, &r) == 0)
		return 0;
	json_t *data = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(data, application_json(&rows[i]));
	return reply_page(rq, data, next);
}

/* GET /api/v1/employers */
int api_employers(struct request *rq)
{
	struct page_params p = page_params(rq);
	struct employer_row *rows;
	size_t n;
	int64_t next;
	struct result r = app_employers_page(&rq->app, &rq->who, &p, &rows, &n, &next);
	if (result_reply(rq, &r) == 0)
		return 0;
	json_t *data = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(data, employer_json(&rows[i]));
	return reply_page(rq, data, next);
}

/* ---- vacancies (issue 3) ---------------------------------------------------------------- */

static json_t *vacancy_json(const struct vacancy *v)
{
	char hmin[24], hmax[24], pay[24];
	if (v->hours_min >= 0)
		format_hundredths(v->hours_min, hmin);
	if (v->hours_max >= 0)
		format_hundredths(v->hours_max, hmax);
	if (v->hourly_pay >= 0)
		format_pence(v->hourly_pay, pay);
	json_t *o = json_object();
	set(o, "id", json_integer(v->id));
	set(o, "site_code", jstr(v->site_code));
	set(o, "employer_id", json_integer(v->employer_id));
	set(o, "employer_name", jstr(v->employer_name));
	set(o, "title", jstr(v->title));
	set(o, "job_type", jstr(v->job_type));
	set(o, "hours_min", v->hours_min >= 0 ? json_string(hmin) : json_null());
	set(o, "hours_max", v->hours_max >= 0 ? json_string(hmax) : json_null());
	set(o, "hourly_pay", v->hourly_pay >= 0 ? json_string(pay) : json_null());
	set(o, "postcode", jstr(v->postcode));
	set(o, "closing_on", jstr(v->closing_on));
	set(o, "status", jstr(v->status));
	set(o, "conditions", jstr(v->conditions));
	set(o, "description", jstr(v->description));
	set(o, "source", jstr(v->source));
	set(o, "created_at", jstr(v->created_at));
	set(o, "updated_at", jstr(v->updated_at));
	return o;
}

/* GET /api/v1/vacancies */
int api_vacancies(struct request *rq)
{
	struct page_params p = page_params(rq);
	struct vacancy *rows;
	size_t n;
	int64_t next;
	struct result r = app_vacancies_page(&rq->app, &rq->who, &p, &rows, &n, &next);
	if (result_reply(rq, &r) == 0)
		return 0;
	json_t *data = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(data, vacancy_json(&rows[i]));
	return reply_page(rq, data, next);
}

/* GET /api/v1/vacancies/:id */
int api_vacancy(struct request *rq)
{
	struct vacancy v;
	struct result r = app_vacancy_get(&rq->app, &rq->who, route_id(rq, 0), &v);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply(rq, 200, json_pack("{s:o}", "data", vacancy_json(&v)));
}

/* ---- deletion markers (issue 6) ----------------------------------------------------------- */

/* {"id", "kind", "record_id", "client_id", "deleted_at"}: identifiers only, never a
 * detail of the record (012_deletions.sql). */
static json_t *deletion_json(const struct deletion_row *d)
{
	json_t *o = json_object();
	set(o, "id", json_integer(d->id));
	set(o, "kind", jstr(d->kind));
	set(o, "record_id", json_integer(d->record_id));
	set(o, "client_id", jid(d->client_id));
	set(o, "deleted_at", jstr(d->deleted_at));
	return o;
}

/* GET /api/v1/deletions?since= — what was deleted, paged as the other lists; `since`
 * is what they call updated_since. */
int api_deletions(struct request *rq)
{
	struct page_params p = {query_text(rq, "limit"), query_text(rq, "cursor"), query_text(rq, "since")};
	struct deletion_row *rows;
	size_t n;
	int64_t next;
	struct result r = app_deletions_page(&rq->app, &rq->who, &p, &rows, &n, &next);
	if (result_reply(rq, &r) == 0)
		return 0;
	json_t *data = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(data, deletion_json(&rows[i]));
	return reply_page(rq, data, next);
}

/* ---- writes ----------------------------------------------------------------------------- */
/* Every write needs a bearer token (a session's form post is told to send JSON), reads a
 * JSON object whose members are the web form's fields (web/api_bodies.c), calls the
 * web form's use case, and answers 201 (or 200 for a change) with the record as its GET
 * shows it and the warnings the form would show; field errors are 422, as the form's
 * error summary. A change (PATCH) is a JSON merge patch: a member left out keeps the
 * stored value, null clears it, exactly as the web's edit form sent back unchanged. */

/* The value read_body leaves in a field whose member the body did not carry. */
static const char ABSENT[] = "(absent)";

static const char **body_slot(void *form, const struct jsonform_field *f)
{
	return (const char **)((char *)form + f->offset);
}

static int needs_token(struct request *rq)
{
	return page_error(rq, 415, "Send this request as application/json with an API token "
				   "(Authorization: Bearer ...).");
}

/* Reads the request's JSON body into form, a zeroed struct of the body's form: a member
 * present sets its field (null: NULL), a field whose member is absent is set to ABSENT
 * (body_fill or body_merge replace those). Answers 415 (no API token), 400 (not one JSON
 * object) or 422 (members that could not be read) itself and returns false. */
static bool read_body(struct request *rq, const struct api_body *b, void *form)
{
	if (!rq->bearer) {
		needs_token(rq);
		return false;
	}
	for (size_t i = 0; i < b->nfields; i++)
		*body_slot(form, &b->fields[i]) = ABSENT;
	struct jsonform_problem *problems;
	size_t nproblems;
	const char *why;
	switch (jsonform_read(rq->arena, rq->json_body, rq->json_len, b->fields, b->nfields, form, &problems,
			      &nproblems, &why)) {
	case JSONFORM_NOT_JSON:
		page_error(rq, 400, arena_printf(rq->arena, "The body is not valid JSON: %s", why));
		return false;
	case JSONFORM_NOT_OBJECT:
		page_error(rq, 400, "The body must be a JSON object.");
		return false;
	case JSONFORM_OK:
		break;
	}
	if (nproblems) {
		struct result shape = result_new(rq->arena);
		for (size_t i = 0; i < nproblems; i++)
			result_field(&shape, problems[i].field, problems[i].message);
		result_reply(rq, &shape);
		return false;
	}
	return true;
}

/* For a new record: a member the body left out is an empty field. */
static void body_fill(const struct api_body *b, void *form)
{
	for (size_t i = 0; i < b->nfields; i++) {
		const char **slot = body_slot(form, &b->fields[i]);
		if (*slot == ABSENT)
			*slot = NULL;
	}
}

/* For a change: the members the body carried (patch, from read_body) over the stored
 * record's fields (form). */
static void body_merge(const struct api_body *b, const void *patch, void *form)
{
	for (size_t i = 0; i < b->nfields; i++) {
		const char *v = *body_slot((void *)patch, &b->fields[i]);
		if (v != ABSENT)
			*body_slot(form, &b->fields[i]) = v;
	}
}

/* Renames a use case's field (errors and warnings) to the member the API takes instead. */
static void result_rename(struct result *r, const char *field, const char *member)
{
	for (size_t i = 0; i < r->nerrors; i++)
		if (strcmp(r->errors[i].field, field) == 0)
			r->errors[i].field = member;
	for (size_t i = 0; i < r->nwarnings; i++)
		if (strcmp(r->warnings[i].field, field) == 0)
			r->warnings[i].field = member;
}

/* {"data": data, "warnings": [{field, message}...]} with status, and Location when given. */
static int reply_written(struct request *rq, int status, json_t *data, const struct result *r, const char *location)
{
	json_t *warnings = json_array();
	for (size_t i = 0; i < r->nwarnings; i++)
		json_array_append_new(warnings, json_pack("{s:s,s:s}", "field", r->warnings[i].field,
							  "message", r->warnings[i].message));
	rq->location = location;
	return reply(rq, status, json_pack("{s:o,s:o}", "data", data, "warnings", warnings));
}

static const char *id_text(struct request *rq, int64_t id)
{
	return arena_printf(rq->arena, "%lld", (long long)id);
}

/* The person written by r (status 201 or 200), read back as GET /api/v1/people/:id does
 * (audited as that read is). */
static int reply_person(struct request *rq, int status, int64_t client_id, const struct result *r)
{
	struct client_export x;
	struct result g = app_client_export(&rq->app, &rq->who, client_id, &x);
	if (result_reply(rq, &g) == 0)
		return 0;
	return reply_written(rq, status, person_json(&x), r,
			     arena_printf(rq->arena, "/api/v1/people/%lld", (long long)client_id));
}

/* The page of a list that holds just the record with this id (if the list holds it):
 * how a write reads back what it wrote as the list shows it. */
static struct page_params page_of_one(struct request *rq, int64_t id)
{
	return (struct page_params){.limit = "1", .cursor = id > 1 ? id_text(rq, id - 1) : NULL};
}

/* POST /api/v1/people/:id/contacts — through app_contact_add exactly as the web form. */
int api_person_contact_create(struct request *rq)
{
	struct contact_form in = {0};
	if (!read_body(rq, &API_BODY_CONTACT, &in))
		return 0;
	body_fill(&API_BODY_CONTACT, &in);
	int64_t client_id = route_id(rq, 0);
	struct result r = client_id ? app_contact_add(&rq->app, &rq->who, client_id, &in)
				    : (struct result){.code = RES_NOT_FOUND};
	if (result_reply(rq, &r) == 0)
		return 0;
	/* read back as the person's contacts list shows it (audited as that read is) */
	struct page_params p = page_of_one(rq, r.id);
	struct contact_row *rows;
	size_t n;
	int64_t next;
	struct result g = app_client_contacts_page(&rq->app, &rq->who, client_id, &p, &rows, &n, &next);
	if (result_reply(rq, &g) == 0)
		return 0;
	if (n != 1 || rows[0].contact.id != r.id)
		return page_error(rq, 500, "The contact was recorded but could not be read back.");
	return reply_written(rq, 201, contact_json(&rows[0]), &r,
			     arena_printf(rq->arena, "/api/v1/people/%lld/contacts", (long long)client_id));
}

/* The referral written by r (200), read back as GET /api/v1/referrals lists it (audited
 * as that read is). */
static int reply_referral(struct request *rq, int64_t referral_id, const struct result *r)
{
	struct page_params p = page_of_one(rq, referral_id);
	struct referral_row *rows;
	size_t n;
	int64_t next;
	struct result g = app_referrals_page(&rq->app, &rq->who, &p, &rows, &n, &next);
	if (result_reply(rq, &g) == 0)
		return 0;
	if (n != 1 || rows[0].referral.id != referral_id)
		return page_error(rq, 500, "The referral was changed but could not be read back.");
	return reply_written(rq, 200, referral_json(&rows[0]), r, "/api/v1/referrals");
}

/* POST /api/v1/referrals/:id/allocate — through app_referral_allocate as the inbox's
 * form, the specialist named by their staff code (one the team leader may allocate to). */
int api_referral_allocate(struct request *rq)
{
	struct api_referral_allocate in = {0};
	if (!read_body(rq, &API_BODY_REFERRAL_ALLOCATE, &in))
		return 0;
	body_fill(&API_BODY_REFERRAL_ALLOCATE, &in);
	const char *specialist = "0";   /* nobody the account may choose: "Choose an employment specialist" */
	struct staff *es;
	size_t n;
	if (in.specialist_code && *in.specialist_code && app_specialists_for(&rq->app, &rq->who, &es, &n) == 0)
		for (size_t i = 0; i < n; i++)
			if (es[i].code && strcmp(es[i].code, in.specialist_code) == 0)
				specialist = id_text(rq, es[i].id);
	int64_t id = route_id(rq, 0);
	struct result r = id ? app_referral_allocate(&rq->app, &rq->who, id, specialist)
			     : (struct result){.code = RES_NOT_FOUND};
	result_rename(&r, "specialist", "specialist_code");
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_referral(rq, id, &r);
}

/* POST /api/v1/referrals/:id/close — through app_referral_close as the record page's form. */
int api_referral_close(struct request *rq)
{
	struct api_referral_close in = {0};
	if (!read_body(rq, &API_BODY_REFERRAL_CLOSE, &in))
		return 0;
	body_fill(&API_BODY_REFERRAL_CLOSE, &in);
	int64_t id = route_id(rq, 0);
	struct result r = id ? app_referral_close(&rq->app, &rq->who, id, in.closed_on, in.close_reason)
			     : (struct result){.code = RES_NOT_FOUND};
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_referral(rq, id, &r);
}

/* POST /api/v1/referrals/:id/next-step — through app_referral_next_step as the record
 * page's next-step form; an empty or null next_step clears it, but a body without the
 * member is refused rather than taken as clearing it. */
int api_referral_next_step(struct request *rq)
{
	struct api_referral_next_step in = {0};
	if (!read_body(rq, &API_BODY_REFERRAL_NEXT_STEP, &in))
		return 0;
	if (in.next_step == ABSENT) {
		struct result shape = result_new(rq->arena);
		result_field(&shape, "next_step", "Send next_step: the next step, or null to clear it");
		return result_reply(rq, &shape);
	}
	int64_t id = route_id(rq, 0);
	struct result r = id ? app_referral_next_step(&rq->app, &rq->who, id, in.next_step)
			     : (struct result){.code = RES_NOT_FOUND};
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_referral(rq, id, &r);
}

/* POST /api/v1/people — a new person with their first referral, through
 * app_referral_create as the web's "refer someone" form. The team is named by its code
 * (team_code), one the account may refer to; a clinician's own team when left out. */
int api_person_create(struct request *rq)
{
	struct api_person_create in = {0};
	if (!read_body(rq, &API_BODY_PERSON_CREATE, &in))
		return 0;
	body_fill(&API_BODY_PERSON_CREATE, &in);
	if (in.team_code && *in.team_code) {
		struct team *teams;
		size_t n;
		in.form.team = "0";   /* no team of the account's: the use case's "Choose the IPS team" */
		if (app_teams_for(&rq->app, &rq->who, &teams, &n) == 0)
			for (size_t i = 0; i < n; i++)
				if (teams[i].code && strcmp(teams[i].code, in.team_code) == 0)
					in.form.team = id_text(rq, teams[i].id);
	}
	struct result r = app_referral_create(&rq->app, &rq->who, &in.form);
	result_rename(&r, "team", "team_code");
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_person(rq, 201, r.client_id, &r);
}

/* PATCH /api/v1/people/:id — the person's details, through app_client_update as the
 * web's edit form. */
int api_person_update(struct request *rq)
{
	struct client_form patch = {0};
	if (!read_body(rq, &API_BODY_PERSON_UPDATE, &patch))
		return 0;
	int64_t id = route_id(rq, 0);
	struct result r = app_change_begin(&rq->app);
	struct client c;
	if (result_ok(&r))
		r = app_client_get(&rq->app, &rq->who, id, &c);
	if (result_ok(&r)) {
		struct client_form in = {
		.given_name = c.given_name, .family_name = c.family_name, .nhs_number = c.nhs_number,
		.birth_date = c.birth_date, .postcode = c.postcode, .phone = c.phone, .email = c.email,
		.address = c.address, .gender = c.gender, .ethnic_category = c.ethnic_category,
		.care_coordinator = c.care_coordinator, .consent_on = c.consent_on,
		.consent_contact_employers = c.consent_contact_employers < 0 ? NULL
					     : c.consent_contact_employers ? "yes" : "no",
		.consent_note = c.consent_note,
		};
		body_merge(&API_BODY_PERSON_UPDATE, &patch, &in);
		r = app_client_update(&rq->app, &rq->who, id, &in);
	}
	app_change_end(&rq->app, &r);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_person(rq, 200, id, &r);
}

/* PATCH /api/v1/people/:id/profile — the vocational profile, through app_profile_update
 * as the web's profile form: the members sent over the stored profile (none yet: every
 * field empty). Answers with the person as GET /api/v1/people/:id gives them. */
int api_profile_update(struct request *rq)
{
	struct profile_form patch = {0};
	if (!read_body(rq, &API_BODY_PROFILE, &patch))
		return 0;
	int64_t id = route_id(rq, 0);
	struct result r = app_change_begin(&rq->app);
	struct profile p;
	if (result_ok(&r))
		r = app_profile_get(&rq->app, &rq->who, id, &p);
	if (result_ok(&r)) {
		struct profile_form in = {
		.work_history = p.work_history, .job_types = p.job_types,
		.hours_min = p.hours_min < 0 ? NULL : id_text(rq, p.hours_min),
		.hours_max = p.hours_max < 0 ? NULL : id_text(rq, p.hours_max), .places = p.places,
		.travel_miles = p.travel_miles < 0 ? NULL : id_text(rq, p.travel_miles),
		.travel_means = p.travel_means, .disclosure = p.disclosure, .strengths = p.strengths,
		.support_needs = p.support_needs, .career_goals = p.career_goals,
		.job_type_codes = p.job_type_codes, .pay_min = pence_text(rq, p.pay_min), .avoid = p.avoid,
		};
		body_merge(&API_BODY_PROFILE, &patch, &in);
		r = app_profile_update(&rq->app, &rq->who, id, &in);
	}
	app_change_end(&rq->app, &r);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_person(rq, 200, id, &r);
}

/* The employer written by r, as GET /api/v1/employers lists it. */
static int reply_employer(struct request *rq, int status, int64_t id, const struct result *r)
{
	struct employer_row row;
	struct result g = app_employer_row(&rq->app, &rq->who, id, &row);
	if (result_reply(rq, &g) == 0)
		return 0;
	return reply_written(rq, status, employer_json(&row), r, "/api/v1/employers");
}

/* POST /api/v1/employers — through app_employer_add as the web form. */
int api_employer_create(struct request *rq)
{
	struct employer_form in = {0};
	if (!read_body(rq, &API_BODY_EMPLOYER, &in))
		return 0;
	body_fill(&API_BODY_EMPLOYER, &in);
	struct result r = app_employer_add(&rq->app, &rq->who, &in);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_employer(rq, 201, r.id, &r);
}

/* PATCH /api/v1/employers/:id — through app_employer_update as the web's edit form. */
int api_employer_update(struct request *rq)
{
	struct employer_form patch = {0};
	if (!read_body(rq, &API_BODY_EMPLOYER, &patch))
		return 0;
	int64_t id = route_id(rq, 0);
	struct result r = app_change_begin(&rq->app);
	struct employer e;
	if (result_ok(&r))
		r = app_employer_get(&rq->app, &rq->who, id, &e);
	if (result_ok(&r)) {
		struct employer_form in = {.name = e.name, .sector = e.sector, .address = e.address,
					   .postcode = e.postcode, .people = e.people, .notes = e.notes};
		body_merge(&API_BODY_EMPLOYER, &patch, &in);
		r = app_employer_update(&rq->app, &rq->who, id, &in);
	}
	app_change_end(&rq->app, &r);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_employer(rq, 200, id, &r);
}

/* The vacancy written by r, as GET /api/v1/vacancies/:id gives it. */
static int reply_vacancy(struct request *rq, int status, int64_t id, const struct result *r)
{
	struct vacancy v;
	struct result g = app_vacancy_get(&rq->app, &rq->who, id, &v);
	if (result_reply(rq, &g) == 0)
		return 0;
	return reply_written(rq, status, vacancy_json(&v), r,
			     arena_printf(rq->arena, "/api/v1/vacancies/%lld", (long long)id));
}

/* POST /api/v1/vacancies — through app_vacancy_add as the web form. */
int api_vacancy_create(struct request *rq)
{
	struct vacancy_form in = {0};
	if (!read_body(rq, &API_BODY_VACANCY, &in))
		return 0;
	body_fill(&API_BODY_VACANCY, &in);
	struct result r = app_vacancy_add(&rq->app, &rq->who, &in);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_vacancy(rq, 201, r.id, &r);
}

/* PATCH /api/v1/vacancies/:id — through app_vacancy_update as the web's edit form. */
int api_vacancy_update(struct request *rq)
{
	struct vacancy_form patch = {0};
	if (!read_body(rq, &API_BODY_VACANCY, &patch))
		return 0;
	int64_t id = route_id(rq, 0);
	struct result r = app_change_begin(&rq->app);
	struct vacancy v;
	if (result_ok(&r))
		r = app_vacancy_get(&rq->app, &rq->who, id, &v);
	if (result_ok(&r)) {
		struct vacancy_form in = {
		.employer_id = id_text(rq, v.employer_id), .title = v.title, .job_type = v.job_type,
		.hours_min = hundredths_text(rq, v.hours_min), .hours_max = hundredths_text(rq, v.hours_max),
		.hourly_pay = pence_text(rq, v.hourly_pay), .postcode = v.postcode, .closing_on = v.closing_on,
		.source = v.source, .status = v.status, .description = v.description, .conditions = v.conditions,
		};
		body_merge(&API_BODY_VACANCY, &patch, &in);
		r = app_vacancy_update(&rq->app, &rq->who, id, &in);
	}
	app_change_end(&rq->app, &r);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_vacancy(rq, 200, id, &r);
}

/* The job written by r, as GET /api/v1/people/:id/jobs lists it (audited as that read). */
static int reply_job(struct request *rq, int status, int64_t client_id, int64_t job_id, const struct result *r)
{
	struct job_page_row row;
	struct result g = app_client_job_row(&rq->app, &rq->who, client_id, job_id, &row);
	if (result_reply(rq, &g) == 0)
		return 0;
	return reply_written(rq, status, job_json(&row), r,
			     arena_printf(rq->arena, "/api/v1/people/%lld/jobs", (long long)client_id));
}

/* POST /api/v1/people/:id/jobs — a job start, through app_job_start as the web form. */
int api_person_job_create(struct request *rq)
{
	struct job_form in = {0};
	if (!read_body(rq, &API_BODY_JOB_START, &in))
		return 0;
	body_fill(&API_BODY_JOB_START, &in);
	int64_t client_id = route_id(rq, 0);
	struct result r = app_job_start(&rq->app, &rq->who, client_id, &in);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_job(rq, 201, client_id, r.id, &r);
}

/* The job-search step written by r, as GET /api/v1/people/:id/applications lists it
 * (audited as that read). */
static int reply_application(struct request *rq, int status, int64_t client_id, int64_t id, const struct result *r)
{
	struct page_params p = page_of_one(rq, id);
	struct application *rows;
	size_t n;
	int64_t next;
	struct result g = app_client_applications_page(&rq->app, &rq->who, client_id, &p, &rows, &n, &next);
	if (result_reply(rq, &g) == 0)
		return 0;
	if (n != 1 || rows[0].id != id)
		return page_error(rq, 500, "The job-search step was saved but could not be read back.");
	return reply_written(rq, status, application_json(&rows[0]), r,
			     arena_printf(rq->arena, "/api/v1/people/%lld/applications", (long long)client_id));
}

/* POST /api/v1/people/:id/applications — a new step of the person's job search, through
 * app_application_add as the web form (the vacancy named vacancy_id). */
int api_person_application_create(struct request *rq)
{
	struct application_form in = {0};
	if (!read_body(rq, &API_BODY_APPLICATION, &in))
		return 0;
	body_fill(&API_BODY_APPLICATION, &in);
	int64_t client_id = route_id(rq, 0);
	struct result r = app_application_add(&rq->app, &rq->who, client_id, &in);
	result_rename(&r, "vacancy", "vacancy_id");
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_application(rq, 201, client_id, r.id, &r);
}

/* PATCH /api/v1/people/:id/applications/:aid — moves a step on through
 * app_application_update as the web's edit form: its stage dates, outcome and note, the
 * members sent over the stored ones. */
int api_person_application_update(struct request *rq)
{
	struct application_form patch = {0};
	if (!read_body(rq, &API_BODY_APPLICATION_UPDATE, &patch))
		return 0;
	int64_t client_id = route_id(rq, 0), id = route_id(rq, 1);
	struct result r = app_change_begin(&rq->app);
	struct application a;
	if (result_ok(&r))
		r = app_application_get(&rq->app, &rq->who, client_id, id, &a);
	if (result_ok(&r)) {
		struct application_form in = {
			.identified_on = a.identified_on, .applied_on = a.applied_on, .interview_on = a.interview_on,
			.offer_on = a.offer_on, .outcome = a.outcome, .outcome_on = a.outcome_on, .note = a.note,
		};
		body_merge(&API_BODY_APPLICATION_UPDATE, &patch, &in);
		r = app_application_update(&rq->app, &rq->who, client_id, id, &in, NULL);
	}
	app_change_end(&rq->app, &r);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_application(rq, 200, client_id, id, &r);
}

/* POST /api/v1/people/:id/jobs/:jid/end — ends the job or corrects its end, through
 * app_job_end as the web form (which shows the stored end to change: a member left out
 * keeps it, as in a PATCH). */
int api_person_job_end(struct request *rq)
{
	struct job_end_form patch = {0};
	if (!read_body(rq, &API_BODY_JOB_END, &patch))
		return 0;
	int64_t client_id = route_id(rq, 0), job_id = route_id(rq, 1);
	struct result r = app_change_begin(&rq->app);
	struct job_row j;
	if (result_ok(&r))
		r = app_job_get(&rq->app, &rq->who, client_id, job_id, &j);
	if (result_ok(&r)) {
		struct job_end_form in = {.ended_on = j.job.ended_on, .end_reason = j.job.end_reason};
		body_merge(&API_BODY_JOB_END, &patch, &in);
		r = app_job_end(&rq->app, &rq->who, client_id, job_id, &in);
	}
	app_change_end(&rq->app, &r);
	if (result_reply(rq, &r) == 0)
		return 0;
	return reply_job(rq, 200, client_id, job_id, &r);
}
