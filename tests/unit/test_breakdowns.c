/* tests/unit/test_breakdowns.c — core/breakdowns.c: the groups (age bands, NHS ethnic
 * groups, "not recorded"), the dashboard's periods, and breakdowns of a small fixture
 * whose every figure was counted by hand from spec/outcomes.md. */
#include "testutil.h"
#include "core/breakdowns.h"

static day_t D(const char *iso)
{
	day_t d;
	assert_true(date_parse(iso, &d));
	return d;
}

static void assert_period(struct period p, const char *from, const char *to)
{
	char a[11], b[11];
	date_iso(p.from, a);
	date_iso(p.to, b);
	assert_string_equal(a, from);
	assert_string_equal(b, to);
}

static void test_financial_years_run_april_to_march(void **state)
{
	(void)state;
	assert_period(period_financial_year(2025), "2025-04-01", "2026-03-31");
	assert_int_equal(period_financial_year_of(D("2027-03-31")), 2026);
	assert_int_equal(period_financial_year_of(D("2027-04-01")), 2027);
	assert_int_equal(period_fy_quarter(D("2026-04-01")), 1);
	assert_int_equal(period_fy_quarter(D("2026-11-24")), 3);
	assert_int_equal(period_fy_quarter(D("2027-01-01")), 4);
}

static void test_rolling_quarters_and_months_count_back_from_a_day(void **state)
{
	(void)state;
	assert_period(period_rolling_12_months(D("2026-11-24")), "2025-11-25", "2026-11-24");
	assert_period(period_rolling_12_months(D("2028-02-29")), "2027-03-01", "2028-02-29");
	assert_period(period_quarter_back(D("2026-11-24"), 0), "2026-10-01", "2026-12-31");
	assert_period(period_quarter_back(D("2026-11-24"), 3), "2026-01-01", "2026-03-31");
	assert_period(period_quarter_back(D("2026-02-10"), 1), "2025-10-01", "2025-12-31");
	assert_period(period_month_back(D("2026-01-15"), 1), "2025-12-01", "2025-12-31");
	assert_period(period_month_back(D("2024-03-31"), 1), "2024-02-01", "2024-02-29");
}

static void test_age_bands_use_age_on_the_day_of_referral(void **state)
{
	(void)state;
	day_t on = D("2026-04-20");
	assert_int_equal(breakdown_age_band(D("2010-04-21"), on), 5);   /* 15: other ages */
	assert_int_equal(breakdown_age_band(D("2010-04-20"), on), 0);   /* 16 today */
	assert_int_equal(breakdown_age_band(D("2000-04-21"), on), 0);   /* 25, 26 tomorrow */
	assert_int_equal(breakdown_age_band(D("2000-04-20"), on), 1);   /* 26 */
	assert_int_equal(breakdown_age_band(D("1980-04-21"), on), 2);   /* 45 */
	assert_int_equal(breakdown_age_band(D("1970-04-20"), on), 4);   /* 56 */
	assert_int_equal(breakdown_age_band(D("1961-04-21"), on), 4);   /* 64 */
	assert_int_equal(breakdown_age_band(D("1961-04-20"), on), 5);   /* 65 */
	assert_int_equal(breakdown_age_band(OC_NO_DAY, on), 6);         /* not recorded */
	assert_int_equal(breakdown_age_band(D("2027-01-01"), on), 6);   /* born after: not recorded */
	const char *const *labels;
	assert_int_equal(breakdown_groups(BD_AGE, &labels), 7);
	assert_string_equal(labels[6], "Not recorded");
}

static void test_ethnic_categories_fall_in_the_nhs_groups(void **state)
{
	(void)state;
	const char *codes[] = {"A", "C", "D", "G", "H", "L", "M", "P", "R", "S", "Z", "99", NULL, "", "Q", "AB"};
	size_t want[] = {0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 6, 7, 7, 7, 7};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
		assert_int_equal(breakdown_ethnic_group(codes[i]), want[i]);
	const char *const *labels;
	assert_int_equal(breakdown_groups(BD_ETHNIC, &labels), 8);
	assert_string_equal(labels[3], "Black or Black British");
}

/* The fixture: period 1 April to 30 June 2026.
 *  r1 client 10, GP, received 10 Apr, met 15 Apr; born 10 Apr 2000 (26), female, N, team 1
 *  r2 client 10, self, received 1 May, met 3 May; same person, team 2
 *  r3 client 11, MHP, received 1 Mar, met 5 Mar, still open; no birth date, no gender, 99, team 1
 *  r4 client 12, no source, received 30 Jun (last day), not met; born 1 Jul 2010 (15), Z, no ethnic, team 1
 *  r5 client 13, GP, out of scope, received 2 Apr, met 3 Apr; team 3 (not listed)
 *  r6 client 14, MHP, received 20 Apr, met 25 Apr; born 21 Apr 2000 (25), male, A, team 2
 * Jobs: client 10's first job on r1 (10 May), a second on r2 (1 Jun); client 11's on r3 (15 Jun). */
struct fixture {
	struct oc_referral refs[6];
	struct bd_attrs attrs[6];
	struct oc_job jobs[3];
	struct oc_input in;
	struct bd_team teams[2];
};

static void fixture_make(struct fixture *f)
{
	memset(f, 0, sizeof *f);
	struct {
		int64_t id, client;
		const char *received, *met;
		int source;
		bool in_scope;
		const char *birth, *gender, *ethnic;
		int64_t team;
	} r[6] = {
		{1, 10, "2026-04-10", "2026-04-15", OC_SOURCE_GP, true, "2000-04-10", "2", "N", 1},
		{2, 10, "2026-05-01", "2026-05-03", OC_SOURCE_SELF, true, "2000-04-10", "2", "N", 2},
		{3, 11, "2026-03-01", "2026-03-05", OC_SOURCE_MHP, true, NULL, NULL, "99", 1},
		{4, 12, "2026-06-30", NULL, -1, true, "2010-07-01", "Z", NULL, 1},
		{5, 13, "2026-04-02", "2026-04-03", OC_SOURCE_GP, false, "1961-06-30", "1", "A", 3},
		{6, 14, "2026-04-20", "2026-04-25", OC_SOURCE_MHP, true, "2000-04-21", "1", "A", 2},
	};
	for (int i = 0; i < 6; i++) {
		f->refs[i] = (struct oc_referral){.id = r[i].id, .client_id = r[i].client, .received = D(r[i].received),
						  .closed = OC_NO_DAY, .first_direct = r[i].met ? D(r[i].met) : OC_NO_DAY,
						  .first_employer = OC_NO_DAY, .source = (int8_t)r[i].source,
						  .out_of_work = true, .in_scope = r[i].in_scope};
		f->attrs[i] = (struct bd_attrs){r[i].id, r[i].birth ? D(r[i].birth) : OC_NO_DAY, r[i].gender,
						r[i].ethnic, r[i].team};
	}
	f->jobs[0] = (struct oc_job){.referral_id = 1, .ref = "J1", .started = D("2026-05-10"), .ended = OC_NO_DAY,
				     .hours = 1600, .competitive = true};
	f->jobs[1] = (struct oc_job){.referral_id = 2, .ref = "J2", .started = D("2026-06-01"), .ended = OC_NO_DAY,
				     .hours = 1600, .competitive = true};
	f->jobs[2] = (struct oc_job){.referral_id = 3, .ref = "J3", .started = D("2026-06-15"), .ended = OC_NO_DAY,
				     .hours = 800, .competitive = true};
	f->in = (struct oc_input){.from = D("2026-04-01"), .to = D("2026-06-30"), .referrals = f->refs,
				  .nreferrals = 6, .jobs = f->jobs, .njobs = 3};
	f->teams[0] = (struct bd_team){1, "North"};
	f->teams[1] = (struct bd_team){2, "East"};
}

/* rows: {referrals_received, accessed, caseload, people_into_work} per group */
static void assert_rows(const struct breakdown *b, size_t n, const int64_t want[][4])
{
	assert_int_equal(b->nrows, n);
	for (size_t i = 0; i < n; i++) {
		const struct bd_row *r = &b->rows[i];
		int64_t got[4] = {r->referrals_received, r->accessed, r->caseload, r->people_into_work};
		for (int k = 0; k < 4; k++) {
			if (got[k] != want[i][k])
				fail_msg("%s, row %zu (%s), figure %d: got %lld, want %lld", b->title, i, r->label, k,
					 (long long)got[k], (long long)want[i][k]);
		}
	}
}

static void test_breakdowns_count_each_group_by_the_report_definitions(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f);
	struct breakdown b[BD_NDIMS];
	assert_int_equal(breakdowns_compute(&f.in, f.attrs, f.teams, 2, b), 0);
	/* GP, MHP, self, other, not recorded: r3 counts in the MHP caseload though received
	 * before the period; r5 is out of scope; r4 has no source */
	assert_rows(&b[BD_SOURCE], 5, (const int64_t[][4]){{1, 1, 1, 1}, {1, 1, 2, 1}, {1, 1, 1, 0}, {0, 0, 0, 0},
							   {1, 0, 0, 0}});
	/* 16-25 (r6, 25 the day before a birthday), 26-35 (client 10 once in the caseload),
	 * ..., other ages (r4, 15), not recorded (r3) */
	assert_rows(&b[BD_AGE], 7, (const int64_t[][4]){{1, 1, 1, 0}, {2, 2, 1, 1}, {0, 0, 0, 0}, {0, 0, 0, 0},
							{0, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 1, 1}});
	/* male, female, non-binary, other, not known, not stated, not recorded */
	assert_rows(&b[BD_GENDER], 7, (const int64_t[][4]){{1, 1, 1, 0}, {2, 2, 1, 1}, {0, 0, 0, 0}, {0, 0, 0, 0},
							   {0, 0, 0, 0}, {1, 0, 0, 0}, {0, 0, 1, 1}});
	/* White, Mixed, Asian, Black, Other, not stated, not known (99), not recorded */
	assert_rows(&b[BD_ETHNIC], 8, (const int64_t[][4]){{1, 1, 1, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {2, 2, 1, 1},
							   {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 1, 1}, {1, 0, 0, 0}});
	/* North, East, teams not listed: client 10 is in both teams' caseloads; their first
	 * job was on r1, a North referral */
	assert_rows(&b[BD_TEAM], 3, (const int64_t[][4]){{2, 1, 2, 2}, {2, 2, 2, 0}, {0, 0, 0, 0}});
	assert_string_equal(b[BD_TEAM].rows[1].label, "East");
	breakdowns_free(b);
}

static void test_breakdowns_refuse_attributes_of_other_referrals(void **state)
{
	(void)state;
	struct fixture f;
	fixture_make(&f);
	f.attrs[2].referral_id = 99;
	struct breakdown b[BD_NDIMS];
	assert_int_equal(breakdowns_compute(&f.in, f.attrs, f.teams, 2, b), -1);
	breakdowns_free(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_financial_years_run_april_to_march),
		cmocka_unit_test(test_rolling_quarters_and_months_count_back_from_a_day),
		cmocka_unit_test(test_age_bands_use_age_on_the_day_of_referral),
		cmocka_unit_test(test_ethnic_categories_fall_in_the_nhs_groups),
		cmocka_unit_test(test_breakdowns_count_each_group_by_the_report_definitions),
		cmocka_unit_test(test_breakdowns_refuse_attributes_of_other_referrals),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
