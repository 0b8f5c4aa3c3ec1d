/* app/contacts.c — recording a contact on a person's record (spec/interchange.md
 * contacts.csv rules), and the caseloads built from allocations and contacts. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "core/caseload.h"
#include "core/codes.h"
#include "core/validate.h"
#include "util/arena.h"

struct result app_contact_add(struct app *app, const struct actor *who, int64_t client_id,
			      const struct contact_form *in)
{
	struct result r = result_new(app->arena);
	struct client c;
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (store_client_get(app->store, app->arena, client_id, &c) != IPS_OK || !scope_client(app, who, &c)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	struct referral *refs;
	size_t nrefs;
	if (store_referrals_of_client(app->store, app->arena, client_id, &refs, &nrefs) != IPS_OK) {
		result_set(&r, RES_FAILED, "The referrals could not be read");
		return r;
	}
	struct contact k = {.staff_id = who->staff_id, .attended = true, .minutes = -1};
	const struct referral *ref = NULL;
	int rid = -1;
	if (!opt_int(in->referral_id, 1, 2000000000, &rid))
		result_field(&r, "referral_id", "Choose the referral this contact belongs to");
	for (size_t i = 0; i < nrefs && rid > 0; i++)
		if (refs[i].id == rid)
			ref = &refs[i];
	if (rid <= 0 && nrefs > 0)
		ref = &refs[0];   /* newest referral */
	if (!ref)
		result_field(&r, "referral_id", "Choose the referral this contact belongs to");

	k.date = validate_past_date(app, &r, "date", in->date, "date of the contact", true);
	k.with = nz(in->with);
	if (!k.with || !code_valid(CODES_CONTACT_WITH, k.with))
		result_field(&r, "with", "Choose who the contact was with");
	else if (strcmp(k.with, "employer") == 0)
		result_field(&r, "with", "Record a contact with an employer from the employer's page");
	k.mode = nz(in->mode);
	if (!k.mode || !code_valid(CODES_MODE, k.mode))
		result_field(&r, "mode", "Choose how the contact happened");
	k.place = nz(in->place);
	if (k.place && !code_valid(CODES_PLACE, k.place))
		result_field(&r, "place", "Choose where the contact happened");
	else if (!k.place && k.mode && strcmp(k.mode, "face_to_face") == 0)
		result_field(&r, "place", "Choose where the face to face contact happened");
	if (!opt_int(in->minutes, 0, 1440, &k.minutes))
		result_field(&r, "minutes", "Minutes must be a whole number from 0 to 1440");
	if (nz(in->attended) && strcmp(in->attended, "yes") != 0 && strcmp(in->attended, "no") != 0)
		result_field(&r, "attended", "Choose whether the contact took place");
	k.attended = !nz(in->attended) || strcmp(in->attended, "yes") == 0;
	k.note = nz(in->note);
	const char *why;
	if (k.note && !valid_text(k.note, 8000, true, &why))
		result_field(&r, "note", why);
	if (!result_ok(&r))
		return r;
	k.referral_id = ref->id;
	if (strcmp(k.date, ref->received_on) < 0 || (ref->closed_on && strcmp(k.date, ref->closed_on) > 0))
		result_warn(&r, "date", "This contact is dated outside the referral's open dates");

	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_contact_insert(app->store, &k, app->now_iso, &r.id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "contact.create", "contact", r.id,
			       "referral_id,date,with,mode,place,minutes,attended,note");
	if (rc == IPS_OK)
		rc = timeline(app, who, client_id, ref->id, k.date, "contact",
			      arena_printf(app->arena, "%s contact with %s%s",
					   code_label(CODES_MODE, k.mode),
					   strcmp(k.with, "client") == 0 ? "the person" :
						   code_label(CODES_CONTACT_WITH, k.with),
					   k.attended ? "" : " (did not take place)"));
	return finish(app, rc, r);
}

struct result app_caseload(struct app *app, const struct actor *who, int64_t specialist_id,
			   struct caseload *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!specialist_id)
		specialist_id = who->staff_id;
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER)) ||
	    ((who->role & ROLE_SPECIALIST) && specialist_id != who->staff_id)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (store_staff_get(app->store, app->arena, specialist_id, &out->specialist) != IPS_OK ||
	    strcmp(out->specialist.role, "specialist") != 0 || !scope_site(who, out->specialist.site_id)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (store_caseload(app->store, app->arena, specialist_id, &out->rows, &out->n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The caseload could not be read");
		return r;
	}
	/* people, not referrals: a person with two open referrals counts once */
	int people = 0;
	for (size_t i = 0; i < out->n; i++) {
		bool seen = false;
		for (size_t j = 0; j < i && !seen; j++)
			seen = out->rows[j].client_id == out->rows[i].client_id;
		people += !seen;
	}
	out->people = people;
	out->limit = caseload_limit(out->specialist.fte);
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "caseload.view", "staff", specialist_id, "");
	return finish(app, rc, r);
}

struct result app_caseload_sizes(struct app *app, const struct actor *who,
				 struct specialist_load **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & ROLE_TEAM_LEADER)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (store_caseload_sizes(app->store, app->arena, who->site_id, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The caseloads could not be read");
	return r;
}

struct result app_caseload_handover(struct app *app, const struct actor *who, int64_t from,
				    const char *to, const char *note)
{
	struct result r = result_new(app->arena);
	if (!(who->role & ROLE_TEAM_LEADER)) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	struct staff sf, st;
	if (store_staff_get(app->store, app->arena, from, &sf) != IPS_OK ||
	    strcmp(sf.role, "specialist") != 0 || !scope_site(who, sf.site_id)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	int tid = -1;
	if (!nz(to) || !opt_int(to, 1, 2000000000, &tid) || tid <= 0 ||
	    store_staff_get(app->store, app->arena, tid, &st) != IPS_OK ||
	    strcmp(st.role, "specialist") != 0 || !scope_site(who, st.site_id))
		result_field(&r, "to", "Choose the employment specialist who will take over");
	else if (st.id == sf.id)
		result_field(&r, "to", "Choose a different employment specialist from the one handing over");
	const char *why;
	if (!nz(note))
		result_field(&r, "note", "Enter a handover note for the specialist taking over");
	else if (!valid_text(note, 4000, true, &why))
		result_field(&r, "note", why);
	if (!result_ok(&r))
		return r;

	struct caseload_row *rows;
	size_t n;
	if (store_caseload(app->store, app->arena, sf.id, &rows, &n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The caseload could not be read");
		return r;
	}
	int moved = 0;
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_caseload_move(app->store, sf.id, st.id, app->today_iso, app->now_iso, &moved);
	if (rc == IPS_OK)
		rc = store_handover_insert(app->store, sf.id, st.id, moved, note, who->account_id, app->now_iso);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "caseload.handover", "staff", sf.id, "specialist_id,note");
	for (size_t i = 0; i < n && rc == IPS_OK; i++) {
		rc = app_audit(app, who, "referral.reallocate", "referral", rows[i].referral_id,
			       "specialist_id,allocated_on");
		if (rc == IPS_OK)
			rc = timeline(app, who, rows[i].client_id, rows[i].referral_id, NULL, "allocation",
				      arena_printf(app->arena, "Handed over from %s to %s", sf.name, st.name));
	}
	r.id = moved;
	return finish(app, rc, r);
}

struct result app_site_counts(struct app *app, const struct actor *who,
			      struct site_counts **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & (ROLE_COMMISSIONER | ROLE_REVIEWER | ROLE_ADMIN | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (store_site_counts(app->store, app->arena, out, n) != IPS_OK)
		result_set(&r, RES_FAILED, "The figures could not be read");
	return r;
}
