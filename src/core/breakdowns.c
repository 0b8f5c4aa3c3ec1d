/* core/breakdowns.c — breakdowns by group and the dashboard's periods. A group's
 * figures are outcomes_compute() over the same referrals and jobs with in_scope
 * narrowed to the group's referrals, so referrals_received, accessed, caseload
 * (distinct clients) and people_into_work mean exactly what spec/outcomes.md says.
 * Must never count anything itself. */
#include "core/breakdowns.h"
#include <stdlib.h>
#include <string.h>

/* ---- periods ------------------------------------------------------------------------- */

struct period period_financial_year(int start_year)
{
	return (struct period){date_from_ymd(start_year, 4, 1), date_from_ymd(start_year + 1, 3, 31)};
}

int period_financial_year_of(day_t d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return m >= 4 ? y : y - 1;
}

struct period period_rolling_12_months(day_t to)
{
	int y, m, d;
	date_to_ymd(to, &y, &m, &d);
	/* 29 February has no twin a year before: the year then starts on 1 March */
	if (m == 2 && d == 29)
		return (struct period){date_from_ymd(y - 1, 3, 1), to};
	return (struct period){date_from_ymd(y - 1, m, d) + 1, to};
}

/* Months since year 0 of the month containing d, and back. */
static int month_index(day_t d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return y * 12 + (m - 1);
}

static struct period month_period(int idx)
{
	int y = idx / 12, m = idx % 12 + 1;
	return (struct period){date_from_ymd(y, m, 1), date_from_ymd(y, m, date_days_in_month(y, m))};
}

struct period period_month_back(day_t d, int n)
{
	return month_period(month_index(d) - n);
}

int period_fy_quarter(day_t d)
{
	int y, m, dd;
	date_to_ymd(d, &y, &m, &dd);
	return m >= 4 ? (m - 4) / 3 + 1 : 4;
}

struct period period_quarter_back(day_t d, int n)
{
	int first = month_index(d);
	first -= first % 3;          /* January, April, July, October */
	first -= 3 * n;
	return (struct period){month_period(first).from, month_period(first + 2).to};
}

/* ---- groups -------------------------------------------------------------------------- */

static const char *const SOURCE_LABELS[] = {"GP", "Mental health professional", "Self-referral", "Other",
					    "Not recorded"};
static const char *const AGE_LABELS[] = {"16 to 25", "26 to 35", "36 to 45", "46 to 55", "56 to 64",
					 "Other ages (under 16, or 65 and over)", "Not recorded"};
static const char *const ETHNIC_LABELS[] = {"White", "Mixed", "Asian or Asian British", "Black or Black British",
					    "Other ethnic groups", "Not stated", "Not known", "Not recorded"};
enum { ETHNIC_NOT_RECORDED = 7 };
/* MHSDS gender codes and their labels (as core/codes.c), then "Not recorded". */
static const char *const GENDER_CODES[] = {"1", "2", "3", "4", "X", "Z"};
static const char *const GENDER_LABELS[] = {"Male", "Female", "Non-binary", "Other", "Not known", "Not stated",
					    "Not recorded"};
#define NGENDER (sizeof GENDER_CODES / sizeof GENDER_CODES[0])

size_t breakdown_groups(enum bd_dim dim, const char *const **labels)
{
	switch (dim) {
	case BD_SOURCE: *labels = SOURCE_LABELS; return sizeof SOURCE_LABELS / sizeof *SOURCE_LABELS;
	case BD_AGE: *labels = AGE_LABELS; return sizeof AGE_LABELS / sizeof *AGE_LABELS;
	case BD_GENDER: *labels = GENDER_LABELS; return sizeof GENDER_LABELS / sizeof *GENDER_LABELS;
	case BD_ETHNIC: *labels = ETHNIC_LABELS; return sizeof ETHNIC_LABELS / sizeof *ETHNIC_LABELS;
	default: *labels = NULL; return 0;
	}
}

size_t breakdown_age_band(day_t birth, day_t on)
{
	if (birth == OC_NO_DAY || on == OC_NO_DAY)
		return 6;
	int age = date_age(birth, on);
	if (age < 0)
		return 6;   /* born after the referral: the date of birth is wrong, not recorded */
	if (age < 16 || age > 64)
		return 5;
	return (size_t)(age - 16) / 10;   /* 16-25, 26-35, 36-45, 46-55, 56-64 */
}

size_t breakdown_ethnic_group(const char *code)
{
	if (!code || !*code)
		return ETHNIC_NOT_RECORDED;
	if (strcmp(code, "99") == 0)
		return 6;
	if (code[1] != '\0')
		return ETHNIC_NOT_RECORDED;
	switch (code[0]) {
	case 'A': case 'B': case 'C': return 0;
	case 'D': case 'E': case 'F': case 'G': return 1;
	case 'H': case 'J': case 'K': case 'L': return 2;
	case 'M': case 'N': case 'P': return 3;
	case 'R': case 'S': return 4;
	case 'Z': return 5;
	default: return ETHNIC_NOT_RECORDED;
	}
}

size_t breakdown_group_of(enum bd_dim dim, const struct oc_referral *r, const struct bd_attrs *a,
			  const struct bd_team *teams, size_t nteams)
{
	switch (dim) {
	case BD_SOURCE:
		return r->source >= 0 && r->source < OC_NSOURCES ? (size_t)r->source : OC_NSOURCES;
	case BD_AGE:
		return breakdown_age_band(a->birth, r->received);
	case BD_GENDER:
		for (size_t i = 0; a->gender && i < NGENDER; i++)
			if (strcmp(a->gender, GENDER_CODES[i]) == 0)
				return i;
		return NGENDER;
	case BD_ETHNIC:
		return breakdown_ethnic_group(a->ethnic);
	case BD_TEAM:
		for (size_t i = 0; i < nteams; i++)
			if (teams[i].id == a->team_id)
				return i;
		return nteams;
	default:
		return 0;
	}
}

static const char *const TITLES[BD_NDIMS] = {"Referral source", "Age at referral", "Gender", "Ethnic group",
					     "Team"};

void breakdowns_free(struct breakdown out[BD_NDIMS])
{
	for (int d = 0; d < BD_NDIMS; d++) {
		free(out[d].rows);
		out[d].rows = NULL;
		out[d].nrows = 0;
	}
}

int breakdowns_compute(const struct oc_input *in, const struct bd_attrs *attrs, const struct bd_team *teams,
		       size_t nteams, struct breakdown out[BD_NDIMS])
{
	memset(out, 0, BD_NDIMS * sizeof *out);
	for (size_t i = 0; i < in->nreferrals; i++)
		if (attrs[i].referral_id != in->referrals[i].id)
			return -1;
	struct oc_referral *narrowed = malloc((in->nreferrals + 1) * sizeof *narrowed);
	size_t *group = malloc((in->nreferrals + 1) * sizeof *group);
	if (!narrowed || !group) {
		free(narrowed);
		free(group);
		return -1;
	}
	struct oc_input sub = *in;
	sub.referrals = narrowed;
	if (in->nreferrals)
		memcpy(narrowed, in->referrals, in->nreferrals * sizeof *narrowed);
	int rc = 0;
	for (int d = 0; d < BD_NDIMS && rc == 0; d++) {
		const char *const *labels = NULL;
		size_t ngroups = d == BD_TEAM ? nteams + 1 : breakdown_groups((enum bd_dim)d, &labels);
		out[d].dim = (enum bd_dim)d;
		out[d].title = TITLES[d];
		out[d].rows = calloc(ngroups, sizeof *out[d].rows);
		if (!out[d].rows) {
			rc = -1;
			break;
		}
		out[d].nrows = ngroups;
		for (size_t i = 0; i < in->nreferrals; i++)
			group[i] = breakdown_group_of((enum bd_dim)d, &in->referrals[i], &attrs[i], teams, nteams);
		for (size_t g = 0; g < ngroups; g++) {
			struct bd_row *row = &out[d].rows[g];
			row->label = d == BD_TEAM ? (g < nteams ? teams[g].name : "Other teams") : labels[g];
			for (size_t i = 0; i < in->nreferrals; i++)   /* only the scope differs */
				narrowed[i].in_scope = in->referrals[i].in_scope && group[i] == g;
			struct outcome_report rep;
			if (outcomes_compute(&sub, &rep) != 0) {
				rc = -1;
				break;
			}
			row->referrals_received = rep.referrals_received;
			row->accessed = rep.accessed;
			row->caseload = rep.caseload;
			row->people_into_work = rep.people_into_work;
		}
	}
	free(narrowed);
	free(group);
	if (rc != 0)
		breakdowns_free(out);
	return rc;
}
