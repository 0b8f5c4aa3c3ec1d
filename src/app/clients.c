/* app/clients.c — a person's record: reading it (always audited), editing identity,
 * contact details and consent, the vocational profile, and finding people. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "core/codes.h"
#include "core/matching.h"
#include "core/validate.h"
#include "util/arena.h"

/* Loads the person if the actor may see them; RES_NOT_FOUND otherwise, so that a
 * record out of scope is indistinguishable from one that does not exist. */
static bool load_client(struct app *app, const struct actor *who, int64_t id, struct client *c,
			struct result *r)
{
	if (store_client_get(app->store, app->arena, id, c) != IPS_OK || !scope_client(app, who, c)) {
		result_set(r, RES_NOT_FOUND, NULL);
		return false;
	}
	return true;
}

/* load_client, for a change: RES_REFUSED for an actor who may read the person but not
 * change them (a clinician, an admin). */
static bool load_client_editable(struct app *app, const struct actor *who, int64_t id, struct client *c,
				 struct result *r)
{
	if (!load_client(app, who, id, c, r))
		return false;
	if (!scope_client_edit(who, c)) {
		result_set(r, RES_REFUSED, NULL);
		return false;
	}
	return true;
}

/* The reads of a person's record, from one snapshot. */
static struct result client_record_read(struct app *app, const struct actor *who, int64_t client_id, bool all,
					struct client_record *out)
{
	struct result r = result_new(app->arena);
	if (!load_client(app, who, client_id, &out->client, &r))
		return r;
	int rc = store_profile_get(app->store, app->arena, client_id, &out->profile);
	if (rc == IPS_ENOTFOUND)
		rc = IPS_OK;
	if (rc == IPS_OK)
		rc = store_referrals_of_client(app->store, app->arena, client_id, &out->referrals, &out->nreferrals);
	if (rc == IPS_OK)
		rc = store_contacts_of_client(app->store, app->arena, client_id, all ? 0 : CLIENT_RECORD_RECENT,
					      &out->contacts, &out->ncontacts, &out->contacts_total);
	if (rc == IPS_OK)
		rc = store_events_of_client(app->store, app->arena, client_id, all ? 0 : CLIENT_RECORD_RECENT,
					    &out->events, &out->nevents, &out->events_total);
	if (rc != IPS_OK)
		result_set(&r, RES_FAILED, "The record could not be read");
	return r;
}

struct result app_client_view(struct app *app, const struct actor *who, int64_t client_id, bool all,
			      struct client_record *out)
{
	memset(out, 0, sizeof *out);
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER | ROLE_CLINICIAN | ROLE_ADMIN))) {
		struct result r = result_new(app->arena);
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	/* one read transaction rather than one per statement: each takes and drops a lock
	 * that the server's threads share, and the record is read from one snapshot */
	app_snapshot_begin(app);
	struct result r = client_record_read(app, who, client_id, all, out);
	app_snapshot_end(app);
	if (!result_ok(&r))
		return r;
	out->may_edit = scope_client_edit(who, &out->client);
	r.id = client_id;
	return audit_read(app, who, "client.view", "client", client_id, "", r);
}

struct result app_client_get(struct app *app, const struct actor *who, int64_t client_id,
			     struct client *out)
{
	struct result r = result_new(app->arena);
	if (!load_client_editable(app, who, client_id, out, &r))
		return r;
	r.id = client_id;
	return audit_read(app, who, "client.view", "client", client_id, "", r);
}

struct result app_profile_get(struct app *app, const struct actor *who, int64_t client_id,
			      struct profile *out)
{
	struct result r = result_new(app->arena);
	struct client c;
	if (!load_client_editable(app, who, client_id, &c, &r))
		return r;
	int rc = store_profile_get(app->store, app->arena, client_id, out);   /* none yet: every field empty */
	if (rc != IPS_OK && rc != IPS_ENOTFOUND) {
		result_set(&r, RES_FAILED, "The profile could not be read");
		return r;
	}
	r.id = client_id;
	return audit_read(app, who, "client.view", "client", client_id, "", r);
}

struct result app_client_update(struct app *app, const struct actor *who, int64_t client_id,
				const struct client_form *in)
{
	struct result r = result_new(app->arena);
	struct client before;
	if (!load_client_editable(app, who, client_id, &before, &r))
		return r;
	struct client c = before;
	const char *why;
	validate_identity(app, &r, in->given_name, in->family_name, in->nhs_number, in->birth_date,
			  in->postcode, in->phone, in->email, in->gender, in->ethnic_category, &c);
	c.address = nz(in->address);
	if (c.address && !valid_text(c.address, 500, true, &why))
		result_field(&r, "address", why);
	c.care_coordinator = nz(in->care_coordinator);
	if (c.care_coordinator && !valid_text(c.care_coordinator, 200, false, &why))
		result_field(&r, "care_coordinator", why);
	c.consent_on = validate_past_date(app, &r, "consent_on", in->consent_on,
					  "date consent was recorded", false);
	c.consent_contact_employers = -1;
	if (nz(in->consent_contact_employers)) {
		if (strcmp(in->consent_contact_employers, "yes") == 0)
			c.consent_contact_employers = 1;
		else if (strcmp(in->consent_contact_employers, "no") == 0)
			c.consent_contact_employers = 0;
		else
			result_field(&r, "consent_contact_employers", "Choose yes or no");
	}
	c.consent_note = nz(in->consent_note);
	if (c.consent_note && !valid_text(c.consent_note, 2000, true, &why))
		result_field(&r, "consent_note", why);
	if (!result_ok(&r))
		return r;

	struct buf changed = BUF_INIT;
	changed_field(&changed, "given_name", before.given_name, c.given_name);
	changed_field(&changed, "family_name", before.family_name, c.family_name);
	changed_field(&changed, "nhs_number", before.nhs_number, c.nhs_number);
	changed_field(&changed, "birth_date", before.birth_date, c.birth_date);
	changed_field(&changed, "postcode", before.postcode, c.postcode);
	changed_field(&changed, "phone", before.phone, c.phone);
	changed_field(&changed, "email", before.email, c.email);
	changed_field(&changed, "address", before.address, c.address);
	changed_field(&changed, "gender", before.gender, c.gender);
	changed_field(&changed, "ethnic_category", before.ethnic_category, c.ethnic_category);
	changed_field(&changed, "care_coordinator", before.care_coordinator, c.care_coordinator);
	changed_field(&changed, "consent_on", before.consent_on, c.consent_on);
	changed_int(&changed, "consent_contact_employers", before.consent_contact_employers,
		    c.consent_contact_employers);
	changed_field(&changed, "consent_note", before.consent_note, c.consent_note);
	const char *fields = arena_strdup(app->arena, buf_str(&changed));
	buf_free(&changed);
	r.id = client_id;
	if (!*fields)
		return r;   /* nothing changed: nothing to write */

	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_client_update(app->store, &c, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "client.update", "client", client_id, fields);
	if (rc == IPS_OK)
		rc = timeline(app, who, client_id, 0, NULL, "record",
			      arena_printf(app->arena, "Details updated by %s", who->name ? who->name : "staff"));
	return finish(app, rc, r);
}

/* The preferences matching reads (issue 3): SOC codes, normalised to "5434,9263"; the
 * least hourly pay in pounds, into pence; the conditions to avoid. */
static void profile_matching_validate(struct app *app, struct result *r, const struct profile_form *in,
				      struct profile *p)
{
	int codes[MATCH_MAX_JOB_TYPES];
	size_t ncodes = 0;
	p->job_type_codes = NULL;
	if (!match_job_types_parse(nz(in->job_type_codes), codes, &ncodes)) {
		result_field(r, "job_type_codes", "Enter up to 16 job types as 4-digit SOC 2020 codes separated by "
						  "commas, like 5434, 9263");
	} else if (ncodes) {
		struct buf b = BUF_INIT;
		for (size_t i = 0; i < ncodes; i++)
			buf_printf(&b, "%s%04d", i ? "," : "", codes[i]);
		p->job_type_codes = arena_strdup(app->arena, buf_str(&b));
		buf_free(&b);
	}
	p->pay_min = -1;
	const char *pay = nz(in->pay_min);
	if (pay && strncmp(pay, "\xc2\xa3", 2) == 0)   /* a pound sign typed in front */
		pay += 2;
	if (pay) {
		int64_t pence;
		const char *why;
		if (!parse_hundredths(pay, &pence, &why) || pence > 20000)
			result_field(r, "pay_min", "Enter the least hourly pay in pounds, up to 200, like 12.21");
		else
			p->pay_min = pence;
	}
	p->avoid = nz(in->avoid);
	uint32_t bits;
	if (!match_conditions_parse(p->avoid, &bits))
		result_field(r, "avoid", "Choose what the person wants to avoid from the list");
}

struct result app_profile_update(struct app *app, const struct actor *who, int64_t client_id,
				 const struct profile_form *in)
{
	struct result r = result_new(app->arena);
	struct client c;
	if (!load_client_editable(app, who, client_id, &c, &r))
		return r;
	struct profile before;
	if (store_profile_get(app->store, app->arena, client_id, &before) == IPS_EIO) {
		result_set(&r, RES_FAILED, "The profile could not be read");
		return r;
	}
	struct profile p = {.client_id = client_id};
	const char *why;
	static const struct {
		const char *name;
		size_t off;
		int max;
	} texts[] = {
		{"work_history", offsetof(struct profile_form, work_history), 8000},
		{"job_types", offsetof(struct profile_form, job_types), 2000},
		{"places", offsetof(struct profile_form, places), 2000},
		{"travel_means", offsetof(struct profile_form, travel_means), 500},
		{"strengths", offsetof(struct profile_form, strengths), 4000},
		{"support_needs", offsetof(struct profile_form, support_needs), 4000},
		{"career_goals", offsetof(struct profile_form, career_goals), 4000},
	};
	for (size_t i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		const char *v = nz(*(const char *const *)((const char *)in + texts[i].off));
		if (v && !valid_text(v, texts[i].max, true, &why))
			result_field(&r, texts[i].name, why);
	}
	p.work_history = nz(in->work_history);
	p.job_types = nz(in->job_types);
	p.places = nz(in->places);
	p.travel_means = nz(in->travel_means);
	p.strengths = nz(in->strengths);
	p.support_needs = nz(in->support_needs);
	p.career_goals = nz(in->career_goals);
	if (!opt_int(in->hours_min, 0, 80, &p.hours_min))
		result_field(&r, "hours_min", "Fewest hours must be a whole number from 0 to 80");
	if (!opt_int(in->hours_max, 0, 80, &p.hours_max))
		result_field(&r, "hours_max", "Most hours must be a whole number from 0 to 80");
	if (p.hours_min >= 0 && p.hours_max >= 0 && p.hours_min > p.hours_max)
		result_field(&r, "hours_max", "Most hours must be the same as or more than fewest hours");
	if (!opt_int(in->travel_miles, 0, 200, &p.travel_miles))
		result_field(&r, "travel_miles", "Travel distance must be a whole number of miles from 0 to 200");
	p.disclosure = nz(in->disclosure);
	if (p.disclosure && !code_valid(CODES_DISCLOSURE, p.disclosure))
		result_field(&r, "disclosure", "Choose how the person wants to handle disclosure");
	profile_matching_validate(app, &r, in, &p);   /* issue 3 */
	if (!result_ok(&r))
		return r;

	struct buf changed = BUF_INIT;
	changed_field(&changed, "work_history", before.work_history, p.work_history);
	changed_field(&changed, "job_types", before.job_types, p.job_types);
	changed_int(&changed, "hours_min", before.hours_min, p.hours_min);
	changed_int(&changed, "hours_max", before.hours_max, p.hours_max);
	changed_field(&changed, "places", before.places, p.places);
	changed_int(&changed, "travel_miles", before.travel_miles, p.travel_miles);
	changed_field(&changed, "travel_means", before.travel_means, p.travel_means);
	changed_field(&changed, "disclosure", before.disclosure, p.disclosure);
	changed_field(&changed, "strengths", before.strengths, p.strengths);
	changed_field(&changed, "support_needs", before.support_needs, p.support_needs);
	changed_field(&changed, "career_goals", before.career_goals, p.career_goals);
	changed_field(&changed, "job_type_codes", before.job_type_codes, p.job_type_codes);
	changed_int(&changed, "pay_min", (int)before.pay_min, (int)p.pay_min);   /* at most 20000 */
	changed_field(&changed, "avoid", before.avoid, p.avoid);
	const char *fields = arena_strdup(app->arena, buf_str(&changed));
	buf_free(&changed);
	r.id = client_id;
	if (!*fields)
		return r;

	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_profile_put(app->store, &p, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "profile.update", "client", client_id, fields);
	if (rc == IPS_OK)
		rc = timeline(app, who, client_id, 0, NULL, "profile",
			      before.updated_at ? "Vocational profile updated" : "Vocational profile started");
	return finish(app, rc, r);
}

struct result app_people_search(struct app *app, const struct actor *who, const char *q,
				struct client_hit **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	int64_t site = 0, team = 0;
	if (who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))
		site = who->site_id;
	else if (who->role & ROLE_CLINICIAN)
		team = who->team_id;
	else if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if ((site == 0 && team == 0 && !(who->role & ROLE_ADMIN))) {
		return r;   /* staff without a team see nobody */
	}
	if (q && strlen(q) > 100) {
		result_field(&r, "q", "Enter 100 characters or fewer");
		return r;
	}
	if (store_clients_search(app->store, app->arena, site, team, nz(q), 200, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The search could not be run");
		return r;
	}
	return audit_read(app, who, "client.search", "client", 0, nz(q) ? "q" : "", r);
}
