/* tests/unit/test_validate.c — the field rules of spec/interchange.md shared by every
 * front door: refs and codes, exact decimals (hours, FTE, wages), whole counts, free
 * text (valid UTF-8 included), UK postcodes, email addresses and phone numbers. Every refusal must come
 * with a message a person can act on. */
#include "testutil.h"
#include <stdint.h>
#include <stdio.h>
#include "core/validate.h"

#define N_OF(a) (sizeof(a) / sizeof *(a))

/* ---- refs and codes ---------------------------------------------------------- */

static void test_ref_accepts_printable_ascii_up_to_64_bytes(void **state)
{
	(void)state;
	const char *why = NULL;
	assert_true(valid_ref("a", &why));
	assert_true(valid_ref("CL-0001", &why));
	assert_true(valid_ref("RX4", &why));
	assert_true(valid_ref("!", &why));
	assert_true(valid_ref("~", &why));
	char all[95];
	for (int c = '!'; c <= '~'; c++)
		all[c - '!'] = (char)c;
	all[94] = '\0';
	char piece[65];
	for (size_t i = 0; i + 64 <= 94; i += 10) {   /* every printable byte, 64 at a time */
		memcpy(piece, all + i, 64);
		piece[64] = '\0';
		assert_true(valid_ref(piece, &why));
	}
	assert_null(why);   /* untouched when valid */
}

static void test_ref_of_65_bytes_is_refused(void **state)
{
	(void)state;
	char s[66];
	memset(s, 'x', 65);
	s[65] = '\0';
	const char *why = NULL;
	assert_false(valid_ref(s, &why));
	assert_non_null(why);
	s[64] = '\0';
	assert_true(valid_ref(s, &why));
}

static void test_ref_refuses_spaces_controls_and_non_ascii(void **state)
{
	(void)state;
	static const char *const bad[] = {"a b", " a", "a ", "a\tb", "a\nb", "a\x7f", "\x01", "caf\xc3\xa9", "\xff"};
	for (size_t i = 0; i < N_OF(bad); i++) {
		const char *why = NULL;
		assert_false(valid_ref(bad[i], &why));
		assert_non_null(why);
	}
}

static void test_ref_refuses_empty_and_null(void **state)
{
	(void)state;
	const char *why = NULL;
	assert_false(valid_ref("", &why));
	assert_non_null(why);
	why = NULL;
	assert_false(valid_ref(NULL, &why));
	assert_non_null(why);
}

static void test_refs_beginning_ipsdesk_dash_are_reserved(void **state)
{
	(void)state;
	assert_true(ref_is_reserved("ipsdesk-client-1"));
	assert_true(ref_is_reserved("ipsdesk-"));
	assert_false(ref_is_reserved("ipsdesk"));
	assert_false(ref_is_reserved("ipsdesk_client-1"));
	assert_false(ref_is_reserved("my-ipsdesk-1"));
	assert_false(ref_is_reserved("IPSDESK-1"));
	assert_false(ref_is_reserved(""));
	assert_false(ref_is_reserved(NULL));
}

/* ---- exact decimals ---------------------------------------------------------- */

static void assert_hundredths(const char *s, int64_t want)
{
	int64_t v = -1;
	const char *why = NULL;
	if (!parse_hundredths(s, &v, &why))
		fail_msg("\"%s\" refused: %s", s, why);
	assert_int_equal(v, want);
}

static void test_hundredths_parses_whole_and_decimal_numbers(void **state)
{
	(void)state;
	assert_hundredths("7", 700);
	assert_hundredths("6.5", 650);
	assert_hundredths("6.25", 625);
	assert_hundredths("6.05", 605);
	assert_hundredths("0", 0);
	assert_hundredths("0.01", 1);
	assert_hundredths("0.5", 50);
	assert_hundredths("1.00", 100);
	assert_hundredths("007.50", 750);
	assert_hundredths("37.5", 3750);
	assert_hundredths("999999999", 99999999900);
	assert_hundredths("999999999.99", 99999999999);
}

static void test_hundredths_refuses_other_shapes(void **state)
{
	(void)state;
	static const char *const bad[] = {"6.255", "6.2555", ".5", "5.", "-1", "-0.5", "+1", " 7", "7 ", "6,5",
					  "1e2", "6.5.0", "6..5", "6.-5", "six", "0x10", "", ".", "7\n",
					  "1234567890", "1234567890.5", "0000000000"};
	for (size_t i = 0; i < N_OF(bad); i++) {
		int64_t v = 12345;
		const char *why = NULL;
		if (parse_hundredths(bad[i], &v, &why))
			fail_msg("\"%s\" accepted as %lld", bad[i], (long long)v);
		assert_non_null(why);
		assert_int_equal(v, 12345);
	}
	int64_t v;
	const char *why = NULL;
	assert_false(parse_hundredths(NULL, &v, &why));
	assert_non_null(why);
}

static void assert_shortest(int64_t v, const char *want)
{
	char out[24];
	format_hundredths(v, out);
	assert_string_equal(out, want);
}

static void test_hundredths_format_is_the_shortest_form(void **state)
{
	(void)state;
	assert_shortest(700, "7");
	assert_shortest(650, "6.5");
	assert_shortest(625, "6.25");
	assert_shortest(605, "6.05");
	assert_shortest(0, "0");
	assert_shortest(1, "0.01");
	assert_shortest(10, "0.1");
	assert_shortest(50, "0.5");
	assert_shortest(100, "1");
	assert_shortest(3750, "37.5");
	assert_shortest(99999999999, "999999999.99");
}

static void test_hundredths_format_keeps_the_sign_of_negatives(void **state)
{
	(void)state;
	assert_shortest(-650, "-6.5");
	assert_shortest(-625, "-6.25");
	assert_shortest(-700, "-7");
	assert_shortest(-5, "-0.05");
	assert_shortest(-50, "-0.5");
	assert_shortest(INT64_MAX, "92233720368547758.07");
	assert_shortest(INT64_MIN, "-92233720368547758.08");
}

static void test_hundredths_round_trip(void **state)
{
	(void)state;
	for (int64_t v = 0; v <= 100000; v++) {
		char out[24];
		int64_t back = -1;
		const char *why;
		format_hundredths(v, out);
		if (!parse_hundredths(out, &back, &why) || back != v)
			fail_msg("%lld formats as \"%s\", which does not parse back", (long long)v, out);
	}
}

static void assert_pence(int64_t p, const char *want)
{
	char out[24];
	format_pence(p, out);
	assert_string_equal(out, want);
}

static void test_pence_always_has_two_decimals(void **state)
{
	(void)state;
	assert_pence(1150, "11.50");
	assert_pence(1105, "11.05");
	assert_pence(1100, "11.00");
	assert_pence(0, "0.00");
	assert_pence(5, "0.05");
	assert_pence(99, "0.99");
	assert_pence(1221, "12.21");
	assert_pence(-1150, "-11.50");
	assert_pence(-5, "-0.05");
	assert_pence(INT64_MAX, "92233720368547758.07");
	assert_pence(INT64_MIN, "-92233720368547758.08");
}

static void test_count_parses_up_to_nine_digits(void **state)
{
	(void)state;
	int64_t v = -1;
	const char *why = NULL;
	assert_true(parse_count("0", &v, &why));
	assert_int_equal(v, 0);
	assert_true(parse_count("45", &v, &why));
	assert_int_equal(v, 45);
	assert_true(parse_count("1440", &v, &why));
	assert_int_equal(v, 1440);
	assert_true(parse_count("007", &v, &why));
	assert_int_equal(v, 7);
	assert_true(parse_count("999999999", &v, &why));
	assert_int_equal(v, 999999999);
	assert_null(why);
}

static void test_count_refuses_other_shapes(void **state)
{
	(void)state;
	static const char *const bad[] = {"", "-1", "+1", "1.0", "1.", " 1", "1 ", "1e3", "one", "0x1", "1,000",
					  "1000000000", "0000000000", "99999999999999999999"};
	for (size_t i = 0; i < N_OF(bad); i++) {
		int64_t v = 12345;
		const char *why = NULL;
		if (parse_count(bad[i], &v, &why))
			fail_msg("\"%s\" accepted as %lld", bad[i], (long long)v);
		assert_non_null(why);
		assert_int_equal(v, 12345);
	}
	int64_t v;
	const char *why = NULL;
	assert_false(parse_count(NULL, &v, &why));
	assert_non_null(why);
}

/* ---- free text --------------------------------------------------------------- */

static void test_text_accepts_ordinary_text(void **state)
{
	(void)state;
	const char *why = NULL;
	assert_true(valid_text("Ann", 100, false, &why));
	assert_true(valid_text("  Ann  ", 100, false, &why));
	assert_true(valid_text("Siobh\xc3\xa1n O'Brien-Smith", 100, false, &why));
	assert_true(valid_text("x", 1, false, &why));
	assert_null(why);
}

static void test_text_of_only_spaces_is_refused(void **state)
{
	(void)state;
	static const char *const empty[] = {"", " ", "     "};
	for (size_t i = 0; i < N_OF(empty); i++) {
		const char *why = NULL;
		assert_false(valid_text(empty[i], 100, false, &why));
		assert_non_null(why);
		why = NULL;
		assert_false(valid_text(empty[i], 100, true, &why));
		assert_non_null(why);
	}
	const char *why = NULL;
	assert_false(valid_text(NULL, 100, false, &why));
	assert_non_null(why);
	why = NULL;
	assert_false(valid_text(" \n \t\r\n ", 100, true, &why));   /* only blank lines */
	assert_non_null(why);
}

static void test_text_longer_than_max_bytes_is_refused(void **state)
{
	(void)state;
	char s[302];
	memset(s, 'a', 301);
	s[301] = '\0';
	const char *why = NULL;
	assert_false(valid_text(s, 300, true, &why));
	assert_non_null(why);
	s[300] = '\0';
	why = NULL;
	assert_true(valid_text(s, 300, true, &why));
	s[200] = '\0';
	assert_true(valid_text(s, 200, false, &why));
	s[200] = 'a';
	s[201] = '\0';
	assert_false(valid_text(s, 200, false, &why));
	assert_non_null(why);
	/* max counts bytes, not characters: "é" is two */
	assert_true(valid_text("\xc3\xa9", 2, false, &why));
	assert_false(valid_text("\xc3\xa9", 1, false, &why));
}

static void test_text_refuses_control_characters(void **state)
{
	(void)state;
	static const char *const bad[] = {"a\x01", "a\x1b[31m", "a\x7f", "\x08", "a\x1f"};
	for (size_t i = 0; i < N_OF(bad); i++) {
		const char *why = NULL;
		assert_false(valid_text(bad[i], 100, false, &why));
		assert_non_null(why);
		why = NULL;
		assert_false(valid_text(bad[i], 100, true, &why));
		assert_non_null(why);
	}
}

static void test_text_allows_line_breaks_and_tabs_only_when_multiline(void **state)
{
	(void)state;
	static const char *const lines[] = {"first\nsecond", "first\r\nsecond", "a\tb", "trailing\n"};
	for (size_t i = 0; i < N_OF(lines); i++) {
		const char *why = NULL;
		assert_true(valid_text(lines[i], 100, true, &why));
		assert_null(why);
		assert_false(valid_text(lines[i], 100, false, &why));
		assert_non_null(why);
	}
}

static void test_text_refuses_invalid_utf8_as_the_csv_does(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"\x80", "caf\xe9", "\xff", "\xc0\xaf", "\xc1\xbf",        /* stray, Latin-1, overlong 2 */
		"\xe0\x80\xaf", "\xed\xa0\x80", "\xe2\x82",              /* overlong 3, surrogate, cut */
		"\xf0\x8f\xbf\xbf", "\xf4\x90\x80\x80", "\xf5\x80\x80\x80", /* overlong 4, > U+10FFFF */
		"ok \xe2\x82\xac\xe2",                                      /* cut after a good one */
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		const char *why = NULL;
		if (valid_text(bad[i], 100, true, &why))
			fail_msg("bad UTF-8 %zu accepted", i);
		assert_non_null(why);
		assert_int_equal(text_check(bad[i], 100, true), TEXT_NOT_UTF8);
		assert_false(text_utf8_valid(bad[i], strlen(bad[i])));
	}
	static const char *const good[] = {
		"\xc2\x80", "\xdf\xbf", "\xe0\xa0\x80", "\xed\x9f\xbf", "\xee\x80\x80",
		"\xf0\x90\x80\x80", "\xf4\x8f\xbf\xbf", "Zo\xc3\xab \xe2\x82\xac" "5 \xf0\x9f\x98\x80",
	};
	for (size_t i = 0; i < N_OF(good); i++) {
		const char *why = NULL;
		if (!valid_text(good[i], 100, false, &why))
			fail_msg("good UTF-8 %zu refused: %s", i, why);
	}
}

static void test_text_check_names_the_first_problem(void **state)
{
	(void)state;
	assert_int_equal(text_check("Ann", 100, false), TEXT_OK);
	assert_int_equal(text_check("Ann\nB", 100, false), TEXT_LINE_BREAK);
	assert_int_equal(text_check("Ann\nB", 100, true), TEXT_OK);
	assert_int_equal(text_check("A\x1b", 100, true), TEXT_CONTROL);
	assert_int_equal(text_check("   ", 100, false), TEXT_BLANK);
	assert_int_equal(text_check("", 100, false), TEXT_BLANK);
	assert_int_equal(text_check(NULL, 100, false), TEXT_BLANK);
	assert_int_equal(text_check("Annabel", 3, false), TEXT_TOO_LONG);
	/* invalid UTF-8 is found before anything else, as the CSV reader finds it first */
	assert_int_equal(text_check("\x01\n\xff", 1, false), TEXT_NOT_UTF8);
}

/* ---- postcodes --------------------------------------------------------------- */

static void assert_postcode(const char *in, const char *want)
{
	char out[9] = "junk";
	const char *why = NULL;
	if (!postcode_normalise(in, out, &why))
		fail_msg("\"%s\" refused: %s", in, why);
	assert_string_equal(out, want);
}

static void test_postcodes_of_every_outward_shape_normalise(void **state)
{
	(void)state;
	assert_postcode("M1 1AE", "M1 1AE");       /* A9 */
	assert_postcode("B33 8TH", "B33 8TH");     /* A99 */
	assert_postcode("CR2 6XH", "CR2 6XH");     /* AA9 */
	assert_postcode("DN55 1PT", "DN55 1PT");   /* AA99 */
	assert_postcode("W1A 0AX", "W1A 0AX");     /* A9A */
	assert_postcode("SW1A 1AA", "SW1A 1AA");   /* AA9A */
	assert_postcode("EC1A 1BB", "EC1A 1BB");
	assert_postcode("LS1 4AP", "LS1 4AP");
}

static void test_postcodes_gain_a_space_and_capitals(void **state)
{
	(void)state;
	assert_postcode("ls14ap", "LS1 4AP");
	assert_postcode("EC1A1BB", "EC1A 1BB");
	assert_postcode("sw1a1aa", "SW1A 1AA");
	assert_postcode("m11ae", "M1 1AE");
	assert_postcode("Dn55 1pT", "DN55 1PT");
}

static void test_postcodes_that_are_not_postcodes_are_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {
		"", "LS1", "LS1 4A", "1AA", "LS1  4AP",   /* two spaces */
		"SW1A1AAA", "SW1A 1AAA", "LS1 4APX", "ABCDE 1AA",
		"1LS 4AP", "L 4AP", "LS 4AP", "LSX1 4AP", "L1A1 4AP", "LS1A1 4AP",
		"LS1 AAP", "LS1 44P", "LS1 4A1", "LS1-4AP", "LS1\t4AP", "LS1_4AP",
		"LS1 4\xc3\x84P", "\xc3\x9cS1 4AP", "hello", "12345",
	};
	for (size_t i = 0; i < N_OF(bad); i++) {
		char out[9] = "junk";
		const char *why = NULL;
		if (postcode_normalise(bad[i], out, &why))
			fail_msg("\"%s\" accepted as \"%s\"", bad[i], out);
		assert_non_null(why);
		assert_string_equal(out, "");
	}
	char out[9] = "junk";
	const char *why = NULL;
	assert_false(postcode_normalise(NULL, out, &why));
	assert_non_null(why);
	assert_string_equal(out, "");
}

/* ---- email and phone --------------------------------------------------------- */

static void test_plausible_emails_are_accepted(void **state)
{
	(void)state;
	static const char *const ok[] = {"name@example.com", "a@b.co", "first.last+ips@nhs.net",
					 "x@sub.example.org.uk"};
	for (size_t i = 0; i < N_OF(ok); i++) {
		const char *why = NULL;
		if (!valid_email(ok[i], &why))
			fail_msg("\"%s\" refused", ok[i]);
	}
	char s[255];
	memset(s, 'a', 254);
	memcpy(s + 254 - 12, "@example.com", 12);
	s[254] = '\0';
	const char *why;
	assert_true(valid_email(s, &why));   /* exactly 254 bytes */
}

static void test_implausible_emails_are_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {"", "name", "name.example.com", "@example.com", "name@",
					  "name@example", "name@example.", "name@.com", "a@b@c.com",
					  "name @example.com", "name@example .com", " name@example.com",
					  "name@example.com ", "na\tme@example.com", "name@exam\x7fple.com",
					  "name@exam\nple.com"};
	for (size_t i = 0; i < N_OF(bad); i++) {
		const char *why = NULL;
		if (valid_email(bad[i], &why))
			fail_msg("\"%s\" accepted", bad[i]);
		assert_non_null(why);
	}
	const char *why = NULL;
	assert_false(valid_email(NULL, &why));
	assert_non_null(why);
	char s[256];
	memset(s, 'a', 255);
	memcpy(s + 255 - 12, "@example.com", 12);
	s[255] = '\0';
	assert_false(valid_email(s, &why));   /* 255 bytes */
}

static void test_uk_phone_numbers_are_accepted(void **state)
{
	(void)state;
	static const char *const ok[] = {"0113 496 0000", "01134960000", "+44 113 496 0000", "(0113) 496-0000",
					 "07700 900123", "0113 496 000", "+44 (0)113 496 0000",
					 "123456789012345"};
	for (size_t i = 0; i < N_OF(ok); i++) {
		const char *why = NULL;
		if (!valid_phone(ok[i], &why))
			fail_msg("\"%s\" refused", ok[i]);
	}
}

static void test_phone_numbers_need_10_to_15_digits_and_nothing_else(void **state)
{
	(void)state;
	static const char *const bad[] = {"", "   ", "011349600", "0113 496 00", "1234567890123456",
					  "0113 496 0000 ext 2", "0113.496.0000", "0113/496/0000",
					  "tel:01134960000", "0113\t496\t0000", "\xef\xbc\x90" "1134960000"};
	for (size_t i = 0; i < N_OF(bad); i++) {
		const char *why = NULL;
		if (valid_phone(bad[i], &why))
			fail_msg("\"%s\" accepted", bad[i]);
		assert_non_null(why);
	}
	const char *why = NULL;
	assert_false(valid_phone(NULL, &why));
	assert_non_null(why);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ref_accepts_printable_ascii_up_to_64_bytes),
		cmocka_unit_test(test_ref_of_65_bytes_is_refused),
		cmocka_unit_test(test_ref_refuses_spaces_controls_and_non_ascii),
		cmocka_unit_test(test_ref_refuses_empty_and_null),
		cmocka_unit_test(test_refs_beginning_ipsdesk_dash_are_reserved),
		cmocka_unit_test(test_hundredths_parses_whole_and_decimal_numbers),
		cmocka_unit_test(test_hundredths_refuses_other_shapes),
		cmocka_unit_test(test_hundredths_format_is_the_shortest_form),
		cmocka_unit_test(test_hundredths_format_keeps_the_sign_of_negatives),
		cmocka_unit_test(test_hundredths_round_trip),
		cmocka_unit_test(test_pence_always_has_two_decimals),
		cmocka_unit_test(test_count_parses_up_to_nine_digits),
		cmocka_unit_test(test_count_refuses_other_shapes),
		cmocka_unit_test(test_text_accepts_ordinary_text),
		cmocka_unit_test(test_text_of_only_spaces_is_refused),
		cmocka_unit_test(test_text_longer_than_max_bytes_is_refused),
		cmocka_unit_test(test_text_refuses_control_characters),
		cmocka_unit_test(test_text_allows_line_breaks_and_tabs_only_when_multiline),
		cmocka_unit_test(test_text_refuses_invalid_utf8_as_the_csv_does),
		cmocka_unit_test(test_text_check_names_the_first_problem),
		cmocka_unit_test(test_postcodes_of_every_outward_shape_normalise),
		cmocka_unit_test(test_postcodes_gain_a_space_and_capitals),
		cmocka_unit_test(test_postcodes_that_are_not_postcodes_are_refused),
		cmocka_unit_test(test_plausible_emails_are_accepted),
		cmocka_unit_test(test_implausible_emails_are_refused),
		cmocka_unit_test(test_uk_phone_numbers_are_accepted),
		cmocka_unit_test(test_phone_numbers_need_10_to_15_digits_and_nothing_else),
	};
	return cmocka_run_group_tests_name("validate", tests, NULL, NULL);
}
