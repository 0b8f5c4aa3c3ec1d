/* core/caseload.h — a person's stage on the IPS journey and the caseload limit.
 * DOMAIN.md: at most 20 people per full-time specialist, pro rata by FTE. */
#ifndef IPS_CASELOAD_H
#define IPS_CASELOAD_H
#include <stdbool.h>
#include <stdint.h>
#include "core/date.h"

enum stage {
	STAGE_WAITING = 0,   /* referred, not yet allocated */
	STAGE_ALLOCATED,     /* allocated, no direct contact yet */
	STAGE_ENGAGED,       /* met (a direct contact), no job */
	STAGE_IN_WORK,       /* a job started and not ended */
	STAGE_CLOSED,        /* referral closed */
};

struct stage_facts {
	bool closed;
	bool allocated;
	bool had_direct_contact;
	bool in_work;
};

enum stage stage_of(const struct stage_facts *f);
const char *stage_label(enum stage s);
/* Limit for an FTE in hundredths (100 = full time): 20 * fte, rounded down; 50 -> 10. */
int caseload_limit(int fte_hundredths);
/* Waiting-time band for a number of days: 0 = within 7 days, 1 = 8-30, 2 = over 30. */
int waiting_band(int days);
const char *waiting_band_label(int band);

#endif
