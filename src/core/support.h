/* core/support.h — the in-work support schedule (DOMAIN.md "In-work support schedule"):
 * which contacts are due for a job, in which windows, and what a contact, the passing
 * of time and a job ending do to them. Pure: plain arrays in, plain arrays out; the
 * caller (app/support.c) loads and stores them. Never SQL, never the clock. */
#ifndef IPS_SUPPORT_H
#define IPS_SUPPORT_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"

enum support_kind {
	SK_BEFORE_START = 0,   /* face to face within the week before the start: [start-7, start] */
	SK_AFTER_START,        /* within 3 days after it: [start, start+3] */
	SK_WEEKLY,             /* weeks 1-4 of the first month: [start+7k-6, start+7k] */
	SK_MONTHLY,            /* month k after the first: [start+29+30(k-1), start+28+30k] */
	SK_JOB_LOSS,           /* within 3 days of learning that the job ended */
	SK_NKINDS
};
enum support_status { SS_OPEN = 0, SS_MET, SS_MISSED, SS_CANCELLED, SS_NSTATUSES };

/* Codes as stored (support_item.kind, .status) and words for the pages. */
const char *support_kind_code(enum support_kind k);
const char *support_status_code(enum support_status s);
bool support_kind_parse(const char *code, enum support_kind *out);
bool support_status_parse(const char *code, enum support_status *out);
/* "Before the start", "Within 3 days of the start", "Week 2", "Month 3", "After the job
 * ended": seq is the week or month number. Writes into out (at least 40 bytes). */
void support_item_label(enum support_kind k, int seq, char *out, size_t n);

struct support_job {
	int64_t id;
	day_t started;
	bool has_end;          /* the job has an end date recorded */
	day_t ended;
};

struct support_item {
	int64_t id;            /* 0: made here, not yet stored */
	int64_t job_id;
	enum support_kind kind;
	int seq;               /* week 1-4, month 1..; 0 for the others */
	day_t from, to;        /* the window, both days included */
	enum support_status status;
	int64_t contact_id;    /* the contact that met it; 0: none */
	bool dirty;            /* changed (or made) here: the caller writes it back */
};

/* A person's schedule: their jobs and every item of them. items has room for cap;
 * functions that add items return false when it is full (nothing half-done). */
struct support_set {
	const struct support_job *jobs;
	size_t njobs;
	struct support_item *items;
	size_t n, cap;
};

/* The most a job start adds: before, after, weeks 1-4, month 1. */
#define SUPPORT_START_ITEMS 7

/* Adds the first items for a newly recorded job (which must be in s->jobs). They are
 * open; support_settle afterwards decides which had closed already. */
bool support_begin(struct support_set *s, int64_t job_id);

/* Brings the schedule up to day: an open item whose window ended before day is missed;
 * for a job with no end recorded, once its newest monthly item is closed the next
 * monthly item is added (a month that ended wholly before day is skipped, not added
 * as missed: one overdue item stands for a gap, never a list of them). */
bool support_settle(struct support_set *s, day_t day);

/* A contact as the schedule sees it. */
struct support_contact {
	int64_t id;
	day_t date;
	bool with_person;      /* with the person (else an employer contact on their behalf) */
	bool face_to_face;
};
/* Whether a contact counts towards the schedule at all: attended, face to face, phone
 * or video, and with the person or with an employer on their behalf. */
bool support_contact_counts(const char *with, const char *mode, bool attended, bool on_behalf);
/* Whether this contact can meet this kind of item: before the start only face to
 * face; after a job loss only with the person themselves. */
bool support_kind_accepts(enum support_kind k, const struct support_contact *c);

/* Records a counting contact: first settles the schedule to the contact's date (no
 * later than today), then the contact meets the earliest item (by window end, then
 * start) that is open or missed, whose window holds its date and whose kind accepts
 * it; then settles again (the next monthly item). Returns the index of the item met,
 * or -1 (none; or -2 when the set is full). */
int support_meet(struct support_set *s, const struct support_contact *c, day_t today);

/* A job ended on ended, learned of on learned: its open items whose window ends after
 * the job ended are cancelled, and an item for a contact within 3 days of learning is
 * added: [learned, max(learned, ended) + 3]. The job in s->jobs must already carry
 * its end. */
bool support_end(struct support_set *s, int64_t job_id, day_t ended, day_t learned);

/* How an item stands on day: "met", "missed", "cancelled", or for an open item
 * "overdue" (its window ended before day), "due" (day is in it) or "upcoming". */
const char *support_state(const struct support_item *it, day_t day);

#endif
