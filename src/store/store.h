/* store/store.h — the store interface: the only way the rest of ipsdesk reaches the
 * database. Plain structs in, plain structs out, never a sqlite3 handle, so another
 * backend can sit behind this header. Strings in returned structs belong to the arena
 * passed in; NULL means "not recorded". Every function returns 0 or a negative IPS_E*
 * code. Writes that must go together are wrapped by the caller in store_begin() /
 * store_commit() (or store_rollback()). */
#ifndef IPS_STORE_H
#define IPS_STORE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <time.h>
#include "core/interchange.h"
#include "core/outcomes.h"

struct arena;
struct store;

enum {
	IPS_OK = 0,
	IPS_ENOTFOUND = -1,
	IPS_ECONSTRAINT = -2,   /* a UNIQUE, CHECK or FOREIGN KEY rule refused the write */
	IPS_EBUSY = -3,
	IPS_EIO = -4,
	IPS_ENEWER = -5,        /* the database was made by a newer ipsdesk */
	IPS_EEXIST = -6,        /* store_open(..., STORE_CREATE) on an existing file */
	IPS_EINVAL = -7,
	IPS_ETAMPERED = -8,     /* the audit chain does not verify */
	IPS_EDUPLICATE = -9,    /* a UNIQUE rule refused the write: the code or ref is taken */
};

/* ---- connection --------------------------------------------------------------- */
enum store_open_mode {
	STORE_OPEN = 0,       /* existing database, migrated forward if older */
	STORE_CREATE = 1,     /* new database; refuses an existing file */
	STORE_NO_MIGRATE = 2, /* existing database that must already be current (server threads) */
	STORE_READ_ONLY = 3,  /* existing database of any version not newer, opened read-only and
			       * never migrated (checking a backup) */
};
int store_open(const char *path, enum store_open_mode mode, struct store **out);
void store_close(struct store *s);
/* Message of the last SQLite error on this connection (static or connection-owned). */
const char *store_errmsg(struct store *s);
int store_schema_version(struct store *s);
/* BEGIN IMMEDIATE; inside a transaction begun so, a savepoint, which the matching
 * store_commit releases and store_rollback rolls back alone (the outer transaction goes
 * on, and commits or rolls back with its own end). */
int store_begin(struct store *s);
/* For a database being made from nothing, which is simply made again if the machine
 * dies meanwhile (ipsdesk demo): on, commits are not synced at all (synchronous = OFF);
 * off, each commit is synced again (store/db.c, group commit), and everything written
 * so far is checkpointed and synced. */
int store_scratch(struct store *s, bool on);
/* A snapshot: every read until the matching end sees one state of the database, and
 * takes the database's shared lock once rather than once per statement. Nesting: the
 * outermost begin opens a read transaction (when none is open) and its end closes it;
 * an inner pair does nothing. A write ends the snapshot first (store_begin, or any
 * statement that writes), so it reads and writes the newest state; reads after it see
 * the newest state too. Begin's result says whether the read transaction opened. */
int store_snapshot_begin(struct store *s);
void store_snapshot_end(struct store *s);
/* Bulk loading on or off, outside a transaction: a large page cache, no foreign key
 * checks by SQLite (the caller must have resolved every link itself), and temporary
 * files on disk (index builds sort through them: store_ic_restore). */
int store_bulk(struct store *s, bool on);
int store_commit(struct store *s);
int store_rollback(struct store *s);
/* Ends whatever a request left open (rolled back, logged): the server calls it after
 * every response, so a forgotten transaction cannot hold the writer lock. */
void store_request_done(struct store *s);
int store_meta_get(struct store *s, struct arena *a, const char *key, const char **value);
int store_meta_set(struct store *s, const char *key, const char *value);
/* PRAGMA integrity_check == "ok" */
bool store_integrity_ok(struct store *s);

/* ---- backup and restore (store/backup.c) ------------------------------------------ */
/* Told after each step of a copy: pages copied so far of total. */
typedef void (*store_progress_fn)(void *ctx, int done, int total);
/* Copies the open database into a new file dest with SQLite's online backup API,
 * pages_per_step pages at a time. The copy reads one snapshot (a read transaction held
 * on s for its length), so writers on other connections carry on meanwhile (WAL) and
 * the copy never has to restart. The copy is one self-contained file (rollback
 * journal, no -wal), synced to disk, with the read log copied the same way beside it
 * (store_reads_path(dest)) when the database has one. Any files at dest are replaced:
 * the caller names a scratch path and renames it into place. progress may be NULL. */
int store_backup(struct store *s, const char *dest, int pages_per_step, store_progress_fn progress,
		 void *ctx);
/* Removes a database file, its read log, and the journal, WAL and shared-memory files
 * SQLite may have left beside either (a scratch copy, a demo being remade, a test's file). */
void store_remove_files(const char *path);
/* IPS_OK when no other connection has the database at path open, IPS_EBUSY when one
 * has (a running server), IPS_EIO when it cannot be told. */
int store_check_unused(const char *path);

/* ---- organisation: sites, teams, staff, accounts ------------------------------- */
struct site {
	int64_t id;
	const char *code, *name;
};
struct team {
	int64_t id, site_id;
	const char *code, *name, *site_name;
};
struct staff {
	int64_t id, team_id, site_id;   /* team_id and site_id 0 when working across sites */
	const char *code, *name, *role, *team_name;
	int fte;                        /* hundredths: 100 = full time */
	bool has_account;
};
struct account {
	int64_t id;
	const char *username, *password_hash;
	bool disabled;
	struct staff staff;
};

int store_site_insert(struct store *s, const struct site *in, int64_t *id);
int store_site_by_code(struct store *s, struct arena *a, const char *code, struct site *out);
int store_site_get(struct store *s, struct arena *a, int64_t id, struct site *out);
int store_sites_list(struct store *s, struct arena *a, struct site **out, size_t *n);
int store_team_insert(struct store *s, const struct team *in, int64_t *id);
int store_team_get(struct store *s, struct arena *a, int64_t id, struct team *out);
int store_team_by_code(struct store *s, struct arena *a, const char *code, struct team *out);
/* Teams of a site (site_id 0: every team), by name. */
int store_teams_list(struct store *s, struct arena *a, int64_t site_id, struct team **out, size_t *n);
int store_staff_insert(struct store *s, const struct staff *in, int64_t *id);
int store_staff_get(struct store *s, struct arena *a, int64_t id, struct staff *out);
int store_staff_by_code(struct store *s, struct arena *a, const char *code, struct staff *out);
/* The specialists of a site (0: all), by name, for a list to choose from: id, code,
 * name, role, team, site and FTE (has_account is not read). */
int store_specialist_choices(struct store *s, struct arena *a, int64_t site_id, struct staff **out,
			     size_t *n);
int store_account_insert(struct store *s, int64_t staff_id, const char *username,
			 const char *password_hash, const char *now, int64_t *id);
int store_account_get(struct store *s, struct arena *a, int64_t id, struct account *out);
/* Case-insensitive on username. */
int store_account_by_username(struct store *s, struct arena *a, const char *username,
			      struct account *out);
int store_account_set_password(struct store *s, int64_t id, const char *password_hash, const char *now);
int store_account_set_disabled(struct store *s, int64_t id, bool disabled);

/* ---- people ------------------------------------------------------------------- */
struct client {
	int64_t id, site_id;
	const char *ref, *nhs_number, *given_name, *family_name, *birth_date, *postcode,
		*gender, *ethnic_category, *phone, *email, *address, *care_coordinator,
		*consent_on, *consent_note, *created_at, *updated_at;
	int consent_contact_employers;   /* -1 not recorded, 0 no, 1 yes */
	const char *site_name;
};
struct profile {
	int64_t client_id;
	const char *work_history, *job_types, *places, *travel_means, *disclosure,
		*strengths, *support_needs, *career_goals, *updated_at;
	int hours_min, hours_max, travel_miles;   /* -1 not recorded */
	/* matching (004_vacancies.sql): SOC codes and condition codes, comma-separated */
	const char *job_type_codes, *avoid;
	int64_t pay_min;                          /* pence an hour; -1 not recorded */
};
struct client_hit {   /* a line in a list of people */
	int64_t id;
	const char *given_name, *family_name, *birth_date, *nhs_number, *stage_hint;
};

/* Inserts; a NULL ref gets "ipsdesk-client-<id>". */
int store_client_insert(struct store *s, const struct client *in, const char *now, int64_t *id);
int store_client_get(struct store *s, struct arena *a, int64_t id, struct client *out);
/* The person's site, all a scope check needs: IPS_ENOTFOUND when there is no such person. */
int store_client_site(struct store *s, int64_t id, int64_t *site_id);
/* Rewrites every column but id, ref, site_id and created_at. */
int store_client_update(struct store *s, const struct client *in, const char *now);
/* Other people with the same NHS number, or the same names (ignoring case) and birth date. */
int store_client_duplicates(struct store *s, struct arena *a, const struct client *c,
			    int64_t **ids, size_t *n);
/* People of a site (0: any) or with a referral to a team (0: any), whose names or NHS
 * number contain q (NULL: everyone), by family name; at most limit. */
int store_clients_search(struct store *s, struct arena *a, int64_t site_id, int64_t team_id,
			 const char *q, int limit, struct client_hit **out, size_t *n);
/* True when the person has a referral to that team (a clinician's scope). */
bool store_client_in_team(struct store *s, int64_t client_id, int64_t team_id);
/* IPS_ENOTFOUND when the person has no profile yet: *out is then every field empty (the
 * numbers -1, not recorded). */
int store_profile_get(struct store *s, struct arena *a, int64_t client_id, struct profile *out);
int store_profile_put(struct store *s, const struct profile *in, const char *now);

/* ---- referrals ------------------------------------------------------------------ */
struct referral {
	int64_t id, client_id, team_id, specialist_id;   /* specialist_id 0: not allocated */
	const char *ref, *received_on, *source, *employment_status, *closed_on, *close_reason,
		*allocated_on, *referrer_name, *referrer_contact, *reason, *next_step,
		*created_at;
	bool possible_duplicate;
	/* joined for display */
	int64_t site_id;
	const char *team_name, *specialist_name, *given_name, *family_name;
};
/* A NULL ref gets "ipsdesk-referral-<id>"; a NULL employment_status is ZZ. */
int store_referral_insert(struct store *s, const struct referral *in, const char *now, int64_t *id);
int store_referral_get(struct store *s, struct arena *a, int64_t id, struct referral *out);
int store_referrals_of_client(struct store *s, struct arena *a, int64_t client_id,
			      struct referral **out, size_t *n);
int store_referral_allocate(struct store *s, int64_t id, int64_t specialist_id,
			    const char *on, const char *now);
int store_referral_close(struct store *s, int64_t id, const char *closed_on,
			 const char *reason, const char *now);
int store_referral_set_team(struct store *s, int64_t id, int64_t team_id, const char *now);
int store_referral_set_next_step(struct store *s, int64_t id, const char *next_step, const char *now);
/* Open referrals not yet allocated, of a site (0: all) and team (0: all), oldest first:
 * id, client, team (id, name, site), received_on, source, possible_duplicate and the
 * person's names only. */
int store_referrals_waiting(struct store *s, struct arena *a, int64_t site_id, int64_t team_id,
			    struct referral **out, size_t *n);

/* ---- caseloads ------------------------------------------------------------------ */
struct caseload_row {
	int64_t referral_id, client_id, specialist_id;
	const char *given_name, *family_name, *received_on, *allocated_on, *last_contact,
		*next_step;
	bool had_direct_contact, in_work;
};
struct specialist_load {
	struct staff staff;
	int people;   /* distinct people with an open referral allocated to them */
};
/* Open referrals allocated to a specialist, by family name; in_work means a job that
 * has started by today (ISO) and has no end on or before it (the day a job ends, the
 * person is recorded as out of work, as on their record). */
int store_caseload(struct store *s, struct arena *a, int64_t specialist_id, const char *today,
		   struct caseload_row **out, size_t *n);
/* Every specialist of a site (0: all) with the size of their caseload. */
int store_caseload_sizes(struct store *s, struct arena *a, int64_t site_id,
			 struct specialist_load **out, size_t *n);
/* Moves every open referral allocated to from onto to; *moved says how many. */
int store_caseload_move(struct store *s, int64_t from, int64_t to, const char *on,
			const char *now, int *moved);
int store_handover_insert(struct store *s, int64_t from, int64_t to, int people,
			  const char *note, int64_t account_id, const char *now);

/* ---- contacts ------------------------------------------------------------------- */
struct contact {
	int64_t id, staff_id, referral_id, employer_id;   /* 0: none */
	const char *ref, *date, *with, *mode, *place, *note, *created_at;
	int minutes;                                     /* -1 not recorded */
	bool attended;
	const char *staff_name, *employer_name;          /* joined for display */
};
/* A NULL ref gets "ipsdesk-contact-<id>". */
int store_contact_insert(struct store *s, const struct contact *in, const char *now, int64_t *id);
/* The contacts on any referral of the person, newest first: the first limit of them
 * (0: all); *total (unless NULL) says how many there are. */
int store_contacts_of_client(struct store *s, struct arena *a, int64_t client_id, size_t limit,
			     struct contact **out, size_t *n, size_t *total);

/* ---- employers and jobs ----------------------------------------------------------- */
struct employer {
	int64_t id, site_id;
	const char *ref, *name, *sector, *address, *postcode, *notes;
	const char *people;                              /* people to speak to (web only) */
};
/* A NULL ref gets "ipsdesk-employer-<id>". Writes every column but people: a web
 * form follows it with store_employer_update in the same transaction. */
int store_employer_insert(struct store *s, const struct employer *in, int64_t *id);
struct job {
	int64_t id, referral_id, employer_id;            /* employer_id 0: none */
	const char *ref, *title, *job_type, *started_on, *ended_on, *end_reason;
	int64_t hours_per_week;                          /* hundredths */
	int64_t hourly_wage;                             /* pence; -1 not recorded */
	bool competitive;
};
/* A NULL ref gets "ipsdesk-job-<id>". */
int store_job_insert(struct store *s, const struct job *in, const char *now, int64_t *id);

/* ---- employers and jobs for the web (store/employers.c, store/jobs.c) ------------- */
struct employer_hit {   /* a line in a list of employers */
	int64_t id;
	const char *name, *sector, *postcode, *last_contact;
	int contacts;                                    /* contacts with them, ever */
};
int store_employer_get(struct store *s, struct arena *a, int64_t id, struct employer *out);
/* Rewrites name, sector, address, postcode, people and notes. */
int store_employer_update(struct store *s, const struct employer *in);
/* Every employer of a site by name, with id, name and postcode only: for a list to choose
 * from (the search below also counts each one's contacts). */
int store_employer_choices(struct store *s, struct arena *a, int64_t site_id, struct employer_hit **out,
			   size_t *n);
/* Employers of a site whose name contains q (any case; NULL: all), by name; at most limit. */
int store_employers_search(struct store *s, struct arena *a, int64_t site_id, const char *q,
			   int limit, struct employer_hit **out, size_t *n);
/* A contact with an employer and the person it was on behalf of (client_id 0: nobody). */
struct employer_contact {
	struct contact contact;
	int64_t client_id;
	const char *given_name, *family_name;
};
/* Every contact with an employer, newest first. */
int store_contacts_of_employer(struct store *s, struct arena *a, int64_t employer_id,
			       struct employer_contact **out, size_t *n);
/* Someone an employer contact can be on behalf of: an open, allocated referral. */
struct contact_person {
	int64_t referral_id, client_id;
	const char *given_name, *family_name;
};
/* Open, allocated referrals of a site (specialist_id 0) or of one specialist, by name. */
int store_contact_people(struct store *s, struct arena *a, int64_t site_id, int64_t specialist_id,
			 struct contact_person **out, size_t *n);

/* A job with what the pages show beside it. */
struct job_row {
	struct job job;
	int64_t client_id;
	const char *employer_name, *given_name, *family_name, *birth_date;
};
int store_job_get(struct store *s, struct arena *a, int64_t id, struct job_row *out);
/* A person's jobs (over all their referrals), or an employer's, newest start first. */
int store_jobs_of_client(struct store *s, struct arena *a, int64_t client_id,
			 struct job_row **out, size_t *n);
int store_jobs_of_employer(struct store *s, struct arena *a, int64_t employer_id,
			   struct job_row **out, size_t *n);
/* Sets (or corrects) the end of a job. */
int store_job_end(struct store *s, int64_t id, const char *ended_on, const char *end_reason);

/* ---- vacancies and matching (store/vacancies.c, issue 3) --------------------------- */
struct vacancy {
	int64_t id, site_id, employer_id, created_by;
	const char *title, *job_type, *job_type_title, *postcode, *closing_on, *source, *status,
		*description, *conditions, *created_at, *updated_at;
	int64_t hours_min, hours_max;                    /* hundredths; -1 not recorded */
	int64_t hourly_pay;                              /* pence; -1 not recorded */
	const char *employer_name, *site_code;           /* joined for display */
};
int store_vacancy_get(struct store *s, struct arena *a, int64_t id, struct vacancy *out);
int store_vacancy_insert(struct store *s, const struct vacancy *in, const char *now, int64_t *id);
/* Insert and update keep the full-text index in step; so must anything else that
 * changes its text: an employer's rename removes its vacancies' entries (add false)
 * before and adds them (add true) after, in the same transaction. */
int store_vacancy_fts_employer(struct store *s, int64_t employer_id, bool add);
/* Rewrites every column but id, site_id, created_by and created_at. */
int store_vacancy_update(struct store *s, const struct vacancy *in, const char *now);
/* Filters for the list; NULL or 0 is not applied. q is full text (each word a prefix,
 * all words needed); open_on (ISO) keeps vacancies with no closing date or one on or
 * after it. */
struct vacancy_filter {
	int64_t site_id, employer_id;
	const char *q, *status, *job_type, *open_on;
	int limit;
	int64_t offset;   /* how many to skip: a later page */
};
/* Vacancies of f->site_id (required), best text match first when q is given, else
 * soonest closing first; then id: at most limit of them after the first offset, and in
 * *total how many match in all (0 when the page is empty). */
int store_vacancies_search(struct store *s, struct arena *a, const struct vacancy_filter *f,
			   struct vacancy **out, size_t *n, size_t *total);
/* The API's paged list (store/listing.c's page_query: after_id, site_id, changed_since). */
struct page_query;
int store_vacancies_page(struct store *s, struct arena *a, const struct page_query *q,
			 struct vacancy **out, size_t *n);
/* A vacancy as matching reads it: the columns the score needs, in arena arrays. */
struct match_vacancy_row {
	int64_t id;
	const char *job_type, *postcode, *conditions, *closing_on;
	int64_t hours_min, hours_max, hourly_pay;       /* -1 not recorded */
};
/* Open vacancies of a site whose closing date is not before today (ISO). */
int store_match_vacancies(struct store *s, struct arena *a, int64_t site_id, const char *today,
			  struct match_vacancy_row **out, size_t *n);
/* A person as matching reads them: their postcode and profile preferences. */
struct match_person_row {
	int64_t client_id;
	const char *given_name, *family_name, *postcode, *job_type_codes, *avoid;
	int hours_min, hours_max, travel_miles;         /* -1 not recorded */
	int64_t pay_min;                                /* -1 not recorded */
};
/* People with an open referral to a team of the site (specialist_id 0: any, else only
 * those allocated to that specialist), without their names (store_match_people_names
 * reads those for the few shown), each person once, in no particular order. Read from
 * match_person, which triggers keep in step with referral, team, client and profile. */
int store_match_people(struct store *s, struct arena *a, int64_t site_id, int64_t specialist_id,
		       struct match_person_row **out, size_t *n);
/* The names of people by id, into rows whose client_id is set. */
int store_match_people_names(struct store *s, struct arena *a, struct match_person_row *rows, size_t n);

/* ---- interchange (spec/interchange.md) --------------------------------------------- */
struct ic_target {
	int64_t id;
	bool is_specialist;   /* IC_STAFF: role is specialist */
};
/* Finds a record of a kind by its code or ref (exact bytes). */
int store_ic_lookup(struct store *s, enum ic_kind kind, const char *ref, struct ic_target *out);
/* Calls row once per record of kind, in byte order of code/ref, with the interchange
 * columns in spec order as text (NULL for null; numbers as stored integers: hundredths,
 * pence, 0/1). The values live until row returns. A non-zero return from row stops
 * the walk and is returned. */
/* Loading the contacts of an import, all in the caller's transaction. store_ic_defer
 * sets aside the triggers that keep referral.first_*_on and the contact tallies row by
 * row (001_initial.sql, 011_contact_tallies.sql) and, when indexes is true (a load larger
 * than what is stored), contact's secondary indexes; and stops SQLite checking contact's
 * CHECK constraints, whose every rule the importer has checked (core/interchange.c).
 * store_ic_contact_insert writes one contact and notes what those triggers would have
 * written (IPS_EDUPLICATE for a ref already used). store_ic_restore(keep = true) writes
 * the notes, one statement per referral and tally row touched, builds the indexes once
 * from sorted data and puts the triggers back; keep = false is only for a caller about
 * to roll back, which puts everything back itself. Either way it frees the notes (heap
 * memory that grows with the referrals the contacts name, not with the rows): call it
 * once after every store_ic_defer that succeeded. */
struct ic_deferred;
int store_ic_defer(struct store *s, struct arena *a, bool indexes, struct ic_deferred **out);
int store_ic_contact_insert(struct ic_deferred *d, const struct contact *in, const char *now, int64_t *id);
int store_ic_restore(struct ic_deferred *d, bool keep);
/* How many records of a kind the store holds. */
int store_ic_count(struct store *s, enum ic_kind kind, int64_t *n);
int store_ic_export(struct store *s, enum ic_kind kind,
		    int (*row)(void *ctx, const char *const *values, size_t n), void *ctx);

/* ---- outcome reports (spec/outcomes.md) ------------------------------------------ */
/* At most one code set; none: every referral. */
struct report_scope {
	const char *site_code, *team_code, *specialist_code;
};
/* The part of the inputs that does not depend on the period: the referrals of every
 * person with a referral in scope (all of them for the whole service), sorted by id, with
 * their scope flags, and those referrals' jobs. Leaves out->from, out->to and
 * out->contacts alone. attrs: NULL, or where to put the breakdown attributes
 * (core/breakdowns.h) of the same referrals in the same order. */
struct bd_attrs;
int store_outcome_records(struct store *s, struct arena *a, const struct report_scope *sc, struct oc_input *out,
			  struct bd_attrs **attrs);
/* The contacts of [from, to] tallied by day (core/outcomes.h), read from the tallies kept
 * as contacts are written (011_contact_tallies.sql), so that the periods inside it can be
 * summed with oc_contact_totals_sum without reading again. Months that no bound (the
 * first day of a period, or the day after its last) falls inside are read whole, as one
 * row dated their first day; give every period that will be summed. */
int store_outcome_contact_days(struct store *s, struct arena *a, const struct report_scope *sc, const char *from,
			       const char *to, const day_t *bounds, size_t nbounds, struct oc_contact_days *out);

/* ---- timeline ------------------------------------------------------------------- */
struct client_event {
	int64_t id, client_id, referral_id, account_id;
	const char *on_date, *at, *kind, *summary;
};
int store_event_add(struct store *s, const struct client_event *in);
/* Newest first: the first limit of them (0: all); *total (unless NULL) says how many. */
int store_events_of_client(struct store *s, struct arena *a, int64_t client_id, size_t limit,
			   struct client_event **out, size_t *n, size_t *total);

/* ---- aggregate counts (no named person) -------------------------------------------- */
struct site_counts {
	struct site site;
	int open_referrals, waiting, on_caseload, specialists;
};
int store_site_counts(struct store *s, struct arena *a, struct site_counts **out, size_t *n);

/* ---- sessions and throttling ------------------------------------------------------- */
struct session {
	int64_t account_id;     /* 0: anonymous */
	const char *csrf;
	int64_t created_at, last_seen;
};
int store_session_insert(struct store *s, const unsigned char hash[32], int64_t account_id,
			 const char *csrf, int64_t now);
int store_session_get(struct store *s, struct arena *a, const unsigned char hash[32],
		      struct session *out);
int store_session_touch(struct store *s, const unsigned char hash[32], int64_t now);
int store_session_delete(struct store *s, const unsigned char hash[32]);
int store_sessions_purge(struct store *s, int64_t last_seen_before);
struct throttle {
	int count;
	int64_t window_start, locked_until;
};
/* A key never seen reads as all zeros. */
int store_throttle_get(struct store *s, const char *key, struct throttle *out);
int store_throttle_put(struct store *s, const char *key, const struct throttle *in);
int store_throttle_clear(struct store *s, const char *key);

/* ---- audit chain ---------------------------------------------------------------- */
#define AUDIT_KEY_BYTES 32
#define AUDIT_HASH_BYTES 32
struct audit_entry {
	int64_t seq, account_id, entity_id;
	const char *at, *actor, *action, *entity, *request_id, *fields;
	bool read_log;   /* seq numbers the read log's chain (store/readlog.c), not the database's */
};
/* Appends in the caller's transaction: hash = HMAC(key, previous hash || entry). */
int store_audit_append(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
		       const struct audit_entry *e);
/* Walks the whole chain. On IPS_ETAMPERED *bad_seq is the first entry that fails.
 * When mark_seq > 0 and the chain reaches it, mark_hash gets that entry's hash. */
int store_audit_verify(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
		       int64_t *count, unsigned char head[AUDIT_HASH_BYTES], int64_t *bad_seq,
		       int64_t mark_seq, unsigned char mark_hash[AUDIT_HASH_BYTES]);
struct audit_query {
	const char *actor, *action, *entity, *from, *to;   /* NULL: any; from/to are dates */
	int64_t entity_id;                                  /* 0: any */
	int64_t before_seq;                                 /* the database's log: 0 newest */
	int64_t before_read_seq;                            /* the read log: 0 newest */
	int limit;
};
/* Both chains, newest first by time, at most limit entries in all. */
int store_audit_search(struct store *s, struct arena *a, const struct audit_query *q,
		       struct audit_entry **out, size_t *n);

/* ---- the read log (store/readlog.c): views of records, beside the database ----------- */
/* Appends views to the read log, a SQLite file of its own beside the database (path +
 * ".reads", made at its first use) holding an audit table like the database's, with a
 * chain of its own. One transaction, committed with synchronous = NORMAL, and no write
 * to the database file: a commit there would make every other connection drop its page
 * cache, which cost the read pages three quarters of their throughput (BENCHMARKS.md,
 * "Pages under load"). Fills seq; e is otherwise as for store_audit_append. */
int store_read_audit_append(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
			    const struct audit_entry *e, size_t n);
/* The same without waiting: queues the entries (which must stay valid until then) and
 * returns; written(ctx, rc) is called, on whichever thread writes them, once they are
 * written (rc IPS_OK) or could not be. A server holds the page back till then, while
 * its thread serves others; so a commit serves as many pages as arrive meanwhile.
 * Fails (IPS_EIO, written never called) only when nothing could be queued. */
int store_read_audit_submit(struct store *s, const unsigned char key[AUDIT_KEY_BYTES],
			    const struct audit_entry *e, size_t n, void (*written)(void *ctx, int rc), void *ctx);
/* Waits until every view queued in this process has been written and its owner told. */
void store_reads_drain(void);
/* Stops the thread this process appends to read logs with, after what is queued, and
 * closes its connection (a server stopping; the next append starts it again). */
void store_reads_writer_close(void);
/* Opens the database's read log for reading (read-only or read-write as s is): IPS_OK,
 * IPS_ENOTFOUND for a database that never had one, IPS_ETAMPERED for one that had and
 * whose read log has gone (s's message says so), or another error. */
int store_reads_open(struct store *s);
/* Walks the read log's chain as store_audit_verify does; no read log is an empty chain. */
int store_reads_verify(struct store *s, const unsigned char key[AUDIT_KEY_BYTES], int64_t *count,
		       unsigned char head[AUDIT_HASH_BYTES], int64_t *bad_seq);
/* The read log's file for the database at path, written into buf. */
void store_reads_path(const char *path, char *buf, size_t size);

/* ---- API tokens (store/tokens.c): kept by the hash of the token only ---------------- */
struct api_token {
	int64_t id, account_id;
	const char *name, *hint, *created_at, *last_used_at, *revoked_at;   /* ISO timestamps */
};
int store_token_insert(struct store *s, int64_t account_id, const char *name,
		       const unsigned char hash[32], const char *hint, const char *now, int64_t *id);
/* An account's tokens not revoked, newest first. */
int store_tokens_of_account(struct store *s, struct arena *a, int64_t account_id,
			    struct api_token **out, size_t *n);
int store_token_get(struct store *s, struct arena *a, int64_t id, struct api_token *out);
/* The token with this hash, revoked or not. */
int store_token_by_hash(struct store *s, struct arena *a, const unsigned char hash[32],
			struct api_token *out);
int store_token_revoke(struct store *s, int64_t id, const char *now);
int store_token_touch(struct store *s, int64_t id, const char *now);

/* ---- paged lists for the JSON API (store/listing.c) --------------------------------- */
/* Rows with id > after_id, by id, at most limit; changed_since (an ISO timestamp
 * "YYYY-MM-DDTHH:MM:SSZ", NULL: any) keeps rows whose changed_at is at or after it.
 * Filters that are 0 are not applied: site_id (the row's site), team_id (a referral to
 * that team), client_id (that person's rows). */
struct page_query {
	int64_t after_id;
	int limit;
	const char *changed_since;
	int64_t site_id, team_id, client_id;
};
/* A person; changed_at is the latest of the record's, the profile's and their
 * referrals' updated_at. */
struct client_row {
	struct client client;
	const char *site_code, *changed_at;
};
int store_clients_page(struct store *s, struct arena *a, const struct page_query *q,
		       struct client_row **out, size_t *n);
struct referral_row {
	struct referral referral;
	const char *client_ref, *team_code, *specialist_code, *first_direct_on, *updated_at;
};
int store_referrals_page(struct store *s, struct arena *a, const struct page_query *q,
			 struct referral_row **out, size_t *n);
/* Contacts on any referral of q->client_id (required). */
struct contact_row {
	struct contact contact;
	const char *referral_ref, *employer_ref, *staff_code, *updated_at;
};
int store_contacts_page(struct store *s, struct arena *a, const struct page_query *q,
			struct contact_row **out, size_t *n);
struct employer_row {
	struct employer employer;
	const char *site_code, *updated_at;
};
int store_employers_page(struct store *s, struct arena *a, const struct page_query *q,
			 struct employer_row **out, size_t *n);
/* Jobs on any referral of q->client_id (required). */
struct job_page_row {
	struct job job;
	const char *referral_ref, *employer_ref, *created_at, *updated_at;
};
int store_jobs_page(struct store *s, struct arena *a, const struct page_query *q,
		    struct job_page_row **out, size_t *n);
/* Job-search steps (applications) on any referral of q->client_id (required), in id
 * order after q->after_id; changed_since against their updated_at. */
struct application;
int store_applications_page(struct store *s, struct arena *a, const struct page_query *q,
			    struct application **out, size_t *n);
/* Every entry about one person, oldest first: their client record (which benefits
 * advice and the CV are audited on) and any referral, contact, job, job-search step
 * (application) or in-work support item of theirs. */
int store_audit_of_client(struct store *s, struct arena *a, int64_t client_id,
			  struct audit_entry **out, size_t *n);

/* ---- benefits advice, benefit rates and CVs (store/benefits.c; issue 3, 006_benefits.sql) ---- */
struct benefits_advice {
	int64_t id, client_id, staff_id;
	const char *date, *covered, *follow_up, *created_at;
	const char *staff_name;                                     /* joined for display */
};
int store_benefits_advice_insert(struct store *s, const struct benefits_advice *in, const char *now,
				 int64_t *id);
/* A person's benefits advice, newest first. */
int store_benefits_advice_of_client(struct store *s, struct arena *a, int64_t client_id,
				    struct benefits_advice **out, size_t *n);
/* *out: whether the person has benefits advice dated on or before day (ISO). */
int store_benefits_advice_before(struct store *s, int64_t client_id, const char *day, bool *out);
/* Every rates row (core/betteroff.h), newest applies_from first. */
struct bo_rates;
int store_benefit_rates_list(struct store *s, struct arena *a, struct bo_rates **out, size_t *n);
/* IPS_EDUPLICATE when a row already starts on in->applies_from. */
int store_benefit_rates_insert(struct store *s, const struct bo_rates *in, int64_t staff_id,
			       const char *now, int64_t *id);
struct cv {
	int64_t client_id;
	const char *statement, *skills, *work_history, *education, *interests, *references_note,
		*updated_at;
};
/* IPS_ENOTFOUND when the person has no saved CV. */
int store_cv_get(struct store *s, struct arena *a, int64_t client_id, struct cv *out);
int store_cv_put(struct store *s, const struct cv *in, int64_t staff_id, const char *now);

/* ---- job search and in-work support (store/support.c; issue 3, 005_support.sql) ---- */
struct application {
	int64_t id, referral_id, vacancy_id, employer_id, job_id;   /* 0: none */
	const char *title, *kind, *identified_on, *applied_on, *interview_on, *offer_on,
		*outcome, *outcome_on, *note, *created_at, *updated_at;
	int64_t client_id;                                           /* joined */
	const char *employer_name;                                   /* joined for display */
};
int store_application_insert(struct store *s, const struct application *in, int64_t staff_id,
			     const char *now, int64_t *id);
/* Rewrites the stages, outcome, job link and note. */
int store_application_update(struct store *s, const struct application *in, const char *now);
int store_application_get(struct store *s, struct arena *a, int64_t id, struct application *out);
/* Every step of a person's job search, newest first. */
int store_applications_of_client(struct store *s, struct arena *a, int64_t client_id,
				 struct application **out, size_t *n);
/* What a vacancy fills an application with: its employer and title (site to check scope). */
int store_vacancy_brief(struct store *s, struct arena *a, int64_t vacancy_id, int64_t *site_id,
			int64_t *employer_id, const char **title);

/* A support item as stored (dates ISO; kind and status as core/support.c codes), with
 * what the pages show beside it. */
struct support_row {
	int64_t id, job_id, contact_id, client_id, referral_id, specialist_id;
	const char *kind, *window_from, *window_to, *status;
	int seq;
	const char *job_title, *employer_name, *job_started_on, *job_ended_on, *given_name,
		*family_name, *specialist_name, *contact_date;
};
/* Every item of every job of the person, by window end. */
int store_support_of_client(struct store *s, struct arena *a, int64_t client_id,
			    struct support_row **out, size_t *n);
int store_support_insert(struct store *s, const struct support_row *in, const char *now, int64_t *id);
int store_support_set_status(struct store *s, int64_t id, const char *status, int64_t contact_id,
			     const char *now);
/* Open items whose window has begun by today, of a site, of one specialist's open
 * referrals (specialist_id; 0: the whole site), by specialist and window end. */
int store_support_due(struct store *s, struct arena *a, int64_t site_id, int64_t specialist_id,
		      const char *today, struct support_row **out, size_t *n);
/* A person's contacts that count towards the schedule and have met no item yet, oldest
 * first: id, date, with_whom ("client" or "employer") and mode in a contact. */
int store_support_contacts(struct store *s, struct arena *a, int64_t client_id,
			   struct contact **out, size_t *n);
/* Attended face-to-face employer contacts by one member of staff on each day of
 * [from, to]: days[i] counts from + i (the caller sizes days to the span). */
int store_employer_visits_by_day(struct store *s, int64_t staff_id, const char *from, const char *to,
				 int *days, size_t ndays);

/* ---- erasure after the retention period (store/erasure.c) -------------------------- */
/* What erasing people removed (or, for employer contacts, kept without the link). */
struct erasure_counts {
	int64_t people, referrals, contacts, jobs, applications, support_items, events,
		benefits_advice, employer_contacts_kept;
};
/* People none of whose referrals is open, with no job still going, and whose latest
 * activity (referral closed, contact on their referrals, job ended, job-search stage,
 * benefits advice; with no referral, the record's last change) is before cutoff (ISO),
 * by id, into an arena array. */
int store_erasure_candidates(struct store *s, struct arena *a, const char *cutoff, int64_t **ids, size_t *n);
/* Deletes everything held about one person in the caller's transaction, in foreign-key
 * order, and adds what it removed to *counts: support items, job-search steps and jobs
 * of their referrals, every contact on their referrals except employer contacts (those
 * are kept with referral_id and note cleared), their timeline, benefits advice, CV,
 * profile, referrals and record. Never the audit log. IPS_ENOTFOUND: no such person. */
int store_client_erase(struct store *s, int64_t client_id, struct erasure_counts *counts);
/* Copies the WAL into the database file and empties it (best effort: IPS_EBUSY while
 * another connection reads), so deleted rows are not left in the WAL. */
int store_wal_checkpoint(struct store *s);

/* ---- deletion markers for the API's sync (store/deletions.c, 012_deletions.sql; issue 6) ---- */
/* One marker: a record the API lists was deleted (or, for an employer contact kept after
 * its person's erasure, left their list). kind: "person", "referral", "contact", "job",
 * "employer" or "vacancy"; record_id: the record's id as the API gives it; client_id: the
 * person's id for their records, 0 for employers and vacancies. Identifiers only. */
struct deletion_row {
	int64_t id;
	const char *kind;
	int64_t record_id, client_id;
	const char *deleted_at;
};
/* Markers after q->after_id, in id order, at most q->limit, deleted at or after
 * q->changed_since when set. Filters as store/listing.c's: q->site_id, the markers of
 * that site; q->team_id, a referral of that team and the person, contacts and jobs of
 * anyone who had a referral to that team (still held, or itself marked deleted), as the
 * person's record is in a clinician's scope; org false leaves out employers and
 * vacancies. Scope is app/'s to choose. */
int store_deletions_page(struct store *s, struct arena *a, const struct page_query *q, bool org,
			 struct deletion_row **out, size_t *n);

#endif
