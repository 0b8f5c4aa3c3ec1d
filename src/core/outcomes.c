/* core/outcomes.c — spec/outcomes.md, field by field. The comments quote the spec's
 * definitions; keep them in step with it. Counting is over arrays sorted here, so the
 * cost is O(n log n) in referrals and jobs. */
#include "core/outcomes.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *const OC_SOURCE_KEYS[OC_NSOURCES] = {"gp", "mental_health_professional", "self", "other"};
const char *const OC_MODE_KEYS[OC_NMODES] = {"face_to_face", "phone", "video", "text", "email", "letter"};

static int index_of(const char *const *keys, int n, const char *code)
{
	for (int i = 0; code && i < n; i++)
		if (strcmp(keys[i], code) == 0)
			return i;
	return -1;
}

int oc_source_index(const char *code)
{
	return index_of(OC_SOURCE_KEYS, OC_NSOURCES, code);
}

int oc_mode_index(const char *code)
{
	return index_of(OC_MODE_KEYS, OC_NMODES, code);
}

static bool in_period(day_t d, day_t from, day_t to)
{
	return d != OC_NO_DAY && d >= from && d <= to;
}

/* "open during P": received_on <= to and (closed_on null or closed_on >= from). */
static bool open_during(const struct oc_referral *r, day_t from, day_t to)
{
	return r->received <= to && (r->closed == OC_NO_DAY || r->closed >= from);
}

/* "open on day d" */
static bool open_on(const struct oc_referral *r, day_t d)
{
	return r->received <= d && (r->closed == OC_NO_DAY || r->closed >= d);
}

static int cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return (x > y) - (x < y);
}

/* Sorts v ascending: a radix sort by byte, skipping the bytes every value shares (ids
 * fit in three), since a report sorts a million ids; qsort when the buffer it needs
 * cannot be had. */
static void sort_i64(int64_t *v, size_t n)
{
	uint64_t *tmp = n > 64 ? malloc(n * sizeof *tmp) : NULL;
	if (!tmp) {
		qsort(v, n, sizeof *v, cmp_i64);
		return;
	}
	uint64_t *src = (uint64_t *)v, *dst = tmp;
	const uint64_t flip = (uint64_t)1 << 63;   /* negative values first */
	for (size_t i = 0; i < n; i++)
		src[i] ^= flip;
	for (int shift = 0; shift < 64; shift += 8) {
		size_t count[257] = {0};
		for (size_t i = 0; i < n; i++)
			count[((src[i] >> shift) & 0xff) + 1]++;
		if (count[((src[0] >> shift) & 0xff) + 1] == n)
			continue;   /* every value has the same byte here */
		for (int b = 0; b < 256; b++)
			count[b + 1] += count[b];
		for (size_t i = 0; i < n; i++)
			dst[count[(src[i] >> shift) & 0xff]++] = src[i];
		uint64_t *t = src;
		src = dst;
		dst = t;
	}
	if (src != (uint64_t *)v)
		memcpy(v, src, n * sizeof *v);
	for (size_t i = 0; i < n; i++)
		((uint64_t *)v)[i] ^= flip;
	free(tmp);
}

static size_t unique_count(int64_t *v, size_t n)
{
	sort_i64(v, n);
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (i == 0 || v[i] != v[i - 1])
			u++;
	return u;
}

static bool sorted_has(const int64_t *v, size_t n, int64_t x)
{
	return bsearch(&x, v, n, sizeof *v, cmp_i64) != NULL;
}

/* The referral with this id (referrals are sorted by id), or NULL. Ids are usually
 * dense (assigned in order, rarely deleted), so the slot id - first id is tried before
 * a binary search: a report over a million referrals looks one up for every job. */
static const struct oc_referral *referral_by_id(const struct oc_input *in, int64_t id)
{
	if (in->nreferrals && id >= in->referrals[0].id) {
		uint64_t k = (uint64_t)(id - in->referrals[0].id);
		if (k < in->nreferrals && in->referrals[k].id == id)
			return &in->referrals[k];
	}
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

void oc_link_jobs(const struct oc_referral *refs, size_t nrefs, struct oc_job *jobs, size_t njobs)
{
	struct oc_input in = {.referrals = refs, .nreferrals = nrefs};
	for (size_t j = 0; j < njobs; j++) {
		const struct oc_referral *r = referral_by_id(&in, jobs[j].referral_id);
		jobs[j].ref_pos = r ? (size_t)(r - refs) + 1 : 0;
	}
}

/* The referral of a job: by its link when linked, else by id. */
static const struct oc_referral *job_referral(const struct oc_input *in, const struct oc_job *job)
{
	if (job->ref_pos && job->ref_pos <= in->nreferrals && in->referrals[job->ref_pos - 1].id == job->referral_id)
		return &in->referrals[job->ref_pos - 1];
	return referral_by_id(in, job->referral_id);
}

/* A client's first job: the earliest started_on; on a tie, the one whose referral has
 * the latest received_on; then the lowest job ref in byte order. True when a is
 * before b. */
static bool job_before(const struct oc_job *a, const struct oc_referral *ra,
		       const struct oc_job *b, const struct oc_referral *rb)
{
	if (a->started != b->started)
		return a->started < b->started;
	if (ra->received != rb->received)
		return ra->received > rb->received;
	return strcmp(a->ref, b->ref) < 0;
}

struct client_first {
	int64_t client_id;
	const struct oc_job *job;
	const struct oc_referral *ref;
};

static int cmp_client_first(const void *a, const void *b)
{
	const struct client_first *x = a, *y = b;
	if (x->client_id != y->client_id)
		return (x->client_id > y->client_id) - (x->client_id < y->client_id);
	return job_before(x->job, x->ref, y->job, y->ref) ? -1 : job_before(y->job, y->ref, x->job, x->ref);
}

int oc_firsts(const struct oc_input *in, struct oc_first **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	struct client_first *all = malloc((in->njobs + 1) * sizeof *all);
	struct oc_first *firsts = malloc((in->njobs + 1) * sizeof *firsts);
	if (!all || !firsts) {
		free(all);
		free(firsts);
		return -1;
	}
	size_t nall = 0;
	for (size_t j = 0; j < in->njobs; j++) {
		const struct oc_referral *r = job_referral(in, &in->jobs[j]);
		if (r)
			all[nall++] = (struct client_first){r->client_id, &in->jobs[j], r};
	}
	qsort(all, nall, sizeof *all, cmp_client_first);
	size_t k = 0;
	for (size_t i = 0; i < nall; i++)
		if (i == 0 || all[i].client_id != all[i - 1].client_id)
			firsts[k++] = (struct oc_first){(size_t)(all[i].job - in->jobs), (size_t)(all[i].ref - in->referrals)};
	free(all);
	*out = firsts;
	*n = k;
	return 0;
}

static struct fraction frac(int64_t num, int64_t den)
{
	return (struct fraction){num, den};
}

int outcomes_compute(const struct oc_input *in, struct outcome_report *o)
{
	memset(o, 0, sizeof *o);
	const day_t from = in->from, to = in->to;
	o->from = from;
	o->to = to;
	/* each client's first job: the caller's, or found here */
	struct oc_first *own_firsts = NULL;
	const struct oc_first *firsts = in->firsts;
	size_t nfirsts = in->nfirsts;
	if (!firsts) {
		if (oc_firsts(in, &own_firsts, &nfirsts) != 0)
			return -1;
		firsts = own_firsts;
	}
	int64_t *caseload_clients = malloc((in->nreferrals + 1) * sizeof *caseload_clients);
	int64_t *worked_clients = malloc((in->njobs + 1) * sizeof *worked_clients);
	int64_t *first_job_days = malloc((nfirsts + 1) * sizeof *first_job_days);
	if (!caseload_clients || !worked_clients || !first_job_days) {
		free(own_firsts);
		free(caseload_clients);
		free(worked_clients);
		free(first_job_days);
		return -1;
	}
	size_t ncase = 0, nworked = 0, nfirst_days = 0;
	int64_t rapid_sum = 0, rapid_n = 0;

	for (size_t i = 0; i < in->nreferrals; i++) {
		const struct oc_referral *r = &in->referrals[i];
		if (!r->in_scope)
			continue;
		/* referrals_received, referrals_by_source: received_on in P */
		if (in_period(r->received, from, to)) {
			o->referrals_received++;
			if (r->source >= 0 && r->source < OC_NSOURCES)
				o->by_source[r->source]++;
		}
		/* accessed: first_direct in P; first_contact_wait over the same referrals */
		if (in_period(r->first_direct, from, to)) {
			o->accessed++;
			int64_t days = (int64_t)r->first_direct - r->received;
			if (days <= 7)
				o->wait_within_7++;   /* negative waits too */
			else if (days <= 30)
				o->wait_8_to_30++;
			else
				o->wait_over_30++;
		}
		/* caseload: open during P with first_direct <= to (clients counted once) */
		bool counted = open_during(r, from, to) && r->first_direct != OC_NO_DAY && r->first_direct <= to;
		if (counted) {
			caseload_clients[ncase++] = r->client_id;
			if (r->out_of_work)
				o->out_of_work_at_referral++;
		}
		/* waiting: open on `to` with first_direct null or after `to` */
		if (open_on(r, to) && (r->first_direct == OC_NO_DAY || r->first_direct > to))
			o->waiting++;
		/* rapid_job_search_mean_days: first_employer in P */
		if (in_period(r->first_employer, from, to)) {
			rapid_sum += (int64_t)r->first_employer - r->received;
			rapid_n++;
		}
	}
	o->caseload = (int64_t)unique_count(caseload_clients, ncase);
	/* unique_count sorted the array; drop the repeats so bsearch works */
	size_t u = 0;
	for (size_t i = 0; i < ncase; i++)
		if (i == 0 || caseload_clients[i] != caseload_clients[i - 1])
			caseload_clients[u++] = caseload_clients[i];
	ncase = u;

	for (size_t j = 0; j < in->njobs; j++) {
		const struct oc_job *job = &in->jobs[j];
		const struct oc_referral *r = job_referral(in, job);
		if (!r)
			continue;
		/* worked: caseload clients with a competitive job, on any of their referrals,
		 * overlapping P (started_on <= to and ended_on null or >= from) */
		if (job->competitive && job->started <= to && (job->ended == OC_NO_DAY || job->ended >= from) &&
		    sorted_has(caseload_clients, ncase, r->client_id))
			worked_clients[nworked++] = r->client_id;
		if (!r->in_scope)
			continue;
		/* job_starts: started_on in P, every job */
		if (in_period(job->started, from, to))
			o->job_starts++;
		/* sustained_jobs: hours >= 7, started_on + 91 in P, not ended before it */
		day_t s91 = job->started + 91;
		if (job->hours >= 700 && s91 >= from && s91 <= to && (job->ended == OC_NO_DAY || job->ended >= s91))
			o->sustained_jobs++;
	}
	o->worked = (int64_t)unique_count(worked_clients, nworked);

	/* moved_into_work: referrals counted in out_of_work_at_referral with a job on that
	 * referral with received_on <= started_on <= to (each referral once) */
	{
		int64_t *moved = malloc((in->njobs + 1) * sizeof *moved);
		size_t nmoved = 0;
		if (!moved) {
			free(own_firsts);
			free(caseload_clients);
			free(worked_clients);
			free(first_job_days);
			return -1;
		}
		for (size_t j = 0; j < in->njobs; j++) {
			const struct oc_job *job = &in->jobs[j];
			const struct oc_referral *r = job_referral(in, job);
			if (r && r->in_scope && r->out_of_work && open_during(r, from, to) &&
			    r->first_direct != OC_NO_DAY && r->first_direct <= to &&
			    r->received <= job->started && job->started <= to)
				moved[nmoved++] = r->id;
		}
		o->moved_into_work = (int64_t)unique_count(moved, nmoved);
		free(moved);
	}

	/* people_into_work: each client's first job over all their jobs; counted when it
	 * started in P and its referral is in scope */
	for (size_t i = 0; i < nfirsts; i++) {
		const struct oc_referral *r = &in->referrals[firsts[i].ref];
		const struct oc_job *job = &in->jobs[firsts[i].job];
		if (r->in_scope && in_period(job->started, from, to)) {
			o->people_into_work++;
			first_job_days[nfirst_days++] = (int64_t)job->started - r->received;
		}
	}
	/* median_days_to_first_job: even count, mean of the two middle values */
	if (nfirst_days) {
		sort_i64(first_job_days, nfirst_days);
		size_t m = nfirst_days / 2;
		o->median_days_to_first_job = nfirst_days % 2 ? frac(first_job_days[m], 1)
							       : frac(first_job_days[m - 1] + first_job_days[m], 2);
	}

	o->employment_rate = frac(o->worked, o->caseload);
	o->moved_into_work_rate = frac(o->moved_into_work, o->out_of_work_at_referral);
	o->rapid_job_search_mean_days = frac(rapid_sum, rapid_n);
	/* E x 7 / (S x days in P) */
	int64_t days = (int64_t)to - from + 1;
	o->employer_contacts_per_specialist_week =
		frac(in->contacts.employer_f2f * 7, in->contacts.specialists * (days > 0 ? days : 0));
	o->community_time_share = frac(in->contacts.minutes_community, in->contacts.minutes_all);
	memcpy(o->contacts_by_mode, in->contacts.by_mode, sizeof o->contacts_by_mode);

	free(own_firsts);
	free(caseload_clients);
	free(worked_clients);
	free(first_job_days);
	return 0;
}

int oc_contact_totals_sum(const struct oc_contact_days *cd, const struct oc_referral *refs, size_t nrefs,
			  day_t from, day_t to, struct oc_contact_totals *out)
{
	memset(out, 0, sizeof *out);
	for (size_t i = 0; i < cd->nmonths; i++) {
		int y, m, d;
		date_to_ymd(cd->months[i], &y, &m, &d);
		day_t end = cd->months[i] + date_days_in_month(y, m);   /* the next month's first day */
		if ((from > cd->months[i] && from < end) || (to + 1 > cd->months[i] && to + 1 < end))
			return -1;
	}
	for (size_t i = 0; i < cd->nmodes; i++) {
		const struct oc_day_mode *m = &cd->modes[i];
		if (m->day >= from && m->day <= to && m->mode >= 0 && m->mode < OC_NMODES)
			out->by_mode[m->mode] += m->n;
	}
	/* the staff rows come by staff, then day: a specialist counts once if any of their
	 * days falls in the period */
	int64_t *active = malloc((cd->nstaff ? cd->nstaff : 1) * sizeof *active);
	if (!active)
		return -1;
	size_t nactive = 0;
	for (size_t i = 0; i < cd->nstaff; i++) {
		const struct oc_staff_day *d = &cd->staff[i];
		if (d->day < from || d->day > to)
			continue;
		if (nactive == 0 || active[nactive - 1] != d->staff_id) {
			active[nactive++] = d->staff_id;
			out->specialists++;
			out->specialist_fte += d->fte;
		}
		out->employer_f2f += d->employer_f2f;
		out->minutes_all += d->minutes_all;
		out->minutes_community += d->minutes_community;
	}
	if (nactive)
		qsort(active, nactive, sizeof *active, cmp_i64);
	for (size_t i = 0; i < nrefs; i++) {
		const struct oc_referral *r = &refs[i];
		if (r->in_scope && r->specialist_id && open_on(r, to) && r->first_direct != OC_NO_DAY &&
		    r->first_direct <= to && sorted_has(active, nactive, r->specialist_id))
			out->active_referrals++;
	}
	free(active);
	return 0;
}

int64_t fraction_round(struct fraction f, int places)
{
	__int128 num = f.num, den = f.den;
	if (den == 0)
		return 0;
	if (den < 0) {
		num = -num;
		den = -den;
	}
	bool neg = num < 0;
	if (neg)
		num = -num;
	__int128 scale = 1;
	for (int i = 0; i < places; i++)
		scale *= 10;
	/* round(num * scale / den), halves away from zero */
	__int128 q = (num * scale * 2 + den) / (den * 2);
	return (int64_t)(neg ? -q : q);
}

void fraction_format(struct fraction f, int places, char *out)
{
	if (f.den == 0) {
		strcpy(out, "null");
		return;
	}
	int64_t q = fraction_round(f, places);
	bool neg = q < 0;
	uint64_t mag = neg ? 0 - (uint64_t)q : (uint64_t)q;
	uint64_t scale = 1;
	for (int i = 0; i < places; i++)
		scale *= 10;
	if (places == 0)
		snprintf(out, 32, "%s%llu", neg ? "-" : "", (unsigned long long)mag);
	else
		snprintf(out, 32, "%s%llu.%0*llu", neg ? "-" : "", (unsigned long long)(mag / scale), places,
			 (unsigned long long)(mag % scale));
}
