/* core/outcomes.h — the outcome report of spec/outcomes.md, computed from plain arrays
 * of referrals, jobs and contact totals that the store gathers. Every rate, mean and
 * median is kept as an exact fraction and rounded once, halves away from zero, when
 * it is written out. Pure: no I/O, no SQL. */
#ifndef IPS_OUTCOMES_H
#define IPS_OUTCOMES_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"

#define OC_NO_DAY INT32_MIN   /* a date that is null */

enum { OC_SOURCE_GP, OC_SOURCE_MHP, OC_SOURCE_SELF, OC_SOURCE_OTHER, OC_NSOURCES };
enum { OC_MODE_F2F, OC_MODE_PHONE, OC_MODE_VIDEO, OC_MODE_TEXT, OC_MODE_EMAIL, OC_MODE_LETTER, OC_NMODES };
extern const char *const OC_SOURCE_KEYS[OC_NSOURCES];
extern const char *const OC_MODE_KEYS[OC_NMODES];
/* Index of a source or mode code in the lists above, or -1. */
int oc_source_index(const char *code);
int oc_mode_index(const char *code);

struct oc_referral {
	int64_t id, client_id;
	day_t received, closed, first_direct, first_employer;   /* OC_NO_DAY: null */
	int8_t source;                                        /* OC_SOURCE_* */
	bool out_of_work;                                     /* employment_status other than 01 */
	bool in_scope;
	bool closed_screening;   /* close_reason other than person_choice and moved_away (O6) */
	int64_t specialist_id;   /* 0: not allocated (fidelity S1) */
};

struct oc_job {
	int64_t referral_id;
	const char *ref;        /* for the spec's last tie-break, byte order */
	day_t started, ended;   /* ended: OC_NO_DAY when still in work */
	int64_t hours;          /* hundredths of an hour a week */
	bool competitive;
	const char *job_type;   /* SOC 2020 unit group, or NULL */
	int64_t employer_id;    /* 0: none recorded */
	size_t ref_pos;         /* 1 + the position of its referral in oc_input.referrals, set by
				 * oc_link_jobs; 0: not linked (looked up by referral_id) */
};

/* Contact totals the store counts directly. */
struct oc_contact_totals {
	int64_t by_mode[OC_NMODES];       /* attended, with the person, dated in P, in scope */
	int64_t employer_f2f;             /* E: specialists in scope, employer, face to face, attended */
	int64_t specialists;              /* S: specialists in scope with any contact in P */
	int64_t minutes_all, minutes_community;
	/* fidelity S1: the specialists in scope who recorded any contact in P, their FTE
	 * summed (hundredths), and the referrals in scope open on `to`, met by then,
	 * allocated to one of them */
	int64_t specialist_fte, active_referrals;
};

/* Contacts tallied by day, so that one read of the contacts serves every period inside
 * the span it covers (a dashboard's months and quarters, a fidelity week by week).
 * modes: attended contacts with the person, in scope through their referral, by day and
 * mode. staff: per specialist in scope (through their own team) and day with any
 * contact, that day's sums. Both sorted by day (staff: by staff, then day). */
struct oc_day_mode {
	day_t day;
	int8_t mode;                      /* OC_MODE_* */
	int64_t n;
};
struct oc_staff_day {
	int64_t staff_id, fte;            /* fte in hundredths */
	day_t day;
	int64_t employer_f2f, minutes_all, minutes_community;
};
struct oc_contact_days {
	const struct oc_day_mode *modes;
	size_t nmodes;
	const struct oc_staff_day *staff;
	size_t nstaff;
	/* The first days of the months tallied whole (their rows carry the month's first
	 * day): a period may start or end at a month's edge, never inside one of these. */
	const day_t *months;
	size_t nmonths;
};
/* The contact totals of period [from, to] from the tallies, with S1's referrals (open on
 * `to`, met by then, in scope, allocated to a specialist with a contact in the period)
 * counted over refs. Returns 0, or -1 when memory runs out or the period starts or ends
 * inside a month tallied whole (the tallies cannot give it exactly). */
int oc_contact_totals_sum(const struct oc_contact_days *cd, const struct oc_referral *refs, size_t nrefs,
			  day_t from, day_t to, struct oc_contact_totals *out);

/* A client's first job over all their jobs: its position in oc_input's jobs, and its
 * referral's in oc_input's referrals. */
struct oc_first {
	size_t job, ref;
};

struct oc_input {
	day_t from, to;
	const struct oc_referral *referrals;   /* every referral, in scope or not, by id */
	size_t nreferrals;
	const struct oc_job *jobs;             /* every job */
	size_t njobs;
	struct oc_contact_totals contacts;
	/* Each client's first job (oc_firsts), when the caller found them once for many
	 * reports over the same referrals and jobs (a dashboard's periods and breakdowns,
	 * which differ only in period and in which referrals are in scope); NULL: each
	 * report finds them itself. */
	const struct oc_first *firsts;
	size_t nfirsts;
};

/* Each client's first job among in's jobs with a referral in in, one per client, into
 * *out (malloc'd; the caller frees it). 0, or -1 when out of memory. */
int oc_firsts(const struct oc_input *in, struct oc_first **out, size_t *n);

/* Links each job to its referral's position in refs (sorted by id), once, so that the
 * many reports computed over the same inputs (a dashboard's periods and breakdowns) do
 * not each search for it. */
void oc_link_jobs(const struct oc_referral *refs, size_t nrefs, struct oc_job *jobs, size_t njobs);

/* An exact value num / den; den == 0 is null. */
struct fraction {
	int64_t num, den;
};

struct outcome_report {
	day_t from, to;
	int64_t referrals_received, by_source[OC_NSOURCES], accessed, caseload, waiting;
	int64_t wait_within_7, wait_8_to_30, wait_over_30, worked;
	struct fraction employment_rate;
	int64_t job_starts, people_into_work, out_of_work_at_referral, moved_into_work;
	struct fraction moved_into_work_rate;
	int64_t sustained_jobs;
	struct fraction median_days_to_first_job, rapid_job_search_mean_days;
	struct fraction employer_contacts_per_specialist_week, community_time_share;
	int64_t contacts_by_mode[OC_NMODES];
	/* Written out under NHS England's publication rule (spec/outcomes.md): counts of
	 * 1-4 as "*", other counts to the nearest 5, rates withheld when a count of theirs
	 * is, means and medians over 1-4 values withheld; staff measures as they are. */
	bool published;
};

/* The publication rule for one count: -1 for "*" (1 to 4), else n rounded to the
 * nearest 5 (0 stays 0). */
int64_t outcomes_publish_count(int64_t n);

/* Computes the report. Returns 0, or -1 when memory runs out. */
int outcomes_compute(const struct oc_input *in, struct outcome_report *out);

/* f x 10^places rounded to a whole number, halves away from zero (0 when den is 0):
 * fraction_round({2, 3}, 1) is 7, for 0.7. */
int64_t fraction_round(struct fraction f, int places);
/* f rounded to places decimals, halves away from zero, as text ("0.4167", "-3.5");
 * "null" when den is 0. out: at least 32 bytes. */
void fraction_format(struct fraction f, int places, char *out);

/* One value of the report, flattened: "referrals_by_source.gp" and the like, in the
 * spec's order, formatted ("null" for a null, "*" when withheld from publication). */
struct outcome_item {
	const char *key;
	char value[40];
	bool is_string;      /* JSON quotes it: dates and "*" */
};
#define OUTCOME_NITEMS 40
/* Fills it (OUTCOME_NITEMS slots) and returns how many items there are. */
size_t outcomes_flatten(const struct outcome_report *r, struct outcome_item *it);

/* The report as the spec's JSON object (keys in the spec's order), as CSV (a header
 * of the same names, nested ones joined with a dot: "referrals_by_source.gp", then one
 * row), or as a two-column table for a terminal. Appended to b. */
struct buf;
void outcomes_json(const struct outcome_report *r, struct buf *b);
void outcomes_csv(const struct outcome_report *r, struct buf *b);
void outcomes_table(const struct outcome_report *r, struct buf *b);

#endif
