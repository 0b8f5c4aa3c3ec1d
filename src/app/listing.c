/* app/listing.c — the JSON API's reads: paged lists for incremental sync (people,
 * referrals, employers, a person's contacts and jobs, and the markers of deleted
 * records), one row of those lists by id (the answer to a write) and a person's whole
 * record.
 * Scope is the web's (app/scope.c); every read of people is audited, as on the web.
 * Never writes anything but the audit entry. */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "util/arena.h"

#define RECORD_ROLES (ROLE_SPECIALIST | ROLE_TEAM_LEADER | ROLE_CLINICIAN | ROLE_ADMIN)

/* "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM:SSZ" (a real date and time, UTC) as the stored
 * form "YYYY-MM-DDTHH:MM:SSZ", or NULL. */
static const char *timestamp_parse(struct arena *a, const char *s)
{
	size_t n = strlen(s);
	if (n != 10 && n != 20)
		return NULL;
	day_t d;
	char date[11];
	memcpy(date, s, 10);
	date[10] = 0;
	if (!date_parse(date, &d))
		return NULL;
	if (n == 10)
		return arena_printf(a, "%sT00:00:00Z", date);
	static const char shape[] = "dddd-dd-ddTdd:dd:ddZ";
	for (size_t i = 10; i < n; i++)
		if (shape[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != shape[i])
			return NULL;
	int hh = (s[11] - '0') * 10 + s[12] - '0', mm = (s[14] - '0') * 10 + s[15] - '0',
	    ss = (s[17] - '0') * 10 + s[18] - '0';
	if (hh > 23 || mm > 59 || ss > 59)
		return NULL;
	return arena_strdup(a, s);
}

/* Reads limit, cursor and updated_since into q (field errors into r); since names the
 * time parameter in those errors (deletions call it "since"). */
static bool page_parse_as(struct app *app, struct result *r, const struct page_params *p, const char *since,
			  struct page_query *q)
{
	memset(q, 0, sizeof *q);
	int limit;
	if (!opt_int(p->limit, 1, API_PAGE_MAX, &limit))
		result_field(r, "limit", "limit must be a whole number from 1 to 500");
	q->limit = limit > 0 ? limit : API_PAGE_DEFAULT;
	if (nz(p->cursor)) {
		const char *c = p->cursor;
		bool ok = strlen(c) <= 18;
		for (; ok && *c; c++) {
			ok = isdigit((unsigned char)*c);
			if (ok)
				q->after_id = q->after_id * 10 + (*c - '0');
		}
		if (!ok || q->after_id <= 0)
			result_field(r, "cursor", "cursor must be the next_cursor of an earlier page");
	}
	if (nz(p->updated_since) && !(q->changed_since = timestamp_parse(app->arena, p->updated_since)))
		result_field(r, since, arena_printf(app->arena, "%s must be a date and time in UTC, like "
								"2026-11-22T13:45:00Z, or a date, like 2026-11-22", since));
	return result_ok(r);
}

static bool page_parse(struct app *app, struct result *r, const struct page_params *p, struct page_query *q)
{
	return page_parse_as(app, r, p, "updated_since", q);
}

/* Trims a page fetched with limit + 1 rows to limit, and says where the next starts. */
#define PAGE_TRIM(rows, n, limit, next, id_expr)          \
	do {                                              \
		*(next) = 0;                              \
		if (*(n) > (size_t)(limit)) {             \
			*(n) = (size_t)(limit);           \
			*(next) = (*(rows))[*(n) - 1].id_expr; \
		}                                         \
	} while (0)

/* The web's scope for lists of people and referrals, into q; false when the actor's
 * role sees no named person (r is then refused). *none: a member of staff without a
 * team, who sees nobody. */
static bool record_scope(const struct actor *who, struct page_query *q, struct result *r, bool *none)
{
	*none = false;
	if (who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER)) {
		q->site_id = who->site_id;
		*none = !who->site_id;
	} else if (who->role & ROLE_CLINICIAN) {
		q->team_id = who->team_id;
		*none = !who->team_id;
	} else if (!(who->role & ROLE_ADMIN)) {
		result_set(r, RES_REFUSED, NULL);
		return false;
	}
	return true;
}

struct result app_people_page(struct app *app, const struct actor *who, const struct page_params *p,
			      struct client_row **out, size_t *n, int64_t *next)
{
	struct result r = result_new(app->arena);
	struct page_query q;
	bool none;
	*out = NULL;
	*n = 0;
	*next = 0;
	if (!page_parse(app, &r, p, &q) || !record_scope(who, &q, &r, &none) || none)
		return r;
	int limit = q.limit;
	q.limit++;
	if (store_clients_page(app->store, app->arena, &q, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The people could not be read");
		return r;
	}
	PAGE_TRIM(out, n, limit, next, client.id);
	return audit_read(app, who, "client.list", "client", 0, q.changed_since ? "updated_since" : "", r);
}

struct result app_referrals_page(struct app *app, const struct actor *who, const struct page_params *p,
				 struct referral_row **out, size_t *n, int64_t *next)
{
	struct result r = result_new(app->arena);
	struct page_query q;
	bool none;
	*out = NULL;
	*n = 0;
	*next = 0;
	if (!page_parse(app, &r, p, &q) || !record_scope(who, &q, &r, &none) || none)
		return r;
	int limit = q.limit;
	q.limit++;
	if (store_referrals_page(app->store, app->arena, &q, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The referrals could not be read");
		return r;
	}
	PAGE_TRIM(out, n, limit, next, referral.id);
	return audit_read(app, who, "referral.list", "referral", 0, q.changed_since ? "updated_since" : "", r);
}

struct result app_employers_page(struct app *app, const struct actor *who, const struct page_params *p,
				 struct employer_row **out, size_t *n, int64_t *next)
{
	struct result r = result_new(app->arena);
	struct page_query q;
	*out = NULL;
	*n = 0;
	*next = 0;
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (!page_parse(app, &r, p, &q) || !who->site_id)
		return r;
	q.site_id = who->site_id;
	int limit = q.limit;
	q.limit++;
	if (store_employers_page(app->store, app->arena, &q, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The employers could not be read");
		return r;
	}
	PAGE_TRIM(out, n, limit, next, employer.id);
	return r;   /* employers name nobody: not audited, as on the web */
}

/* vacancies (issue 3): as employers, the actor's site, not audited */
struct result app_vacancies_page(struct app *app, const struct actor *who, const struct page_params *p,
				 struct vacancy **out, size_t *n, int64_t *next)
{
	struct result r = result_new(app->arena);
	struct page_query q;
	*out = NULL;
	*n = 0;
	*next = 0;
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (!page_parse(app, &r, p, &q) || !who->site_id)
		return r;
	q.site_id = who->site_id;
	int limit = q.limit;
	q.limit++;
	if (store_vacancies_page(app->store, app->arena, &q, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The vacancies could not be read");
		return r;
	}
	PAGE_TRIM(out, n, limit, next, id);
	return r;
}

/* The person, when the actor's role sees records and the person is in their scope;
 * RES_NOT_FOUND otherwise, so a record out of scope reads as one that does not exist. */
static bool client_in_scope(struct app *app, const struct actor *who, int64_t client_id, struct result *r)
{
	if (!(who->role & RECORD_ROLES)) {
		result_set(r, RES_REFUSED, NULL);
		return false;
	}
	if (!scope_client_id(app, who, client_id)) {
		result_set(r, RES_NOT_FOUND, NULL);
		return false;
	}
	return true;
}

/* The query of a page of one person's list (contacts, jobs, job search), one row more
 * than asked for (PAGE_TRIM takes it off and says where the next page starts); false,
 * with r set, when the person is out of scope or the page is not one. */
static bool client_page_query(struct app *app, const struct actor *who, int64_t client_id,
			      const struct page_params *p, struct result *r, struct page_query *q, int *limit)
{
	if (!client_in_scope(app, who, client_id, r) || !page_parse(app, r, p, q))
		return false;
	q->client_id = client_id;
	*limit = q->limit;
	q->limit++;
	return true;
}

struct result app_client_contacts_page(struct app *app, const struct actor *who, int64_t client_id,
				       const struct page_params *p, struct contact_row **out, size_t *n,
				       int64_t *next)
{
	struct result r = result_new(app->arena);
	struct page_query q;
	int limit;
	*out = NULL;
	*n = 0;
	*next = 0;
	if (!client_page_query(app, who, client_id, p, &r, &q, &limit))
		return r;
	if (store_contacts_page(app->store, app->arena, &q, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The contacts could not be read");
		return r;
	}
	PAGE_TRIM(out, n, limit, next, contact.id);
	return audit_read(app, who, "client.view", "client", client_id, "contacts", r);
}

struct result app_client_jobs_page(struct app *app, const struct actor *who, int64_t client_id,
				   const struct page_params *p, struct job_page_row **out, size_t *n,
				   int64_t *next)
{
	struct result r = result_new(app->arena);
	struct page_query q;
	int limit;
	*out = NULL;
	*n = 0;
	*next = 0;
	if (!client_page_query(app, who, client_id, p, &r, &q, &limit))
		return r;
	if (store_jobs_page(app->store, app->arena, &q, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The jobs could not be read");
		return r;
	}
	PAGE_TRIM(out, n, limit, next, job.id);
	return audit_read(app, who, "client.view", "client", client_id, "jobs", r);
}

struct result app_employer_row(struct app *app, const struct actor *who, int64_t employer_id,
			       struct employer_row *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	/* the page of the actor's site starting at this id: the row, if it is theirs */
	struct page_query q = {.after_id = employer_id - 1, .limit = 1, .site_id = who->site_id};
	struct employer_row *rows;
	size_t n;
	if (employer_id <= 0 || !who->site_id) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (store_employers_page(app->store, app->arena, &q, &rows, &n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The employer could not be read");
		return r;
	}
	if (n != 1 || rows[0].employer.id != employer_id) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	*out = rows[0];
	r.id = employer_id;
	return r;
}

struct result app_client_applications_page(struct app *app, const struct actor *who, int64_t client_id,
					   const struct page_params *p, struct application **out, size_t *n,
					   int64_t *next)
{
	struct result r = result_new(app->arena);
	struct page_query q;
	int limit;
	*out = NULL;
	*n = 0;
	*next = 0;
	if (!client_page_query(app, who, client_id, p, &r, &q, &limit))
		return r;
	if (store_applications_page(app->store, app->arena, &q, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The job search could not be read");
		return r;
	}
	PAGE_TRIM(out, n, limit, next, id);
	/* the note is the specialists': the record page shows clinicians and admins the
	 * steps but not it (only the edit form, theirs, does) */
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER)))
		for (size_t i = 0; i < *n; i++)
			(*out)[i].note = NULL;
	return audit_read(app, who, "client.view", "client", client_id, "applications", r);
}

struct result app_client_job_row(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id,
				 struct job_page_row *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!client_in_scope(app, who, client_id, &r))
		return r;
	struct page_query q = {.after_id = job_id - 1, .limit = 1, .client_id = client_id};
	struct job_page_row *rows;
	size_t n;
	if (job_id <= 0) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (store_jobs_page(app->store, app->arena, &q, &rows, &n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The job could not be read");
		return r;
	}
	if (n != 1 || rows[0].job.id != job_id) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	*out = rows[0];
	r.id = job_id;
	return audit_read(app, who, "client.view", "client", client_id, "jobs", r);
}

struct result app_client_export(struct app *app, const struct actor *who, int64_t client_id,
				struct client_export *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!client_in_scope(app, who, client_id, &r))
		return r;
	struct page_query q = {.client_id = client_id, .limit = 1};
	struct client_row *rows;
	size_t n;
	int rc = store_clients_page(app->store, app->arena, &q, &rows, &n);
	if (rc == IPS_OK && n != 1)
		rc = IPS_ENOTFOUND;
	if (rc == IPS_OK) {
		out->row = rows[0];
		rc = store_profile_get(app->store, app->arena, client_id, &out->profile);
		out->has_profile = rc == IPS_OK;
		if (rc == IPS_ENOTFOUND)
			rc = IPS_OK;
	}
	if (rc == IPS_OK) {
		q.limit = 1000000;
		rc = store_referrals_page(app->store, app->arena, &q, &out->referrals, &out->nreferrals);
	}
	if (rc != IPS_OK) {
		result_set(&r, RES_FAILED, "The record could not be read");
		return r;
	}
	r.id = client_id;
	return audit_read(app, who, "client.view", "client", client_id, "", r);
}

/* Deletion markers (issue 6): the scope of the lists they stand in for. Specialists and
 * team leaders see their site's people and employers, clinicians the people referred to
 * their team, admins every person (as record_scope); employers and vacancies only for
 * the roles that list them. Audited as the lists of people are: a marker names nobody,
 * but says which of the service's records about people are gone. */
struct result app_deletions_page(struct app *app, const struct actor *who, const struct page_params *p,
				 struct deletion_row **out, size_t *n, int64_t *next)
{
	struct result r = result_new(app->arena);
	struct page_query q;
	bool none;
	*out = NULL;
	*n = 0;
	*next = 0;
	if (!page_parse_as(app, &r, p, "since", &q) || !record_scope(who, &q, &r, &none) || none)
		return r;
	bool org = (who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER)) != 0;
	int limit = q.limit;
	q.limit++;
	if (store_deletions_page(app->store, app->arena, &q, org, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The deletions could not be read");
		return r;
	}
	PAGE_TRIM(out, n, limit, next, id);
	return audit_read(app, who, "deletion.list", "deletion", 0, q.changed_since ? "since" : "", r);
}
