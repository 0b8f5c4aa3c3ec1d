/* core/outcomes_format.c — the outcome report written out: JSON exactly as
 * spec/outcomes.md names it, CSV and a terminal table with the same names. Numbers are
 * formatted here from exact integers and fractions, never through a double. */
#include <stdio.h>
#include <string.h>
#include "core/outcomes.h"
#include "util/buf.h"

/* One value of the report, flattened: "referrals_by_source.gp" and the like. */
struct item {
	const char *key;
	char value[40];      /* formatted; "null" for a null */
	bool is_string;      /* dates, which JSON quotes */
};

#define NITEMS 40

static size_t flatten(const struct outcome_report *r, struct item *it)
{
	size_t n = 0;
#define INT(k, v) do { it[n].key = k; it[n].is_string = false; \
	snprintf(it[n].value, sizeof it[n].value, "%lld", (long long)(v)); n++; } while (0)
#define FRAC(k, f, p) do { it[n].key = k; it[n].is_string = false; fraction_format(f, p, it[n].value); n++; } while (0)
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
	FRAC("employment_rate", r->employment_rate, 4);
	INT("job_starts", r->job_starts);
	INT("people_into_work", r->people_into_work);
	INT("out_of_work_at_referral", r->out_of_work_at_referral);
	INT("moved_into_work", r->moved_into_work);
	FRAC("moved_into_work_rate", r->moved_into_work_rate, 4);
	INT("sustained_jobs", r->sustained_jobs);
	FRAC("median_days_to_first_job", r->median_days_to_first_job, 1);
	FRAC("rapid_job_search_mean_days", r->rapid_job_search_mean_days, 1);
	FRAC("employer_contacts_per_specialist_week", r->employer_contacts_per_specialist_week, 1);
	FRAC("community_time_share", r->community_time_share, 4);
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
	struct item it[NITEMS];
	size_t n = flatten(r, it);
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
	struct item it[NITEMS];
	size_t n = flatten(r, it);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "," : "", it[i].key);
	buf_addc(b, '\n');
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%s%s", i ? "," : "", strcmp(it[i].value, "null") == 0 ? "" : it[i].value);
	buf_addc(b, '\n');
}

void outcomes_table(const struct outcome_report *r, struct buf *b)
{
	struct item it[NITEMS];
	size_t n = flatten(r, it);
	for (size_t i = 0; i < n; i++)
		buf_printf(b, "%-48s %s\n", it[i].key,
			   strcmp(it[i].value, "null") == 0 ? "- (no denominator)" : it[i].value);
}
