/* app/app.h — the use-case layer: one function per thing a user does. Each checks
 * permission and scope, validates with core/, writes through store/ in one transaction
 * and appends the audit entry in that same transaction. Web pages, the JSON API and
 * CSV import all come through here, so the rules live in one place. */
#ifndef IPS_APP_H
#define IPS_APP_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>
#include "core/date.h"
#include "store/store.h"

struct arena;

/* Roles as bits, so a route can allow several. ROLE_PUBLIC is nobody signed in. */
enum role {
	ROLE_PUBLIC = 1 << 0,
	ROLE_SPECIALIST = 1 << 1,
	ROLE_TEAM_LEADER = 1 << 2,
	ROLE_CLINICIAN = 1 << 3,
	ROLE_ADMIN = 1 << 4,
	ROLE_AUDITOR = 1 << 5,
	ROLE_REVIEWER = 1 << 6,
	ROLE_COMMISSIONER = 1 << 7,
};
#define ROLE_SIGNED_IN (ROLE_SPECIALIST | ROLE_TEAM_LEADER | ROLE_CLINICIAN | ROLE_ADMIN | \
			ROLE_AUDITOR | ROLE_REVIEWER | ROLE_COMMISSIONER)
#define ROLE_ANYONE (ROLE_PUBLIC | ROLE_SIGNED_IN)
#define ROLE_CASEWORK (ROLE_SPECIALIST | ROLE_TEAM_LEADER)

/* The role bit for a stored role code ("team_leader"), or 0. */
unsigned role_from_code(const char *code);
const char *role_code(unsigned role);

/* Who is acting. A public visitor has role ROLE_PUBLIC and account_id 0. */
struct actor {
	unsigned role;
	int64_t account_id, staff_id, team_id, site_id;
	const char *username, *name, *team_name;
	int fte;
};

/* Everything a use case needs for one request or command. */
struct app {
	struct store *store;
	struct arena *arena;                 /* per request */
	const unsigned char *audit_key;      /* AUDIT_KEY_BYTES */
	const char *request_id;
	time_t now;
	day_t today;                         /* Europe/London */
	char now_iso[21];                    /* 2026-11-22T13:45:00Z */
	char today_iso[11];
	/* Set by the server: the request's views are kept here for it to have written
	 * (store_read_audit_submit) before the answer leaves. NULL: each is written at
	 * once, and the use case fails if it cannot be. */
	struct app_views *views;
};
struct app_views {
	struct audit_entry *e;   /* in the request's arena */
	size_t n, cap;
};

/* Fills the clock fields from now (UTC). */
void app_set_clock(struct app *app, time_t now);

/* ---- results: one shape for every use case ---------------------------------------- */
enum result_code {
	RES_OK = 0,
	RES_INVALID,     /* field errors: the form again, or JSON 422 */
	RES_REFUSED,     /* not allowed: 403 */
	RES_NOT_FOUND,   /* 404 (also for records out of scope, so their existence is not told) */
	RES_LIMITED,     /* throttled: 429 */
	RES_FAILED,      /* the store failed: 500, nothing written */
	RES_CONFLICT,    /* fidelity reviews: the record is locked (signed off): 409 */
};
struct field_error {
	const char *field, *message;
};
struct result {
	enum result_code code;
	struct field_error *errors, *warnings;
	size_t nerrors, nwarnings, caperrors, capwarnings;
	int64_t id;                  /* the record made or changed */
	int64_t client_id;           /* the person that record belongs to, when it is not the
				      * person themselves (a referral, a contact); else 0 */
	struct arena *arena;
};
struct result result_new(struct arena *a);
bool result_ok(const struct result *r);
/* Adds a field error (the first for a field wins) and sets RES_INVALID. */
void result_field(struct result *r, const char *field, const char *message);
void result_warn(struct result *r, const char *field, const char *message);
void result_set(struct result *r, enum result_code code, const char *message);
/* The message for a field, or NULL. */
const char *result_error_for(const struct result *r, const char *field);

/* ---- audit ------------------------------------------------------------------------- */
/* Appends an audit entry for who, in the caller's transaction. fields names the fields
 * changed (comma-separated), never their values. */
int app_audit(struct app *app, const struct actor *who, const char *action,
	      const char *entity, int64_t entity_id, const char *fields);
/* Reads from here to app_snapshot_end see one snapshot of the database: for a page
 * that calls several app functions that read (store_snapshot_begin; nests). */
void app_snapshot_begin(struct app *app);
void app_snapshot_end(struct app *app);
/* One change made of several use cases, as an API PATCH is: the stored record read, the
 * members sent laid over it, the update. Begin opens one write transaction around them
 * (theirs nest in it as savepoints), so that no other change can land between that read
 * and that write and be written over; its result is ok, or failed (nothing can be
 * saved). End commits when *r is ok (a commit that fails makes *r that failure), else
 * rolls back. */
struct result app_change_begin(struct app *app);
void app_change_end(struct app *app, struct result *r);
/* One view to audit: who is the caller's actor, time and request the app's. */
struct audit_view {
	const char *action, *entity;
	int64_t entity_id;
	const char *fields;
};
/* Appends views to the read log (store_read_audit_append), in a transaction of their
 * own: call outside any transaction of the database. With app->views set, keeps them
 * there for the server to have written before its answer leaves. */
int app_audit_views(struct app *app, const struct actor *who, const struct audit_view *v, size_t n);
/* The views kept in app->views, written now (waiting), or queued: written(ctx, rc) is
 * called, on another thread, once they are in the read log or could not be
 * (store_read_audit_submit; the views must stay valid till then). */
int app_views_write(struct app *app);
int app_views_submit(struct app *app, void (*written)(void *ctx, int rc), void *ctx);
/* What a person is told when their view could not be audited, so is not shown. */
extern const char APP_VIEW_NOT_AUDITED[];
/* The same for the answer to a change that was made (an API write answers with the
 * record it wrote, read back as a view): it must not be sent again. */
extern const char APP_SAVED_VIEW_NOT_AUDITED[];
/* The audit key file beside a database: "<db>.auditkey". */
char *audit_key_path(struct arena *a, const char *db_path);
/* Makes a new random key file (mode 0600); refuses to overwrite one. */
int audit_key_create(const char *db_path);
int audit_key_load(const char *db_path, unsigned char key[AUDIT_KEY_BYTES]);
struct audit_report {
	int64_t count, bad_seq;
	char head_hex[2 * AUDIT_HASH_BYTES + 1];
	bool expected_ok;   /* the expected head ("COUNT:HASH") is still in the chain */
	/* the read log's chain (store/readlog.c): IPS_OK, IPS_ETAMPERED (at reads_bad_seq)
	 * or an error reading it */
	int reads_rc;
	int64_t reads_count, reads_bad_seq;
	char reads_head_hex[2 * AUDIT_HASH_BYTES + 1];
};
/* Verifies the database's chain and the read log's; with expect (a head of the
 * database's chain printed earlier, "COUNT:HASH"), also checks that entry COUNT still
 * has that hash, which catches removal of the newest entries. IPS_ETAMPERED when
 * either chain is broken. */
int app_audit_verify(struct app *app, const char *expect, struct audit_report *out);
struct result app_audit_search(struct app *app, const struct actor *who,
			       const struct audit_query *q, struct audit_entry **out, size_t *n);

/* ---- accounts and sign-in ---------------------------------------------------------------- */
/* argon2id (64 MiB), at most two at a time in this process. out: crypto_pwhash_STRBYTES. */
int app_password_hash(const char *password, char *out);
bool app_password_check(const char *hash, const char *password);
/* Rules for a new password: 12-200 characters. */
bool app_password_acceptable(const char *password, const char **why);
/* Signs in: on success *account_id is set. Refuses with the same message for an
 * unknown name, a wrong password or a disabled account; RES_LIMITED when throttled
 * (by account name and by client address). */
struct result app_sign_in(struct app *app, const char *username, const char *password,
			  const char *client_addr, int64_t *account_id);
/* Loads the actor for an account; false when it is gone or disabled. */
bool app_actor_load(struct app *app, int64_t account_id, struct actor *out);
/* Sessions: token is 43 characters of URL-safe base64 (out: 64 bytes), csrf likewise. */
int app_session_start(struct app *app, int64_t account_id, char *token, char *csrf);
/* Looks a token up; false when unknown or idle past SESSION_IDLE_SECONDS (then it is
 * deleted). Touches last_seen at most once a minute. */
bool app_session_find(struct app *app, const char *token, int64_t *account_id, const char **csrf);
void app_session_end(struct app *app, const char *token);
/* Constant-time comparison of two tokens of the same length. */
bool app_token_equal(const char *a, const char *b);
#define SESSION_IDLE_SECONDS (30 * 60)
/* Deletes sessions idle past expiry. */
int app_sessions_purge(struct app *app);
/* True when the database was made by `ipsdesk demo`. */
bool app_is_demo(struct app *app);
/* A fixed-window counter: true when key has had fewer than limit hits in window
 * seconds (and counts this one). */
bool app_rate_allow(struct app *app, const char *key, int limit, int window);

/* CLI use: staff and accounts. */
struct new_user {
	const char *username, *password, *name, *role, *team_code, *staff_code;
	int fte;
	const char *reviews;   /* a reviewer's sites: codes, comma-separated (NULL: none) */
};
struct result app_user_add(struct app *app, const struct new_user *in);
struct result app_user_passwd(struct app *app, const char *username, const char *password);
struct result app_user_disable(struct app *app, const char *username, bool disabled);

/* ---- organisation ---------------------------------------------------------------- */
struct result app_site_add(struct app *app, const struct actor *who, const struct site *in);
struct result app_team_add(struct app *app, const struct actor *who, const char *site_code,
			   const struct team *in);
/* Teams a referral may be sent to by this actor (public: every team). */
int app_teams_for(struct app *app, const struct actor *who, struct team **out, size_t *n);
int app_sites(struct app *app, struct site **out, size_t *n);
/* Specialists of the actor's site, for allocation. */
int app_specialists_for(struct app *app, const struct actor *who, struct staff **out, size_t *n);

/* ---- people and referrals --------------------------------------------------------------- */
/* What a referral form sends, as text exactly as typed (NULL or "" for empty). */
struct referral_form {
	const char *given_name, *family_name, *nhs_number, *birth_date, *postcode, *phone,
		*email, *gender, *ethnic_category, *team, *site, *source, *received_on,
		*employment_status, *referrer_name, *referrer_contact, *reason, *consent,
		*care_coordinator;
};
/* A referral by a signed-in member of staff. On success r.id is the referral and
 * r.client_id the person made for it; possible duplicates, and anything saved that
 * looks wrong (a date of birth in the future), come back as warnings. */
struct result app_referral_create(struct app *app, const struct actor *who,
				  const struct referral_form *in);
/* The public self-referral: lands in the first team of the chosen site. r.id and
 * r.client_id as for app_referral_create; the warnings never tell a member of the
 * public who else is known to the service (no "duplicate" warning). */
struct result app_self_referral(struct app *app, const char *client_addr,
				const struct referral_form *in);
struct result app_referral_allocate(struct app *app, const struct actor *who, int64_t referral_id,
				    const char *specialist_id);
/* Moves an open referral to another team of its site (team leaders). */
struct result app_referral_move(struct app *app, const struct actor *who, int64_t referral_id,
				const char *team_id);
struct result app_referral_close(struct app *app, const struct actor *who, int64_t referral_id,
				 const char *closed_on, const char *reason);
struct result app_referral_next_step(struct app *app, const struct actor *who, int64_t referral_id,
				     const char *next_step);
/* One referral waiting for allocation in the team leader's site, as the inbox shows it
 * (RES_NOT_FOUND when it is not waiting there), audited as a view of that referral. */
struct result app_referral_waiting(struct app *app, const struct actor *who, int64_t id, struct referral *out);
/* The team leader's inbox: open referrals waiting for allocation in their site. */
struct result app_inbox(struct app *app, const struct actor *who, struct referral **out, size_t *n);

/* Everything on a person's record page; reading it is audited. */
struct client_record {
	struct client client;
	struct profile profile;
	struct referral *referrals;
	size_t nreferrals;
	struct contact *contacts;       /* newest first, at most CLIENT_RECORD_RECENT unless all */
	size_t ncontacts, contacts_total;
	struct client_event *events;    /* likewise */
	size_t nevents, events_total;
	bool may_edit;                  /* specialist or team leader of the site */
};
/* How many contacts and timeline lines a record shows unless asked for all: a person
 * supported for years has hundreds, and the page stays quick to load and read. */
#define CLIENT_RECORD_RECENT 50
struct result app_client_view(struct app *app, const struct actor *who, int64_t client_id, bool all,
			      struct client_record *out);
/* Reads the person for an edit form (audited as a view). */
struct result app_client_get(struct app *app, const struct actor *who, int64_t client_id,
			     struct client *out);
struct client_form {
	const char *given_name, *family_name, *nhs_number, *birth_date, *postcode, *phone,
		*email, *address, *gender, *ethnic_category, *care_coordinator, *consent_on,
		*consent_contact_employers, *consent_note;
};
struct result app_client_update(struct app *app, const struct actor *who, int64_t client_id,
				const struct client_form *in);
struct profile_form {
	const char *work_history, *job_types, *hours_min, *hours_max, *places, *travel_miles,
		*travel_means, *disclosure, *strengths, *support_needs, *career_goals;
	/* matching (issue 3): comma-separated SOC codes, pounds an hour, condition codes */
	const char *job_type_codes, *pay_min, *avoid;
};
struct result app_profile_update(struct app *app, const struct actor *who, int64_t client_id,
				 const struct profile_form *in);
/* The stored profile, to change (the same roles and scope as app_profile_update; a read
 * of the record, audited as one): every field empty when there is none yet. */
struct result app_profile_get(struct app *app, const struct actor *who, int64_t client_id,
			      struct profile *out);
struct result app_people_search(struct app *app, const struct actor *who, const char *q,
				struct client_hit **out, size_t *n);

/* ---- contacts ---------------------------------------------------------------------- */
struct contact_form {
	const char *referral_id, *date, *with, *mode, *place, *minutes, *attended, *note;
	const char *employer_id;   /* required when with is employer */
};
/* Records a contact (contacts.csv rules). From a person's page client_id is the person
 * and referral_id picks one of their referrals (default: the newest). From an
 * employer's page client_id is 0: with must be employer, and referral_id, when given,
 * names the person the contact was on behalf of (an open or closed referral of the
 * actor's site). The employer must be of the actor's site. On success r.id is the
 * contact; warnings: the date is outside the referral's open dates, or the person has
 * not agreed to employers being contacted for them. */
struct result app_contact_add(struct app *app, const struct actor *who, int64_t client_id,
			      const struct contact_form *in);
/* The people an employer contact may be on behalf of: a specialist's own caseload, or
 * for a team leader every open, allocated referral of the site; and the person
 * for_client (0: none) with their newest referral when they are not already listed
 * and the actor may change their record. */
struct result app_contact_people(struct app *app, const struct actor *who, int64_t for_client,
				 struct contact_person **out, size_t *n);

/* ---- employers (app/employers.c): specialists and team leaders of the site ---------- */
struct employer_form {
	const char *name, *sector, *address, *postcode, *people, *notes;
};
/* On success r.id is the employer. */
struct result app_employer_add(struct app *app, const struct actor *who, const struct employer_form *in);
struct result app_employer_update(struct app *app, const struct actor *who, int64_t employer_id,
				  const struct employer_form *in);
/* Employers of the actor's site whose name contains q (NULL: all), by name, at most
 * limit (1-5000). */
struct result app_employers_search(struct app *app, const struct actor *who, const char *q, int limit,
				   struct employer_hit **out, size_t *n);
/* Every employer of the actor's site by name (id, name and postcode), to choose from. */
struct result app_employer_choices(struct app *app, const struct actor *who, struct employer_hit **out,
				   size_t *n);
/* An employer with every contact with them and the jobs people have had there;
 * reading it is audited (it names the people helped). */
struct employer_record {
	struct employer employer;
	struct employer_contact *contacts;
	size_t ncontacts;
	struct job_row *jobs;
	size_t njobs;
};
struct result app_employer_view(struct app *app, const struct actor *who, int64_t employer_id,
				struct employer_record *out);
/* The employer alone, for a form (not audited: it names nobody). */
struct result app_employer_get(struct app *app, const struct actor *who, int64_t employer_id,
			       struct employer *out);

/* ---- vacancies (app/vacancies.c) and matching (app/matching.c), issue 3 -------------- */
/* As typed. hourly_pay in pounds ("12.50"); hours a week ("16", "37.5"); closing_on
 * ISO (form_date); conditions comma-separated core/matching.h codes. */
struct vacancy_form {
	const char *employer_id, *title, *job_type, *hours_min, *hours_max, *hourly_pay, *postcode,
		*closing_on, *source, *status, *description, *conditions;
};
/* Specialists and team leaders of the site. On success r.id is the vacancy; warnings:
 * pay below the National Minimum Wage (adult rate today), a closing date passed. */
struct result app_vacancy_add(struct app *app, const struct actor *who, const struct vacancy_form *in);
struct result app_vacancy_update(struct app *app, const struct actor *who, int64_t vacancy_id,
				 const struct vacancy_form *in);
/* One vacancy of the actor's site (not audited: it names nobody). */
struct result app_vacancy_get(struct app *app, const struct actor *who, int64_t vacancy_id,
			      struct vacancy *out);
/* The list's filters as typed (NULL: not applied); current_only leaves out vacancies
 * whose closing date has passed. Field errors name q, status, job_type, employer_id. */
struct vacancy_query {
	const char *q, *status, *job_type, *employer_id;
	bool current_only;
	const char *page;   /* 1, 2, …: VACANCIES_PAGE a page (NULL: the first) */
};
#define VACANCIES_PAGE 50
/* One page of the vacancies of the actor's site that match q. */
struct vacancy_list {
	struct vacancy *rows;
	size_t n;
	size_t total;   /* how many match in all */
	int page;       /* the page shown: q->page, or 1 when that is not a number from 1 */
};
struct result app_vacancies_search(struct app *app, const struct actor *who, const struct vacancy_query *q,
				   struct vacancy_list *out);
#define MATCH_SHOWN 20
struct vacancy_match {
	struct vacancy vacancy;
	int score;
	const char *reason;
};
/* The open vacancies of the person's site best matching their profile, best first, at
 * most MATCH_SHOWN (specialists and team leaders of the site); audited as a view of
 * the person's record. person receives the person. */
struct result app_matches_for_person(struct app *app, const struct actor *who, int64_t client_id,
				     struct client *person, struct vacancy_match **out, size_t *n);
struct person_match {
	int64_t client_id;
	const char *given_name, *family_name;
	int score;
	const char *reason;
};
/* The people best matching a vacancy of the actor's site, at most MATCH_SHOWN: a
 * specialist's own caseload, or for a team leader everyone with an open referral at
 * the site. vacancy receives the vacancy. Listing named people is audited once, as
 * the caseload page is (vacancy.matches). */
struct result app_matches_for_vacancy(struct app *app, const struct actor *who, int64_t vacancy_id,
				      struct vacancy *vacancy, struct person_match **out, size_t *n);

/* ---- jobs (app/jobs.c): starts and ends, on the person's page ------------------------ */
/* As typed; jobs.csv's rules apply to every field it carries. */
struct job_form {
	const char *referral_id, *employer_id, *title, *job_type, *started_on, *ended_on,
		*hours_per_week, *hourly_wage, *competitive, *end_reason;
	const char *application_id;   /* in-work support: the job-search step it came from (optional) */
};
/* Records a job for the person (specialist or team leader of their site). The
 * employment status recorded at referral is never changed. On success r.id is the
 * job; warnings (field, message): pay below the minimum wage, a start in the future,
 * dates outside the referral's open dates. */
struct result app_job_start(struct app *app, const struct actor *who, int64_t client_id,
			    const struct job_form *in);
struct job_end_form {
	const char *ended_on, *end_reason;
};
/* Ends a job of the person, or corrects its end. */
struct result app_job_end(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id,
			  const struct job_end_form *in);
/* The person's jobs, newest first (read with their record, whose view is audited). */
struct result app_jobs_of_client(struct app *app, const struct actor *who, int64_t client_id,
				 struct job_row **out, size_t *n);
/* One job of the person, for the end form. */
struct result app_job_get(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id,
			  struct job_row *out);
/* Why a job's pay is below the National Minimum Wage for the person's age on its
 * first day, in words for the page, or NULL when it is not (or cannot be told). */
const char *app_job_pay_warning(struct arena *a, const struct job *j, const char *birth_date);

/* ---- subject access (app/subject.c): UK GDPR article 15 ------------------------------ */
/* Everything ipsdesk holds about one person. */
struct subject_access {
	struct client client;
	struct profile profile;                 /* profile.updated_at NULL: none recorded */
	struct referral *referrals;
	size_t nreferrals;
	struct contact *contacts;               /* newest first */
	size_t ncontacts;
	struct job_row *jobs;                   /* newest start first */
	size_t njobs;
	struct client_event *events;            /* the timeline, newest first */
	size_t nevents;
	struct application *applications;       /* job-search steps, newest first */
	size_t napplications;
	struct benefits_advice *benefits;       /* benefits advice, newest first */
	size_t nbenefits;
	struct cv cv;                           /* cv.updated_at NULL: no CV saved */
	struct support_row *support;            /* in-work support items, by window end */
	size_t nsupport;
	struct audit_entry *audit;              /* who viewed or changed their record, oldest
						 * first, this subject access included */
	size_t naudit;
	const char *produced_at, *produced_by;
};
/* Gathers it for team leaders (their site's people) and admins, scope as for
 * app_client_view; producing it is audited (subject_access) in the same transaction
 * as the reads, so the list of audit entries ends with this one. */
struct result app_subject_access(struct app *app, const struct actor *who, int64_t client_id,
				 struct subject_access *out);
/* The same, finding the person by their reference (client.csv's client_ref). */
struct result app_subject_access_by_ref(struct app *app, const struct actor *who, const char *ref,
					struct subject_access *out);
/* Appends it to b as indented UTF-8 JSON (format "ipsdesk-subject-access", version 1). */
struct buf;
int app_subject_json(const struct subject_access *sa, struct buf *b);
/* Writes a key to "<db>.auditkey" (mode 0600), as audit_key_create does with a new
 * one; refuses to overwrite a file (IPS_EEXIST). For a backup's copy of the key. */
int audit_key_save(const char *db_path, const unsigned char key[AUDIT_KEY_BYTES]);

/* ---- caseloads ---------------------------------------------------------------------- */
struct caseload {
	struct staff specialist;
	struct caseload_row *rows;
	size_t n;
	int people, limit;
};
/* A specialist's caseload (specialist_id 0: the actor's own). A team leader may read
 * any specialist's of their site; a specialist only their own. */
struct result app_caseload(struct app *app, const struct actor *who, int64_t specialist_id,
			   struct caseload *out);
struct result app_caseload_sizes(struct app *app, const struct actor *who,
				 struct specialist_load **out, size_t *n);
struct result app_caseload_handover(struct app *app, const struct actor *who, int64_t from,
				    const char *to, const char *note);

/* ---- interchange (spec/interchange.md) --------------------------------------------- */
/* The files of an import, by kind (core/interchange.h): a FILE* or bytes in memory;
 * a kind with neither is absent. */
struct import_source {
	FILE *fp[IC_NKINDS];
	const char *mem[IC_NKINDS];
	size_t len[IC_NKINDS];
};
struct import_problem {
	const char *file, *column, *message;   /* column "-" for the row as a whole */
	long line;
};
struct import_report {
	bool present[IC_NKINDS];
	size_t rows[IC_NKINDS];
	struct import_problem *problems;      /* the first 100, in the spec's order */
	size_t nproblems;                     /* all of them */
};
/* Imports every file present, all or nothing (admins only). RES_INVALID when any row
 * is wrong (out lists the problems), RES_OK otherwise; a dry run checks everything
 * and writes nothing. */
struct result app_import(struct app *app, const struct actor *who, const struct import_source *src,
			 bool dry_run, struct import_report *out);

/* Writes every interchange file (admins only): fp[k] receives IC_FILES[k]; rows[k]
 * says how many records went into it. */
struct result app_export(struct app *app, const struct actor *who, FILE *const fp[IC_NKINDS],
			 size_t rows[IC_NKINDS]);

/* ---- outcome reports (spec/outcomes.md) ---------------------------------------------- */
struct report_query {
	const char *from, *to;                 /* YYYY-MM-DD, both days included */
	const char *site, *team, *specialist;  /* codes; at most one */
};
/* The outcome report. Team leaders and specialists are held to their own site (a
 * specialist with no scope gets their own figures); admins, commissioners and
 * reviewers may ask for any scope. Field errors name from, to, site, team, specialist. */
struct result app_report_outcomes(struct app *app, const struct actor *who,
				  const struct report_query *q, struct outcome_report *out);
/* The report for each of n periods of one scope, reading the records once: q gives the
 * scope and a span (q->from to q->to) that holds every period; a period outside it
 * fails. The checks are app_report_outcomes's. For dashboards: months, quarters and the
 * whole period from one read of the contacts. */
struct period;
struct result app_report_outcomes_periods(struct app *app, const struct actor *who, const struct report_query *q,
					  const struct period *periods, size_t n, struct outcome_report *out);
/* The extract that may leave the service (admins and commissioners): the outcome
 * report of every site and every team for the period, under NHS England's small-number
 * rule, as CSV appended to the two buffers. No person is named in it. */
struct buf;
struct result app_export_published(struct app *app, const struct actor *who, const char *from,
				   const char *to, struct buf *sites_csv, struct buf *teams_csv);
/* Fidelity evidence (spec/fidelity-evidence.md) for a site or team (q->specialist must
 * be NULL), scored with the bands of the newest scale version (app/fidelity.h), which
 * are the shipped 2008 bands until a service loads its own. */
struct fidelity_evidence;
struct result app_fidelity_evidence(struct app *app, const struct actor *who,
				    const struct report_query *q, struct fidelity_evidence *out);
/* The evidence for each of n periods inside q's span (as app_report_outcomes_periods),
 * under the bands of scale version scale_id (0: the newest): week-by-week views. */
struct result app_fidelity_evidence_periods(struct app *app, const struct actor *who, const struct report_query *q,
					    int64_t scale_id, const struct period *periods, size_t n,
					    struct fidelity_evidence *out);

/* ---- backup and restore -------------------------------------------------------- */
/* What checking a copy found. */
struct backup_check {
	int open_rc, key_rc;     /* opening the file read-only; loading its audit key */
	int version;
	bool integrity_ok;
	int audit_rc;
	struct audit_report audit;
};
/* Opens the database at path read-only (never migrating it) with the key beside it and
 * checks the schema version, PRAGMA integrity_check and the audit chain. IPS_OK when
 * every check passes; otherwise out says which failed. */
int app_backup_check(const char *path, struct backup_check *out);
/* Records a backup or restore (the action alone) in the database's audit log. */
struct result app_backup_record(struct app *app, const struct actor *who, const char *action);
/* The online copy of the app's database into dest, pages_per_step at a time. */
int app_backup_to(struct app *app, const char *dest, int pages_per_step, store_progress_fn progress,
		  void *ctx);
/* Copies the database at src (read-only) into dest; key receives src's audit key. */
int app_backup_file(const char *src, const char *dest, unsigned char key[AUDIT_KEY_BYTES]);
/* IPS_EBUSY when another process has the database at path open. */
int app_database_unused(const char *path);
/* The store's last error message, for a command's message. */
const char *app_store_error(struct app *app);

/* ---- aggregate (no named person) ------------------------------------------------------- */
struct result app_site_counts(struct app *app, const struct actor *who,
			      struct site_counts **out, size_t *n);

/* ---- demo data (app/demo.c): only `ipsdesk demo`, only on a demo database ------------- */
/* Marks a new, empty database as demo data (meta demo=1) made from seed; refuses a
 * database that already has a site or a demo mark. */
struct result app_demo_mark(struct app *app, uint64_t seed, int clients);
/* app_user_add for a demo database, with a hash the caller made once with
 * app_password_hash, so that two dozen accounts do not take two dozen argon2id runs. */
struct result app_demo_account_add(struct app *app, const struct new_user *in,
				   const char *password_hash);
/* Records the demo accounts (usernames separated by single spaces) for app_demo_info. */
struct result app_demo_finish(struct app *app, const char *usernames);
struct demo_account {
	const char *username, *name, *role, *team_name;   /* team_name NULL: no team */
	int fte;
	bool disabled;
};
struct demo_info {
	uint64_t seed;
	int clients;
	struct demo_account *accounts;   /* in the order recorded; arena memory */
	size_t naccounts;
};
/* The seed and accounts of a demo database; RES_NOT_FOUND when it is not one. */
struct result app_demo_info(struct app *app, struct demo_info *out);

/* ---- API tokens (app/tokens.c) -------------------------------------------------------- */
/* A token is "ipsdesk_" and 43 characters of URL-safe base64 (32 random bytes); only
 * its hash is stored. */
#define API_TOKEN_PREFIX "ipsdesk_"
#define API_TOKEN_LEN (sizeof API_TOKEN_PREFIX - 1 + 43)
/* Makes a named token for the actor's own account; token (API_TOKEN_LEN + 1 bytes)
 * receives it, to be shown once. Field error: name. On success r.id is the token. */
struct result app_token_create(struct app *app, const struct actor *who, const char *name, char *token);
/* The actor's tokens not revoked, newest first. */
struct result app_tokens_list(struct app *app, const struct actor *who, struct api_token **out, size_t *n);
/* Revokes one of the actor's own tokens (anyone else's reads as not found). */
struct result app_token_revoke(struct app *app, const struct actor *who, int64_t token_id);
/* Authenticates a bearer token: RES_OK with *who filled as app_actor_load does;
 * RES_REFUSED for an unknown or revoked token or a disabled account; RES_LIMITED when
 * the client address is locked out by sign-in throttling, which bad tokens count
 * towards like failed sign-ins. */
struct result app_token_authenticate(struct app *app, const char *token, const char *client_addr,
				     struct actor *who);

/* ---- paged reads for the JSON API (app/listing.c) ------------------------------------- */
/* Paging as typed in a query string (NULL: absent): limit 1-500 (default 100), cursor
 * (the next_cursor of the page before), updated_since (YYYY-MM-DD or
 * YYYY-MM-DDTHH:MM:SSZ, UTC: rows changed at or after it). Field errors name them. */
struct page_params {
	const char *limit, *cursor, *updated_since;
};
#define API_PAGE_DEFAULT 100
#define API_PAGE_MAX 500
/* Every list sets *next to the cursor of the next page, or 0 on the last page. Scope is
 * the web's: people and referrals for the roles that see records (specialists and team
 * leaders their site, clinicians their team, admins all); employers for specialists and
 * team leaders of their site. Reading people or referrals is audited. */
struct result app_people_page(struct app *app, const struct actor *who, const struct page_params *p,
			      struct client_row **out, size_t *n, int64_t *next);
struct result app_referrals_page(struct app *app, const struct actor *who, const struct page_params *p,
				 struct referral_row **out, size_t *n, int64_t *next);
struct result app_employers_page(struct app *app, const struct actor *who, const struct page_params *p,
				 struct employer_row **out, size_t *n, int64_t *next);
/* Vacancies of the actor's site (specialists and team leaders), issue 3. */
struct result app_vacancies_page(struct app *app, const struct actor *who, const struct page_params *p,
				 struct vacancy **out, size_t *n, int64_t *next);
/* A person's contacts or jobs, audited as a view of their record. */
struct result app_client_contacts_page(struct app *app, const struct actor *who, int64_t client_id,
				       const struct page_params *p, struct contact_row **out, size_t *n,
				       int64_t *next);
struct result app_client_jobs_page(struct app *app, const struct actor *who, int64_t client_id,
				   const struct page_params *p, struct job_page_row **out, size_t *n,
				   int64_t *next);
/* A person's job-search steps, in id order, audited as a view of their record; the
 * notes only for specialists and team leaders (NULL for the others). */
struct result app_client_applications_page(struct app *app, const struct actor *who, int64_t client_id,
					   const struct page_params *p, struct application **out, size_t *n,
					   int64_t *next);
/* One row of those lists by id, for the API's answer to a write: an employer of the
 * actor's site (not audited, as the list), or one job of the person (audited as the
 * person's jobs list is). RES_NOT_FOUND for anything out of scope. */
struct result app_employer_row(struct app *app, const struct actor *who, int64_t employer_id,
			       struct employer_row *out);
struct result app_client_job_row(struct app *app, const struct actor *who, int64_t client_id, int64_t job_id,
				 struct job_page_row *out);
/* A person's record with their profile (has_profile false: none yet) and every
 * referral; audited as client.view. */
struct client_export {
	struct client_row row;
	struct profile profile;
	bool has_profile;
	struct referral_row *referrals;
	size_t nreferrals;
};
struct result app_client_export(struct app *app, const struct actor *who, int64_t client_id,
				struct client_export *out);

/* ---- deletion markers for the API's sync (app/listing.c, store/deletions.c; issue 6) ---- */
/* The markers of deleted records the actor's lists would have shown, paged as the lists
 * are; p->updated_since carries the API's `since` (field errors name "since"). Scope:
 * specialists and team leaders their site's (employers and vacancies too), clinicians
 * those of the people referred to their team, admins every person's; other roles are
 * refused. Audited as deletion.list, as the lists of people are. */
struct result app_deletions_page(struct app *app, const struct actor *who, const struct page_params *p,
				 struct deletion_row **out, size_t *n, int64_t *next);

/* ---- benefits advice, the better-off-in-work calculator and the CV (app/benefits.c) ---- */
#include "core/betteroff.h"
struct benefits_advice_form {
	const char *date, *covered, *follow_up;
};
/* Records benefits advice given to the person (specialist or team leader of their site):
 * the date real and not after today, what was covered required. Audited on the person's
 * record (benefits_advice.create) and added to the timeline. On success r.id is the advice. */
struct result app_benefits_advice_add(struct app *app, const struct actor *who, int64_t client_id,
				      const struct benefits_advice_form *in);
/* The person's advice, newest first (read with their record, whose view is audited). */
struct result app_benefits_advice_of_client(struct app *app, const struct actor *who, int64_t client_id,
					    struct benefits_advice **out, size_t *n);
/* Whether any of the advice is dated on or before day (ISO): a job started on day had
 * advice before it. */
bool app_benefits_advised_by(const struct benefits_advice *advice, size_t n, const char *day);

/* Every rates row, newest first (admins; the calculator reads them itself). */
struct result app_benefit_rates_list(struct app *app, const struct actor *who, struct bo_rates **out,
				     size_t *n);
/* True when the newest row started more than a year before today: a new April's rates
 * are probably missing. */
bool app_benefit_rates_stale(struct app *app, const struct bo_rates *rows, size_t n);
/* A new year's rates as typed: pounds ("411" or "12,570.00"), percentages ("55",
 * "13.25"), hours ("16"). */
struct benefit_rates_form {
	const char *applies_from, *source, *uc_taper, *uc_wa_housing, *uc_wa_no_housing, *esa_weekly_limit,
		*esa_hours_limit, *tax_allowance, *tax_rate, *ni_threshold, *ni_rate;
};
/* Adds a rates row (admins); older rows are kept. Field errors name the form's fields;
 * a second row for the same date is refused. Audited (benefit_rates.create). */
struct result app_benefit_rates_add(struct app *app, const struct actor *who, const struct benefit_rates_form *in);

/* The calculator's inputs as typed: pounds, hours, and "yes"/"no". */
struct betteroff_form {
	const char *hourly_pay, *hours, *uc_award, *housing_costs, *work_allowance, *on_esa, *esa_weekly;
};
struct betteroff_view {
	struct client client;
	bool calculated;                 /* a form was given and it was valid */
	struct bo_situation in;
	struct bo_rates rates;           /* the row in force today (have_rates) */
	bool have_rates, rates_stale;
	struct bo_result out;
	const char *suggest_hourly, *suggest_hours;   /* from the person's newest job, or NULL */
};
/* The better-off-in-work calculation for the person (specialists and team leaders of
 * their site) with the rates in force today. in NULL: only the person and suggestions
 * (the empty form). Reading the person is audited (betteroff.view) even when the input
 * has field errors (RES_INVALID, out->client filled); nothing else is written. */
struct result app_better_off(struct app *app, const struct actor *who, int64_t client_id,
			     const struct betteroff_form *in, struct betteroff_view *out);

struct cv_form {
	const char *statement, *skills, *work_history, *education, *interests, *references_note;
};
struct cv_view {
	struct client client;
	struct cv cv;                    /* the saved CV, or a draft from the profile and jobs */
	bool saved;
};
/* The person's CV for the edit form (print false: audited cv.view) or for printing
 * (audited cv.print): the saved one, or a draft built from the vocational profile and
 * the jobs recorded. Specialists and team leaders of the person's site. */
struct result app_cv_get(struct app *app, const struct actor *who, int64_t client_id, bool print,
			 struct cv_view *out);
/* Saves the edited CV (cv.update, with the names of the sections changed). */
struct result app_cv_save(struct app *app, const struct actor *who, int64_t client_id, const struct cv_form *in);

/* ---- erasure after the retention period (app/erasure.c) -------------------------------- */
/* The retention period is the organisation's (its IG lead's, under the NHS Records
 * Management Code of Practice); ipsdesk only applies it. before: YYYY-MM-DD, a real date
 * at least a year before today, else a field error on "before". Admins only. */
/* The ids of the people app_erase_expired would erase (no names). */
struct result app_erasure_candidates(struct app *app, const struct actor *who, const char *before,
				     int64_t **ids, size_t *n);
/* Erases everyone none of whose referrals is open, with no job still going, and whose
 * latest activity is before the cutoff (store_erasure_candidates), in one transaction:
 * all or nothing. Audited as one client.erase entry per person (entity client, their
 * id, no fields) and one erasure.run entry (entity_id: how many people). A dry run does
 * the same and rolls it all back, so *out says exactly what a real run would erase. */
struct result app_erase_expired(struct app *app, const struct actor *who, const char *before, bool dry_run,
				struct erasure_counts *out);

#endif
