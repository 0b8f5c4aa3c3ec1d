/* core/fidelity_records.h — the two measurable fidelity items that come from the
 * in-work support schedule and the benefits records rather than the interchange data:
 * V12 (in-work support contacts meeting the schedule) and V1 (benefits advice before a
 * person's first job). Shown as a percentage with no suggested score (DOMAIN.md); the
 * definitions are in docs/data-dictionary.md ("Readings"). Pure: plain arrays in. */
#ifndef IPS_FIDELITY_RECORDS_H
#define IPS_FIDELITY_RECORDS_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/outcomes.h"
#include "core/support.h"

/* ---- V12 ------------------------------------------------------------------------------ */
/* An in-work support item of a job on a referral (in scope or not). */
struct fr_support {
	enum support_kind kind;
	enum support_status status;
	day_t due;                 /* the last day of its window */
	bool in_scope;             /* the job's referral is in scope */
};
enum fr_v12 { FR_V12_LEFT_OUT, FR_V12_MET, FR_V12_MISSED };
/* How one item counts towards V12 for the period [from, to] seen on day today: left
 * out unless it is an after-start, weekly or monthly item in scope whose window ends
 * in the period; then met when met, missed when missed or still open with its window
 * ended before today; left out when cancelled or open with its window not yet over. */
enum fr_v12 fidelity_v12_item(const struct fr_support *it, day_t from, day_t to, day_t today);
/* V12 = 100 x met / counted (den 0: no figure). */
struct fraction fidelity_v12(const struct fr_support *items, size_t n, day_t from, day_t to, day_t today);

/* ---- V1 ------------------------------------------------------------------------------- */
/* A job, with what V1 needs of its referral and person. */
struct fr_job {
	int64_t client_id;
	day_t started, received;   /* received: its referral's received_on */
	const char *ref;           /* the job's ref: the last tie-break, in byte order */
	bool in_scope;             /* its referral is in scope */
	day_t first_advice;        /* the person's earliest benefits advice, OC_NO_DAY: none */
};
/* The people V1 counts: each person's first job (the earliest started_on; on a tie
 * the one whose referral has the latest received_on, then the lowest ref: as
 * people_into_work in spec/outcomes.md) when it started in [from, to] on a referral in
 * scope. first[] (room for n) gets the index of each such job, ordered by client id;
 * returns how many. advised[] (room for n, or NULL) says for each whether the person
 * had benefits advice dated on or before that start. -1 when memory runs out. */
long fidelity_v1_people(const struct fr_job *jobs, size_t n, day_t from, day_t to, size_t *first, bool *advised);
/* V1 = 100 x advised / people (den 0: no figure); {0, 0} when memory runs out. */
struct fraction fidelity_v1(const struct fr_job *jobs, size_t n, day_t from, day_t to);

#endif
