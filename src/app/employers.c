/* app/employers.c — the employers a service builds relationships with (DOMAIN.md
 * principle 6): listing and finding them, adding and changing their details, and the
 * employer's page with every contact with them. Site-scoped: specialists and team
 * leaders see and change their own site's employers only; anything else reads as not
 * found. Name and sector follow employers.csv (required text; optional text); the
 * other fields are the web's own. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "core/validate.h"
#include "util/arena.h"

static bool may_work_with_employers(const struct actor *who, struct result *r)
{
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(r, RES_REFUSED, NULL);
		return false;
	}
	return true;
}

/* Loads an employer of the actor's site; RES_NOT_FOUND otherwise. */
static bool load_employer(struct app *app, const struct actor *who, int64_t id, struct employer *e,
			  struct result *r)
{
	if (!may_work_with_employers(who, r))
		return false;
	if (id <= 0 || store_employer_get(app->store, app->arena, id, e) != IPS_OK || !scope_site(who, e->site_id)) {
		result_set(r, RES_NOT_FOUND, NULL);
		return false;
	}
	return true;
}

/* Checks the form into e. employers.csv carries name (required) and sector
 * (optional), so those are refused only where an import would refuse them; the
 * web-only fields (address, postcode, people, notes) have the usual limits. */
static void employer_validate(struct app *app, struct result *r, const struct employer_form *in,
			      struct employer *e)
{
	const char *why;
	e->name = validate_carried_text(app, r, "name", in->name, "employer's name", 200, true);
	e->sector = validate_carried_text(app, r, "sector", in->sector, "sector", 100, false);
	e->address = nz(in->address);
	if (e->address && !valid_text(e->address, 500, true, &why))
		result_field(r, "address", why);
	e->postcode = NULL;
	if (nz(in->postcode)) {
		char pc[9];
		if (postcode_normalise(in->postcode, pc, &why))
			e->postcode = arena_strdup(app->arena, pc);
		else
			result_field(r, "postcode", why);
	}
	e->people = nz(in->people);
	if (e->people && !valid_text(e->people, 2000, true, &why))
		result_field(r, "people", why);
	e->notes = nz(in->notes);
	if (e->notes && !valid_text(e->notes, 8000, true, &why))
		result_field(r, "notes", why);
}

struct result app_employer_add(struct app *app, const struct actor *who, const struct employer_form *in)
{
	struct result r = result_new(app->arena);
	if (!may_work_with_employers(who, &r))
		return r;
	if (!who->site_id) {
		result_set(&r, RES_REFUSED, "Only staff of a service can add its employers.");
		return r;
	}
	struct employer e = {.site_id = who->site_id};
	employer_validate(app, &r, in, &e);
	if (!result_ok(&r))
		return r;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_employer_insert(app->store, &e, &e.id);
	if (rc == IPS_OK)
		rc = store_employer_update(app->store, &e);   /* the web-only columns */
	if (rc == IPS_OK)
		rc = app_audit(app, who, "employer.create", "employer", e.id,
			       "name,sector,address,postcode,people,notes");
	r.id = e.id;
	return finish(app, rc, r);
}

struct result app_employer_update(struct app *app, const struct actor *who, int64_t employer_id,
				  const struct employer_form *in)
{
	struct result r = result_new(app->arena);
	struct employer before;
	if (!load_employer(app, who, employer_id, &before, &r))
		return r;
	struct employer e = before;
	employer_validate(app, &r, in, &e);
	if (!result_ok(&r))
		return r;
	struct buf changed = BUF_INIT;
	changed_field(&changed, "name", before.name, e.name);
	changed_field(&changed, "sector", before.sector, e.sector);
	changed_field(&changed, "address", before.address, e.address);
	changed_field(&changed, "postcode", before.postcode, e.postcode);
	changed_field(&changed, "people", before.people, e.people);
	changed_field(&changed, "notes", before.notes, e.notes);
	const char *fields = arena_strdup(app->arena, buf_str(&changed));
	buf_free(&changed);
	r.id = employer_id;
	if (!*fields)
		return r;   /* nothing changed: nothing to write */
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_employer_update(app->store, &e);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "employer.update", "employer", employer_id, fields);
	return finish(app, rc, r);
}

struct result app_employers_search(struct app *app, const struct actor *who, const char *q, int limit,
				   struct employer_hit **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!may_work_with_employers(who, &r))
		return r;
	if (q && strlen(q) > 100) {
		result_field(&r, "q", "Enter 100 characters or fewer");
		return r;
	}
	if (!who->site_id)
		return r;
	if (limit < 1 || limit > 5000)
		limit = 5000;
	if (store_employers_search(app->store, app->arena, who->site_id, nz(q), limit, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The employers could not be read");
	return r;
}

struct result app_employer_choices(struct app *app, const struct actor *who, struct employer_hit **out,
				   size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!may_work_with_employers(who, &r) || !who->site_id)
		return r;
	if (store_employer_choices(app->store, app->arena, who->site_id, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The employers could not be read");
	return r;
}

struct result app_employer_get(struct app *app, const struct actor *who, int64_t employer_id,
			       struct employer *out)
{
	struct result r = result_new(app->arena);
	if (load_employer(app, who, employer_id, out, &r))
		r.id = employer_id;
	return r;
}

struct result app_employer_view(struct app *app, const struct actor *who, int64_t employer_id,
				struct employer_record *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!load_employer(app, who, employer_id, &out->employer, &r))
		return r;
	int rc = store_contacts_of_employer(app->store, app->arena, employer_id, &out->contacts, &out->ncontacts);
	if (rc == IPS_OK)
		rc = store_jobs_of_employer(app->store, app->arena, employer_id, &out->jobs, &out->njobs);
	if (rc != IPS_OK) {
		result_set(&r, RES_FAILED, "The employer's contacts could not be read");
		return r;
	}
	r.id = employer_id;
	return audit_read(app, who, "employer.view", "employer", employer_id, "", r);
}
