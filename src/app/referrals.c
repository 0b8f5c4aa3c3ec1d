/* app/referrals.c — referrals in (by staff or by the person themselves), the team
 * leader's inbox, allocation and closure. Zero exclusion (DOMAIN.md): there is no
 * "unsuitable" outcome; a referral closes only with one of the spec's reasons. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "core/codes.h"
#include "core/interchange.h"
#include "core/validate.h"
#include "util/arena.h"

int app_sites(struct app *app, struct site **out, size_t *n)
{
	return store_sites_list(app->store, app->arena, out, n);
}

int app_teams_for(struct app *app, const struct actor *who, struct team **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (who->role & (ROLE_ADMIN | ROLE_PUBLIC))
		return store_teams_list(app->store, app->arena, 0, out, n);
	if (who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))
		return store_teams_list(app->store, app->arena, who->site_id, out, n);
	if (who->role & ROLE_CLINICIAN) {
		struct team *t = arena_alloc(app->arena, sizeof *t);
		int rc = store_team_get(app->store, app->arena, who->team_id, t);
		if (rc == IPS_OK) {
			*out = t;
			*n = 1;
		}
		return rc;
	}
	return IPS_OK;
}

int app_specialists_for(struct app *app, const struct actor *who, struct staff **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	if (!(who->role & (ROLE_TEAM_LEADER | ROLE_SPECIALIST | ROLE_ADMIN)))
		return IPS_OK;
	return store_specialist_choices(app->store, app->arena, (who->role & ROLE_ADMIN) ? 0 : who->site_id,
					out, n);
}

/* A site's or team's own code: the import's rule (1-64 printable ASCII bytes, never
 * "ipsdesk-..."), so that what is added here exports and imports again. */
static void own_code(struct result *r, enum ic_kind kind, const char *code)
{
	const char *why;
	if (!valid_ref(code, &why))
		result_field(r, "code", why);
	else if (!csv_accepts(kind, "code", code, NULL))
		result_field(r, "code", "Codes beginning \"ipsdesk-\" are kept for records ipsdesk makes: "
					"choose another");
}

struct result app_site_add(struct app *app, const struct actor *who, const struct site *in)
{
	struct result r = result_new(app->arena);
	if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	own_code(&r, IC_SITE, in->code);
	validate_carried_text(app, &r, "name", in->name, "name of the site", 200, true);
	struct site have;
	if (in->code && store_site_by_code(app->store, app->arena, in->code, &have) == IPS_OK)
		result_field(&r, "code", "A site with that code already exists");
	if (!result_ok(&r))
		return r;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_site_insert(app->store, in, &r.id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "site.create", "site", r.id, "code,name");
	return finish(app, rc, r);
}

struct result app_team_add(struct app *app, const struct actor *who, const char *site_code,
			   const struct team *in)
{
	struct result r = result_new(app->arena);
	if (!(who->role & ROLE_ADMIN)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	struct site site = {0};
	if (!site_code || store_site_by_code(app->store, app->arena, site_code, &site) != IPS_OK)
		result_field(&r, "site_code", "There is no site with that code");
	own_code(&r, IC_TEAM, in->code);
	validate_carried_text(app, &r, "name", in->name, "name of the team", 200, true);
	struct team have;
	if (in->code && store_team_by_code(app->store, app->arena, in->code, &have) == IPS_OK)
		result_field(&r, "code", "A team with that code already exists");
	if (!result_ok(&r))
		return r;
	struct team t = *in;
	t.site_id = site.id;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_team_insert(app->store, &t, &r.id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "team.create", "team", r.id, "code,site_code,name");
	return finish(app, rc, r);
}

/* Validation of what every referral form carries, into c and rf. */
static void validate_referral(struct app *app, struct result *r, const struct referral_form *in,
			      struct client *c, struct referral *rf)
{
	validate_identity(app, r, in->given_name, in->family_name, in->nhs_number, in->birth_date,
			  in->postcode, in->phone, in->email, in->gender, in->ethnic_category, c);
	const char *why;
	rf->employment_status = nz(in->employment_status);
	if (rf->employment_status && !csv_accepts(IC_REFERRAL, "employment_status", rf->employment_status, NULL))
		result_field(r, "employment_status", "Choose an employment status from the list");
	rf->reason = nz(in->reason);
	if (rf->reason && !valid_text(rf->reason, 4000, true, &why))
		result_field(r, "reason", why);
	if (!in->consent || strcmp(in->consent, "yes") != 0)
		result_field(r, "consent", "Confirm that the person wants to work and agrees to this referral");
}

/* Flags a possible duplicate on rf, and warns r about it unless r is NULL (a member of
 * the public is never told who else is known to the service). */
static void flag_duplicates(struct app *app, struct result *r, struct client *c, struct referral *rf)
{
	int64_t *ids;
	size_t n;
	if (store_client_duplicates(app->store, app->arena, c, &ids, &n) == IPS_OK && n > 0) {
		rf->possible_duplicate = true;
		if (r)
			result_warn(r, "duplicate", "Someone with the same NHS number, or the same name and "
						    "date of birth, is already known to the service. The referral "
						    "is flagged as a possible duplicate for the team leader to check.");
	}
}

/* The referral in words for the person's timeline: "Referral received from a GP",
 * "Self-referral received", with ": flagged as a possible duplicate" when it is one. */
static const char *referral_summary(struct app *app, const struct referral *rf)
{
	const char *s = strcmp(rf->source, "gp") == 0 ? "Referral received from a GP"
			: strcmp(rf->source, "mental_health_professional") == 0
				? "Referral received from a mental health professional"
			: strcmp(rf->source, "self") == 0 ? "Self-referral received"
							  : "Referral received";
	return arena_printf(app->arena, "%s%s", s, rf->possible_duplicate ? ": flagged as a possible duplicate" : "");
}

/* Writes person, referral, timeline and audit in one transaction. */
static struct result save_referral(struct app *app, const struct actor *who, struct result r,
				   struct client *c, struct referral *rf)
{
	int rc = store_begin(app->store);
	int64_t client_id = 0;
	if (rc == IPS_OK)
		rc = store_client_insert(app->store, c, app->now_iso, &client_id);
	rf->client_id = client_id;
	r.client_id = client_id;
	if (rc == IPS_OK)
		rc = store_referral_insert(app->store, rf, app->now_iso, &r.id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "client.create", "client", client_id,
			       "given_name,family_name,nhs_number,birth_date,postcode,phone,email,gender,ethnic_category");
	if (rc == IPS_OK)
		rc = app_audit(app, who, "referral.create", "referral", r.id,
			       "team,source,received_on,employment_status,referrer_name,referrer_contact,reason");
	if (rc == IPS_OK)
		rc = timeline(app, who, client_id, r.id, rf->received_on, "referral", referral_summary(app, rf));
	return finish(app, rc, r);
}

struct result app_referral_create(struct app *app, const struct actor *who,
				  const struct referral_form *in)
{
	struct result r = result_new(app->arena);
	if (!(who->role & (ROLE_CLINICIAN | ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	struct client c = {.consent_contact_employers = -1};
	struct referral rf = {0};
	validate_referral(app, &r, in, &c, &rf);
	const char *why;

	struct team team = {0};
	int64_t team_id = 0;
	int tid = -1;
	if (!opt_int(in->team, 1, 2000000000, &tid))
		result_field(&r, "team", "Choose the IPS team");
	else if (tid > 0)
		team_id = tid;
	else if (who->role & ROLE_CLINICIAN)
		team_id = who->team_id;
	if (!team_id && !result_error_for(&r, "team"))
		result_field(&r, "team", "Choose the IPS team");
	if (team_id) {
		bool allowed = store_team_get(app->store, app->arena, team_id, &team) == IPS_OK;
		if (allowed && (who->role & ROLE_CLINICIAN))
			allowed = team.id == who->team_id;
		else if (allowed)
			allowed = team.site_id == who->site_id;
		if (!allowed)
			result_field(&r, "team", "Choose the IPS team");
	}
	rf.source = nz(in->source);
	if (!rf.source)
		result_field(&r, "source", "Choose who made the referral");
	else if (!csv_accepts(IC_REFERRAL, "source", rf.source, NULL))
		result_field(&r, "source", "Choose who made the referral from the list");
	rf.received_on = validate_carried_date(app, &r, IC_REFERRAL, "received_on", "received_on",
					       in->received_on, "date the referral was received", true);
	rf.referrer_name = nz(in->referrer_name);
	if (rf.referrer_name && !valid_text(rf.referrer_name, 200, false, &why))
		result_field(&r, "referrer_name", why);
	rf.referrer_contact = nz(in->referrer_contact);
	if (rf.referrer_contact && !valid_text(rf.referrer_contact, 200, false, &why))
		result_field(&r, "referrer_contact", why);
	c.care_coordinator = nz(in->care_coordinator);
	if (c.care_coordinator && !valid_text(c.care_coordinator, 200, false, &why))
		result_field(&r, "care_coordinator", why);
	if (!result_ok(&r))
		return r;

	c.site_id = team.site_id;
	rf.team_id = team.id;
	flag_duplicates(app, &r, &c, &rf);
	return save_referral(app, who, r, &c, &rf);
}

struct result app_self_referral(struct app *app, const char *client_addr,
				const struct referral_form *in)
{
	struct result r = result_new(app->arena);
	struct actor public_actor = {.role = ROLE_PUBLIC};
	struct client c = {.consent_contact_employers = -1};
	struct referral rf = {0};
	validate_referral(app, &r, in, &c, &rf);

	struct site site = {0};
	struct team *teams = NULL;
	size_t nteams = 0;
	if (!nz(in->site) || store_site_by_code(app->store, app->arena, in->site, &site) != IPS_OK)
		result_field(&r, "site", "Choose the service you want to refer yourself to");
	else if (store_teams_list(app->store, app->arena, site.id, &teams, &nteams) != IPS_OK || nteams == 0)
		result_field(&r, "site", "This service is not taking referrals through this form: choose another");
	if (!c.phone && !c.email && !result_error_for(&r, "phone") && !result_error_for(&r, "email"))
		result_field(&r, "phone", "Enter a phone number or an email address, so the team can contact you");
	if (!result_ok(&r))
		return r;

	/* rate limit by client address: a few referrals an hour is plenty for a person */
	int rc = store_begin(app->store);
	bool allowed = rc == IPS_OK &&
		app_rate_allow(app, arena_printf(app->arena, "refer:%s", client_addr ? client_addr : "-"), 5, 3600);
	if (rc == IPS_OK)
		store_commit(app->store);
	if (!allowed) {
		result_set(&r, RES_LIMITED, "Too many referrals have been sent from this connection. "
					    "Try again in an hour, or phone the service.");
		return r;
	}
	/* the site's first team (lowest id): the team leader can move it */
	struct team *first = &teams[0];
	for (size_t i = 1; i < nteams; i++)
		if (teams[i].id < first->id)
			first = &teams[i];
	c.site_id = site.id;
	rf.team_id = first->id;
	rf.source = "self";
	rf.received_on = app->today_iso;
	flag_duplicates(app, NULL, &c, &rf);
	return save_referral(app, &public_actor, r, &c, &rf);
}

/* The referral, when the actor may act on it as a team leader or specialist. */
static bool referral_in_scope(struct app *app, const struct actor *who, int64_t id, struct referral *out)
{
	if (store_referral_get(app->store, app->arena, id, out) != IPS_OK)
		return false;
	if (who->role & ROLE_CLINICIAN)
		return out->team_id == who->team_id;
	return scope_site(who, out->site_id);
}

struct result app_referral_allocate(struct app *app, const struct actor *who, int64_t referral_id,
				    const char *specialist_id)
{
	struct result r = result_new(app->arena);
	struct referral rf;
	if (!(who->role & ROLE_TEAM_LEADER)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (!referral_in_scope(app, who, referral_id, &rf)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (rf.closed_on)
		result_field(&r, "specialist", "This referral is closed: it cannot be allocated");
	int id = 0;
	struct staff es;
	if (!nz(specialist_id) || !opt_int(specialist_id, 1, 2000000000, &id) ||
	    store_staff_get(app->store, app->arena, id, &es) != IPS_OK ||
	    strcmp(es.role, "specialist") != 0 || es.site_id != rf.site_id)
		result_field(&r, "specialist", "Choose an employment specialist");
	if (!result_ok(&r))
		return r;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_referral_allocate(app->store, rf.id, es.id, app->today_iso, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, rf.specialist_id ? "referral.reallocate" : "referral.allocate",
			       "referral", rf.id, "specialist_id,allocated_on");
	if (rc == IPS_OK)
		rc = timeline(app, who, rf.client_id, rf.id, NULL, "allocation",
			      arena_printf(app->arena, "Allocated to %s", es.name));
	r.id = rf.id;
	r.client_id = rf.client_id;
	return finish(app, rc, r);
}

/* Moves a waiting referral to another team of the same site (a self-referral lands in
 * the site's first team; the team leader sends it where it belongs). */
struct result app_referral_move(struct app *app, const struct actor *who, int64_t referral_id,
				const char *team_id)
{
	struct result r = result_new(app->arena);
	struct referral rf;
	if (!(who->role & ROLE_TEAM_LEADER)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (!referral_in_scope(app, who, referral_id, &rf)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (rf.closed_on)
		result_field(&r, "team", "This referral is closed: it cannot be moved");
	int id = 0;
	struct team t;
	if (!nz(team_id) || !opt_int(team_id, 1, 2000000000, &id) ||
	    store_team_get(app->store, app->arena, id, &t) != IPS_OK || t.site_id != rf.site_id)
		result_field(&r, "team", "Choose a team of this service");
	else if (t.id == rf.team_id)
		result_field(&r, "team", "The referral is already with this team: choose another");
	if (!result_ok(&r))
		return r;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_referral_set_team(app->store, rf.id, t.id, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "referral.move", "referral", rf.id, "team_id");
	if (rc == IPS_OK)
		rc = timeline(app, who, rf.client_id, rf.id, NULL, "move",
			      arena_printf(app->arena, "Referral moved from %s to %s", rf.team_name, t.name));
	r.id = rf.id;
	r.client_id = rf.client_id;
	return finish(app, rc, r);
}

/* The closure in words for the timeline, the reason's label read mid-sentence:
 * "Referral closed: the person moved away". */
static const char *closure_summary(struct app *app, const char *reason)
{
	if (strcmp(reason, "other") == 0)
		return "Referral closed for another reason";
	char *label = arena_strdup(app->arena, code_label(CODES_CLOSE_REASON, reason));
	if (label[0] >= 'A' && label[0] <= 'Z' && !(label[1] >= 'A' && label[1] <= 'Z'))
		label[0] = (char)(label[0] - 'A' + 'a');   /* not an initialism like "GP" */
	return arena_printf(app->arena, "Referral closed: %s", label);
}

struct result app_referral_close(struct app *app, const struct actor *who, int64_t referral_id,
				 const char *closed_on, const char *reason)
{
	struct result r = result_new(app->arena);
	struct referral rf;
	if (!(who->role & (ROLE_TEAM_LEADER | ROLE_SPECIALIST))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (!referral_in_scope(app, who, referral_id, &rf)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (rf.closed_on) {
		result_field(&r, "close_reason", "This referral is already closed");
		return r;
	}
	if (!nz(reason) || !csv_accepts(IC_REFERRAL, "close_reason", reason, NULL))
		result_field(&r, "close_reason", "Choose why the referral is closing");
	const char *on = validate_carried_date(app, &r, IC_REFERRAL, "closed_on", "closed_on", closed_on,
					       "date the referral closed", true);
	if (on && strcmp(on, rf.received_on) < 0)
		result_field(&r, "closed_on", "The date the referral closed must be on or after the date it was received");
	if (!result_ok(&r))
		return r;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_referral_close(app->store, rf.id, on, reason, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "referral.close", "referral", rf.id, "closed_on,close_reason");
	if (rc == IPS_OK)
		rc = timeline(app, who, rf.client_id, rf.id, on, "closure",
			      closure_summary(app, reason));
	r.id = rf.id;
	r.client_id = rf.client_id;
	return finish(app, rc, r);
}

struct result app_referral_next_step(struct app *app, const struct actor *who, int64_t referral_id,
				     const char *next_step)
{
	struct result r = result_new(app->arena);
	struct referral rf;
	const char *why;
	if (!(who->role & (ROLE_TEAM_LEADER | ROLE_SPECIALIST))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (!referral_in_scope(app, who, referral_id, &rf)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (nz(next_step) && !valid_text(next_step, 500, false, &why))
		result_field(&r, "next_step", why);
	if (!result_ok(&r))
		return r;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_referral_set_next_step(app->store, rf.id, nz(next_step), app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "referral.update", "referral", rf.id, "next_step");
	r.id = rf.id;
	r.client_id = rf.client_id;
	return finish(app, rc, r);
}

struct result app_referral_waiting(struct app *app, const struct actor *who, int64_t id, struct referral *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!(who->role & ROLE_TEAM_LEADER)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	int rc = store_referral_get(app->store, app->arena, id, out);
	if (rc != IPS_OK && rc != IPS_ENOTFOUND) {
		result_set(&r, RES_FAILED, "The referral could not be read");
		return r;
	}
	if (rc == IPS_ENOTFOUND || out->closed_on || out->specialist_id || !scope_site(who, out->site_id)) {
		memset(out, 0, sizeof *out);
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	/* a person's name and referral, read: audited as that referral's view */
	return audit_read(app, who, "referral.view", "referral", id, "", r);
}

struct result app_inbox(struct app *app, const struct actor *who, struct referral **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & (ROLE_TEAM_LEADER | ROLE_ADMIN))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	int64_t site = (who->role & ROLE_ADMIN) ? 0 : who->site_id;
	if (store_referrals_waiting(app->store, app->arena, site, 0, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The referrals could not be read");
	/* Reading a list of names waiting is a read of those people's records. */
	else
		r = audit_read(app, who, "referral.list", "referral", 0, "", r);
	return r;
}
