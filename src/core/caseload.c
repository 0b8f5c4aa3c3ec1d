/* core/caseload.c — a person's stage on the journey, the caseload limit (DOMAIN.md:
 * 20 per full-time specialist, pro rata) and the waiting-time bands of outcomes.md. */
#include "core/caseload.h"

enum stage stage_of(const struct stage_facts *f)
{
	if (f->closed)
		return STAGE_CLOSED;
	if (f->in_work)
		return STAGE_IN_WORK;
	if (f->had_direct_contact)
		return STAGE_ENGAGED;
	if (f->allocated)
		return STAGE_ALLOCATED;
	return STAGE_WAITING;
}

const char *stage_label(enum stage s)
{
	switch (s) {
	case STAGE_WAITING: return "Waiting for allocation";
	case STAGE_ALLOCATED: return "Allocated, not yet met";
	case STAGE_ENGAGED: return "Engaged, looking for work";
	case STAGE_IN_WORK: return "In work";
	case STAGE_CLOSED: return "Closed";
	}
	return "";
}

int caseload_limit(int fte_hundredths)
{
	if (fte_hundredths <= 0)
		return 0;
	return 20 * fte_hundredths / 100;
}

int waiting_band(int days)
{
	if (days <= 7)
		return 0;   /* negative waits count here too (outcomes.md) */
	if (days <= 30)
		return 1;
	return 2;
}

const char *waiting_band_label(int band)
{
	switch (band) {
	case 0: return "Within 7 days";
	case 1: return "8 to 30 days";
	default: return "Over 30 days";
	}
}
