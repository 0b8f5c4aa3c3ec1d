/* tests/unit/test_outcomes.c — the publication rule of spec/outcomes.md and the
 * report's rounding, on plain values. */
#include "testutil.h"
#include "core/outcomes.h"
#include "util/buf.h"

static void test_counts_of_one_to_four_are_withheld_and_others_round_to_five(void **state)
{
	(void)state;
	assert_int_equal(outcomes_publish_count(0), 0);
	for (int n = 1; n <= 4; n++)
		assert_int_equal(outcomes_publish_count(n), -1);
	assert_int_equal(outcomes_publish_count(5), 5);
	assert_int_equal(outcomes_publish_count(7), 5);
	assert_int_equal(outcomes_publish_count(8), 10);
	assert_int_equal(outcomes_publish_count(12), 10);
	assert_int_equal(outcomes_publish_count(13), 15);
	assert_int_equal(outcomes_publish_count(1002), 1000);
}

static void test_a_published_rate_uses_unrounded_counts_and_is_withheld_with_them(void **state)
{
	(void)state;
	struct outcome_report r = {.worked = 6, .caseload = 7, .published = true};
	r.employment_rate = (struct fraction){6, 7};
	r.moved_into_work = 3;
	r.out_of_work_at_referral = 9;
	r.moved_into_work_rate = (struct fraction){3, 9};
	r.people_into_work = 2;
	r.median_days_to_first_job = (struct fraction){40, 1};
	r.rapid_job_search_mean_days = (struct fraction){100, 5};
	r.employer_contacts_per_specialist_week = (struct fraction){14, 273};
	struct buf b = BUF_INIT;
	outcomes_json(&r, &b);
	const char *s = buf_str(&b);
	assert_non_null(strstr(s, "\"worked\": 5,"));
	assert_non_null(strstr(s, "\"caseload\": 5,"));
	assert_non_null(strstr(s, "\"employment_rate\": 0.8571"));       /* 6/7, not 5/5 */
	assert_non_null(strstr(s, "\"moved_into_work\": \"*\""));
	assert_non_null(strstr(s, "\"moved_into_work_rate\": \"*\""));
	assert_non_null(strstr(s, "\"median_days_to_first_job\": \"*\""));  /* over 2 people */
	assert_non_null(strstr(s, "\"rapid_job_search_mean_days\": 20.0"));  /* over 5 referrals */
	assert_non_null(strstr(s, "\"employer_contacts_per_specialist_week\": 0.1"));
	assert_non_null(strstr(s, "\"community_time_share\": null"));
	buf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_of_one_to_four_are_withheld_and_others_round_to_five),
		cmocka_unit_test(test_a_published_rate_uses_unrounded_counts_and_is_withheld_with_them),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
