/* tests/unit/test_date.c — calendar dates as ipsdesk stores and shows them: strict
 * ISO parsing (real days of the Gregorian calendar, years 0001-9999), the ISO and long forms, weekdays,
 * ages around birthdays, and "today" in Europe/London across the BST changes (01:00
 * UTC on the last Sunday of March and of October). glibc's timegm/gmtime_r serve as
 * an independent oracle for the arithmetic. */
#include "testutil.h"
#include <stdio.h>
#include <time.h>
#include "core/date.h"

/* The UTC instant y-m-d hh:mm:ss, computed by libc rather than by date.c. */
static time_t utc(int y, int m, int d, int hh, int mm, int ss)
{
	struct tm tm = {.tm_year = y - 1900, .tm_mon = m - 1, .tm_mday = d, .tm_hour = hh, .tm_min = mm, .tm_sec = ss};
	return timegm(&tm);
}

static day_t ymd(int y, int m, int d)
{
	return date_from_ymd(y, m, d);
}

static void assert_iso(day_t d, const char *want)
{
	char out[11];
	date_iso(d, out);
	assert_string_equal(out, want);
}

static void test_parse_accepts_real_days(void **state)
{
	(void)state;
	day_t d = -1;
	assert_true(date_parse("1970-01-01", &d));
	assert_int_equal(d, 0);
	assert_true(date_parse("1970-01-02", &d));
	assert_int_equal(d, 1);
	assert_true(date_parse("1969-12-31", &d));
	assert_int_equal(d, -1);
	assert_true(date_parse("2026-11-22", &d));
	assert_int_equal(d, ymd(2026, 11, 22));
	assert_true(date_parse("2026-01-31", NULL));
	assert_true(date_parse("2026-04-30", NULL));
	assert_true(date_parse("2026-12-31", NULL));
}

static void test_parse_knows_leap_years(void **state)
{
	(void)state;
	day_t d;
	assert_true(date_parse("2024-02-29", &d));
	assert_int_equal(d, ymd(2024, 2, 29));
	assert_int_equal(d + 1, ymd(2024, 3, 1));
	assert_false(date_parse("2023-02-29", &d));
	assert_false(date_parse("1900-02-29", &d));   /* divisible by 100, not by 400 */
	assert_true(date_parse("2000-02-29", &d));    /* divisible by 400 */
	assert_false(date_parse("2100-02-29", &d));
	assert_false(date_parse("2024-02-30", &d));
	assert_true(date_parse("2023-02-28", &d));
	assert_true(date_is_leap(2024));
	assert_true(date_is_leap(2000));
	assert_false(date_is_leap(1900));
	assert_false(date_is_leap(2023));
	assert_int_equal(date_days_in_month(2024, 2), 29);
	assert_int_equal(date_days_in_month(2023, 2), 28);
	assert_int_equal(date_days_in_month(2023, 4), 30);
	assert_int_equal(date_days_in_month(2023, 12), 31);
	assert_int_equal(date_days_in_month(2023, 0), 0);
	assert_int_equal(date_days_in_month(2023, 13), 0);
}

static void test_parse_refuses_days_that_do_not_exist(void **state)
{
	(void)state;
	static const char *const bad[] = {"2026-00-10", "2026-13-01", "2026-01-00", "2026-01-32",
					  "2026-04-31", "2026-06-31", "2026-09-31", "2026-11-31", "2026-99-99"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		day_t d = 12345;
		assert_false(date_parse(bad[i], &d));
		assert_int_equal(d, 12345);   /* out untouched on refusal */
	}
}

static void test_parse_refuses_other_shapes(void **state)
{
	(void)state;
	static const char *const bad[] = {"2024-1-01", "2024-01-1", "24-01-01", "2024-01-01x", " 2024-01-01",
					  "2024-01-01 ", "2024/01/01", "20240101", "2024-01-01T00:00:00Z",
					  "01-01-2024", "2024--1-01", "2024-0a-01", "+024-01-01", "2024-01-+1",
					  "", "2024-01", "22 November 2026", "２024-01-01"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_false(date_parse(bad[i], NULL));
	assert_false(date_parse(NULL, NULL));
	day_t d;
	assert_false(date_parse(NULL, &d));
}

static void test_parse_accepts_years_1_to_9999_only(void **state)
{
	(void)state;
	/* the interchange accepts any real date; forms judge plausibility */
	day_t d;
	assert_false(date_parse("0000-01-01", NULL));
	assert_false(date_parse("0000-12-31", NULL));
	assert_true(date_parse("0001-01-01", &d));
	assert_int_equal(d, -719162);
	assert_true(date_parse("1899-12-31", NULL));
	assert_true(date_parse("1900-01-01", NULL));
	assert_true(date_parse("2999-12-31", NULL));
	assert_true(date_parse("3000-01-01", NULL));
	assert_true(date_parse("9999-12-31", &d));
	assert_int_equal(d, 2932896);
	assert_false(date_parse("10000-01-01", NULL));
	assert_false(date_parse("-001-01-01", NULL));
}

static void test_every_day_round_trips_and_matches_libc(void **state)
{
	(void)state;
	day_t first = ymd(1, 1, 1), last = ymd(9999, 12, 31);
	assert_int_equal(first, -719162);
	for (day_t d = first; d <= last; d++) {
		char iso[11], want[11];
		struct tm tm;
		time_t t = (time_t)d * 86400;
		assert_non_null(gmtime_r(&t, &tm));
		snprintf(want, sizeof want, "%04d-%02d-%02d", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
		date_iso(d, iso);
		if (strcmp(iso, want) != 0)
			fail_msg("day %d: %s, libc says %s", (int)d, iso, want);
		day_t back = 0;
		if (!date_parse(iso, &back) || back != d)
			fail_msg("day %d: %s does not parse back", (int)d, iso);
		int y, m, dd;
		date_to_ymd(d, &y, &m, &dd);
		if (date_from_ymd(y, m, dd) != d)
			fail_msg("day %d: ymd does not round trip", (int)d);
		if (date_weekday(d) != (tm.tm_wday + 6) % 7)
			fail_msg("day %d: weekday %d, libc says %d", (int)d, date_weekday(d), (tm.tm_wday + 6) % 7);
	}
}

static void test_iso_writes_ten_characters(void **state)
{
	(void)state;
	assert_iso(0, "1970-01-01");
	assert_iso(-1, "1969-12-31");
	assert_iso(ymd(2024, 2, 29), "2024-02-29");
	assert_iso(ymd(1900, 1, 1), "1900-01-01");
	assert_iso(ymd(9999, 12, 31), "9999-12-31");
	assert_iso(ymd(1, 1, 1), "0001-01-01");
	assert_iso(ymd(0, 1, 1), "0000-01-01");
	assert_iso(ymd(10000, 1, 1), "0000-00-00");   /* out of the four-digit range */
	assert_iso(ymd(-1, 12, 31), "0000-00-00");
}

static void test_long_form_is_day_month_name_year(void **state)
{
	(void)state;
	char out[32];
	date_long(ymd(2026, 11, 22), out, sizeof out);
	assert_string_equal(out, "22 November 2026");
	date_long(ymd(2026, 1, 1), out, sizeof out);
	assert_string_equal(out, "1 January 2026");   /* no leading zero */
	date_long(ymd(2024, 2, 29), out, sizeof out);
	assert_string_equal(out, "29 February 2024");
	date_long(ymd(1999, 12, 31), out, sizeof out);
	assert_string_equal(out, "31 December 1999");
	date_long(ymd(2025, 9, 30), out, 20);
	assert_string_equal(out, "30 September 2025");   /* the longest fits in 20 bytes */
	static const char *const months[] = {"January", "February", "March", "April", "May", "June", "July",
					     "August", "September", "October", "November", "December"};
	for (int m = 1; m <= 12; m++) {
		char want[32];
		snprintf(want, sizeof want, "15 %s 2026", months[m - 1]);
		date_long(ymd(2026, m, 15), out, sizeof out);
		assert_string_equal(out, want);
	}
}

static void test_long_form_truncates_to_the_buffer(void **state)
{
	(void)state;
	char out[8];
	memset(out, 'x', sizeof out);
	date_long(ymd(2026, 11, 22), out, sizeof out);
	assert_string_equal(out, "22 Nove");
}

static void test_weekday_counts_from_monday(void **state)
{
	(void)state;
	assert_int_equal(date_weekday(0), 3);                   /* 1970-01-01 Thursday */
	assert_int_equal(date_weekday(-1), 2);                  /* 1969-12-31 Wednesday */
	assert_int_equal(date_weekday(-3), 0);                  /* 1969-12-29 Monday */
	assert_int_equal(date_weekday(-4), 6);                  /* 1969-12-28 Sunday */
	assert_int_equal(date_weekday(ymd(2026, 11, 22)), 6);   /* Sunday */
	assert_int_equal(date_weekday(ymd(2026, 11, 23)), 0);   /* Monday */
	assert_int_equal(date_weekday(ymd(2024, 2, 29)), 3);    /* Thursday */
	assert_int_equal(date_weekday(ymd(1900, 1, 1)), 0);     /* Monday */
	assert_int_equal(date_weekday(ymd(2000, 1, 1)), 5);     /* Saturday */
	for (day_t d = ymd(1960, 1, 1); d < ymd(1980, 1, 1); d++) {
		int w = date_weekday(d);
		assert_true(w >= 0 && w <= 6);
		assert_int_equal(date_weekday(d + 1), (w + 1) % 7);
	}
}

static void test_age_turns_on_the_birthday(void **state)
{
	(void)state;
	day_t born = ymd(2000, 3, 15);
	assert_int_equal(date_age(born, born), 0);
	assert_int_equal(date_age(born, ymd(2001, 3, 14)), 0);
	assert_int_equal(date_age(born, ymd(2001, 3, 15)), 1);
	assert_int_equal(date_age(born, ymd(2026, 3, 14)), 25);
	assert_int_equal(date_age(born, ymd(2026, 3, 15)), 26);
	assert_int_equal(date_age(born, ymd(2026, 3, 16)), 26);
	assert_int_equal(date_age(born, ymd(2026, 2, 28)), 25);
	assert_int_equal(date_age(born, ymd(2026, 4, 1)), 26);
	day_t nye = ymd(1999, 12, 31);
	assert_int_equal(date_age(nye, ymd(2000, 1, 1)), 0);
	assert_int_equal(date_age(nye, ymd(2000, 12, 30)), 0);
	assert_int_equal(date_age(nye, ymd(2000, 12, 31)), 1);
	day_t jan1 = ymd(1990, 1, 1);
	assert_int_equal(date_age(jan1, ymd(2025, 12, 31)), 35);
	assert_int_equal(date_age(jan1, ymd(2026, 1, 1)), 36);
}

static void test_age_of_a_leap_day_birth_turns_on_the_first_of_march(void **state)
{
	(void)state;
	day_t born = ymd(2000, 2, 29);
	assert_int_equal(date_age(born, ymd(2023, 2, 28)), 22);
	assert_int_equal(date_age(born, ymd(2023, 3, 1)), 23);
	assert_int_equal(date_age(born, ymd(2024, 2, 28)), 23);
	assert_int_equal(date_age(born, ymd(2024, 2, 29)), 24);
}

static void test_age_before_birth_is_minus_one(void **state)
{
	(void)state;
	day_t born = ymd(2000, 3, 15);
	assert_int_equal(date_age(born, born - 1), -1);
	assert_int_equal(date_age(born, ymd(1990, 6, 1)), -1);
}

static void test_london_2026_spring_change_at_one_utc(void **state)
{
	(void)state;
	/* 2026-03-29 is the last Sunday of March */
	assert_int_equal(date_weekday(ymd(2026, 3, 29)), 6);
	assert_false(date_london_is_bst(utc(2026, 3, 29, 0, 59, 59)));
	assert_true(date_london_is_bst(utc(2026, 3, 29, 1, 0, 0)));
	assert_false(date_london_is_bst(utc(2026, 3, 28, 12, 0, 0)));
	assert_false(date_london_is_bst(utc(2026, 3, 22, 12, 0, 0)));   /* an earlier Sunday */
	assert_true(date_london_is_bst(utc(2026, 3, 30, 0, 0, 0)));
	assert_int_equal(utc(2026, 3, 29, 1, 0, 0), (time_t)1774746000);
}

static void test_london_2026_autumn_change_at_one_utc(void **state)
{
	(void)state;
	/* 2026-10-25 is the last Sunday of October */
	assert_int_equal(date_weekday(ymd(2026, 10, 25)), 6);
	assert_true(date_london_is_bst(utc(2026, 10, 25, 0, 59, 59)));
	assert_false(date_london_is_bst(utc(2026, 10, 25, 1, 0, 0)));
	assert_true(date_london_is_bst(utc(2026, 10, 18, 12, 0, 0)));   /* an earlier Sunday */
	assert_false(date_london_is_bst(utc(2026, 10, 31, 23, 59, 59)));
	assert_false(date_london_is_bst(utc(2026, 12, 31, 23, 59, 59)));
	assert_false(date_london_is_bst(utc(2026, 1, 1, 0, 0, 0)));
	assert_true(date_london_is_bst(utc(2026, 7, 1, 12, 0, 0)));
}

/* The changes from 1996 (the EU rule) to 2040, from the IANA Europe/London zone:
 * the day of the March and the October change. */
static const struct {
	int year, march, october;
} CHANGES[] = {
	{1996, 31, 27}, {1997, 30, 26}, {1998, 29, 25}, {1999, 28, 31}, {2000, 26, 29}, {2001, 25, 28},
	{2002, 31, 27}, {2003, 30, 26}, {2004, 28, 31}, {2005, 27, 30}, {2006, 26, 29}, {2007, 25, 28},
	{2008, 30, 26}, {2009, 29, 25}, {2010, 28, 31}, {2011, 27, 30}, {2012, 25, 28}, {2013, 31, 27},
	{2014, 30, 26}, {2015, 29, 25}, {2016, 27, 30}, {2017, 26, 29}, {2018, 25, 28}, {2019, 31, 27},
	{2020, 29, 25}, {2021, 28, 31}, {2022, 27, 30}, {2023, 26, 29}, {2024, 31, 27}, {2025, 30, 26},
	{2026, 29, 25}, {2027, 28, 31}, {2028, 26, 29}, {2029, 25, 28}, {2030, 31, 27}, {2031, 30, 26},
	{2032, 28, 31}, {2033, 27, 30}, {2034, 26, 29}, {2035, 25, 28}, {2036, 30, 26}, {2037, 29, 25},
	{2038, 28, 31}, {2039, 27, 30}, {2040, 25, 28},
};

static void test_london_changes_match_the_tz_database(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof CHANGES / sizeof *CHANGES; i++) {
		int y = CHANGES[i].year;
		time_t on = utc(y, 3, CHANGES[i].march, 1, 0, 0);
		time_t off = utc(y, 10, CHANGES[i].october, 1, 0, 0);
		if (date_london_is_bst(on - 1) || !date_london_is_bst(on))
			fail_msg("%d: BST should start at 01:00 UTC on %d March", y, CHANGES[i].march);
		if (!date_london_is_bst(off - 1) || date_london_is_bst(off))
			fail_msg("%d: BST should end at 01:00 UTC on %d October", y, CHANGES[i].october);
		/* around each change, the London date and clock follow the offset */
		assert_int_equal(date_london_today(on - 1), ymd(y, 3, CHANGES[i].march));
		/* the March Sunday ends at 23:00 UTC (BST) */
		assert_int_equal(date_london_today(on + 22 * 3600 - 1), ymd(y, 3, CHANGES[i].march));
		assert_int_equal(date_london_today(on + 22 * 3600), ymd(y, 3, CHANGES[i].march) + 1);
		/* the Sunday of the October change begins at 23:00 UTC on the Saturday (BST) */
		assert_int_equal(date_london_today(off - 2 * 3600 - 1), ymd(y, 10, CHANGES[i].october) - 1);
		assert_int_equal(date_london_today(off - 2 * 3600), ymd(y, 10, CHANGES[i].october));
		assert_int_equal(date_london_today(off + 22 * 3600 + 59 * 60), ymd(y, 10, CHANGES[i].october));
	}
}

static void test_london_today_is_the_next_day_late_on_a_summer_evening(void **state)
{
	(void)state;
	assert_int_equal(date_london_today(utc(2026, 6, 15, 22, 59, 59)), ymd(2026, 6, 15));
	assert_int_equal(date_london_today(utc(2026, 6, 15, 23, 0, 0)), ymd(2026, 6, 16));
	assert_int_equal(date_london_today(utc(2026, 6, 15, 23, 30, 0)), ymd(2026, 6, 16));
	assert_int_equal(date_london_today(utc(2026, 6, 30, 23, 30, 0)), ymd(2026, 7, 1));
	assert_int_equal(date_london_today(utc(2026, 6, 16, 0, 30, 0)), ymd(2026, 6, 16));
}

static void test_london_today_is_the_utc_date_in_winter(void **state)
{
	(void)state;
	assert_int_equal(date_london_today(utc(2026, 1, 15, 23, 30, 0)), ymd(2026, 1, 15));
	assert_int_equal(date_london_today(utc(2026, 1, 15, 23, 59, 59)), ymd(2026, 1, 15));
	assert_int_equal(date_london_today(utc(2026, 1, 16, 0, 0, 0)), ymd(2026, 1, 16));
	assert_int_equal(date_london_today(utc(2025, 12, 31, 23, 59, 59)), ymd(2025, 12, 31));
	assert_int_equal(date_london_today(utc(2026, 1, 1, 0, 0, 0)), ymd(2026, 1, 1));
}

static void test_london_today_on_the_change_days(void **state)
{
	(void)state;
	/* spring: at 23:30 UTC the evening before the change it is still GMT */
	assert_int_equal(date_london_today(utc(2026, 3, 28, 23, 30, 0)), ymd(2026, 3, 28));
	/* the evening of the change it is BST, so 23:30 UTC is already Monday */
	assert_int_equal(date_london_today(utc(2026, 3, 29, 23, 30, 0)), ymd(2026, 3, 30));
	/* autumn: 23:30 UTC on the Saturday is 00:30 BST on the Sunday */
	assert_int_equal(date_london_today(utc(2026, 10, 24, 23, 30, 0)), ymd(2026, 10, 25));
	/* and the Sunday evening is GMT again */
	assert_int_equal(date_london_today(utc(2026, 10, 25, 23, 30, 0)), ymd(2026, 10, 25));
}

static void test_london_before_1970(void **state)
{
	(void)state;
	/* negative instants: floor division, not truncation toward zero */
	assert_int_equal(date_london_today((time_t)-1), -1);
	assert_int_equal(date_london_today((time_t)-86400), -1);
	assert_int_equal(date_london_today((time_t)-86401), -2);
	assert_false(date_london_is_bst((time_t)-1));
	assert_true(date_london_is_bst(utc(1969, 7, 1, 23, 30, 0)));
	assert_int_equal(date_london_today(utc(1969, 7, 1, 23, 30, 0)), ymd(1969, 7, 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_accepts_real_days),
		cmocka_unit_test(test_parse_knows_leap_years),
		cmocka_unit_test(test_parse_refuses_days_that_do_not_exist),
		cmocka_unit_test(test_parse_refuses_other_shapes),
		cmocka_unit_test(test_parse_accepts_years_1_to_9999_only),
		cmocka_unit_test(test_every_day_round_trips_and_matches_libc),
		cmocka_unit_test(test_iso_writes_ten_characters),
		cmocka_unit_test(test_long_form_is_day_month_name_year),
		cmocka_unit_test(test_long_form_truncates_to_the_buffer),
		cmocka_unit_test(test_weekday_counts_from_monday),
		cmocka_unit_test(test_age_turns_on_the_birthday),
		cmocka_unit_test(test_age_of_a_leap_day_birth_turns_on_the_first_of_march),
		cmocka_unit_test(test_age_before_birth_is_minus_one),
		cmocka_unit_test(test_london_2026_spring_change_at_one_utc),
		cmocka_unit_test(test_london_2026_autumn_change_at_one_utc),
		cmocka_unit_test(test_london_changes_match_the_tz_database),
		cmocka_unit_test(test_london_today_is_the_next_day_late_on_a_summer_evening),
		cmocka_unit_test(test_london_today_is_the_utc_date_in_winter),
		cmocka_unit_test(test_london_today_on_the_change_days),
		cmocka_unit_test(test_london_before_1970),
	};
	return cmocka_run_group_tests_name("date", tests, NULL, NULL);
}
