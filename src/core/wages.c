/* core/wages.c — the National Minimum Wage and National Living Wage, hourly, by age,
 * from the April each year's rates apply. Source: GOV.UK, "National Minimum Wage and
 * National Living Wage rates", https://www.gov.uk/national-minimum-wage-rates (the
 * April 2026 rates as accepted from the Low Pay Commission at the Budget of
 * 26 November 2025). Add a row every April; never change a past row. The National
 * Living Wage was for ages 23 and over until March 2024 and 21 and over from April
 * 2024. */
#include "core/wages.h"
#include <stddef.h>

#define GOV_UK "GOV.UK National Minimum Wage and National Living Wage rates"

const struct nmw_rates NMW_RATES[] = {
	{"2023-04-01", {{23, 1042, "aged 23 and over"}, {21, 1018, "aged 21 to 22"},
			{18, 749, "aged 18 to 20"}, {0, 528, "aged under 18"}}, 4, 528, GOV_UK},
	{"2024-04-01", {{21, 1144, "aged 21 and over"}, {18, 860, "aged 18 to 20"},
			{0, 640, "aged under 18"}}, 3, 640, GOV_UK},
	{"2025-04-01", {{21, 1221, "aged 21 and over"}, {18, 1000, "aged 18 to 20"},
			{0, 755, "aged under 18"}}, 3, 755, GOV_UK},
	{"2026-04-01", {{21, 1271, "aged 21 and over"}, {18, 1085, "aged 18 to 20"},
			{0, 800, "aged under 18"}}, 3, 800, GOV_UK},
};
const size_t NMW_NRATES = sizeof NMW_RATES / sizeof NMW_RATES[0];

const struct nmw_rates *nmw_rates_on(day_t on)
{
	const struct nmw_rates *found = NULL;
	for (size_t i = 0; i < NMW_NRATES; i++) {
		day_t from;
		if (date_parse(NMW_RATES[i].from, &from) && from <= on)
			found = &NMW_RATES[i];
	}
	return found;
}

bool nmw_minimum_for(day_t on, int age, struct nmw_minimum *out)
{
	out->rates = nmw_rates_on(on);
	out->band = NULL;
	out->age_known = age >= 0;
	if (!out->rates)
		return false;
	out->band = &out->rates->bands[0];   /* age not known: the adult rate */
	if (age >= 0)
		for (size_t i = 0; i < out->rates->nbands; i++)
			if (age >= out->rates->bands[i].min_age) {
				out->band = &out->rates->bands[i];
				break;
			}
	return true;
}
