/* core/breakdowns.h — the dashboard's breakdowns (referrals, access, caseload and people
 * into work by referral source, age band, gender, ethnic group and team) and the
 * reporting periods it offers (financial years, rolling 12 months, quarters, months).
 * Every figure comes from outcomes_compute() over the same inputs, with the scope
 * narrowed to one group at a time: there is no second set of formulas here. A missing
 * value is a group of its own ("Not recorded"), never dropped. Pure: no I/O, no SQL. */
#ifndef IPS_BREAKDOWNS_H
#define IPS_BREAKDOWNS_H
#include <stddef.h>
#include <stdint.h>
#include "core/date.h"
#include "core/outcomes.h"

/* ---- periods ------------------------------------------------------------------------- */
struct period {
	day_t from, to;   /* both days included */
};
/* The financial year (1 April to 31 March) that starts in April of start_year. */
struct period period_financial_year(int start_year);
/* The start year of the financial year that contains d: 2026 for 2027-03-31. */
int period_financial_year_of(day_t d);
/* The 12 months ending on `to`: from the day after the same date a year before. */
struct period period_rolling_12_months(day_t to);
/* The n-th calendar quarter before the one containing d (0: that quarter itself);
 * quarters are those of the financial year (April-June is Q1). */
struct period period_quarter_back(day_t d, int n);
/* The financial-year quarter number (1-4) of a day. */
int period_fy_quarter(day_t d);
/* The n-th calendar month before the one containing d (0: that month). */
struct period period_month_back(day_t d, int n);

/* ---- breakdowns --------------------------------------------------------------------- */
enum bd_dim { BD_SOURCE, BD_AGE, BD_GENDER, BD_ETHNIC, BD_TEAM, BD_NDIMS };

/* What a breakdown needs beyond the report's inputs, for one referral. */
struct bd_attrs {
	int64_t referral_id;
	day_t birth;              /* OC_NO_DAY when not recorded */
	const char *gender;       /* MHSDS code, or NULL */
	const char *ethnic;       /* ethnic category code, or NULL */
	int64_t team_id;
};

struct bd_team {
	int64_t id;
	const char *name;
};

struct bd_row {
	const char *label;
	int64_t referrals_received, accessed, caseload, people_into_work;
};

struct breakdown {
	enum bd_dim dim;
	const char *title;        /* "Referral source" */
	struct bd_row *rows;      /* the groups in a fixed order, "Not recorded" last */
	size_t nrows;
};

/* The group labels of a dimension with fixed groups (every one but BD_TEAM), and their
 * number; the last is "Not recorded". */
size_t breakdown_groups(enum bd_dim dim, const char *const **labels);
/* The group of one referral in a dimension: an index into the labels above (for
 * BD_TEAM, into teams, or nteams when its team is not listed). */
size_t breakdown_group_of(enum bd_dim dim, const struct oc_referral *r, const struct bd_attrs *a,
			  const struct bd_team *teams, size_t nteams);
/* The age band of someone born on birth (OC_NO_DAY: not recorded) on day on: an index
 * into breakdown_groups(BD_AGE). */
size_t breakdown_age_band(day_t birth, day_t on);
/* The NHS group of an ethnic category code (A-C White, D-G Mixed, H-L Asian or Asian
 * British, M-P Black or Black British, R-S Other, Z Not stated, 99 Not known, NULL or
 * anything else Not recorded): an index into breakdown_groups(BD_ETHNIC). */
size_t breakdown_ethnic_group(const char *code);

/* Computes every breakdown for in (its from, to and in_scope flags). attrs[i] belongs
 * to in->referrals[i] (the same ids, in the same order). The rows are malloc'd: free
 * them with breakdowns_free. Returns 0, -1 when memory runs out or attrs do not match. */
int breakdowns_compute(const struct oc_input *in, const struct bd_attrs *attrs, const struct bd_team *teams,
		       size_t nteams, struct breakdown out[BD_NDIMS]);
void breakdowns_free(struct breakdown out[BD_NDIMS]);

#endif
