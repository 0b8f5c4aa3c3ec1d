/* tests/unit/test_betteroff.c — the better-off-in-work calculation (core/betteroff.c)
 * on worked examples checked by hand, with the arithmetic beside each expected figure,
 * and the choice of the rates row in force on a day. Rates: 2025 to 2026 as seeded by
 * src/store/schema/006_benefits.sql (UC taper 55%, work allowance £411 with housing
 * costs / £684 without, ESA permitted work under 16 hours and up to £195.50 a week,
 * personal allowance and NI primary threshold £12,570 a year, tax 20%, NI 8%). */
#include "testutil.h"
#include "core/betteroff.h"

static const struct bo_rates R2025 = {
	.applies_from = "2025-04-06", .source = "GOV.UK",
	.uc_taper_bp = 5500, .uc_wa_housing = 41100, .uc_wa_no_housing = 68400,
	.esa_weekly_limit = 19550, .esa_hours_limit = 1600,
	.tax_allowance = 1257000, .tax_rate_bp = 2000, .ni_threshold = 1257000, .ni_rate_bp = 800,
};

static struct bo_result calc(int64_t hourly, int64_t hours, int64_t uc, bool housing, bool wa, bool esa,
			     int64_t esa_weekly)
{
	struct bo_situation s = {.hourly_pay = hourly, .hours = hours, .uc_award = uc, .housing_costs = housing,
				 .work_allowance = wa, .on_esa = esa, .esa_weekly = esa_weekly};
	struct bo_result r;
	bo_calculate(&R2025, &s, &r);
	return r;
}

static void test_part_time_with_housing_costs_and_work_allowance(void **state)
{
	(void)state;
	/* £11.44 an hour, 16 hours, UC £800 with housing costs and the work allowance */
	struct bo_result r = calc(1144, 1600, 80000, true, true, false, 0);
	assert_int_equal(r.gross_monthly, 79317);   /* 11.44 × 16 × 52 / 12 = 793.1733 -> £793.17 */
	assert_int_equal(r.tax, 0);                 /* 793.17 is below 12,570 / 12 = 1,047.50 */
	assert_int_equal(r.ni, 0);                  /* below the primary threshold, also 1,047.50 */
	assert_int_equal(r.net, 79317);
	assert_int_equal(r.work_allowance, 41100);  /* with housing costs */
	assert_int_equal(r.uc_reduction, 21019);    /* 55% × (793.17 − 411.00) = 55% × 382.17 = 210.1935 -> £210.19 */
	assert_int_equal(r.uc_after, 58981);        /* 800.00 − 210.19 = 589.81 */
	assert_int_equal(r.income_out, 80000);      /* UC alone */
	assert_int_equal(r.income_in, 138298);      /* 793.17 + 589.81 = 1,382.98 */
	assert_int_equal(r.better_off, 58298);      /* 1,382.98 − 800.00 = 582.98 */
	assert_string_equal(r.lines[0].working,
			    "£11.44 an hour × 16 hours a week × 52 weeks ÷ 12 months = £793.17");
	assert_string_equal(r.lines[1].working, "£793.17 is not above the monthly personal allowance of "
						"£1,047.50 (£12,570.00 a year ÷ 12): no tax");
	assert_string_equal(r.lines[5].working,
			    "55% taper × (£793.17 take-home pay − £411.00 work allowance) = £210.19");
	assert_string_equal(r.lines[r.nlines - 1].label, "Better off in work, a month");
	assert_string_equal(r.lines[r.nlines - 1].working, "£1,382.98 in work − £800.00 out of work = £582.98");
}

static void test_pay_below_the_work_allowance_keeps_all_uc(void **state)
{
	(void)state;
	/* £12.21 × 7.5 hours, UC £800 without housing costs, work allowance £684 */
	struct bo_result r = calc(1221, 750, 80000, false, true, false, 0);
	assert_int_equal(r.gross_monthly, 39683);   /* 12.21 × 7.5 × 52 / 12 = 396.825 -> £396.83 (half a penny up) */
	assert_int_equal(r.net, 39683);             /* no tax or NI below 1,047.50 */
	assert_int_equal(r.work_allowance, 68400);  /* without housing costs */
	assert_int_equal(r.uc_reduction, 0);        /* 396.83 is not above 684.00 */
	assert_int_equal(r.uc_after, 80000);
	assert_int_equal(r.better_off, 39683);      /* (396.83 + 800.00) − 800.00 */
	assert_string_equal(r.lines[5].working,
			    "Take-home pay of £396.83 is not above the work allowance of £684.00: no reduction");
}

static void test_no_work_allowance_tapers_from_the_first_pound(void **state)
{
	(void)state;
	/* £12.21 × 16 hours, UC £800, no child and no limited capability for work */
	struct bo_result r = calc(1221, 1600, 80000, true, false, false, 0);
	assert_int_equal(r.gross_monthly, 84656);   /* 12.21 × 16 × 52 / 12 = 846.56 */
	assert_int_equal(r.work_allowance, 0);
	assert_int_equal(r.uc_reduction, 46561);    /* 55% × 846.56 = 465.608 -> £465.61 */
	assert_int_equal(r.uc_after, 33439);        /* 800.00 − 465.61 = 334.39 */
	assert_int_equal(r.income_in, 118095);      /* 846.56 + 334.39 = 1,180.95 */
	assert_int_equal(r.better_off, 38095);      /* 1,180.95 − 800.00 = 380.95 */
}

static void test_above_the_tax_threshold(void **state)
{
	(void)state;
	/* £15.00 × 37.5 hours, UC £1,200 with housing costs and the work allowance */
	struct bo_result r = calc(1500, 3750, 120000, true, true, false, 0);
	assert_int_equal(r.gross_monthly, 243750);  /* 15.00 × 37.5 × 52 / 12 = 2,437.50 */
	assert_int_equal(r.tax, 27800);             /* 20% × (2,437.50 − 1,047.50) = 20% × 1,390.00 = 278.00 */
	assert_int_equal(r.ni, 11120);              /* 8% × 1,390.00 = 111.20 */
	assert_int_equal(r.net, 204830);            /* 2,437.50 − 278.00 − 111.20 = 2,048.30 */
	assert_int_equal(r.uc_reduction, 90052);    /* 55% × (2,048.30 − 411.00) = 55% × 1,637.30 = 900.515 -> £900.52 */
	assert_int_equal(r.uc_after, 29948);        /* 1,200.00 − 900.52 = 299.48 */
	assert_int_equal(r.income_in, 234778);      /* 2,048.30 + 299.48 = 2,347.78 */
	assert_int_equal(r.better_off, 114778);     /* 2,347.78 − 1,200.00 = 1,147.78 */
	assert_string_equal(r.lines[1].working, "20% × (£2,437.50 − £1,047.50, the personal allowance of "
						"£12,570.00 a year ÷ 12) = £278.00");
}

static void test_part_hours_and_half_pennies_round_up_once_each(void **state)
{
	(void)state;
	/* £12.71 (the 2026 National Living Wage) × 22.5 hours, UC £900 with housing costs and
	 * the work allowance: every figure lands on a half penny or a fraction of one */
	struct bo_result r = calc(1271, 2250, 90000, true, true, false, 0);
	assert_int_equal(r.weekly_earnings, 28598); /* 12.71 × 22.5 = 285.975 -> £285.98 */
	assert_int_equal(r.gross_monthly, 123923);  /* 12.71 × 22.5 × 52 / 12 = 1,239.225 -> £1,239.23 */
	assert_int_equal(r.tax, 3835);              /* 20% × (12 × 1,239.23 − 12,570) / 12 = 20% × 191.73 = 38.346 -> £38.35 */
	assert_int_equal(r.ni, 1534);               /* 8% × 191.73 = 15.3384 -> £15.34 */
	assert_int_equal(r.net, 118554);            /* 1,239.23 − 38.35 − 15.34 = 1,185.54 */
	assert_int_equal(r.work_allowance, 41100);
	assert_int_equal(r.uc_reduction, 42600);    /* 55% × (1,185.54 − 411.00) = 55% × 774.54 = 425.997 -> £426.00 */
	assert_int_equal(r.uc_after, 47400);        /* 900.00 − 426.00 = 474.00 */
	assert_int_equal(r.income_in, 165954);      /* 1,185.54 + 474.00 = 1,659.54 */
	assert_int_equal(r.better_off, 75954);      /* 1,659.54 − 900.00 = 759.54 */
	assert_string_equal(r.lines[0].working,
			    "£12.71 an hour × 22.5 hours a week × 52 weeks ÷ 12 months = £1,239.23");
	assert_string_equal(r.lines[3].working, "£1,239.23 − £38.35 tax − £15.34 National Insurance = £1,185.54");
}

static void test_uc_reduced_to_zero(void **state)
{
	(void)state;
	/* £12.21 × 30 hours, UC £500, no work allowance */
	struct bo_result r = calc(1221, 3000, 50000, false, false, false, 0);
	assert_int_equal(r.gross_monthly, 158730);  /* 12.21 × 30 × 52 / 12 = 1,587.30 */
	assert_int_equal(r.tax, 10796);             /* 20% × (1,587.30 − 1,047.50) = 20% × 539.80 = 107.96 */
	assert_int_equal(r.ni, 4318);               /* 8% × 539.80 = 43.184 -> £43.18 */
	assert_int_equal(r.net, 143616);            /* 1,587.30 − 107.96 − 43.18 = 1,436.16 */
	assert_int_equal(r.uc_reduction, 78989);    /* 55% × 1,436.16 = 789.888 -> £789.89 */
	assert_int_equal(r.uc_after, 0);            /* 500.00 − 789.89 is below zero: UC stops */
	assert_int_equal(r.income_in, 143616);
	assert_int_equal(r.better_off, 93616);      /* 1,436.16 − 500.00 = 936.16 */
	assert_string_equal(r.lines[6].working, "The reduction of £789.89 is as much as the award of £500.00: "
						"Universal Credit would stop (£0.00)");
}

static void test_esa_kept_within_permitted_work(void **state)
{
	(void)state;
	/* £12.21 × 15 hours, ESA £100.00 a week, not on UC */
	struct bo_result r = calc(1221, 1500, 0, false, false, true, 10000);
	assert_int_equal(r.weekly_earnings, 18315); /* 12.21 × 15 = 183.15, within 195.50 */
	assert_true(r.esa_kept);                    /* and 15 hours is under 16 */
	assert_int_equal(r.gross_monthly, 79365);   /* 12.21 × 15 × 52 / 12 = 793.65 */
	assert_int_equal(r.esa_out, 43333);         /* 100.00 × 52 / 12 = 433.333 -> £433.33 */
	assert_int_equal(r.esa_in, 43333);
	assert_int_equal(r.income_out, 43333);
	assert_int_equal(r.income_in, 122698);      /* 793.65 + 433.33 = 1,226.98 */
	assert_int_equal(r.better_off, 79365);
}

static void test_esa_stops_at_exactly_16_hours(void **state)
{
	(void)state;
	/* £11.00 × 16 hours = £176.00 a week: within the pay limit, but 16 is not under 16 */
	struct bo_result r = calc(1100, 1600, 0, false, false, true, 10000);
	assert_false(r.esa_kept);
	assert_string_equal(r.esa_reason, "ESA would stop: 16 hours a week is not under the 16-hour limit "
					  "for permitted work");
	assert_int_equal(r.gross_monthly, 76267);   /* 11.00 × 16 × 52 / 12 = 762.6667 -> £762.67 */
	assert_int_equal(r.esa_in, 0);
	assert_int_equal(r.income_out, 43333);      /* ESA 433.33 */
	assert_int_equal(r.better_off, 32934);      /* 762.67 − 433.33 = 329.34 */
	/* 15.99 hours is under the limit */
	assert_true(calc(1100, 1599, 0, false, false, true, 10000).esa_kept);
}

static void test_esa_kept_at_exactly_the_weekly_limit(void **state)
{
	(void)state;
	/* £19.55 × 10 hours = £195.50 a week: exactly the limit, which is allowed */
	struct bo_result r = calc(1955, 1000, 0, false, false, true, 10000);
	assert_int_equal(r.weekly_earnings, 19550);
	assert_true(r.esa_kept);
	assert_int_equal(r.gross_monthly, 84717);   /* 19.55 × 10 × 52 / 12 = 847.1667 -> £847.17 */
	assert_int_equal(r.income_in, 128050);      /* 847.17 + 433.33 = 1,280.50 */
	/* £19.56 × 10 hours = £195.60 a week: over the limit, so ESA stops */
	struct bo_result over = calc(1956, 1000, 0, false, false, true, 10000);
	assert_false(over.esa_kept);
	assert_int_equal(over.weekly_earnings, 19560);
	assert_string_equal(over.esa_reason, "ESA would stop: pay of £195.60 a week (£19.56 an hour × 10 hours) "
					     "is over the £195.50 permitted work limit");
	assert_int_equal(over.esa_in, 0);
}

static void test_worse_off_is_said_so(void **state)
{
	(void)state;
	/* 1 hour at £12.21 while on ESA £100 a week: 17 hours would stop ESA */
	struct bo_result r = calc(1221, 100, 0, false, false, true, 10000);
	assert_true(r.esa_kept);
	struct bo_result stop = calc(1221, 1700, 0, false, false, true, 30000);
	assert_false(stop.esa_kept);
	/* 12.21 × 17 × 52 / 12 = 899.47; ESA 300 × 52 / 12 = 1,300.00; 899.47 − 1,300.00 = −400.53 */
	assert_int_equal(stop.gross_monthly, 89947);
	assert_int_equal(stop.better_off, -40053);
	assert_string_equal(stop.lines[stop.nlines - 1].label, "Worse off in work, a month");
}

static void test_the_row_in_force_is_chosen_by_date(void **state)
{
	(void)state;
	struct bo_rates rows[3] = {R2025, R2025, R2025};
	rows[0].applies_from = "2026-04-06";   /* out of order on purpose */
	rows[1].applies_from = "2025-04-06";
	rows[2].applies_from = "2024-04-06";
	assert_int_equal(bo_rates_in_force(rows, 3, "2026-04-05"), 1);
	assert_int_equal(bo_rates_in_force(rows, 3, "2026-04-06"), 0);
	assert_int_equal(bo_rates_in_force(rows, 3, "2026-11-24"), 0);
	assert_int_equal(bo_rates_in_force(rows, 3, "2025-04-05"), 2);
	assert_int_equal(bo_rates_in_force(rows, 3, "2024-04-05"), -1);
	assert_int_equal(bo_rates_in_force(rows, 0, "2026-01-01"), -1);
}

static void test_money_is_written_with_thousands(void **state)
{
	(void)state;
	char s[32];
	bo_money(104750, s);
	assert_string_equal(s, "£1,047.50");
	bo_money(1257000, s);
	assert_string_equal(s, "£12,570.00");
	bo_money(5, s);
	assert_string_equal(s, "£0.05");
	bo_money(-40051, s);
	assert_string_equal(s, "-£400.51");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_part_time_with_housing_costs_and_work_allowance),
		cmocka_unit_test(test_pay_below_the_work_allowance_keeps_all_uc),
		cmocka_unit_test(test_no_work_allowance_tapers_from_the_first_pound),
		cmocka_unit_test(test_above_the_tax_threshold),
		cmocka_unit_test(test_part_hours_and_half_pennies_round_up_once_each),
		cmocka_unit_test(test_uc_reduced_to_zero),
		cmocka_unit_test(test_esa_kept_within_permitted_work),
		cmocka_unit_test(test_esa_stops_at_exactly_16_hours),
		cmocka_unit_test(test_esa_kept_at_exactly_the_weekly_limit),
		cmocka_unit_test(test_worse_off_is_said_so),
		cmocka_unit_test(test_the_row_in_force_is_chosen_by_date),
		cmocka_unit_test(test_money_is_written_with_thousands),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
