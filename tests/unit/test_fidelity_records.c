/* tests/unit/test_fidelity_records.c — V12 (in-work support contacts meeting the
 * schedule) and V1 (benefits advice before the first job) at their boundaries: the
 * first and last day of the period, an item still open on the day its window ends,
 * advice on the day of the start and the day after, the first-job tie-break, and no
 * data (a zero denominator: no figure). */
#include "testutil.h"
#include "core/fidelity_records.h"

static day_t d(const char *iso)
{
	day_t x = 0;
	assert_true(date_parse(iso, &x));
	return x;
}

#define FROM d("2025-04-01")
#define TO d("2025-06-30")

static struct fr_support item(enum support_kind k, enum support_status s, const char *due)
{
	return (struct fr_support){.kind = k, .status = s, .due = d(due), .in_scope = true};
}

static void test_v12_counts_items_whose_window_ends_in_the_period(void **state)
{
	(void)state;
	day_t today = d("2025-08-01");
	struct fr_support it[] = {
		item(SK_AFTER_START, SS_MET, "2025-04-01"),     /* first day: counted, met */
		item(SK_WEEKLY, SS_MISSED, "2025-06-30"),       /* last day: counted, missed */
		item(SK_MONTHLY, SS_MET, "2025-03-31"),         /* the day before: left out */
		item(SK_MONTHLY, SS_MET, "2025-07-01"),         /* the day after: left out */
		item(SK_WEEKLY, SS_OPEN, "2025-05-10"),         /* open, window over: missed */
		item(SK_WEEKLY, SS_CANCELLED, "2025-05-10"),    /* the job ended: left out */
		item(SK_BEFORE_START, SS_MET, "2025-05-10"),    /* not in the measure */
		item(SK_JOB_LOSS, SS_MISSED, "2025-05-10"),     /* not in the measure */
	};
	assert_int_equal(fidelity_v12_item(&it[0], FROM, TO, today), FR_V12_MET);
	assert_int_equal(fidelity_v12_item(&it[1], FROM, TO, today), FR_V12_MISSED);
	assert_int_equal(fidelity_v12_item(&it[2], FROM, TO, today), FR_V12_LEFT_OUT);
	assert_int_equal(fidelity_v12_item(&it[3], FROM, TO, today), FR_V12_LEFT_OUT);
	assert_int_equal(fidelity_v12_item(&it[4], FROM, TO, today), FR_V12_MISSED);
	assert_int_equal(fidelity_v12_item(&it[5], FROM, TO, today), FR_V12_LEFT_OUT);
	assert_int_equal(fidelity_v12_item(&it[6], FROM, TO, today), FR_V12_LEFT_OUT);
	assert_int_equal(fidelity_v12_item(&it[7], FROM, TO, today), FR_V12_LEFT_OUT);
	struct fraction f = fidelity_v12(it, sizeof it / sizeof it[0], FROM, TO, today);
	assert_int_equal(f.num, 100);   /* 1 met of 3 counted */
	assert_int_equal(f.den, 3);
	assert_int_equal(fraction_round(f, 1), 333);
}

static void test_v12_an_open_item_counts_only_once_its_window_is_over(void **state)
{
	(void)state;
	struct fr_support open = item(SK_MONTHLY, SS_OPEN, "2025-06-10");
	assert_int_equal(fidelity_v12_item(&open, FROM, TO, d("2025-06-10")), FR_V12_LEFT_OUT);  /* still due today */
	assert_int_equal(fidelity_v12_item(&open, FROM, TO, d("2025-06-11")), FR_V12_MISSED);
	struct fr_support met = item(SK_MONTHLY, SS_MET, "2025-06-10");
	assert_int_equal(fidelity_v12_item(&met, FROM, TO, d("2025-06-01")), FR_V12_MET);       /* met early */
	struct fr_support other = met;
	other.in_scope = false;
	assert_int_equal(fidelity_v12_item(&other, FROM, TO, d("2025-08-01")), FR_V12_LEFT_OUT);
}

static void test_v12_no_items_is_no_figure(void **state)
{
	(void)state;
	struct fraction f = fidelity_v12(NULL, 0, FROM, TO, d("2025-08-01"));
	assert_int_equal(f.den, 0);
	struct fr_support out[] = {item(SK_WEEKLY, SS_MET, "2025-07-01")};
	assert_int_equal(fidelity_v12(out, 1, FROM, TO, d("2025-08-01")).den, 0);
	struct fr_support all[] = {item(SK_WEEKLY, SS_MET, "2025-05-01"), item(SK_MONTHLY, SS_MET, "2025-06-01")};
	f = fidelity_v12(all, 2, FROM, TO, d("2025-08-01"));
	assert_int_equal(fraction_round(f, 1), 1000);   /* 100.0 */
}

static struct fr_job job(int64_t client, const char *started, const char *received, const char *ref,
			 const char *advice)
{
	return (struct fr_job){.client_id = client, .started = d(started), .received = d(received), .ref = ref,
			       .in_scope = true, .first_advice = advice ? d(advice) : OC_NO_DAY};
}

static void test_v1_advice_on_the_day_of_the_start_counts_the_day_after_does_not(void **state)
{
	(void)state;
	struct fr_job j[] = {
		job(1, "2025-04-01", "2025-01-01", "J1", "2025-04-01"),   /* advice that day: yes */
		job(2, "2025-06-30", "2025-01-01", "J2", "2025-07-01"),   /* advice the day after: no */
		job(3, "2025-05-01", "2025-01-01", "J3", NULL),           /* no advice: no */
		job(4, "2025-03-31", "2025-01-01", "J4", "2025-01-01"),   /* started before P: not counted */
		job(5, "2025-07-01", "2025-01-01", "J5", "2025-01-01"),   /* after P: not counted */
	};
	size_t first[5];
	bool advised[5];
	long n = fidelity_v1_people(j, 5, FROM, TO, first, advised);
	assert_int_equal(n, 3);
	assert_int_equal(first[0], 0);
	assert_true(advised[0]);
	assert_int_equal(first[1], 1);
	assert_false(advised[1]);
	assert_int_equal(first[2], 2);
	assert_false(advised[2]);
	struct fraction f = fidelity_v1(j, 5, FROM, TO);
	assert_int_equal(f.num, 100);
	assert_int_equal(f.den, 3);
}

static void test_v1_counts_only_a_persons_first_job(void **state)
{
	(void)state;
	struct fr_job j[] = {
		job(1, "2025-05-01", "2025-01-01", "J2", "2025-04-20"),   /* second job of person 1 */
		job(1, "2025-03-01", "2025-01-01", "J1", NULL),           /* first job, before P */
		job(2, "2025-05-05", "2025-02-01", "J4", "2025-05-01"),   /* tie: the later referral wins */
		job(2, "2025-05-05", "2025-03-01", "J3", "2025-05-01"),
		job(3, "2025-05-05", "2025-03-01", "J6", NULL),           /* tie on both: the lower ref */
		job(3, "2025-05-05", "2025-03-01", "J5", NULL),
	};
	j[3].in_scope = false;   /* person 2's first job is out of scope: not counted */
	size_t first[6];
	long n = fidelity_v1_people(j, 6, FROM, TO, first, NULL);
	assert_int_equal(n, 1);
	assert_int_equal(first[0], 5);
	assert_int_equal(fidelity_v1(j, 6, FROM, TO).den, 1);
	assert_int_equal(fidelity_v1(j, 6, FROM, TO).num, 0);
}

static void test_v1_no_people_is_no_figure(void **state)
{
	(void)state;
	assert_int_equal(fidelity_v1(NULL, 0, FROM, TO).den, 0);
	struct fr_job j[] = {job(1, "2025-03-01", "2025-01-01", "J1", "2025-01-01")};
	assert_int_equal(fidelity_v1(j, 1, FROM, TO).den, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_v12_counts_items_whose_window_ends_in_the_period),
		cmocka_unit_test(test_v12_an_open_item_counts_only_once_its_window_is_over),
		cmocka_unit_test(test_v12_no_items_is_no_figure),
		cmocka_unit_test(test_v1_advice_on_the_day_of_the_start_counts_the_day_after_does_not),
		cmocka_unit_test(test_v1_counts_only_a_persons_first_job),
		cmocka_unit_test(test_v1_no_people_is_no_figure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
