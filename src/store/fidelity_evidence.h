/* store/fidelity_evidence.h — the records behind each measurable fidelity item, for
 * the drill-down a reviewer samples (app/fidelity_evidence.c), and what V12 and V1 are
 * computed from. Only pseudonymous references (referral, job and employer refs, staff
 * codes), dates and the measured fields: never a name, NHS number, date of birth,
 * address or note. Scope as store_outcome_records (spec/outcomes.md). SQL only. */
#ifndef IPS_STORE_FIDELITY_EVIDENCE_H
#define IPS_STORE_FIDELITY_EVIDENCE_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "store/store.h"

/* One record behind a figure. Which fields a read fills is said beside it; dates are
 * ISO strings, NULL when null. */
struct fe_rec {
	const char *ref;        /* a referral's ref, or a specialist's code */
	const char *job_ref;
	const char *code;       /* a short code: specialist, job type, close reason, kind, place */
	const char *other;      /* employer ref, support item status */
	const char *d1, *d2, *d3, *d4;
	int64_t n1, n2, client_id;
	bool flag, in_scope;
};

enum fe_read {
	FE_S1_SPECIALISTS,   /* specialists in scope with any contact in P: ref = code, n1 = FTE (hundredths) */
	FE_S1_REFERRALS,     /* referrals counted in A: ref, code = specialist, d1 received, d2 first direct */
	FE_V4_REFERRALS,     /* first_employer in P: ref, d1 received, d2 first employer contact */
	FE_V6_SPECIALISTS,   /* specialists in scope with any contact in P: ref = code, n1 employer f2f */
	FE_JOBS_STARTED,     /* jobs in scope started in P: job_ref, ref, d1 started, code = job type,
			      * other = employer ref, flag = competitive */
	FE_V13_CONTACTS,     /* specialists' contacts in P with place and minutes: d1 date, ref = specialist
			      * code, code = place, n1 minutes */
	FE_O6_REFERRALS,     /* ref, d1 received, d2 closed, code = close reason */
	FE_V12_ITEMS,        /* support items with window_to in P: ref, job_ref, d1 job start, code =
			      * kind, n1 seq, d2 window from, d3 window to, other = status, d4 the
			      * date of the contact that met it, in_scope */
	FE_V1_JOBS,          /* every job: job_ref, ref, client_id, d1 started, d2 referral received,
			      * d3 the person's earliest benefits advice, in_scope */
};

/* Reads the records of one kind for period [from, to] (ISO) and scope sc (a site or a
 * team code; never a specialist), ordered for reading, into the arena. */
int store_fe_records(struct store *s, struct arena *a, enum fe_read what, const struct report_scope *sc,
		     const char *from, const char *to, struct fe_rec **out, size_t *n);

#endif
