/* tests/unit/test_support.c — the in-work support schedule (DOMAIN.md): its windows, a
 * job ending in week one, a job start recorded late, the job-loss item, and which
 * contact meets which item. */
#include "testutil.h"
#include "core/support.h"

#define START 20000   /* a Monday or not: the schedule counts days from the start */

struct fixture {
	struct support_job job;
	struct support_item items[64];
	struct support_set set;
};

static void fx_init(struct fixture *f, day_t start)
{
	memset(f, 0, sizeof *f);
	f->job = (struct support_job){.id = 7, .started = start};
	f->set = (struct support_set){.jobs = &f->job, .njobs = 1, .items = f->items, .cap = 64};
}

static const struct support_item *find(const struct fixture *f, enum support_kind k, int seq)
{
	for (size_t i = 0; i < f->set.n; i++)
		if (f->items[i].kind == k && f->items[i].seq == seq)
			return &f->items[i];
	return NULL;
}

static struct support_contact person(int64_t id, day_t d, bool f2f)
{
	return (struct support_contact){.id = id, .date = d, .with_person = true, .face_to_face = f2f};
}

static void test_schedule_windows_follow_domain(void **state)
{
	(void)state;
	struct fixture f;
	fx_init(&f, START);
	assert_true(support_begin(&f.set, 7));
	assert_true(support_settle(&f.set, START - 10));   /* recorded well ahead: nothing closed */
	assert_int_equal(f.set.n, SUPPORT_START_ITEMS);
	const struct support_item *b = find(&f, SK_BEFORE_START, 0), *a = find(&f, SK_AFTER_START, 0);
	assert_int_equal(b->from, START - 7);
	assert_int_equal(b->to, START);
	assert_int_equal(a->from, START);
	assert_int_equal(a->to, START + 3);
	for (int k = 1; k <= 4; k++) {
		const struct support_item *w = find(&f, SK_WEEKLY, k);
		assert_non_null(w);
		assert_int_equal(w->to, START + 7 * k);
		assert_int_equal(w->from, START + 7 * k - 6);
		assert_int_equal(w->status, SS_OPEN);
	}
	const struct support_item *m = find(&f, SK_MONTHLY, 1);
	assert_int_equal(m->from, START + 29);
	assert_int_equal(m->to, START + 58);
	for (size_t i = 0; i < f.set.n; i++) {
		assert_true(f.items[i].dirty);
		assert_int_equal(f.items[i].id, 0);
	}
	char label[40];
	support_item_label(SK_MONTHLY, 1, label, sizeof label);
	assert_string_equal(label, "Month 2");
	support_item_label(SK_WEEKLY, 3, label, sizeof label);
	assert_string_equal(label, "Week 3");
}

static void test_a_contact_meets_the_earliest_item_whose_window_holds_it(void **state)
{
	(void)state;
	struct fixture f;
	fx_init(&f, START);
	support_begin(&f.set, 7);
	support_settle(&f.set, START - 7);
	/* on the first day: before-start (ends that day) is earlier than after-start */
	int i = support_meet(&f.set, &(struct support_contact){.id = 1, .date = START, .with_person = true,
							       .face_to_face = true}, START);
	assert_true(i >= 0);
	assert_int_equal(f.items[i].kind, SK_BEFORE_START);
	assert_int_equal(f.items[i].contact_id, 1);
	/* two days in: after-start, not week 1 */
	struct support_contact c2 = person(2, START + 2, false);
	i = support_meet(&f.set, &c2, START + 2);
	assert_int_equal(f.items[i].kind, SK_AFTER_START);
	/* five days in: week 1 */
	struct support_contact c3 = person(3, START + 5, false);
	i = support_meet(&f.set, &c3, START + 5);
	assert_int_equal(f.items[i].kind, SK_WEEKLY);
	assert_int_equal(f.items[i].seq, 1);
	/* a second contact the same week meets nothing */
	struct support_contact c4 = person(4, START + 6, false);
	assert_int_equal(support_meet(&f.set, &c4, START + 6), -1);
}

static void test_the_pre_start_item_needs_face_to_face(void **state)
{
	(void)state;
	struct fixture f;
	fx_init(&f, START);
	support_begin(&f.set, 7);
	struct support_contact phone = person(1, START - 3, false);
	assert_int_equal(support_meet(&f.set, &phone, START - 3), -1);
	assert_int_equal(find(&f, SK_BEFORE_START, 0)->status, SS_OPEN);
	/* an employer visit on their behalf, face to face, counts */
	struct support_contact visit = {.id = 2, .date = START - 2, .with_person = false, .face_to_face = true};
	int i = support_meet(&f.set, &visit, START - 2);
	assert_int_equal(f.items[i].kind, SK_BEFORE_START);
}

static void test_which_contacts_count(void **state)
{
	(void)state;
	assert_true(support_contact_counts("client", "face_to_face", true, false));
	assert_true(support_contact_counts("client", "phone", true, false));
	assert_true(support_contact_counts("client", "video", true, false));
	assert_false(support_contact_counts("client", "phone", false, false));   /* did not take place */
	assert_false(support_contact_counts("client", "text", true, false));
	assert_false(support_contact_counts("client", "email", true, false));
	assert_false(support_contact_counts("family", "face_to_face", true, false));
	assert_false(support_contact_counts("clinical_team", "phone", true, false));
	assert_true(support_contact_counts("employer", "phone", true, true));
	assert_false(support_contact_counts("employer", "phone", true, false));   /* nobody's behalf */
}

static void test_passing_windows_are_missed_at_the_next_contact_and_months_follow(void **state)
{
	(void)state;
	struct fixture f;
	fx_init(&f, START);
	support_begin(&f.set, 7);
	support_settle(&f.set, START - 7);
	/* nobody made contact until day 20 (week 3): the before, after and weeks 1-2 are missed */
	struct support_contact c = person(1, START + 20, false);
	int i = support_meet(&f.set, &c, START + 20);
	assert_int_equal(f.items[i].kind, SK_WEEKLY);
	assert_int_equal(f.items[i].seq, 3);
	assert_int_equal(find(&f, SK_BEFORE_START, 0)->status, SS_MISSED);
	assert_int_equal(find(&f, SK_AFTER_START, 0)->status, SS_MISSED);
	assert_int_equal(find(&f, SK_WEEKLY, 1)->status, SS_MISSED);
	assert_int_equal(find(&f, SK_WEEKLY, 2)->status, SS_MISSED);
	assert_int_equal(find(&f, SK_WEEKLY, 4)->status, SS_OPEN);
	/* a contact recorded late but dated in week 1 still meets it */
	struct support_contact late = person(2, START + 4, false);
	i = support_meet(&f.set, &late, START + 21);
	assert_int_equal(f.items[i].kind, SK_WEEKLY);
	assert_int_equal(f.items[i].seq, 1);
	assert_int_equal(f.items[i].status, SS_MET);

	/* month 1 met: month 2 is added, and only then */
	assert_null(find(&f, SK_MONTHLY, 2));
	struct support_contact m1 = person(3, START + 40, false);
	i = support_meet(&f.set, &m1, START + 40);
	assert_int_equal(f.items[i].kind, SK_MONTHLY);
	const struct support_item *m2 = find(&f, SK_MONTHLY, 2);
	assert_non_null(m2);
	assert_int_equal(m2->from, START + 59);
	assert_int_equal(m2->to, START + 88);
	/* nobody in months 2-4; a contact in month 5 misses month 2, skips 3 and 4, meets 5 */
	struct support_contact m5 = person(4, START + 150, false);
	i = support_meet(&f.set, &m5, START + 150);
	assert_int_equal(f.items[i].kind, SK_MONTHLY);
	assert_int_equal(f.items[i].seq, 5);
	assert_true(f.items[i].from <= START + 150 && START + 150 <= f.items[i].to);
	assert_int_equal(find(&f, SK_MONTHLY, 2)->status, SS_MISSED);
	assert_null(find(&f, SK_MONTHLY, 3));
	assert_null(find(&f, SK_MONTHLY, 4));
	assert_non_null(find(&f, SK_MONTHLY, 6));
	assert_int_equal(find(&f, SK_MONTHLY, 6)->status, SS_OPEN);
}

static void test_states_for_the_pages(void **state)
{
	(void)state;
	struct support_item it = {.from = START, .to = START + 3, .status = SS_OPEN};
	assert_string_equal(support_state(&it, START - 1), "upcoming");
	assert_string_equal(support_state(&it, START), "due");
	assert_string_equal(support_state(&it, START + 3), "due");
	assert_string_equal(support_state(&it, START + 4), "overdue");
	it.status = SS_MET;
	assert_string_equal(support_state(&it, START + 4), "met");
	enum support_kind k;
	assert_true(support_kind_parse("job_loss", &k));
	assert_int_equal(k, SK_JOB_LOSS);
	assert_false(support_kind_parse("fortnightly", &k));
	enum support_status st;
	assert_true(support_status_parse("cancelled", &st));
	assert_int_equal(st, SS_CANCELLED);
}

static void test_a_job_ending_in_week_one_cancels_the_rest_and_adds_the_job_loss_item(void **state)
{
	(void)state;
	struct fixture f;
	fx_init(&f, START);
	support_begin(&f.set, 7);
	support_settle(&f.set, START - 5);
	struct support_contact pre = person(1, START - 1, true);
	support_meet(&f.set, &pre, START - 1);
	for (size_t i = 0; i < f.set.n; i++)
		f.items[i].dirty = false;
	/* ended on day 2, learned of on day 4 */
	f.job.has_end = true;
	f.job.ended = START + 2;
	assert_true(support_end(&f.set, 7, START + 2, START + 4));
	assert_int_equal(find(&f, SK_BEFORE_START, 0)->status, SS_MET);      /* kept */
	assert_false(find(&f, SK_BEFORE_START, 0)->dirty);
	assert_int_equal(find(&f, SK_AFTER_START, 0)->status, SS_CANCELLED); /* window runs past the end */
	for (int k = 1; k <= 4; k++)
		assert_int_equal(find(&f, SK_WEEKLY, k)->status, SS_CANCELLED);
	assert_int_equal(find(&f, SK_MONTHLY, 1)->status, SS_CANCELLED);
	const struct support_item *loss = find(&f, SK_JOB_LOSS, 0);
	assert_non_null(loss);
	assert_int_equal(loss->from, START + 4);
	assert_int_equal(loss->to, START + 7);
	assert_int_equal(loss->status, SS_OPEN);
	assert_true(loss->dirty);
	/* no further monthly items for an ended job, whatever the date */
	size_t n = f.set.n;
	support_settle(&f.set, START + 400);
	assert_int_equal(f.set.n, n);
	assert_int_equal(loss->status, SS_MISSED);
}

static void test_the_job_loss_item_needs_the_person(void **state)
{
	(void)state;
	struct fixture f;
	fx_init(&f, START);
	support_begin(&f.set, 7);
	f.job.has_end = true;
	f.job.ended = START + 100;
	support_end(&f.set, 7, START + 100, START + 101);
	struct support_contact employer = {.id = 1, .date = START + 102, .face_to_face = true};
	assert_int_equal(support_meet(&f.set, &employer, START + 102), -1);
	struct support_contact call = person(2, START + 103, false);
	int i = support_meet(&f.set, &call, START + 103);
	assert_int_equal(f.items[i].kind, SK_JOB_LOSS);
	/* a job end recorded ahead of the day: due up to 3 days after the end itself */
	struct fixture g;
	fx_init(&g, START);
	support_begin(&g.set, 7);
	g.job.has_end = true;
	g.job.ended = START + 60;
	support_end(&g.set, 7, START + 60, START + 50);
	const struct support_item *loss = find(&g, SK_JOB_LOSS, 0);
	assert_int_equal(loss->from, START + 50);
	assert_int_equal(loss->to, START + 63);
	assert_int_equal(find(&g, SK_WEEKLY, 4)->status, SS_OPEN);    /* ended before the job did */
	assert_int_equal(find(&g, SK_MONTHLY, 1)->status, SS_OPEN);     /* ends day 58, before day 60 */
}

static void test_a_backdated_start_records_closed_windows_as_missed_unless_already_met(void **state)
{
	(void)state;
	struct fixture f;
	fx_init(&f, START);
	/* recorded on day 16 (week 3): a contact on day 9 was recorded before the job was */
	support_begin(&f.set, 7);
	struct support_contact earlier = person(5, START + 9, false);
	int i = support_meet(&f.set, &earlier, START + 16);
	assert_int_equal(f.items[i].kind, SK_WEEKLY);
	assert_int_equal(f.items[i].seq, 2);
	assert_true(support_settle(&f.set, START + 16));
	assert_int_equal(find(&f, SK_BEFORE_START, 0)->status, SS_MISSED);
	assert_int_equal(find(&f, SK_AFTER_START, 0)->status, SS_MISSED);
	assert_int_equal(find(&f, SK_WEEKLY, 1)->status, SS_MISSED);
	assert_int_equal(find(&f, SK_WEEKLY, 2)->status, SS_MET);
	assert_int_equal(find(&f, SK_WEEKLY, 2)->contact_id, 5);
	assert_int_equal(find(&f, SK_WEEKLY, 3)->status, SS_OPEN);   /* due now: not missed */
	assert_string_equal(support_state(find(&f, SK_WEEKLY, 3), START + 16), "due");
	/* nothing is overdue on the day it is recorded */
	for (size_t k = 0; k < f.set.n; k++)
		assert_string_not_equal(support_state(&f.items[k], START + 16), "overdue");
}

static void test_a_job_recorded_late_that_ended_in_week_one(void **state)
{
	(void)state;
	/* started on day 0, ended on day 5, all recorded on day 10; a phone call with the
	 * person on day 4 was recorded before the job was. The steps are app/support.c's
	 * support_job_started: begin, the earlier contacts, settle to today, then the end. */
	struct fixture f;
	fx_init(&f, START);
	f.job.has_end = true;
	f.job.ended = START + 5;
	day_t today = START + 10;
	assert_true(support_begin(&f.set, 7));
	struct support_contact call = person(3, START + 4, false);
	int i = support_meet(&f.set, &call, today);
	assert_int_equal(f.items[i].kind, SK_WEEKLY);   /* day 4 is in week 1: [1, 7] */
	assert_int_equal(f.items[i].seq, 1);
	assert_true(support_settle(&f.set, today));
	assert_true(support_end(&f.set, 7, START + 5, today));
	assert_int_equal(find(&f, SK_BEFORE_START, 0)->status, SS_MISSED);   /* [-7, 0]: nobody met them */
	assert_int_equal(find(&f, SK_AFTER_START, 0)->status, SS_MISSED);    /* [0, 3]: the call came on day 4 */
	assert_int_equal(find(&f, SK_WEEKLY, 1)->status, SS_MET);
	assert_int_equal(find(&f, SK_WEEKLY, 1)->contact_id, 3);
	for (int k = 2; k <= 4; k++)   /* weeks 2-4 and month 2 come after the end: cancelled */
		assert_int_equal(find(&f, SK_WEEKLY, k)->status, SS_CANCELLED);
	assert_int_equal(find(&f, SK_MONTHLY, 1)->status, SS_CANCELLED);
	const struct support_item *loss = find(&f, SK_JOB_LOSS, 0);
	assert_int_equal(loss->from, today);   /* learned of when it was recorded: [10, 10 + 3] */
	assert_int_equal(loss->to, today + 3);
	assert_string_equal(support_state(loss, today), "due");
	for (size_t k = 0; k < f.set.n; k++)   /* nothing overdue on the day it is recorded */
		assert_string_not_equal(support_state(&f.items[k], today), "overdue");
	/* and no monthly item ever follows for the ended job */
	size_t n = f.set.n;
	assert_true(support_settle(&f.set, today + 90));
	assert_int_equal(f.set.n, n);
}

static void test_a_start_recorded_months_late_does_not_flood(void **state)
{
	(void)state;
	struct fixture f;
	fx_init(&f, START);
	support_begin(&f.set, 7);
	assert_true(support_settle(&f.set, START + 200));
	size_t open = 0, missed = 0;
	for (size_t i = 0; i < f.set.n; i++) {
		open += f.items[i].status == SS_OPEN;
		missed += f.items[i].status == SS_MISSED;
	}
	assert_int_equal(open, 1);     /* the month holding day 200 */
	assert_int_equal(missed, 7);   /* the fixed first items; months 2-6 are not listed */
	const struct support_item *cur = &f.items[f.set.n - 1];
	assert_int_equal(cur->kind, SK_MONTHLY);
	assert_true(cur->from <= START + 200 && START + 200 <= cur->to);
}

static void test_a_full_set_refuses_without_half_writing(void **state)
{
	(void)state;
	struct fixture f;
	fx_init(&f, START);
	f.set.cap = 5;
	assert_false(support_begin(&f.set, 7));
	assert_int_equal(f.set.n, 0);
	assert_false(support_begin(&f.set, 99));   /* not a job of the set */
}

static void test_two_jobs_keep_their_own_items(void **state)
{
	(void)state;
	struct support_job jobs[2] = {{.id = 1, .started = START}, {.id = 2, .started = START + 3}};
	struct support_item items[32];
	struct support_set s = {.jobs = jobs, .njobs = 2, .items = items, .cap = 32};
	support_begin(&s, 1);
	support_begin(&s, 2);
	assert_int_equal(s.n, 14);
	/* one phone call on day 3 meets one item: job 1's after-start (ends day 3; job 2's
	 * before-start ends then too, but needs face to face) */
	struct support_contact c = {.id = 1, .date = START + 3, .with_person = true, .face_to_face = false};
	int i = support_meet(&s, &c, START + 3);
	assert_int_equal(items[i].job_id, 1);
	assert_int_equal(items[i].kind, SK_AFTER_START);
	/* ending job 2 leaves job 1's alone */
	jobs[1].has_end = true;
	jobs[1].ended = START + 3;
	support_end(&s, 2, START + 3, START + 3);
	for (size_t k = 0; k < s.n; k++)
		if (items[k].job_id == 1)
			assert_int_not_equal(items[k].status, SS_CANCELLED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_schedule_windows_follow_domain),
		cmocka_unit_test(test_a_contact_meets_the_earliest_item_whose_window_holds_it),
		cmocka_unit_test(test_the_pre_start_item_needs_face_to_face),
		cmocka_unit_test(test_which_contacts_count),
		cmocka_unit_test(test_passing_windows_are_missed_at_the_next_contact_and_months_follow),
		cmocka_unit_test(test_states_for_the_pages),
		cmocka_unit_test(test_a_job_ending_in_week_one_cancels_the_rest_and_adds_the_job_loss_item),
		cmocka_unit_test(test_the_job_loss_item_needs_the_person),
		cmocka_unit_test(test_a_backdated_start_records_closed_windows_as_missed_unless_already_met),
		cmocka_unit_test(test_a_job_recorded_late_that_ended_in_week_one),
		cmocka_unit_test(test_a_start_recorded_months_late_does_not_flood),
		cmocka_unit_test(test_a_full_set_refuses_without_half_writing),
		cmocka_unit_test(test_two_jobs_keep_their_own_items),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
