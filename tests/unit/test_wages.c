/* tests/unit/test_wages.c — the National Minimum Wage table (core/wages.c): which
 * April's rates apply on a day, and which age band a person falls in. Figures are
 * GOV.UK's, written out here by hand so a mistyped row in the table is caught. */
#include "testutil.h"
#include "core/wages.h"

static day_t d(const char *iso)
{
	day_t v = 0;
	assert_true(date_parse(iso, &v));
	return v;
}

static int64_t minimum(const char *on, int age)
{
	struct nmw_minimum m;
	assert_true(nmw_minimum_for(d(on), age, &m));
	return m.band->pence;
}

static void test_april_2025_rates_by_age(void **state)
{
	(void)state;
	assert_int_equal(minimum("2025-06-01", 21), 1221);   /* National Living Wage */
	assert_int_equal(minimum("2025-06-01", 64), 1221);
	assert_int_equal(minimum("2025-06-01", 20), 1000);
	assert_int_equal(minimum("2025-06-01", 18), 1000);
	assert_int_equal(minimum("2025-06-01", 17), 755);
	assert_int_equal(minimum("2025-06-01", 16), 755);
	assert_int_equal(nmw_rates_on(d("2025-06-01"))->apprentice, 755);
}

static void test_rates_change_on_the_first_of_april(void **state)
{
	(void)state;
	assert_int_equal(minimum("2025-03-31", 30), 1144);
	assert_int_equal(minimum("2025-04-01", 30), 1221);
	assert_int_equal(minimum("2026-03-31", 19), 1000);
	assert_int_equal(minimum("2026-04-01", 19), 1085);
	assert_int_equal(minimum("2026-04-01", 40), 1271);
	assert_int_equal(minimum("2026-04-01", 17), 800);
}

static void test_before_april_2024_the_living_wage_started_at_23(void **state)
{
	(void)state;
	assert_int_equal(minimum("2023-10-01", 23), 1042);
	assert_int_equal(minimum("2023-10-01", 22), 1018);
	assert_int_equal(minimum("2023-10-01", 21), 1018);
	assert_int_equal(minimum("2023-10-01", 20), 749);
	assert_int_equal(minimum("2024-04-01", 22), 1144);
}

static void test_an_unknown_age_is_held_to_the_adult_rate(void **state)
{
	(void)state;
	struct nmw_minimum m;
	assert_true(nmw_minimum_for(d("2025-09-01"), -1, &m));
	assert_false(m.age_known);
	assert_int_equal(m.band->pence, 1221);
	assert_string_equal(m.band->who, "aged 21 and over");
	assert_string_equal(m.rates->from, "2025-04-01");
}

static void test_no_rates_before_the_table_starts(void **state)
{
	(void)state;
	struct nmw_minimum m;
	assert_false(nmw_minimum_for(d("2023-03-31"), 30, &m));
	assert_null(nmw_rates_on(d("2020-01-01")));
}

static void test_the_table_is_in_date_order_with_bands_from_the_oldest_age(void **state)
{
	(void)state;
	for (size_t i = 0; i < NMW_NRATES; i++) {
		const struct nmw_rates *r = &NMW_RATES[i];
		if (i > 0)
			assert_true(d(NMW_RATES[i - 1].from) < d(r->from));
		assert_true(r->nbands >= 1);
		assert_int_equal(r->bands[r->nbands - 1].min_age, 0);
		for (size_t b = 1; b < r->nbands; b++) {
			assert_true(r->bands[b].min_age < r->bands[b - 1].min_age);
			assert_true(r->bands[b].pence <= r->bands[b - 1].pence);
		}
		assert_non_null(r->source);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_april_2025_rates_by_age),
		cmocka_unit_test(test_rates_change_on_the_first_of_april),
		cmocka_unit_test(test_before_april_2024_the_living_wage_started_at_23),
		cmocka_unit_test(test_an_unknown_age_is_held_to_the_adult_rate),
		cmocka_unit_test(test_no_rates_before_the_table_starts),
		cmocka_unit_test(test_the_table_is_in_date_order_with_bands_from_the_oldest_age),
	};
	return cmocka_run_group_tests_name("wages", tests, NULL, NULL);
}
