/* core/support.c — the in-work support schedule as a small state machine over a
 * person's items: made at a job start, met by contacts, missed when a window passes
 * before anyone made contact, cancelled when the job ends. Pure: no SQL, no clock. */
#include "core/support.h"
#include <stdio.h>
#include <string.h>

static const char *const KIND_CODES[SK_NKINDS] = {"before_start", "after_start", "weekly", "monthly", "job_loss"};
static const char *const STATUS_CODES[SS_NSTATUSES] = {"open", "met", "missed", "cancelled"};

const char *support_kind_code(enum support_kind k)
{
	return k < SK_NKINDS ? KIND_CODES[k] : "";
}

const char *support_status_code(enum support_status s)
{
	return s < SS_NSTATUSES ? STATUS_CODES[s] : "";
}

bool support_kind_parse(const char *code, enum support_kind *out)
{
	for (int i = 0; code && i < SK_NKINDS; i++)
		if (strcmp(code, KIND_CODES[i]) == 0) {
			*out = (enum support_kind)i;
			return true;
		}
	return false;
}

bool support_status_parse(const char *code, enum support_status *out)
{
	for (int i = 0; code && i < SS_NSTATUSES; i++)
		if (strcmp(code, STATUS_CODES[i]) == 0) {
			*out = (enum support_status)i;
			return true;
		}
	return false;
}

void support_item_label(enum support_kind k, int seq, char *out, size_t n)
{
	switch (k) {
	case SK_BEFORE_START: snprintf(out, n, "Before the job starts (face to face)"); break;
	case SK_AFTER_START:  snprintf(out, n, "Within 3 days of the start"); break;
	case SK_WEEKLY:       snprintf(out, n, "Week %d", seq); break;
	case SK_MONTHLY:      snprintf(out, n, "Month %d", seq + 1); break;   /* the first month is the weeks */
	case SK_JOB_LOSS:     snprintf(out, n, "After the job ended"); break;
	default:              snprintf(out, n, "Support contact"); break;
	}
}

static const struct support_job *job_of(const struct support_set *s, int64_t job_id)
{
	for (size_t i = 0; i < s->njobs; i++)
		if (s->jobs[i].id == job_id)
			return &s->jobs[i];
	return NULL;
}

static bool add(struct support_set *s, int64_t job_id, enum support_kind k, int seq, day_t from, day_t to)
{
	if (s->n >= s->cap)
		return false;
	s->items[s->n++] = (struct support_item){.job_id = job_id, .kind = k, .seq = seq, .from = from, .to = to,
						 .status = SS_OPEN, .dirty = true};
	return true;
}

/* Month k (1 = the first after the four weeks) of a job started on start. */
static day_t month_from(day_t start, int k)
{
	return start + 29 + 30 * (k - 1);
}

static day_t month_to(day_t start, int k)
{
	return start + 28 + 30 * k;
}

bool support_begin(struct support_set *s, int64_t job_id)
{
	const struct support_job *j = job_of(s, job_id);
	if (!j || s->cap - s->n < SUPPORT_START_ITEMS)
		return false;
	day_t st = j->started;
	add(s, job_id, SK_BEFORE_START, 0, st - 7, st);
	add(s, job_id, SK_AFTER_START, 0, st, st + 3);
	for (int k = 1; k <= 4; k++)
		add(s, job_id, SK_WEEKLY, k, st + 7 * k - 6, st + 7 * k);
	add(s, job_id, SK_MONTHLY, 1, month_from(st, 1), month_to(st, 1));
	return true;
}

bool support_settle(struct support_set *s, day_t day)
{
	for (size_t i = 0; i < s->n; i++) {
		struct support_item *it = &s->items[i];
		if (it->status == SS_OPEN && it->to < day) {
			it->status = SS_MISSED;
			it->dirty = true;
		}
	}
	for (size_t j = 0; j < s->njobs; j++) {
		const struct support_job *job = &s->jobs[j];
		if (job->has_end)
			continue;
		const struct support_item *last = NULL;
		for (size_t i = 0; i < s->n; i++)
			if (s->items[i].job_id == job->id && s->items[i].kind == SK_MONTHLY &&
			    (!last || s->items[i].seq > last->seq))
				last = &s->items[i];
		if (!last || last->status == SS_OPEN || last->status == SS_CANCELLED)
			continue;
		int k = last->seq + 1;
		while (month_to(job->started, k) < day)   /* a month wholly past: skipped */
			k++;
		if (!add(s, job->id, SK_MONTHLY, k, month_from(job->started, k), month_to(job->started, k)))
			return false;
	}
	return true;
}

bool support_contact_counts(const char *with, const char *mode, bool attended, bool on_behalf)
{
	if (!attended || !with || !mode)
		return false;
	if (strcmp(mode, "face_to_face") != 0 && strcmp(mode, "phone") != 0 && strcmp(mode, "video") != 0)
		return false;
	return strcmp(with, "client") == 0 || (strcmp(with, "employer") == 0 && on_behalf);
}

bool support_kind_accepts(enum support_kind k, const struct support_contact *c)
{
	if (k == SK_BEFORE_START)
		return c->face_to_face;
	if (k == SK_JOB_LOSS)
		return c->with_person;
	return true;
}

int support_meet(struct support_set *s, const struct support_contact *c, day_t today)
{
	day_t upto = c->date < today ? c->date : today;
	if (!support_settle(s, upto))
		return -2;
	int best = -1;
	for (size_t i = 0; i < s->n; i++) {
		const struct support_item *it = &s->items[i];
		if ((it->status != SS_OPEN && it->status != SS_MISSED) || c->date < it->from || c->date > it->to ||
		    !support_kind_accepts(it->kind, c))
			continue;
		if (best < 0 || it->to < s->items[best].to ||
		    (it->to == s->items[best].to && it->from < s->items[best].from))
			best = (int)i;
	}
	if (best >= 0) {
		s->items[best].status = SS_MET;
		s->items[best].contact_id = c->id;
		s->items[best].dirty = true;
	}
	if (!support_settle(s, upto))
		return -2;
	return best;
}

bool support_end(struct support_set *s, int64_t job_id, day_t ended, day_t learned)
{
	if (s->n >= s->cap)
		return false;
	for (size_t i = 0; i < s->n; i++) {
		struct support_item *it = &s->items[i];
		if (it->job_id == job_id && it->status == SS_OPEN && it->to > ended) {
			it->status = SS_CANCELLED;
			it->dirty = true;
		}
	}
	return add(s, job_id, SK_JOB_LOSS, 0, learned, (learned > ended ? learned : ended) + 3);
}

const char *support_state(const struct support_item *it, day_t day)
{
	if (it->status != SS_OPEN)
		return support_status_code(it->status);
	if (it->to < day)
		return "overdue";
	return it->from <= day ? "due" : "upcoming";
}
