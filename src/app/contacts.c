/* app/contacts.c — recording a contact (spec/interchange.md contacts.csv rules): with
 * the person, their family or clinical team from the person's record, or with an
 * employer (optionally on a person's behalf) from either page; and the caseloads built
 * from allocations and contacts. */
#include <stdio.h>
#include <string.h>
#include "app/internal.h"
#include "app/support.h"
#include "core/caseload.h"
#include "core/codes.h"
#include "core/interchange.h"
#include "core/validate.h"
#include "util/arena.h"

/* The referral a contact on a person's page belongs to: the one chosen, or the newest. */
static const struct referral *contact_referral(struct app *app, int64_t client_id, const char *chosen,
					       struct result *r)
{
	struct referral *refs;
	size_t nrefs;
	if (store_referrals_of_client(app->store, app->arena, client_id, &refs, &nrefs) != IPS_OK) {
		result_set(r, RES_FAILED, "The referrals could not be read");
		return NULL;
	}
	int rid = -1;
	if (!opt_int(chosen, 1, 2000000000, &rid))
		return NULL;
	for (size_t i = 0; i < nrefs; i++)
		if (rid < 0 || refs[i].id == rid)
			return &refs[i];   /* newest first */
	return NULL;
}

/* An employer of the actor's site named by id text, or NULL. */
static bool contact_employer(struct app *app, const struct actor *who, const char *id, struct employer *e)
{
	int eid = -1;
	return nz(id) && opt_int(id, 1, 2000000000, &eid) && eid > 0 &&
	       store_employer_get(app->store, app->arena, eid, e) == IPS_OK && scope_site(who, e->site_id);
}

/* The contact in words for the person's timeline: a sentence that reads naturally
 * whatever the mode and whom it was with, e.g. "Phone call with the clinical team",
 * "Face-to-face meeting with the person, in the community", "Letter to the person's
 * family or carer", "Video call with the person: did not take place", "Phone call with
 * the employer Greggs, on the person's behalf". employer: its name, for a contact
 * with an employer. */
static const char *contact_summary(struct app *app, const struct contact *k, const char *employer)
{
	static const struct {
		const char *code, *phrase;
	} MODES[] = {
		{"face_to_face", "Face-to-face meeting with"}, {"phone", "Phone call with"},
		{"video", "Video call with"}, {"text", "Text messages with"},
		{"email", "Emails with"}, {"letter", "Letter to"},
	}, WITH[] = {
		{"client", "the person"}, {"family", "the person's family or carer"},
		{"clinical_team", "the clinical team"}, {"employer", "an employer"},
	};
	const char *mode = "Contact with", *with = "someone";
	for (size_t i = 0; i < sizeof MODES / sizeof MODES[0]; i++)
		if (strcmp(MODES[i].code, k->mode) == 0)
			mode = MODES[i].phrase;
	for (size_t i = 0; i < sizeof WITH / sizeof WITH[0]; i++)
		if (strcmp(WITH[i].code, k->with) == 0)
			with = WITH[i].phrase;
	if (employer)
		with = arena_printf(app->arena, "the employer %s", employer);
	const char *place = !k->place ? ""
			    : strcmp(k->place, "community") == 0 ? ", in the community"
								 : ", at the office or clinic";
	return arena_printf(app->arena, "%s %s%s%s%s", mode, with, place,
			    employer ? ", on the person's behalf" : "",
			    k->attended ? "" : ": did not take place");
}

struct result app_contact_add(struct app *app, const struct actor *who, int64_t client_id,
			      const struct contact_form *in)
{
	struct result r = result_new(app->arena);
	struct client c = {0};
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	bool from_employer = client_id == 0;   /* the employer's page: the employer is the subject */
	struct employer emp = {0};
	bool have_emp = contact_employer(app, who, in->employer_id, &emp);
	if (from_employer && !have_emp) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	if (!from_employer &&
	    (store_client_get(app->store, app->arena, client_id, &c) != IPS_OK || !scope_client(app, who, &c))) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	struct contact k = {.staff_id = who->staff_id, .attended = true, .minutes = -1};
	const struct referral *ref = NULL;
	struct referral on_behalf;
	if (!from_employer) {
		ref = contact_referral(app, client_id, in->referral_id, &r);
		if (r.code == RES_FAILED)
			return r;
		if (!ref)
			result_field(&r, "referral_id", "Choose the referral this contact belongs to");
	} else if (nz(in->referral_id)) {
		/* on behalf of a person: any referral of a person the actor may see */
		int rid = -1;
		if (opt_int(in->referral_id, 1, 2000000000, &rid) && rid > 0 &&
		    store_referral_get(app->store, app->arena, rid, &on_behalf) == IPS_OK &&
		    store_client_get(app->store, app->arena, on_behalf.client_id, &c) == IPS_OK &&
		    scope_client(app, who, &c))
			ref = &on_behalf;
		else
			result_field(&r, "referral_id", "Choose the person this contact was on behalf of from the list");
	}

	/* the columns of contacts.csv, by the import's own rules */
	k.date = validate_carried_date(app, &r, IC_CONTACT, "date", "date", in->date, "date of the contact", true);
	k.with = nz(in->with);
	bool with_employer = k.with && strcmp(k.with, "employer") == 0;
	if (!k.with || !csv_accepts(IC_CONTACT, "with", k.with, NULL))
		result_field(&r, "with", "Choose who the contact was with");
	else if (from_employer && !with_employer)
		result_field(&r, "with", "A contact recorded on an employer's page is with the employer");
	else if (with_employer && !have_emp)
		result_field(&r, "employer_id", nz(in->employer_id) ? "Choose an employer from the list"
								     : "Choose the employer the contact was with");
	k.mode = nz(in->mode);
	if (!k.mode || !csv_accepts(IC_CONTACT, "mode", k.mode, NULL))
		result_field(&r, "mode", "Choose how the contact happened");
	k.place = nz(in->place);
	if (k.place && !csv_accepts(IC_CONTACT, "place", k.place, NULL))
		result_field(&r, "place", "Choose where the contact happened");
	else if (!k.place && k.mode && strcmp(k.mode, "face_to_face") == 0)
		result_field(&r, "place", "Choose where the face to face contact happened");
	struct ic_value v;
	if (!csv_accepts(IC_CONTACT, "minutes", in->minutes, &v))
		result_field(&r, "minutes", "Minutes must be a whole number from 0 to 1440");
	else
		k.minutes = v.text ? (int)v.num : -1;
	if (!csv_accepts(IC_CONTACT, "attended", in->attended, &v))   /* empty: the default, yes */
		result_field(&r, "attended", "Choose whether the contact took place");
	else
		k.attended = v.num != 0;
	k.note = nz(in->note);
	const char *why;
	if (k.note && !valid_text(k.note, 8000, true, &why))
		result_field(&r, "note", why);
	if (!result_ok(&r))
		return r;
	k.referral_id = ref ? ref->id : 0;
	k.employer_id = with_employer ? emp.id : 0;
	if (ref && (strcmp(k.date, ref->received_on) < 0 || (ref->closed_on && strcmp(k.date, ref->closed_on) > 0)))
		result_warn(&r, "date", "This contact is dated outside the referral's open dates");
	if (ref && with_employer && c.consent_contact_employers == 0)
		result_warn(&r, "referral_id", "This person has said employers should not be contacted for them: "
					       "check with them before contacting employers on their behalf");

	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = store_contact_insert(app->store, &k, app->now_iso, &r.id);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "contact.create", "contact", r.id,
			       with_employer ? "referral_id,employer_id,date,with,mode,place,minutes,attended,note"
					     : "referral_id,date,with,mode,place,minutes,attended,note");
	if (rc == IPS_OK && ref)
		rc = timeline(app, who, ref->client_id, ref->id, k.date, "contact",
			      contact_summary(app, &k, with_employer ? emp.name : NULL));
	if (rc == IPS_OK && ref) {   /* in-work support: the contact may meet a due item */
		k.id = r.id;
		rc = support_contact_recorded(app, who, ref->client_id, &k, with_employer);
	}
	r.client_id = ref ? ref->client_id : 0;
	return finish(app, rc, r);
}

struct result app_contact_people(struct app *app, const struct actor *who, int64_t for_client,
				 struct contact_person **out, size_t *n)
{
	struct result r = result_new(app->arena);
	*out = NULL;
	*n = 0;
	if (!(who->role & (ROLE_SPECIALIST | ROLE_TEAM_LEADER))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (!who->site_id)
		return r;
	if (store_contact_people(app->store, app->arena, who->site_id,
				 (who->role & ROLE_SPECIALIST) ? who->staff_id : 0, out, n) != IPS_OK) {
		result_set(&r, RES_FAILED, "The caseload could not be read");
		return r;
	}
	for (size_t i = 0; i < *n; i++)
		if ((*out)[i].client_id == for_client)
			return r;
	struct client c;
	struct referral *refs;
	size_t nrefs;
	if (for_client <= 0 || store_client_get(app->store, app->arena, for_client, &c) != IPS_OK ||
	    !scope_client_edit(who, &c) ||
	    store_referrals_of_client(app->store, app->arena, for_client, &refs, &nrefs) != IPS_OK || nrefs == 0)
		return r;
	struct contact_person *all = arena_alloc(app->arena, (*n + 1) * sizeof *all);
	all[0] = (struct contact_person){.referral_id = refs[0].id, .client_id = c.id,
					 .given_name = c.given_name, .family_name = c.family_name};
	if (*n)
		memcpy(all + 1, *out, *n * sizeof *all);
	*out = all;
	(*n)++;
	return r;
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
	if (store_caseload(app->store, app->arena, specialist_id, app->today_iso, &out->rows, &out->n) != IPS_OK) {
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
	return audit_read(app, who, "caseload.view", "staff", specialist_id, "", r);
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
	if (store_caseload(app->store, app->arena, sf.id, app->today_iso, &rows, &n) != IPS_OK) {
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
