/* core/fidelity.c — the measurable items of the fidelity scale, exactly as
 * spec/fidelity-evidence.md defines them, and reading a suggested score off the bands.
 * Every value is rounded to 1 decimal place before its band is read. */
#include "core/fidelity.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "util/buf.h"

const char *const FID_ITEM_KEYS[FID_NITEMS] = {"S1", "V4", "V6", "V8", "V9", "V10", "V13", "O6"};

/* The 2008 scale's bands (DOMAIN.md). S1, V4, V6 and V13's top anchors are confirmed
 * from published sources; the rest are the best available reading of the scale. */
const struct fidelity_bands FID_DEFAULT_BANDS[FID_NITEMS] = {
	[FID_S1] = {true, {200, 250, 300, 400}, true},     /* <=20 | (20,25] | (25,30] | (30,40] | >40 */
	[FID_V4] = {true, {300, 600, 1500, 2700}, true},   /* <=30 | (30,60] | (60,150] | (150,270] | >270 */
	[FID_V6] = {false, {20, 30, 50, 60}, true},        /* <2 | [2,3) | [3,5) | [5,6) | >=6 */
	[FID_V8] = {false, {500, 600, 700, 850}, true},
	[FID_V9] = {false, {500, 600, 700, 850}, true},
	[FID_V10] = {false, {640, 750, 850, 950}, true},
	[FID_V13] = {false, {300, 400, 500, 650}, true},
	[FID_O6] = {false, {0, 0, 0, 0}, false},           /* a warning, not a band */
};

int fidelity_score(const struct fidelity_bands *b, int64_t tenths)
{
	int n = 0;
	for (int i = 0; i < 4; i++)
		n += b->lower_is_better ? tenths > b->cut[i] : tenths >= b->cut[i];
	return b->lower_is_better ? 5 - n : 1 + n;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

static const struct oc_referral *find_referral(const struct oc_input *in, int64_t id)
{
	size_t lo = 0, hi = in->nreferrals;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (in->referrals[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < in->nreferrals && in->referrals[lo].id == id ? &in->referrals[lo] : NULL;
}

int fidelity_evidence_compute(const struct oc_input *in, const struct outcome_report *rep,
			      const struct fidelity_bands *bands, struct fidelity_evidence *out)
{
	memset(out, 0, sizeof *out);
	out->from = in->from;
	out->to = in->to;
	const char **types = malloc((in->njobs + 1) * sizeof *types);
	int64_t *employers = malloc((in->njobs + 1) * sizeof *employers);
	if (!types || !employers) {
		free(types);
		free(employers);
		return -1;
	}
	size_t ntypes = 0, nemployers = 0;
	int64_t jobs = 0, competitive = 0;
	/* V8, V9, V10: jobs in scope with started_on in P */
	for (size_t j = 0; j < in->njobs; j++) {
		const struct oc_job *job = &in->jobs[j];
		const struct oc_referral *r = find_referral(in, job->referral_id);
		if (!r || !r->in_scope || job->started < in->from || job->started > in->to)
			continue;
		jobs++;
		competitive += job->competitive;
		if (job->job_type)
			types[ntypes++] = job->job_type;
		if (job->employer_id)
			employers[nemployers++] = job->employer_id;
	}
	qsort(types, ntypes, sizeof *types, cmp_str);
	qsort(employers, nemployers, sizeof *employers, cmp_i64);
	int64_t distinct_types = 0, distinct_employers = 0;
	for (size_t i = 0; i < ntypes; i++)
		distinct_types += i == 0 || strcmp(types[i], types[i - 1]) != 0;
	for (size_t i = 0; i < nemployers; i++)
		distinct_employers += i == 0 || employers[i] != employers[i - 1];
	free(types);
	free(employers);

	/* O6: closed in P, before any direct contact, for a reason other than the
	 * person's choice or moving away */
	int64_t screened = 0;
	for (size_t i = 0; i < in->nreferrals; i++) {
		const struct oc_referral *r = &in->referrals[i];
		if (r->in_scope && r->closed != OC_NO_DAY && r->closed >= in->from && r->closed <= in->to &&
		    r->closed_screening && (r->first_direct == OC_NO_DAY || r->first_direct > r->closed))
			screened++;
	}

	struct fidelity_item *it = out->items;
	/* S1: A / F, F the FTE (held in hundredths) */
	it[FID_S1].value = (struct fraction){in->contacts.active_referrals * 100, in->contacts.specialist_fte};
	it[FID_V4].value = rep->rapid_job_search_mean_days;
	it[FID_V6].value = rep->employer_contacts_per_specialist_week;
	it[FID_V8].value = (struct fraction){100 * distinct_types, (int64_t)ntypes};
	it[FID_V9].value = (struct fraction){100 * distinct_employers, (int64_t)nemployers};
	it[FID_V10].value = (struct fraction){100 * competitive, jobs};
	it[FID_V13].value = (struct fraction){100 * rep->community_time_share.num, rep->community_time_share.den};
	it[FID_O6].value = (struct fraction){screened, 1};
	for (int k = 0; k < FID_NITEMS; k++) {
		it[k].places = k == FID_O6 ? 0 : 1;
		if (it[k].value.den && bands[k].scored)
			it[k].score = fidelity_score(&bands[k], fraction_round(it[k].value, 1));
	}
	return 0;
}

void fidelity_evidence_json(const struct fidelity_evidence *e, struct buf *b)
{
	char from[11], to[11], v[32];
	date_iso(e->from, from);
	date_iso(e->to, to);
	buf_printf(b, "{\"period\": {\"from\": \"%s\", \"to\": \"%s\"}, \"items\": {", from, to);
	for (int k = 0; k < FID_NITEMS; k++) {
		const struct fidelity_item *it = &e->items[k];
		fraction_format(it->value, it->places, v);
		buf_printf(b, "%s\"%s\": {\"value\": %s, \"score\": ", k ? ", " : "", FID_ITEM_KEYS[k], v);
		if (it->score)
			buf_printf(b, "%d}", it->score);
		else
			buf_adds(b, "null}");
	}
	buf_adds(b, "}}\n");
}

void fidelity_evidence_table(const struct fidelity_evidence *e, struct buf *b)
{
	char v[32];
	buf_printf(b, "%-6s %10s  %s\n", "item", "value", "suggested score");
	for (int k = 0; k < FID_NITEMS; k++) {
		const struct fidelity_item *it = &e->items[k];
		fraction_format(it->value, it->places, v);
		if (it->score)
			buf_printf(b, "%-6s %10s  %d\n", FID_ITEM_KEYS[k], v, it->score);
		else
			buf_printf(b, "%-6s %10s  %s\n", FID_ITEM_KEYS[k], v,
				   k == FID_O6 ? (it->value.num ? "warning: check each one" : "-") : "none (no data)");
	}
}

enum fidelity_band fidelity_band(int total)
{
	if (total >= 115)
		return FID_BAND_EXEMPLARY;
	if (total >= 100)
		return FID_BAND_GOOD;
	if (total >= 74)
		return FID_BAND_FAIR;
	return FID_BAND_NOT_IPS;
}

const char *fidelity_band_label(enum fidelity_band b)
{
	switch (b) {
	case FID_BAND_EXEMPLARY: return "Exemplary fidelity";
	case FID_BAND_GOOD: return "Good fidelity";
	case FID_BAND_FAIR: return "Fair fidelity";
	case FID_BAND_NOT_IPS: break;
	}
	return "Not IPS";
}

int fidelity_item_key(const char *code)
{
	for (int k = 0; code && k < FID_NITEMS; k++)
		if (strcmp(code, FID_ITEM_KEYS[k]) == 0)
			return k;
	return -1;
}
