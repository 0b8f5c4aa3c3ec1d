/* core/outcomes_format.c — the outcome report written out: JSON exactly as
 * spec/outcomes.md names it, CSV and a terminal table with the same names. Numbers are
 * formatted here from exact integers and fractions, never through a double. */
#include <stdio.h>
#include <string.h>
#include "core/outcomes.h"
#include "util/buf.h"


int64_t outcomes_publish_count(int64_t n)
{
	if (n >= 1 && n <= 4)
		return -1;
	return (n + 2) / 5 * 5;   /* x.0-x.4 down, x.6-x.8 up; integers never halve */
}

static void put_count(struct outcome_item *it, bool published, int64_t v)
{
	it->is_string = false;
	if (published) {
		v = outcomes_publish_count(v);
		if (v < 0) {
			strcpy(it->value, "*");
			it->is_string = true;
			return;
		}
	}
	snprintf(it->value, sizeof it->value, "%lld", (long long)v);
}

/* A rate or mean: withheld ("*") when published and withheld says so. */
static void put_fraction(struct outcome_item *it, struct fraction f, int places, bool withheld)
{
	it->is_string = withheld;
	if (withheld)
		strcpy(it->value, "*");
	else
		fraction_format(f, places, it->value);
}

static bool small(int64_t n)
{
	return n >= 1 && n <= 4;
}

size_t outcomes_flatten(const struct outcome_report *r, struct outcome_item *it)
{
	size_t n = 0;
	const bool pub = r->published;
#define INT(k, v) do { it[n].key = k; put_count(&it[n], pub, v); n++; } while (0)
#define FRAC(k, f, p, w) do { it[n].key = k; put_fraction(&it[n], f, p, pub && (w)); n++; } while (0)
#define DATE(k, d) do { it[n].key = k; it[n].is_string = true; date_iso(d, it[n].value); n++; } while (0)
	DATE("period.from", r->from);
	DATE("period.to", r->to);
	INT("referrals_received", r->referrals_received);
	INT("referrals_by_source.gp", r->by_source[OC_SOURCE_GP]);
	INT("referrals_by_source.mental_health_professional", r->by_source[OC_SOURCE_MHP]);
	INT("referrals_by_source.self", r->by_source[OC_SOURCE_SELF]);
	INT("referrals_by_source.other", r->by_source[OC_SOURCE_OTHER]);
	INT("accessed", r->accessed);
	INT("caseload", r->caseload);
	INT("waiting", r->waiting);
	INT("first_contact_wait.within_7_days", r->wait_within_7);
	INT("first_contact_wait.days_8_to_30", r->wait_8_to_30);
	INT("first_contact_wait.over_30_days", r->wait_over_30);
	INT("worked", r->worked);
	FRAC("employment_rate", r->employment_rate, 4, small(r->worked) || small(r->caseload));
	INT("job_starts", r->job_starts);
	INT("people_into_work", r->people_into_work);
	INT("out_of_work_at_referral", r->out_of_work_at_referral);
	INT("moved_into_work", r->moved_into_work);
	FRAC("moved_into_work_rate", r->moved_into_work_rate, 4,
	     small(r->moved_into_work) || small(r->out_of_work_at_referral));
	INT("sustained_jobs", r->sustained_jobs);
	FRAC("median_days_to_first_job", r->median_days_to_first_job, 1, small(r->people_into_work));
	FRAC("rapid_job_search_mean_days", r->rapid_job_search_mean_days, 1,
	     small(r->rapid_job_search_mean_days.den));
	/* the two staff measures are neither suppressed nor rounded to 5 */
	FRAC("employer_contacts_per_specialist_week", r->employer_contacts_per_specialist_week, 1, false);
	FRAC("community_time_share", r->community_time_share, 4, false);
	for (int m = 0; m < OC_NMODES; m++) {
		static const char *const keys[OC_NMODES] = {
			"contacts_by_mode.face_to_face", "contacts_by_mode.phone", "contacts_by_mode.video",
			"contacts_by_mode.text", "contacts_by_mode.email", "contacts_by_mode.letter"};
		INT(keys[m], r->contacts_by_mode[m]);
	}
#undef INT
#undef FRAC
#undef DATE
	return n;
}

void outcomes_json(const struct outcome_report *r, struct buf *b)
{
	struct outcome_item it[OUTCOME_NITEMS];
	size_t n = outcomes_flatten(r, it);
	const char *open = NULL;   /* the nested object being written, e.g. "period" */
	size_t open_len = 0;
	buf_addc(b, '{');
	for (size_t i = 0; i < n; i++) {
		const char *dot = strchr(it[i].key, '.');
		size_t plen = dot ? (size_t)(dot - it[i].key) : 0;
		bool same = open && dot && plen == open_len && strncmp(open, it[i].key, plen) == 0;
		if (open && !same) {
			buf_addc(b, '}');
			open = NULL;
		}
		if (i > 0)
			buf_adds(b, ", ");
		if (dot && !same) {
			buf_printf(b, "\"%.*s\": {", (int)plen, it[i].key);
			open = it[i].key;
			open_len = plen;
		} else if (same) {
			/* the ", " above separates members of the nested object */
		}
		const char *name = dot ? dot + 1 : it[i].key;
		if (dot && !same)
			buf_printf(b, "\"%s\": ", name);
		else
			buf_printf(b, "\"%s\": ", name);
		if (it[i].is_string)
			buf_printf(b, "\"%s\"", it[i].value);
		else
			buf_adds(b, it[i].value);
	}
	if (open)
		buf_addc(b, '}');
	buf_adds(b, "}\n");
}

void outcomes_csv(const struct outcome_report *r, struct buf *b)
{
	struct outcome_item it[OUTCOME_NITEMS];
	size_t n = outcomes_flatten(r, it);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "," : "", it[i].key);
	buf_addc(b, '\n');
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "," : "", strcmp(it[i].value, "null") == 0 ? "" : it[i].value);
	buf_addc(b, '\n');
}

void outcomes_table(const struct outcome_report *r, struct buf *b)
{
	struct outcome_item it[OUTCOME_NITEMS];
	size_t n = outcomes_flatten(r, it);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%-48s %s\n", it[i].key,
			   strcmp(it[i].value, "null") == 0 ? "- (no denominator)" : it[i].value);
}
