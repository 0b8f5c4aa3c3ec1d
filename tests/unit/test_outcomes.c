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

/* The day tallies one read of the contacts gives (store_outcome_contact_days), summed for
 * a period inside them: only days in the period count, a specialist counts once however
 * many days they worked, and S1's referrals are those open and met on the last day,
 * allocated to a specialist who recorded a contact in the period. */
static void test_contact_tallies_sum_to_any_period_inside_them(void **state)
{
	(void)state;
	day_t d1 = date_from_ymd(2025, 4, 1), d2 = date_from_ymd(2025, 4, 2), d3 = date_from_ymd(2025, 4, 3);
	const struct oc_day_mode modes[] = {
		{d1, OC_MODE_F2F, 2}, {d1, OC_MODE_TEXT, 1}, {d2, OC_MODE_F2F, 3}, {d3, OC_MODE_PHONE, 5},
	};
	const struct oc_staff_day staff[] = {   /* by staff, then day */
		{.staff_id = 7, .fte = 100, .day = d1, .employer_f2f = 1, .minutes_all = 60, .minutes_community = 30},
		{.staff_id = 7, .fte = 100, .day = d2, .employer_f2f = 2, .minutes_all = 40, .minutes_community = 40},
		{.staff_id = 9, .fte = 50, .day = d3, .employer_f2f = 4, .minutes_all = 10, .minutes_community = 0},
	};
	const struct oc_contact_days cd = {modes, 4, staff, 3, NULL, 0};
	struct oc_referral refs[] = {
		/* open, met on d1, allocated to 7: counts for S1 */
		{.id = 1, .received = d1, .closed = OC_NO_DAY, .first_direct = d1, .in_scope = true, .specialist_id = 7},
		/* allocated to 9, who recorded nothing in d1-d2 */
		{.id = 2, .received = d1, .closed = OC_NO_DAY, .first_direct = d1, .in_scope = true, .specialist_id = 9},
		/* not met by the last day */
		{.id = 3, .received = d1, .closed = OC_NO_DAY, .first_direct = d3, .in_scope = true, .specialist_id = 7},
		/* closed the day before the last day */
		{.id = 4, .received = d1, .closed = d1, .first_direct = d1, .in_scope = true, .specialist_id = 7},
		/* out of scope */
		{.id = 5, .received = d1, .closed = OC_NO_DAY, .first_direct = d1, .in_scope = false, .specialist_id = 7},
	};
	struct oc_contact_totals t;
	assert_int_equal(oc_contact_totals_sum(&cd, refs, 5, d1, d2, &t), 0);
	assert_int_equal(t.by_mode[OC_MODE_F2F], 5);
	assert_int_equal(t.by_mode[OC_MODE_TEXT], 1);
	assert_int_equal(t.by_mode[OC_MODE_PHONE], 0);    /* d3 is outside */
	assert_int_equal(t.specialists, 1);               /* 7 once, though on two days */
	assert_int_equal(t.specialist_fte, 100);
	assert_int_equal(t.employer_f2f, 3);
	assert_int_equal(t.minutes_all, 100);
	assert_int_equal(t.minutes_community, 70);
	assert_int_equal(t.active_referrals, 1);

	assert_int_equal(oc_contact_totals_sum(&cd, refs, 5, d1, d3, &t), 0);
	assert_int_equal(t.specialists, 2);
	assert_int_equal(t.specialist_fte, 150);
	assert_int_equal(t.by_mode[OC_MODE_PHONE], 5);
	assert_int_equal(t.active_referrals, 3);          /* 1, 2 (9 now active) and 3 (met on d3) */

	/* no tallies at all: zeros, and nothing read out of bounds */
	const struct oc_contact_days none = {NULL, 0, NULL, 0, NULL, 0};
	assert_int_equal(oc_contact_totals_sum(&none, NULL, 0, d1, d3, &t), 0);
	assert_int_equal(t.specialists, 0);
	assert_int_equal(t.active_referrals, 0);
}

/* A month tallied whole is one row dated its first day: a period that takes the whole
 * month gets it, a period that starts or ends inside it is refused rather than given a
 * wrong figure. */
static void test_a_month_tallied_whole_is_summed_only_whole(void **state)
{
	(void)state;
	day_t may = date_from_ymd(2025, 5, 1), june = date_from_ymd(2025, 6, 1);
	const struct oc_day_mode modes[] = {{may, OC_MODE_F2F, 9}};
	const struct oc_staff_day staff[] = {{.staff_id = 7, .fte = 100, .day = may, .employer_f2f = 2}};
	const day_t months[] = {may};
	const struct oc_contact_days cd = {modes, 1, staff, 1, months, 1};
	struct oc_contact_totals t;
	assert_int_equal(oc_contact_totals_sum(&cd, NULL, 0, may, june - 1, &t), 0);
	assert_int_equal(t.by_mode[OC_MODE_F2F], 9);
	assert_int_equal(t.specialists, 1);
	assert_int_equal(oc_contact_totals_sum(&cd, NULL, 0, may - 31, june + 29, &t), 0);   /* April to June */
	assert_int_equal(t.employer_f2f, 2);
	assert_int_equal(oc_contact_totals_sum(&cd, NULL, 0, may + 1, june - 1, &t), -1);    /* from 2 May */
	assert_int_equal(oc_contact_totals_sum(&cd, NULL, 0, may, june - 2, &t), -1);        /* to 30 May */
	assert_int_equal(oc_contact_totals_sum(&cd, NULL, 0, june, june + 29, &t), 0);       /* June: not in it */
	assert_int_equal(t.by_mode[OC_MODE_F2F], 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_counts_of_one_to_four_are_withheld_and_others_round_to_five),
		cmocka_unit_test(test_a_published_rate_uses_unrounded_counts_and_is_withheld_with_them),
		cmocka_unit_test(test_contact_tallies_sum_to_any_period_inside_them),
		cmocka_unit_test(test_a_month_tallied_whole_is_summed_only_whole),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
