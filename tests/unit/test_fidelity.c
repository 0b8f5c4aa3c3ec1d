/* tests/unit/test_fidelity.c — the suggested score at every band boundary of the
 * shipped 2008 scale (spec/fidelity-evidence.md): values in tenths, already rounded. */
#include "testutil.h"
#include "core/fidelity.h"

static int score(int item, int64_t tenths)
{
	return fidelity_score(&FID_DEFAULT_BANDS[item], tenths);
}

static void test_s1_caseload_bands_are_left_open(void **state)
{
	(void)state;
	assert_int_equal(score(FID_S1, 200), 5);   /* exactly 20 per FTE */
	assert_int_equal(score(FID_S1, 201), 4);
	assert_int_equal(score(FID_S1, 250), 4);
	assert_int_equal(score(FID_S1, 251), 3);
	assert_int_equal(score(FID_S1, 300), 3);
	assert_int_equal(score(FID_S1, 301), 2);
	assert_int_equal(score(FID_S1, 400), 2);
	assert_int_equal(score(FID_S1, 401), 1);
	assert_int_equal(score(FID_S1, 0), 5);
}

static void test_v4_rapid_job_search_at_30_and_31_days(void **state)
{
	(void)state;
	assert_int_equal(score(FID_V4, 300), 5);
	assert_int_equal(score(FID_V4, 310), 4);
	assert_int_equal(score(FID_V4, 600), 4);
	assert_int_equal(score(FID_V4, 1500), 3);
	assert_int_equal(score(FID_V4, 2700), 2);
	assert_int_equal(score(FID_V4, 2701), 1);
}

static void test_half_open_bands_include_their_lower_end(void **state)
{
	(void)state;
	assert_int_equal(score(FID_V6, 19), 1);
	assert_int_equal(score(FID_V6, 20), 2);
	assert_int_equal(score(FID_V6, 49), 3);
	assert_int_equal(score(FID_V6, 59), 4);
	assert_int_equal(score(FID_V6, 60), 5);
	assert_int_equal(score(FID_V8, 499), 1);
	assert_int_equal(score(FID_V8, 500), 2);
	assert_int_equal(score(FID_V8, 850), 5);
	assert_int_equal(score(FID_V10, 639), 1);
	assert_int_equal(score(FID_V10, 640), 2);
	assert_int_equal(score(FID_V10, 949), 4);
	assert_int_equal(score(FID_V10, 950), 5);
	assert_int_equal(score(FID_V13, 650), 5);
	assert_int_equal(score(FID_V13, 649), 4);
}

static void test_values_are_rounded_before_the_band_is_read(void **state)
{
	(void)state;
	/* 20.04 per FTE rounds to 20.0: score 5; 20.05 rounds to 20.1: score 4 */
	assert_int_equal(score(FID_S1, fraction_round((struct fraction){2004, 100}, 1)), 5);
	assert_int_equal(score(FID_S1, fraction_round((struct fraction){2005, 100}, 1)), 4);
	assert_int_equal(fraction_round((struct fraction){-5, 100}, 1), -1);   /* halves away from zero */
	char s[32];
	fraction_format((struct fraction){1, 0}, 1, s);
	assert_string_equal(s, "null");
	fraction_format((struct fraction){-1, 30}, 1, s);
	assert_string_equal(s, "0.0");   /* never "-0.0" */
	fraction_format((struct fraction){2, 3}, 4, s);
	assert_string_equal(s, "0.6667");
}

/* The review bands (DOMAIN.md): each boundary from both sides. */
static void test_review_bands_at_every_boundary(void **state)
{
	(void)state;
	assert_int_equal(fidelity_band(25), FID_BAND_NOT_IPS);
	assert_int_equal(fidelity_band(73), FID_BAND_NOT_IPS);
	assert_int_equal(fidelity_band(74), FID_BAND_FAIR);
	assert_int_equal(fidelity_band(99), FID_BAND_FAIR);
	assert_int_equal(fidelity_band(100), FID_BAND_GOOD);
	assert_int_equal(fidelity_band(114), FID_BAND_GOOD);
	assert_int_equal(fidelity_band(115), FID_BAND_EXEMPLARY);
	assert_int_equal(fidelity_band(125), FID_BAND_EXEMPLARY);
	assert_string_equal(fidelity_band_label(fidelity_band(73)), "Not IPS");
	assert_string_equal(fidelity_band_label(fidelity_band(74)), "Fair fidelity");
	assert_string_equal(fidelity_band_label(fidelity_band(100)), "Good fidelity");
	assert_string_equal(fidelity_band_label(fidelity_band(115)), "Exemplary fidelity");
}

static void test_item_keys_name_the_measurable_items(void **state)
{
	(void)state;
	assert_int_equal(fidelity_item_key("S1"), FID_S1);
	assert_int_equal(fidelity_item_key("V10"), FID_V10);
	assert_int_equal(fidelity_item_key("O6"), FID_O6);
	assert_int_equal(fidelity_item_key("V1"), -1);
	assert_int_equal(fidelity_item_key("V1 "), -1);
	assert_int_equal(fidelity_item_key(NULL), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_s1_caseload_bands_are_left_open),
		cmocka_unit_test(test_v4_rapid_job_search_at_30_and_31_days),
		cmocka_unit_test(test_half_open_bands_include_their_lower_end),
		cmocka_unit_test(test_values_are_rounded_before_the_band_is_read),
		cmocka_unit_test(test_review_bands_at_every_boundary),
		cmocka_unit_test(test_item_keys_name_the_measurable_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
