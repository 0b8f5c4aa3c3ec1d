/* core/fidelity_records.c — V12 and V1 of the fidelity evidence, from the in-work
 * support schedule (core/support.h) and the benefits advice records. Exact fractions,
 * rounded only when shown. Pure: no SQL, no clock (today is an argument). */
#include "core/fidelity_records.h"
#include <stdlib.h>
#include <string.h>

enum fr_v12 fidelity_v12_item(const struct fr_support *it, day_t from, day_t to, day_t today)
{
	if (!it->in_scope || it->due < from || it->due > to)
		return FR_V12_LEFT_OUT;
	if (it->kind != SK_AFTER_START && it->kind != SK_WEEKLY && it->kind != SK_MONTHLY)
		return FR_V12_LEFT_OUT;
	switch (it->status) {
	case SS_MET: return FR_V12_MET;
	case SS_MISSED: return FR_V12_MISSED;
	case SS_OPEN: return it->due < today ? FR_V12_MISSED : FR_V12_LEFT_OUT;
	default: return FR_V12_LEFT_OUT;
	}
}

struct fraction fidelity_v12(const struct fr_support *items, size_t n, day_t from, day_t to, day_t today)
{
	int64_t met = 0, counted = 0;
	for (size_t i = 0; i < n; i++) {
		enum fr_v12 v = fidelity_v12_item(&items[i], from, to, today);
		met += v == FR_V12_MET;
		counted += v != FR_V12_LEFT_OUT;
	}
	return (struct fraction){100 * met, counted};
}

/* True when job a comes before job b as a person's first job. */
static bool job_before(const struct fr_job *a, const struct fr_job *b)
{
	if (a->started != b->started)
		return a->started < b->started;
	if (a->received != b->received)
		return a->received > b->received;
	return strcmp(a->ref ? a->ref : "", b->ref ? b->ref : "") < 0;
}

/* A job and where it is in the caller's array: qsort has no context argument. */
struct ranked {
	const struct fr_job *job;
	size_t index;
};

static int cmp_first(const void *x, const void *y)
{
	const struct fr_job *a = ((const struct ranked *)x)->job, *b = ((const struct ranked *)y)->job;
	if (a->client_id != b->client_id)
		return (a->client_id > b->client_id) - (a->client_id < b->client_id);
	return job_before(a, b) ? -1 : job_before(b, a) ? 1 : 0;
}

long fidelity_v1_people(const struct fr_job *jobs, size_t n, day_t from, day_t to, size_t *first, bool *advised)
{
	struct ranked *order = malloc((n + 1) * sizeof *order);
	if (!order)
		return -1;
	for (size_t i = 0; i < n; i++)
		order[i] = (struct ranked){&jobs[i], i};
	qsort(order, n, sizeof *order, cmp_first);
	long people = 0;
	for (size_t i = 0; i < n; i++) {
		const struct fr_job *j = order[i].job;
		if (i > 0 && order[i - 1].job->client_id == j->client_id)
			continue;   /* not this person's first job */
		if (!j->in_scope || j->started < from || j->started > to)
			continue;
		first[people] = order[i].index;
		if (advised)
			advised[people] = j->first_advice != OC_NO_DAY && j->first_advice <= j->started;
		people++;
	}
	free(order);
	return people;
}

struct fraction fidelity_v1(const struct fr_job *jobs, size_t n, day_t from, day_t to)
{
	size_t *first = malloc((n + 1) * sizeof *first);
	bool *advised = malloc((n + 1) * sizeof *advised);
	long people = first && advised ? fidelity_v1_people(jobs, n, from, to, first, advised) : -1;
	int64_t yes = 0;
	for (long i = 0; i < people; i++)
		yes += advised[i];
	free(first);
	free(advised);
	return people < 0 ? (struct fraction){0, 0} : (struct fraction){100 * yes, people};
}
