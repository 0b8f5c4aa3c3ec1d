/* tests/unit/test_matching.c — scoring a person's preferences against a vacancy
 * (core/matching.c): each criterion's points and the exact words of the reason, what
 * missing data does (neither rewards nor excludes), conditions to avoid, the lists'
 * parsers, and the deterministic order the top-N heap keeps. */
#include "testutil.h"
#include <stdint.h>
#include "core/matching.h"

/* A person who wants 5434 (chefs), 10-20 hours, within 5 miles, at least £12.00. */
static struct match_prefs prefs(void)
{
	struct match_prefs p = {.hours_min = 10, .hours_max = 20, .travel_miles = 5, .pay_min = 1200};
	p.job_types[0] = 5434;
	p.njob_types = 1;
	return p;
}

static struct match_prefs unknown_prefs(void)
{
	return (struct match_prefs){.hours_min = -1, .hours_max = -1, .travel_miles = -1, .pay_min = -1};
}

/* 16 hours a week at £12.50 an hour. */
static struct match_job job(int soc)
{
	return (struct match_job){.job_type = soc, .hours_min = 1600, .hours_max = 1600, .pay = 1250};
}

static const char *reason(const struct match_prefs *p, const struct match_job *j, double miles, int *score)
{
	static char buf[512];
	struct match_detail d;
	*score = match_score(p, j, miles, &d);
	match_reason(p, j, &d, buf, sizeof buf);
	return buf;
}

static void test_everything_met_scores_100(void **state)
{
	(void)state;
	struct match_prefs p = prefs();
	struct match_job j = job(5434);
	int s;
	assert_string_equal(reason(&p, &j, 4.2, &s),
			    "matches preferred job type; 16 hours within 10-20; 4 miles, within the 5-mile travel "
			    "limit; pay meets preference");
	assert_int_equal(s, 100);
}

static void test_the_example_reason_with_pay_below(void **state)
{
	(void)state;
	struct match_prefs p = prefs();
	struct match_job j = job(5434);
	j.pay = 1150;
	int s;
	assert_string_equal(reason(&p, &j, 3.6, &s),
			    "matches preferred job type; 16 hours within 10-20; 4 miles, within the 5-mile travel "
			    "limit; pay below preference");
	assert_int_equal(s, 80);
}

static void test_job_type_exact_related_other(void **state)
{
	(void)state;
	struct match_prefs p = prefs();
	int s;
	struct match_job j = job(5436);   /* same minor group 543 */
	assert_string_equal(reason(&p, &j, 1, &s), "related to a preferred job type; 16 hours within 10-20; "
				 "1 mile, within the 5-mile travel limit; pay meets preference");
	assert_int_equal(s, 85);
	j = job(9263);
	assert_string_equal(reason(&p, &j, 1, &s), "not a preferred job type; 16 hours within 10-20; "
				 "1 mile, within the 5-mile travel limit; pay meets preference");
	assert_int_equal(s, 60);
	j = job(-1);
	assert_string_equal(reason(&p, &j, 1, &s), "job type unknown; 16 hours within 10-20; "
				 "1 mile, within the 5-mile travel limit; pay meets preference");
	assert_int_equal(s, 80);
}

static void test_hours_within_partly_outside(void **state)
{
	(void)state;
	struct match_prefs p = prefs();
	int s;
	struct match_job j = job(5434);
	j.hours_min = 1200, j.hours_max = 2500;
	assert_string_equal(reason(&p, &j, 0.2, &s), "matches preferred job type; 12-25 hours, partly within "
				 "10-20; less than a mile, within the 5-mile travel limit; pay meets preference");
	assert_int_equal(s, 90);
	j.hours_min = j.hours_max = 3750;
	assert_string_equal(reason(&p, &j, 0.2, &s), "matches preferred job type; 37.5 hours outside 10-20; "
				 "less than a mile, within the 5-mile travel limit; pay meets preference");
	assert_int_equal(s, 80);
	p.hours_max = -1;   /* only a least number of hours */
	assert_string_equal(reason(&p, &j, 0.2, &s), "matches preferred job type; 37.5 hours within 10 or more; "
				 "less than a mile, within the 5-mile travel limit; pay meets preference");
	assert_int_equal(s, 100);
	j.hours_min = j.hours_max = -1;
	assert_string_equal(reason(&p, &j, 0.2, &s), "matches preferred job type; hours unknown; "
				 "less than a mile, within the 5-mile travel limit; pay meets preference");
	assert_int_equal(s, 90);
}

static void test_distance_beyond_unknown_and_no_limit(void **state)
{
	(void)state;
	struct match_prefs p = prefs();
	struct match_job j = job(5434);
	int s;
	assert_string_equal(reason(&p, &j, 12.4, &s), "matches preferred job type; 16 hours within 10-20; "
				 "12 miles, beyond the 5-mile travel limit; pay meets preference");
	assert_int_equal(s, 80);
	assert_string_equal(reason(&p, &j, 5.4, &s), "matches preferred job type; 16 hours within 10-20; "
				 "5 miles, within the 5-mile travel limit; pay meets preference");
	assert_int_equal(s, 100);
	assert_string_equal(reason(&p, &j, -1, &s), "matches preferred job type; 16 hours within 10-20; "
				 "distance unknown; pay meets preference");
	assert_int_equal(s, 90);
	p.travel_miles = -1;
	assert_string_equal(reason(&p, &j, 7, &s), "matches preferred job type; 16 hours within 10-20; "
				 "7 miles, no travel limit recorded; pay meets preference");
	assert_int_equal(s, 90);
}

static void test_missing_data_neither_rewards_nor_excludes(void **state)
{
	(void)state;
	struct match_prefs p = unknown_prefs();
	struct match_job j = {.job_type = -1, .hours_min = -1, .hours_max = -1, .pay = -1};
	int s;
	assert_string_equal(reason(&p, &j, -1, &s), "job type unknown; hours unknown; distance unknown; pay unknown");
	assert_int_equal(s, 50);
	/* below a full match, above a clear mismatch */
	struct match_prefs full = prefs();
	struct match_job good = job(5434), bad = job(9263);
	bad.hours_min = bad.hours_max = 4000;
	bad.pay = 1000;
	assert_true(match_score(&full, &good, 1, NULL) > 50);
	assert_true(match_score(&full, &bad, 30, NULL) < 50);
}

static void test_conditions_to_avoid_are_a_strong_penalty(void **state)
{
	(void)state;
	struct match_prefs p = prefs();
	assert_true(match_conditions_parse("nights, weekends", &p.avoid));
	struct match_job j = job(5434);
	assert_true(match_conditions_parse("weekends,nights,driving", &j.conditions));
	int s;
	assert_string_equal(reason(&p, &j, 1, &s), "matches preferred job type; 16 hours within 10-20; 1 mile, "
				 "within the 5-mile travel limit; pay meets preference; involves nights and weekends, "
				 "which they want to avoid");
	assert_int_equal(s, 50);
	assert_true(match_conditions_parse("driving", &j.conditions));
	assert_int_equal(match_score(&p, &j, 1, NULL), 100);   /* nothing they avoid */
	struct match_job weak = job(9263);
	weak.pay = 900;
	assert_true(match_conditions_parse("nights", &weak.conditions));
	assert_int_equal(match_score(&p, &weak, 40, NULL), 0);   /* 20 - 50: never below 0 */
	uint32_t bits;
	assert_false(match_conditions_parse("nights,sundays", &bits));
	assert_true(match_conditions_parse(NULL, &bits));
	assert_int_equal(bits, 0);
	assert_string_equal(match_condition_words("lone_working"), "working alone");
}

static void test_job_type_lists(void **state)
{
	(void)state;
	int codes[MATCH_MAX_JOB_TYPES];
	size_t n;
	assert_true(match_job_types_parse(" 5434, 9263 ,7111", codes, &n));
	assert_int_equal(n, 3);
	assert_int_equal(codes[1], 9263);
	assert_true(match_job_types_parse("", codes, &n));
	assert_int_equal(n, 0);
	assert_false(match_job_types_parse("543", codes, &n));
	assert_false(match_job_types_parse("5434,,9263", codes, &n));
	assert_false(match_job_types_parse("54a4", codes, &n));
	assert_false(match_job_types_parse("1111,1112,1113,1114,1115,1116,1117,1118,1119,1121,1122,1123,1124,1125,"
					   "1126,1127,1128", codes, &n));
	assert_int_equal(match_soc_code("0101"), 101);
	assert_int_equal(match_soc_code("01011"), -1);
	assert_int_equal(match_soc_code(NULL), -1);
}

static void test_ties_order_by_closing_date_then_id(void **state)
{
	(void)state;
	struct match_rank kept[3];
	struct match_top top = {kept, 0, 3};
	struct match_rank offers[] = {
		{70, match_closing_key("2026-12-01"), 9, 0},
		{70, match_closing_key(NULL), 2, 1},
		{90, match_closing_key("2027-01-01"), 5, 2},
		{70, match_closing_key("2026-12-01"), 4, 3},
		{60, match_closing_key("2026-11-30"), 1, 4},
		{70, match_closing_key("2026-11-30"), 7, 5},
		{90, match_closing_key("2027-01-01"), 5, 6},   /* the same id again: kept once */
	};
	for (size_t i = 0; i < sizeof offers / sizeof offers[0]; i++)
		match_top_offer(&top, &offers[i]);
	match_top_sort(&top);
	assert_int_equal(top.n, 3);
	assert_int_equal(kept[0].id, 5);   /* the best score */
	assert_int_equal(kept[1].id, 7);   /* 70, closing soonest */
	assert_int_equal(kept[2].id, 4);   /* 70, 1 December, lower id than 9 */
	assert_int_equal(match_closing_key("2026-13"), INT32_MAX);
}

static void test_heap_keeps_the_best_of_many(void **state)
{
	(void)state;
	struct match_rank kept[20];
	struct match_top top = {kept, 0, 20};
	for (int64_t id = 1; id <= 10000; id++) {
		struct match_rank r = {(int)((id * 7919) % 101), INT32_MAX, id, 0};
		match_top_offer(&top, &r);
	}
	match_top_sort(&top);
	assert_int_equal(top.n, 20);
	for (size_t i = 1; i < top.n; i++)
		assert_true(match_rank_before(&kept[i - 1], &kept[i]));
	assert_int_equal(kept[0].score, 100);
	/* nothing left out beats the last kept */
	for (int64_t id = 1; id <= 10000; id++) {
		struct match_rank r = {(int)((id * 7919) % 101), INT32_MAX, id, 0};
		bool in = false;
		for (size_t i = 0; i < top.n; i++)
			in |= kept[i].id == id;
		if (!in)
			assert_false(match_rank_before(&r, &kept[19]));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_everything_met_scores_100),
		cmocka_unit_test(test_the_example_reason_with_pay_below),
		cmocka_unit_test(test_job_type_exact_related_other),
		cmocka_unit_test(test_hours_within_partly_outside),
		cmocka_unit_test(test_distance_beyond_unknown_and_no_limit),
		cmocka_unit_test(test_missing_data_neither_rewards_nor_excludes),
		cmocka_unit_test(test_conditions_to_avoid_are_a_strong_penalty),
		cmocka_unit_test(test_job_type_lists),
		cmocka_unit_test(test_ties_order_by_closing_date_then_id),
		cmocka_unit_test(test_heap_keeps_the_best_of_many),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
