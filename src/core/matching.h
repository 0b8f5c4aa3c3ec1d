/* core/matching.h — how well one vacancy fits one person's preferences (DOMAIN.md
 * principle 8: the person's preferences drive the job search), as a score 0-100 and a
 * reason in the person's terms; the conditions a job may involve; a small top-N heap.
 * Pure: no I/O, no allocation, no clock. Missing data neither rewards nor excludes. */
#ifndef IPS_MATCHING_H
#define IPS_MATCHING_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/codes.h"

/* What a job may involve and a person may want to avoid (vacancy.conditions,
 * client_profile.avoid: comma-separated codes from this list). At most 32. */
extern const struct code MATCH_CONDITIONS[];
/* The words for a condition in a reason ("nights", "working alone"), or the code. */
const char *match_condition_words(const char *code);
/* The bit set of a comma-separated list of condition codes; false (and *bits of the
 * codes known so far) when a code is not in MATCH_CONDITIONS. NULL or "" is none. */
bool match_conditions_parse(const char *csv, uint32_t *bits);

/* A vacancy's status: open, filled, closed, withdrawn. Only open ones are matched. */
extern const struct code VACANCY_STATUSES[];

/* The most preferred job types a person can have (SOC 2020 unit groups). */
#define MATCH_MAX_JOB_TYPES 16
/* Reads comma-separated 4-digit SOC codes (spaces around commas allowed) into codes;
 * false when one is not 4 digits or there are more than MATCH_MAX_JOB_TYPES. */
bool match_job_types_parse(const char *csv, int codes[MATCH_MAX_JOB_TYPES], size_t *n);
/* A 4-digit code as a number, or -1 when s is not exactly 4 digits. */
int match_soc_code(const char *s);

/* A person's preferences. -1 (or n 0, NULL) means not recorded. */
struct match_prefs {
	int job_types[MATCH_MAX_JOB_TYPES];
	size_t njob_types;
	int hours_min, hours_max;       /* whole hours a week */
	int travel_miles;
	int64_t pay_min;                /* pence an hour */
	uint32_t avoid;                 /* MATCH_CONDITIONS bits */
};
/* A vacancy. -1 means not recorded; conditions 0 means it involves none of them. */
struct match_job {
	int job_type;                   /* SOC code */
	int64_t hours_min, hours_max;   /* hundredths of an hour a week */
	int64_t pay;                    /* pence an hour */
	uint32_t conditions;
};

/* How each criterion came out, for the reason. */
enum match_level { MATCH_UNKNOWN, MATCH_NO, MATCH_PARTLY, MATCH_YES };
struct match_detail {
	enum match_level job_type, hours, distance, pay;
	uint32_t clash;                 /* conditions the job involves that the person avoids */
	double miles;                   /* < 0: unknown */
};

/* Weights: job type 40, hours 20, distance 20, pay 20. A criterion met earns its
 * weight, partly met half of it (job type: same SOC minor group, 25), unknown half of
 * it, not met nothing. Any condition the person wants to avoid takes 50 off (never
 * below 0). miles: the distance between the person and the job (geo_miles), negative
 * when unknown. d may be NULL. */
int match_score(const struct match_prefs *p, const struct match_job *j, double miles,
		struct match_detail *d);

/* The reason, in the person's terms, e.g. "matches preferred job type; 16 hours within
 * 10-20; 4 miles, within the 5-mile travel limit; pay below preference". Always
 * NUL-terminated; returns the length it needed (as snprintf). */
size_t match_reason(const struct match_prefs *p, const struct match_job *j,
		    const struct match_detail *d, char *out, size_t cap);

/* Ordering of results: score high to low, then closing date soonest first (none
 * last), then id. closing: YYYYMMDD, or INT32_MAX when there is none. */
struct match_rank {
	int score;
	int32_t closing;
	int64_t id;
	size_t index;                   /* the caller's, carried along */
};
bool match_rank_before(const struct match_rank *a, const struct match_rank *b);
/* "YYYY-MM-DD" as YYYYMMDD; INT32_MAX for NULL or anything else. */
int32_t match_closing_key(const char *iso);

/* The best cap ranks offered (a min-heap on the caller's array). An offer with the id
 * of an entry already kept is ignored, so a person listed twice is kept once. */
struct match_top {
	struct match_rank *items;
	size_t n, cap;
};
void match_top_offer(struct match_top *t, const struct match_rank *r);
/* Sorts what is kept, best first (the heap is used up). */
void match_top_sort(struct match_top *t);

#endif
