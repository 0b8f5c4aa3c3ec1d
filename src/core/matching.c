/* core/matching.c — scoring one person's preferences against one vacancy, the reason
 * in plain English, and the top-N heap that keeps the best of thousands without
 * sorting them all. Pure: the caller works out the distance (geo_miles) and owns every
 * buffer. Never allocates, so ranking 20,000 candidates costs only the arithmetic. */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "core/matching.h"
#include "core/validate.h"

const struct code MATCH_CONDITIONS[] = {
	{"nights", "Night work"},
	{"weekends", "Weekend work"},
	{"early_starts", "Early starts (before 7am)"},
	{"shifts", "Shift work or changing hours"},
	{"lone_working", "Working alone"},
	{"customer_facing", "Dealing with customers or the public"},
	{"heavy_lifting", "Heavy lifting"},
	{"driving", "Driving"},
	{NULL, NULL},
};

const struct code VACANCY_STATUSES[] = {
	{"open", "Open"},
	{"filled", "Filled"},
	{"closed", "Closed"},
	{"withdrawn", "Withdrawn"},
	{NULL, NULL},
};

static const char *const CONDITION_WORDS[] = {
	"nights", "weekends", "early starts", "shifts", "working alone", "customer-facing work",
	"heavy lifting", "driving",
};

const char *match_condition_words(const char *code)
{
	for (size_t i = 0; MATCH_CONDITIONS[i].code; i++)
		if (strcmp(MATCH_CONDITIONS[i].code, code) == 0)
			return CONDITION_WORDS[i];
	return code;
}

bool match_conditions_parse(const char *csv, uint32_t *bits)
{
	*bits = 0;
	if (!csv)
		return true;
	const char *p = csv;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *start = p;
		while (*p && *p != ',')
			p++;
		const char *end = p;
		while (end > start && end[-1] == ' ')
			end--;
		if (end > start) {
			size_t len = (size_t)(end - start), i = 0;
			while (MATCH_CONDITIONS[i].code &&
			       !(strlen(MATCH_CONDITIONS[i].code) == len && memcmp(MATCH_CONDITIONS[i].code, start, len) == 0))
				i++;
			if (!MATCH_CONDITIONS[i].code)
				return false;
			*bits |= UINT32_C(1) << i;
		}
		if (*p == ',')
			p++;
	}
	return true;
}

int match_soc_code(const char *s)
{
	if (!s)
		return -1;
	int v = 0;
	for (int i = 0; i < 4; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return s[4] ? -1 : v;
}

bool match_job_types_parse(const char *csv, int codes[MATCH_MAX_JOB_TYPES], size_t *n)
{
	*n = 0;
	if (!csv)
		return true;
	const char *p = csv;
	while (*p) {
		while (*p == ' ')
			p++;
		const char *start = p;
		while (*p && *p != ',')
			p++;
		const char *end = p;
		while (end > start && end[-1] == ' ')
			end--;
		if (end > start) {
			if (end - start != 4 || *n == MATCH_MAX_JOB_TYPES)
				return false;
			char four[5];
			memcpy(four, start, 4);
			four[4] = 0;
			int c = match_soc_code(four);
			if (c < 0)
				return false;
			codes[(*n)++] = c;
		} else if (*p == ',') {
			return false;   /* an empty item: ",," */
		}
		if (*p == ',')
			p++;
	}
	return true;
}

int match_score(const struct match_prefs *p, const struct match_job *j, double miles,
		struct match_detail *d)
{
	struct match_detail x = {.miles = miles};
	int score = 0;

	/* job type: the exact unit group, or the same minor group (its first three digits) */
	if (j->job_type < 0 || p->njob_types == 0) {
		x.job_type = MATCH_UNKNOWN;
		score += 20;
	} else {
		x.job_type = MATCH_NO;
		for (size_t i = 0; i < p->njob_types && x.job_type != MATCH_YES; i++) {
			if (p->job_types[i] == j->job_type)
				x.job_type = MATCH_YES;
			else if (p->job_types[i] / 10 == j->job_type / 10)
				x.job_type = MATCH_PARTLY;
		}
		score += x.job_type == MATCH_YES ? 40 : x.job_type == MATCH_PARTLY ? 25 : 0;
	}

	/* hours: the vacancy's range inside the person's (either end may be open) */
	int64_t vmin = j->hours_min, vmax = j->hours_max;
	if (vmin < 0)
		vmin = vmax;
	if (vmax < 0)
		vmax = vmin;
	if (vmin < 0 || (p->hours_min < 0 && p->hours_max < 0)) {
		x.hours = MATCH_UNKNOWN;
		score += 10;
	} else {
		int64_t lo = p->hours_min < 0 ? 0 : (int64_t)p->hours_min * 100;
		int64_t hi = p->hours_max < 0 ? INT64_MAX : (int64_t)p->hours_max * 100;
		if (vmin >= lo && vmax <= hi)
			x.hours = MATCH_YES, score += 20;
		else if (vmax < lo || vmin > hi)
			x.hours = MATCH_NO;
		else
			x.hours = MATCH_PARTLY, score += 10;
	}

	/* distance, in whole miles as the reason shows it */
	if (miles < 0 || p->travel_miles < 0) {
		x.distance = MATCH_UNKNOWN;
		score += 10;
	} else if ((int64_t)(miles + 0.5) <= p->travel_miles) {
		x.distance = MATCH_YES;
		score += 20;
	} else {
		x.distance = MATCH_NO;
	}

	if (j->pay < 0 || p->pay_min < 0) {
		x.pay = MATCH_UNKNOWN;
		score += 10;
	} else if (j->pay >= p->pay_min) {
		x.pay = MATCH_YES;
		score += 20;
	} else {
		x.pay = MATCH_NO;
	}

	x.clash = p->avoid & j->conditions;
	if (x.clash)
		score = score > 50 ? score - 50 : 0;
	if (d)
		*d = x;
	return score;
}

/* Appends text at *len (as snprintf would count it). */
static void add(char *out, size_t cap, size_t *len, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
static void add(char *out, size_t cap, size_t *len, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(*len < cap ? out + *len : NULL, *len < cap ? cap - *len : 0, fmt, ap);
	va_end(ap);
	if (n > 0)
		*len += (size_t)n;
}

static void hours_text(int64_t lo, int64_t hi, char out[64])
{
	char a[24], b[24];
	format_hundredths(lo, a);
	format_hundredths(hi, b);
	if (lo == hi)
		snprintf(out, 64, "%s", a);
	else
		snprintf(out, 64, "%s-%s", a, b);
}

size_t match_reason(const struct match_prefs *p, const struct match_job *j,
		    const struct match_detail *d, char *out, size_t cap)
{
	size_t len = 0;
	if (cap)
		out[0] = 0;
	switch (d->job_type) {
	case MATCH_YES: add(out, cap, &len, "matches preferred job type"); break;
	case MATCH_PARTLY: add(out, cap, &len, "related to a preferred job type"); break;
	case MATCH_NO: add(out, cap, &len, "not a preferred job type"); break;
	default: add(out, cap, &len, "job type unknown"); break;
	}

	if (d->hours == MATCH_UNKNOWN) {
		add(out, cap, &len, "; hours unknown");
	} else {
		int64_t vmin = j->hours_min >= 0 ? j->hours_min : j->hours_max;
		int64_t vmax = j->hours_max >= 0 ? j->hours_max : j->hours_min;
		char v[64], range[64];
		hours_text(vmin, vmax, v);
		if (p->hours_min >= 0 && p->hours_max >= 0)
			snprintf(range, sizeof range, "%d-%d", p->hours_min, p->hours_max);
		else if (p->hours_min >= 0)
			snprintf(range, sizeof range, "%d or more", p->hours_min);
		else
			snprintf(range, sizeof range, "up to %d", p->hours_max);
		const char *how = d->hours == MATCH_YES ? " within" : d->hours == MATCH_NO ? " outside" : ", partly within";
		add(out, cap, &len, "; %s hours%s %s", v, how, range);
	}

	if (d->miles < 0) {
		add(out, cap, &len, "; distance unknown");
	} else {
		int64_t m = (int64_t)(d->miles + 0.5);
		if (m == 0)
			add(out, cap, &len, "; less than a mile");
		else
			add(out, cap, &len, "; %lld %s", (long long)m, m == 1 ? "mile" : "miles");
		if (d->distance == MATCH_YES)
			add(out, cap, &len, ", within the %d-mile travel limit", p->travel_miles);
		else if (d->distance == MATCH_NO)
			add(out, cap, &len, ", beyond the %d-mile travel limit", p->travel_miles);
		else
			add(out, cap, &len, ", no travel limit recorded");
	}

	switch (d->pay) {
	case MATCH_YES: add(out, cap, &len, "; pay meets preference"); break;
	case MATCH_NO: add(out, cap, &len, "; pay below preference"); break;
	default: add(out, cap, &len, "; pay unknown"); break;
	}

	if (d->clash) {
		size_t count = 0, total = 0;
		for (size_t i = 0; MATCH_CONDITIONS[i].code; i++)
			total += (d->clash >> i) & 1;
		add(out, cap, &len, "; involves ");
		for (size_t i = 0; MATCH_CONDITIONS[i].code; i++) {
			if (!((d->clash >> i) & 1))
				continue;
			count++;
			add(out, cap, &len, "%s%s", count == 1 ? "" : count == total ? " and " : ", ", CONDITION_WORDS[i]);
		}
		add(out, cap, &len, ", which they want to avoid");
	}
	return len;
}

bool match_rank_before(const struct match_rank *a, const struct match_rank *b)
{
	if (a->score != b->score)
		return a->score > b->score;
	if (a->closing != b->closing)
		return a->closing < b->closing;
	return a->id < b->id;
}

int32_t match_closing_key(const char *iso)
{
	if (!iso || strlen(iso) != 10 || iso[4] != '-' || iso[7] != '-')
		return INT32_MAX;
	int32_t v = 0;
	for (int i = 0; i < 10; i++) {
		if (i == 4 || i == 7)
			continue;
		if (iso[i] < '0' || iso[i] > '9')
			return INT32_MAX;
		v = v * 10 + (iso[i] - '0');
	}
	return v;
}

/* The heap keeps the worst kept rank at items[0]. */
static bool worse(const struct match_rank *a, const struct match_rank *b)
{
	return match_rank_before(b, a);
}

static void sift_down(struct match_rank *h, size_t n, size_t i)
{
	for (;;) {
		size_t l = 2 * i + 1, r = l + 1, w = i;
		if (l < n && worse(&h[l], &h[w]))
			w = l;
		if (r < n && worse(&h[r], &h[w]))
			w = r;
		if (w == i)
			return;
		struct match_rank t = h[i];
		h[i] = h[w];
		h[w] = t;
		i = w;
	}
}

void match_top_offer(struct match_top *t, const struct match_rank *r)
{
	if (t->cap == 0)
		return;
	if (t->n == t->cap && !match_rank_before(r, &t->items[0]))
		return;   /* no better than the worst kept: the common case, decided at once */
	for (size_t i = 0; i < t->n; i++)
		if (t->items[i].id == r->id)
			return;
	if (t->n < t->cap) {
		size_t i = t->n++;
		t->items[i] = *r;
		while (i > 0) {
			size_t parent = (i - 1) / 2;
			if (!worse(&t->items[i], &t->items[parent]))
				break;
			struct match_rank tmp = t->items[i];
			t->items[i] = t->items[parent];
			t->items[parent] = tmp;
			i = parent;
		}
		return;
	}
	t->items[0] = *r;
	sift_down(t->items, t->n, 0);
}

void match_top_sort(struct match_top *t)
{
	/* heap sort: the worst goes to the end each time, leaving the best first */
	for (size_t n = t->n; n > 1; n--) {
		struct match_rank tmp = t->items[0];
		t->items[0] = t->items[n - 1];
		t->items[n - 1] = tmp;
		sift_down(t->items, n - 1, 0);
	}
}
