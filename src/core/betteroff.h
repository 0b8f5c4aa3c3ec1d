/* core/betteroff.h — the better-off-in-work calculation: take-home pay for a chosen
 * hourly pay and hours, the Universal Credit taper and work allowance, and ESA permitted
 * work, from a dated rates row (never constants: the rows are data, DOMAIN.md "Benefits").
 * Pure: no I/O, no clock; every figure in whole pence, each step written out in words. */
#ifndef IPS_BETTEROFF_H
#define IPS_BETTEROFF_H
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One April's rates. Money in pence; rates in hundredths of a percent (5500 = 55%);
 * hours in hundredths. */
struct bo_rates {
	int64_t id;
	const char *applies_from;            /* YYYY-MM-DD */
	const char *source;
	int64_t uc_taper_bp;
	int64_t uc_wa_housing, uc_wa_no_housing;   /* a month */
	int64_t esa_weekly_limit;            /* permitted work: earnings up to this a week ... */
	int64_t esa_hours_limit;             /* ... and hours under this a week */
	int64_t tax_allowance, tax_rate_bp;  /* personal allowance a year; basic rate */
	int64_t ni_threshold, ni_rate_bp;    /* employee Class 1 primary threshold a year; rate */
	const char *created_at;
};

/* The row in force on day on (YYYY-MM-DD): the latest applies_from on or before it,
 * whatever order rows come in; -1 when every row starts after on. */
int bo_rates_in_force(const struct bo_rates *rows, size_t n, const char *on);

/* The person's situation and the job being thought about. */
struct bo_situation {
	int64_t hourly_pay;      /* pence */
	int64_t hours;           /* hundredths a week */
	int64_t uc_award;        /* Universal Credit a month before any earnings; 0: not on UC */
	bool housing_costs;      /* UC includes housing costs */
	bool work_allowance;     /* has a child, or limited capability for work */
	bool on_esa;
	int64_t esa_weekly;      /* ESA a week, when on_esa */
};

/* Upper bounds the calculation is exact within (callers validate against them). */
#define BO_MAX_HOURLY 100000   /* £1,000 an hour */
#define BO_MAX_HOURS 8000      /* 80 hours a week */
#define BO_MAX_MONTHLY 1000000 /* £10,000 a month */
#define BO_MAX_WEEKLY 100000   /* £1,000 a week */

#define BO_MAX_LINES 16
struct bo_line {
	char label[64];
	char working[480];       /* the arithmetic in words and figures */
	int64_t pence;           /* the line's result */
};

struct bo_result {
	int64_t gross_monthly, weekly_earnings, tax, ni, net, work_allowance, uc_reduction,
		uc_after, esa_out, esa_in, income_out, income_in, better_off;
	bool esa_kept;           /* meaningful when on_esa */
	char esa_reason[320];    /* why ESA is kept or stops */
	struct bo_line lines[BO_MAX_LINES];
	size_t nlines;
};

/* Works out income out of work and in work, and the difference, with each step.
 * Rounding: each line is worked exactly in integers and rounded once, to the nearest
 * penny (half a penny up); monthly thresholds are the yearly ones divided by 12 inside
 * that one rounding, never rounded on their own. */
void bo_calculate(const struct bo_rates *rates, const struct bo_situation *in, struct bo_result *out);

/* "£1,047.50" (with a minus sign when negative) into out (32 bytes). */
void bo_money(int64_t pence, char *out);

#endif
