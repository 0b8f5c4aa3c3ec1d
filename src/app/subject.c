/* app/subject.c — subject access (UK GDPR article 15): everything ipsdesk holds about
 * one person, with the audit entries of who viewed or changed their record, gathered
 * in one transaction with the audit entry that records the request. Only team leaders
 * of the person's site and admins may produce it; it must never be produced unaudited. */
#include <stdlib.h>
#include <string.h>
#include <jansson.h>
#include "app/internal.h"
#include "core/validate.h"
#include "util/arena.h"
#include "util/buf.h"

struct result app_subject_access(struct app *app, const struct actor *who, int64_t client_id,
				 struct subject_access *out)
{
	struct result r = result_new(app->arena);
	memset(out, 0, sizeof *out);
	if (!(who->role & (ROLE_TEAM_LEADER | ROLE_ADMIN))) {
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	/* out of scope reads as not there, as for app_client_view */
	if (store_client_get(app->store, app->arena, client_id, &out->client) != IPS_OK ||
	    !scope_client(app, who, &out->client)) {
		result_set(&r, RES_NOT_FOUND, NULL);
		return r;
	}
	out->produced_at = app->now_iso;
	out->produced_by = who->username ? who->username : "system";

	/* The entry first, then every read in the same transaction: one snapshot, and the
	 * list of audit entries handed over ends with the entry for this very request. */
	int rc = store_begin(app->store);
	if (rc == IPS_OK)
		rc = app_audit(app, who, "subject_access", "client", client_id, "");
	if (rc == IPS_OK) {
		rc = store_profile_get(app->store, app->arena, client_id, &out->profile);
		if (rc == IPS_ENOTFOUND) {
			memset(&out->profile, 0, sizeof out->profile);
			out->profile.client_id = client_id;
			out->profile.hours_min = out->profile.hours_max = out->profile.travel_miles = -1;
			out->profile.pay_min = -1;
			rc = IPS_OK;
		}
	}
	if (rc == IPS_OK)
		rc = store_referrals_of_client(app->store, app->arena, client_id, &out->referrals, &out->nreferrals);
	if (rc == IPS_OK)
		rc = store_contacts_of_client(app->store, app->arena, client_id, 0, &out->contacts, &out->ncontacts, NULL);
	if (rc == IPS_OK)
		rc = store_jobs_of_client(app->store, app->arena, client_id, &out->jobs, &out->njobs);
	if (rc == IPS_OK)
		rc = store_events_of_client(app->store, app->arena, client_id, 0, &out->events, &out->nevents, NULL);
	if (rc == IPS_OK)
		rc = store_applications_of_client(app->store, app->arena, client_id, &out->applications,
						  &out->napplications);
	if (rc == IPS_OK)
		rc = store_benefits_advice_of_client(app->store, app->arena, client_id, &out->benefits,
						     &out->nbenefits);
	if (rc == IPS_OK) {
		rc = store_cv_get(app->store, app->arena, client_id, &out->cv);
		if (rc == IPS_ENOTFOUND) {
			memset(&out->cv, 0, sizeof out->cv);
			out->cv.client_id = client_id;
			rc = IPS_OK;
		}
	}
	if (rc == IPS_OK)
		rc = store_support_of_client(app->store, app->arena, client_id, &out->support, &out->nsupport);
	if (rc == IPS_OK)
		rc = store_audit_of_client(app->store, app->arena, client_id, &out->audit, &out->naudit);
	r.id = client_id;
	return finish(app, rc, r);
}

struct result app_subject_access_by_ref(struct app *app, const struct actor *who, const char *ref,
					struct subject_access *out)
{
	struct ic_target t = {0};
	if (!(who->role & (ROLE_TEAM_LEADER | ROLE_ADMIN))) {
		struct result r = result_new(app->arena);
		result_set(&r, RES_REFUSED, NULL);
		return r;
	}
	if (!ref || store_ic_lookup(app->store, IC_CLIENT, ref, &t) != IPS_OK)
		t.id = 0;   /* no such person: app_subject_access answers not found */
	return app_subject_access(app, who, t.id, out);
}

/* ---- JSON ---------------------------------------------------------------------------- */

/* A string or null (jansson refuses invalid UTF-8 with NULL: kept as null, never lost
 * silently: the stored text was checked as UTF-8 when it was written). */
static json_t *jstr(const char *s)
{
	json_t *v = s ? json_string(s) : NULL;
	return v ? v : json_null();
}

static json_t *jcount(int v)
{
	return v < 0 ? json_null() : json_integer(v);
}

/* An amount held in hundredths as exact decimal text: hours "16.5", pounds "12.21". */
static json_t *hundredths(int64_t v, bool pounds)
{
	if (v < 0)
		return json_null();
	char t[32];
	if (pounds)
		format_pence(v, t);
	else
		format_hundredths(v, t);
	return json_string(t);
}

static const char *referral_ref(const struct subject_access *sa, int64_t id)
{
	for (size_t i = 0; i < sa->nreferrals; i++)
		if (sa->referrals[i].id == id)
			return sa->referrals[i].ref;
	return NULL;
}

static json_t *person_json(const struct client *c)
{
	json_t *o = json_object();
	json_object_set_new(o, "client_ref", jstr(c->ref));
	json_object_set_new(o, "nhs_number", jstr(c->nhs_number));
	json_object_set_new(o, "given_name", jstr(c->given_name));
	json_object_set_new(o, "family_name", jstr(c->family_name));
	json_object_set_new(o, "birth_date", jstr(c->birth_date));
	json_object_set_new(o, "gender", jstr(c->gender));
	json_object_set_new(o, "ethnic_category", jstr(c->ethnic_category));
	json_object_set_new(o, "postcode", jstr(c->postcode));
	json_object_set_new(o, "address", jstr(c->address));
	json_object_set_new(o, "phone", jstr(c->phone));
	json_object_set_new(o, "email", jstr(c->email));
	json_object_set_new(o, "care_coordinator", jstr(c->care_coordinator));
	json_object_set_new(o, "service", jstr(c->site_name));
	json_object_set_new(o, "consent_on", jstr(c->consent_on));
	json_object_set_new(o, "consent_contact_employers",
			    c->consent_contact_employers < 0 ? json_null() : json_boolean(c->consent_contact_employers));
	json_object_set_new(o, "consent_note", jstr(c->consent_note));
	json_object_set_new(o, "created_at", jstr(c->created_at));
	json_object_set_new(o, "updated_at", jstr(c->updated_at));
	return o;
}

static json_t *profile_json(const struct profile *p)
{
	if (!p->updated_at)
		return json_null();
	json_t *o = json_object();
	json_object_set_new(o, "work_history", jstr(p->work_history));
	json_object_set_new(o, "job_types", jstr(p->job_types));
	json_object_set_new(o, "hours_min", jcount(p->hours_min));
	json_object_set_new(o, "hours_max", jcount(p->hours_max));
	json_object_set_new(o, "places", jstr(p->places));
	json_object_set_new(o, "travel_miles", jcount(p->travel_miles));
	json_object_set_new(o, "travel_means", jstr(p->travel_means));
	json_object_set_new(o, "disclosure", jstr(p->disclosure));
	json_object_set_new(o, "strengths", jstr(p->strengths));
	json_object_set_new(o, "support_needs", jstr(p->support_needs));
	json_object_set_new(o, "career_goals", jstr(p->career_goals));
	json_object_set_new(o, "updated_at", jstr(p->updated_at));
	return o;
}

static json_t *referral_json(const struct referral *f)
{
	json_t *o = json_object();
	json_object_set_new(o, "referral_ref", jstr(f->ref));
	json_object_set_new(o, "received_on", jstr(f->received_on));
	json_object_set_new(o, "source", jstr(f->source));
	json_object_set_new(o, "employment_status", jstr(f->employment_status));
	json_object_set_new(o, "team", jstr(f->team_name));
	json_object_set_new(o, "employment_specialist", jstr(f->specialist_name));
	json_object_set_new(o, "allocated_on", jstr(f->allocated_on));
	json_object_set_new(o, "referrer_name", jstr(f->referrer_name));
	json_object_set_new(o, "referrer_contact", jstr(f->referrer_contact));
	json_object_set_new(o, "reason", jstr(f->reason));
	json_object_set_new(o, "next_step", jstr(f->next_step));
	json_object_set_new(o, "closed_on", jstr(f->closed_on));
	json_object_set_new(o, "close_reason", jstr(f->close_reason));
	json_object_set_new(o, "created_at", jstr(f->created_at));
	return o;
}

static json_t *contact_json(const struct subject_access *sa, const struct contact *k)
{
	json_t *o = json_object();
	json_object_set_new(o, "contact_ref", jstr(k->ref));
	json_object_set_new(o, "referral_ref", jstr(referral_ref(sa, k->referral_id)));
	json_object_set_new(o, "date", jstr(k->date));
	json_object_set_new(o, "with", jstr(k->with));
	json_object_set_new(o, "employer", jstr(k->employer_name));
	json_object_set_new(o, "mode", jstr(k->mode));
	json_object_set_new(o, "place", jstr(k->place));
	json_object_set_new(o, "minutes", jcount(k->minutes));
	json_object_set_new(o, "attended", json_boolean(k->attended));
	json_object_set_new(o, "staff", jstr(k->staff_name));
	json_object_set_new(o, "note", jstr(k->note));
	json_object_set_new(o, "created_at", jstr(k->created_at));
	return o;
}

static json_t *job_json(const struct subject_access *sa, const struct job_row *row)
{
	const struct job *j = &row->job;
	json_t *o = json_object();
	json_object_set_new(o, "job_ref", jstr(j->ref));
	json_object_set_new(o, "referral_ref", jstr(referral_ref(sa, j->referral_id)));
	json_object_set_new(o, "employer", jstr(row->employer_name));
	json_object_set_new(o, "title", jstr(j->title));
	json_object_set_new(o, "job_type", jstr(j->job_type));
	json_object_set_new(o, "started_on", jstr(j->started_on));
	json_object_set_new(o, "ended_on", jstr(j->ended_on));
	json_object_set_new(o, "end_reason", jstr(j->end_reason));
	json_object_set_new(o, "hours_per_week", hundredths(j->hours_per_week, false));
	json_object_set_new(o, "hourly_wage_pounds", hundredths(j->hourly_wage, true));
	json_object_set_new(o, "competitive", json_boolean(j->competitive));
	return o;
}

/* The matching preferences of the vocational profile (004_vacancies.sql): what the
 * vacancy matching reads, as stored (SOC 2020 codes and condition codes). */
static json_t *preferences_json(const struct profile *p)
{
	if (!p->updated_at)
		return json_null();
	json_t *o = json_object();
	json_t *codes = json_array();
	const char *f = p->job_type_codes ? p->job_type_codes : "";
	while (*f) {
		size_t n = strcspn(f, ",");
		if (n)
			json_array_append_new(codes, json_stringn(f, n));
		f += n + (f[n] == ',');
	}
	json_object_set_new(o, "job_type_codes", codes);
	json_object_set_new(o, "pay_min_pounds", hundredths(p->pay_min, true));
	json_t *avoid = json_array();
	f = p->avoid ? p->avoid : "";
	while (*f) {
		size_t n = strcspn(f, ",");
		if (n)
			json_array_append_new(avoid, json_stringn(f, n));
		f += n + (f[n] == ',');
	}
	json_object_set_new(o, "avoid", avoid);
	json_object_set_new(o, "travel_miles", jcount(p->travel_miles));
	json_object_set_new(o, "hours_min", jcount(p->hours_min));
	json_object_set_new(o, "hours_max", jcount(p->hours_max));
	return o;
}

static const char *job_ref(const struct subject_access *sa, int64_t id)
{
	for (size_t i = 0; i < sa->njobs; i++)
		if (sa->jobs[i].job.id == id)
			return sa->jobs[i].job.ref;
	return NULL;
}

static json_t *application_json(const struct subject_access *sa, const struct application *a)
{
	json_t *o = json_object();
	json_object_set_new(o, "referral_ref", jstr(referral_ref(sa, a->referral_id)));
	json_object_set_new(o, "kind", jstr(a->kind));
	json_object_set_new(o, "title", jstr(a->title));
	json_object_set_new(o, "employer", jstr(a->employer_name));
	json_object_set_new(o, "identified_on", jstr(a->identified_on));
	json_object_set_new(o, "applied_on", jstr(a->applied_on));
	json_object_set_new(o, "interview_on", jstr(a->interview_on));
	json_object_set_new(o, "offer_on", jstr(a->offer_on));
	json_object_set_new(o, "outcome", jstr(a->outcome));
	json_object_set_new(o, "outcome_on", jstr(a->outcome_on));
	json_object_set_new(o, "job_ref", a->job_id ? jstr(job_ref(sa, a->job_id)) : json_null());
	json_object_set_new(o, "note", jstr(a->note));
	json_object_set_new(o, "created_at", jstr(a->created_at));
	json_object_set_new(o, "updated_at", jstr(a->updated_at));
	return o;
}

static json_t *benefits_json(const struct benefits_advice *b)
{
	json_t *o = json_object();
	json_object_set_new(o, "date", jstr(b->date));
	json_object_set_new(o, "staff", jstr(b->staff_name));
	json_object_set_new(o, "covered", jstr(b->covered));
	json_object_set_new(o, "follow_up", jstr(b->follow_up));
	json_object_set_new(o, "created_at", jstr(b->created_at));
	return o;
}

static json_t *cv_json(const struct cv *cv)
{
	if (!cv->updated_at)
		return json_null();
	json_t *o = json_object();
	json_object_set_new(o, "statement", jstr(cv->statement));
	json_object_set_new(o, "skills", jstr(cv->skills));
	json_object_set_new(o, "work_history", jstr(cv->work_history));
	json_object_set_new(o, "education", jstr(cv->education));
	json_object_set_new(o, "interests", jstr(cv->interests));
	json_object_set_new(o, "references_note", jstr(cv->references_note));
	json_object_set_new(o, "updated_at", jstr(cv->updated_at));
	return o;
}

static json_t *support_json(const struct subject_access *sa, const struct support_row *it)
{
	json_t *o = json_object();
	json_object_set_new(o, "job_ref", jstr(job_ref(sa, it->job_id)));
	json_object_set_new(o, "job", jstr(it->job_title));
	json_object_set_new(o, "employer", jstr(it->employer_name));
	json_object_set_new(o, "kind", jstr(it->kind));
	json_object_set_new(o, "seq", json_integer(it->seq));
	json_object_set_new(o, "window_from", jstr(it->window_from));
	json_object_set_new(o, "window_to", jstr(it->window_to));
	json_object_set_new(o, "status", jstr(it->status));
	json_object_set_new(o, "met_by_contact_on", jstr(it->contact_date));
	return o;
}

static json_t *audit_json(const struct audit_entry *e)
{
	json_t *o = json_object();
	json_object_set_new(o, "seq", json_integer(e->seq));
	json_object_set_new(o, "log", json_string(e->read_log ? "reads" : "changes"));
	json_object_set_new(o, "at", jstr(e->at));
	json_object_set_new(o, "actor", jstr(e->actor));
	json_object_set_new(o, "action", jstr(e->action));
	json_object_set_new(o, "entity", jstr(e->entity));
	json_object_set_new(o, "entity_id", json_integer(e->entity_id));
	json_t *fields = json_array();
	const char *f = e->fields ? e->fields : "";
	while (*f) {
		size_t n = strcspn(f, ",");
		if (n)
			json_array_append_new(fields, json_stringn(f, n));
		f += n + (f[n] == ',');
	}
	json_object_set_new(o, "fields", fields);
	return o;
}

int app_subject_json(const struct subject_access *sa, struct buf *b)
{
	json_t *root = json_object();
	json_object_set_new(root, "format", json_string("ipsdesk-subject-access"));
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "produced_at", jstr(sa->produced_at));
	json_object_set_new(root, "produced_by", jstr(sa->produced_by));
	json_object_set_new(root, "person", person_json(&sa->client));
	json_object_set_new(root, "vocational_profile", profile_json(&sa->profile));
	json_t *a = json_array();
	for (size_t i = 0; i < sa->nreferrals; i++)
		json_array_append_new(a, referral_json(&sa->referrals[i]));
	json_object_set_new(root, "referrals", a);
	a = json_array();
	for (size_t i = 0; i < sa->ncontacts; i++)
		json_array_append_new(a, contact_json(sa, &sa->contacts[i]));
	json_object_set_new(root, "contacts", a);
	a = json_array();
	for (size_t i = 0; i < sa->njobs; i++)
		json_array_append_new(a, job_json(sa, &sa->jobs[i]));
	json_object_set_new(root, "jobs", a);
	a = json_array();
	for (size_t i = 0; i < sa->nevents; i++) {
		const struct client_event *e = &sa->events[i];
		json_array_append_new(a, json_pack("{s:o,s:o,s:o,s:o}", "on_date", jstr(e->on_date), "at", jstr(e->at),
						   "kind", jstr(e->kind), "summary", jstr(e->summary)));
	}
	json_object_set_new(root, "timeline", a);
	json_object_set_new(root, "matching_preferences", preferences_json(&sa->profile));
	a = json_array();
	for (size_t i = 0; i < sa->napplications; i++)
		json_array_append_new(a, application_json(sa, &sa->applications[i]));
	json_object_set_new(root, "job_search", a);
	a = json_array();
	for (size_t i = 0; i < sa->nbenefits; i++)
		json_array_append_new(a, benefits_json(&sa->benefits[i]));
	json_object_set_new(root, "benefits_advice", a);
	json_object_set_new(root, "cv", cv_json(&sa->cv));
	a = json_array();
	for (size_t i = 0; i < sa->nsupport; i++)
		json_array_append_new(a, support_json(sa, &sa->support[i]));
	json_object_set_new(root, "in_work_support", a);
	a = json_array();
	for (size_t i = 0; i < sa->naudit; i++)
		json_array_append_new(a, audit_json(&sa->audit[i]));
	json_object_set_new(root, "audit", a);

	char *text = json_dumps(root, JSON_INDENT(2));
	json_decref(root);
	if (!text)
		return IPS_EIO;
	buf_adds(b, text);
	buf_addc(b, '\n');
	free(text);
	return IPS_OK;
}
