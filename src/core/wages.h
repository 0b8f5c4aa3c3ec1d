/* core/wages.h — the National Minimum Wage and National Living Wage as dated data,
 * and the minimum a job's hourly pay is compared with. A shortfall is a warning to
 * the specialist, never a refusal (the record is what was agreed; the specialist
 * follows it up). Pure: no I/O, no clock. */
#ifndef IPS_WAGES_H
#define IPS_WAGES_H
#include <stdbool.h>
#include <stdint.h>
#include "core/date.h"

struct nmw_band {
	int min_age;              /* this band is for ages min_age and over ... */
	int64_t pence;            /* ... up to the next band above it */
	const char *who;          /* "aged 21 and over" */
};

/* One year's rates. Bands run from the oldest age down; the last has min_age 0. */
struct nmw_rates {
	const char *from;         /* YYYY-MM-DD the rates apply from */
	struct nmw_band bands[4];
	size_t nbands;
	int64_t apprentice;       /* apprentices under 19, or in the first year of an apprenticeship */
	const char *source;
};

/* Hourly pay above this (£200) is taken for a weekly or yearly figure typed as hourly:
 * the vacancy form refuses it; a job start, whose jobs.csv column has no ceiling,
 * saves it with a warning. */
#define WAGE_HOURLY_CEILING_PENCE 20000

/* Every year's rates, oldest first. */
extern const struct nmw_rates NMW_RATES[];
extern const size_t NMW_NRATES;

/* The rates in force on a day, or NULL before the first rates ipsdesk knows. */
const struct nmw_rates *nmw_rates_on(day_t on);

struct nmw_minimum {
	const struct nmw_rates *rates;
	const struct nmw_band *band;
	bool age_known;
};
/* The minimum hourly pay for someone aged age (whole years on the day; negative when
 * not known, which is held to the adult rate) on day on. False when ipsdesk has no
 * rates for that day. */
bool nmw_minimum_for(day_t on, int age, struct nmw_minimum *out);

#endif
