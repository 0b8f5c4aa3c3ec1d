/* tests/unit/test_caseload.c — a person's stage on the IPS journey, the caseload
 * limit (DOMAIN.md: 20 per full-time specialist, pro rata by FTE, rounded down) and
 * the waiting-time bands (within 7 days, 8 to 30, over 30). */
#include "testutil.h"
#include <limits.h>
#include "core/caseload.h"

static void test_a_new_referral_is_waiting(void **state)
{
	(void)state;
	struct stage_facts f = {0};
	assert_int_equal(stage_of(&f), STAGE_WAITING);
}

static void test_stage_follows_the_journey(void **state)
{
	(void)state;
	assert_int_equal(stage_of(&(struct stage_facts){.allocated = true}), STAGE_ALLOCATED);
	assert_int_equal(stage_of(&(struct stage_facts){.allocated = true, .had_direct_contact = true}),
			 STAGE_ENGAGED);
	assert_int_equal(stage_of(&(struct stage_facts){.allocated = true, .had_direct_contact = true,
							.in_work = true}),
			 STAGE_IN_WORK);
	assert_int_equal(stage_of(&(struct stage_facts){.allocated = true, .had_direct_contact = true,
							.in_work = true, .closed = true}),
			 STAGE_CLOSED);
}

static void test_stage_takes_the_furthest_fact(void **state)
{
	(void)state;
	/* every combination: closed wins, then in work, then a direct contact, then allocation */
	for (int bits = 0; bits < 16; bits++) {
		struct stage_facts f = {.closed = bits & 1, .allocated = bits & 2, .had_direct_contact = bits & 4,
					.in_work = bits & 8};
		enum stage want = f.closed ? STAGE_CLOSED
				: f.in_work ? STAGE_IN_WORK
				: f.had_direct_contact ? STAGE_ENGAGED
				: f.allocated ? STAGE_ALLOCATED
				: STAGE_WAITING;
		assert_int_equal(stage_of(&f), want);
	}
}

static void test_every_stage_has_its_own_label(void **state)
{
	(void)state;
	const enum stage all[] = {STAGE_WAITING, STAGE_ALLOCATED, STAGE_ENGAGED, STAGE_IN_WORK, STAGE_CLOSED};
	for (size_t i = 0; i < sizeof all / sizeof *all; i++) {
		assert_true(stage_label(all[i])[0] != '\0');
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(stage_label(all[i]), stage_label(all[j]));
	}
	assert_string_equal(stage_label(STAGE_IN_WORK), "In work");
	assert_string_equal(stage_label(STAGE_CLOSED), "Closed");
}

static void test_limit_is_twenty_per_full_time_specialist(void **state)
{
	(void)state;
	assert_int_equal(caseload_limit(100), 20);
	assert_int_equal(caseload_limit(50), 10);
	assert_int_equal(caseload_limit(75), 15);
	assert_int_equal(caseload_limit(80), 16);
	assert_int_equal(caseload_limit(60), 12);
	assert_int_equal(caseload_limit(5), 1);
}

static void test_limit_rounds_down(void **state)
{
	(void)state;
	assert_int_equal(caseload_limit(33), 6);    /* 6.6 */
	assert_int_equal(caseload_limit(99), 19);   /* 19.8 */
	assert_int_equal(caseload_limit(4), 0);     /* 0.8 */
	assert_int_equal(caseload_limit(1), 0);
	assert_int_equal(caseload_limit(67), 13);   /* 13.4 */
}

static void test_limit_is_zero_without_hours(void **state)
{
	(void)state;
	assert_int_equal(caseload_limit(0), 0);
	assert_int_equal(caseload_limit(-50), 0);
	assert_int_equal(caseload_limit(INT_MIN), 0);
}

static void test_waiting_bands_at_their_boundaries(void **state)
{
	(void)state;
	assert_int_equal(waiting_band(-3), 0);   /* a contact dated before the referral */
	assert_int_equal(waiting_band(INT_MIN), 0);
	assert_int_equal(waiting_band(0), 0);
	assert_int_equal(waiting_band(7), 0);
	assert_int_equal(waiting_band(8), 1);
	assert_int_equal(waiting_band(30), 1);
	assert_int_equal(waiting_band(31), 2);
	assert_int_equal(waiting_band(365), 2);
	assert_int_equal(waiting_band(INT_MAX), 2);
}

static void test_waiting_band_labels(void **state)
{
	(void)state;
	assert_string_equal(waiting_band_label(0), "Within 7 days");
	assert_string_equal(waiting_band_label(1), "8 to 30 days");
	assert_string_equal(waiting_band_label(2), "Over 30 days");
	assert_string_equal(waiting_band_label(waiting_band(31)), "Over 30 days");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_a_new_referral_is_waiting),
		cmocka_unit_test(test_stage_follows_the_journey),
		cmocka_unit_test(test_stage_takes_the_furthest_fact),
		cmocka_unit_test(test_every_stage_has_its_own_label),
		cmocka_unit_test(test_limit_is_twenty_per_full_time_specialist),
		cmocka_unit_test(test_limit_rounds_down),
		cmocka_unit_test(test_limit_is_zero_without_hours),
		cmocka_unit_test(test_waiting_bands_at_their_boundaries),
		cmocka_unit_test(test_waiting_band_labels),
	};
	return cmocka_run_group_tests_name("caseload", tests, NULL, NULL);
}
