/* app/support.h — finding and keeping work (issue 3): a person's job-search pipeline,
 * the in-work support schedule of their jobs (core/support.c's rules, kept in
 * support_item) and a specialist's week of employer visits. Scope and audit as for
 * contacts and jobs: specialists and team leaders of the person's site change them;
 * clinicians of the person's team read them with the record. */
#ifndef IPS_APP_SUPPORT_H
#define IPS_APP_SUPPORT_H
#include "app/app.h"

/* ---- job search (app/applications.c) ------------------------------------------------ */
/* As typed. vacancy: a vacancy id; when given, employer and title come from it, kind
 * is "vacancy" and, with no date given, it was identified today (the "Matching
 * vacancies" button posts only vacancy=ID). */
struct application_form {
	const char *referral_id, *vacancy, *employer_id, *title, *kind, *identified_on, *applied_on,
		*interview_on, *offer_on, *outcome, *outcome_on, *note;
};
/* A new step of the person's job search; r.id is the application. Field errors name
 * the fields of the form; dates must run in order (applied not before identified, an
 * interview not before the application, an offer not before the interview, the
 * outcome not before the last stage). */
struct result app_application_add(struct app *app, const struct actor *who, int64_t client_id,
				  const struct application_form *in);
/* Moves a step on: its stage dates, outcome and note (title, employer and kind stay).
 * saved (may be NULL): the step as saved, when the result is ok. */
struct result app_application_update(struct app *app, const struct actor *who, int64_t client_id,
				     int64_t application_id, const struct application_form *in,
				     struct application *saved);
/* One step of the person's, for the edit form (specialists and team leaders); showing
 * it is a read of their record, audited (client.view, fields "application"). */
struct result app_application_get(struct app *app, const struct actor *who, int64_t client_id,
				  int64_t application_id, struct application *out);
/* The person's job search, newest first (read with their record, whose view is audited). */
struct result app_applications_of_client(struct app *app, const struct actor *who, int64_t client_id,
					 struct application **out, size_t *n);
/* The stage a step has reached, in words: "Found", "Applied", "Interview", "Offer",
 * "Started", "Not successful". */
const char *application_stage(const struct application *a);

/* ---- in-work support (app/support.c) ------------------------------------------------ */
/* Every support item of the person's jobs, by window end (with their record). */
struct result app_support_of_client(struct app *app, const struct actor *who, int64_t client_id,
				    struct support_row **out, size_t *n);
/* Due and overdue items (open, window begun by today): a specialist their own people's;
 * a team leader their site's, by specialist (specialist_id 0: every specialist, else
 * one of their site's). Reading the list is audited (it names people). */
struct result app_support_due(struct app *app, const struct actor *who, int64_t specialist_id,
			      struct support_row **out, size_t *n);

/* A specialist's face-to-face employer contacts (attended, with an employer, recorded by
 * them) in this week and the four before it, Monday to Sunday, Europe/London. */
#define EMPLOYER_VISIT_TARGET 6
#define EMPLOYER_VISIT_WEEKS 5
struct employer_visits {
	day_t monday[EMPLOYER_VISIT_WEEKS];   /* [0] this week, [1] last week, ... */
	int count[EMPLOYER_VISIT_WEEKS];
	int target;
};
struct result app_employer_visits(struct app *app, const struct actor *who, struct employer_visits *out);

/* ---- hooks the use cases call inside their own transaction (0 or IPS_E*) -------------- */
/* A job was just inserted: makes its schedule. Items whose window had closed by the day
 * it is recorded are missed, unless a contact already recorded in the window meets
 * them; a job recorded with its end already has the rest cancelled and a job-loss
 * item (core/support.h). */
int support_job_started(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id);
/* A job's end was just recorded for the first time. */
int support_job_ended(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id,
		      const char *ended_on);
/* A contact was just inserted: when it counts (support_contact_counts), it meets the
 * earliest open item of the person's jobs whose window holds it. on_behalf: an employer
 * contact for this person. */
int support_contact_recorded(struct app *app, const struct actor *who, int64_t client_id,
			     const struct contact *k, bool on_behalf);
/* Links a job just inserted to the job-search step it came from (an application of
 * the same person whose outcome is "started" and that has no job yet). RES_INVALID on
 * r (field application_id) when it is not one. */
void application_check_link(struct app *app, struct result *r, int64_t client_id, const char *application_id,
			    int64_t *out_id);
int application_link_job(struct app *app, const struct actor *who, int64_t application_id, int64_t job_id);

#endif
