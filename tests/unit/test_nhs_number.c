/* tests/unit/test_nhs_number.c — the NHS number rules of DOMAIN.md and
 * spec/interchange.md: Modulus 11 check digit (10 -> invalid, 11 -> 0), spaces
 * anywhere removed, exactly ten digits, and the "943 476 5919" display form. */
#include "testutil.h"
#include "core/nhs_number.h"

static void test_the_domain_example_is_valid(void **state)
{
	(void)state;
	assert_true(nhs_number_valid("9434765919"));
	assert_int_equal(nhs_number_check_digit("943476591"), 9);
}

static void test_a_wrong_check_digit_is_invalid(void **state)
{
	(void)state;
	assert_false(nhs_number_valid("9434765918"));
	char out[11] = "junk";
	assert_int_equal(nhs_number_normalise("9434765918", out), NHS_NUMBER_CHECK_DIGIT);
	assert_string_equal(out, "");
}

static void test_every_other_last_digit_fails(void **state)
{
	(void)state;
	char n[11] = "9434765910";
	for (char d = '0'; d <= '9'; d++) {
		n[9] = d;
		assert_int_equal(nhs_number_valid(n), d == '9');
	}
}

static void test_a_check_digit_of_ten_makes_every_number_invalid(void **state)
{
	(void)state;
	/* 1*10+2*9+3*8+4*7+5*6+6*5+7*4+8*3+9*2 = 210, 210 mod 11 = 1, 11 - 1 = 10 */
	assert_int_equal(nhs_number_check_digit("123456789"), -1);
	assert_int_equal(nhs_number_check_digit("100000001"), -1);
	char n[11] = "1234567890";
	char out[11];
	for (char d = '0'; d <= '9'; d++) {
		n[9] = d;
		assert_false(nhs_number_valid(n));
		assert_int_equal(nhs_number_normalise(n, out), NHS_NUMBER_CHECK_DIGIT);
	}
}

static void test_a_remainder_of_zero_gives_check_digit_zero(void **state)
{
	(void)state;
	/* 9*10+8*9+7*8+6*7+5*6+4*5+3*4+2*3+1*2 = 330 = 30*11: 11 - 0 = 11 -> 0 */
	assert_int_equal(nhs_number_check_digit("987654321"), 0);
	assert_true(nhs_number_valid("9876543210"));
	assert_false(nhs_number_valid("9876543211"));
	assert_int_equal(nhs_number_check_digit("000000000"), 0);
	assert_true(nhs_number_valid("0000000000"));
	assert_int_equal(nhs_number_check_digit("100000006"), 0);
}

static void test_check_digit_refuses_non_digits(void **state)
{
	(void)state;
	assert_int_equal(nhs_number_check_digit("94347659A"), -1);
	assert_int_equal(nhs_number_check_digit("94347 591"), -1);
}

static void test_spaces_anywhere_are_removed(void **state)
{
	(void)state;
	static const char *const ok[] = {"9434765919", "943 476 5919", " 9434765919", "9434765919 ",
					 "9 4 3 4 7 6 5 9 1 9", "  943  476  5919  ", "94347659 19"};
	for (size_t i = 0; i < sizeof ok / sizeof *ok; i++) {
		char out[11] = "junk";
		assert_int_equal(nhs_number_normalise(ok[i], out), NHS_NUMBER_OK);
		assert_string_equal(out, "9434765919");
	}
}

static void test_nine_or_eleven_digits_are_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {"943476591", "94347659199", "943 476 591", "943 476 59190",
					  "0", "98765432100"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char out[11] = "junk";
		assert_int_equal(nhs_number_normalise(bad[i], out), NHS_NUMBER_NOT_10_DIGITS);
		assert_string_equal(out, "");
	}
	assert_false(nhs_number_valid("943476591"));
	assert_false(nhs_number_valid("94347659190"));
}

static void test_letters_and_other_characters_are_refused(void **state)
{
	(void)state;
	static const char *const bad[] = {"943476591A", "A9434765919", "943-476-5919", "943\t476\t5919",
					  "９434765919", "943476591９", "943.476.5919", "+9434765919"};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		char out[11] = "junk";
		assert_int_equal(nhs_number_normalise(bad[i], out), NHS_NUMBER_NOT_10_DIGITS);
		assert_string_equal(out, "");
	}
	assert_false(nhs_number_valid("943476591O"));
	assert_false(nhs_number_valid("943 476 59"));
}

static void test_null_empty_and_only_spaces_are_refused(void **state)
{
	(void)state;
	char out[11] = "junk";
	assert_int_equal(nhs_number_normalise(NULL, out), NHS_NUMBER_NOT_10_DIGITS);
	assert_string_equal(out, "");
	memcpy(out, "junk", 5);
	assert_int_equal(nhs_number_normalise("", out), NHS_NUMBER_NOT_10_DIGITS);
	assert_string_equal(out, "");
	memcpy(out, "junk", 5);
	assert_int_equal(nhs_number_normalise("          ", out), NHS_NUMBER_NOT_10_DIGITS);
	assert_string_equal(out, "");
	assert_false(nhs_number_valid(NULL));
	assert_false(nhs_number_valid(""));
}

static void test_a_refused_number_leaves_out_terminated(void **state)
{
	(void)state;
	/* the eleventh digit is refused after ten were copied: out must still be "" */
	char out[11];
	memset(out, 'x', sizeof out);
	assert_int_equal(nhs_number_normalise("94347659199", out), NHS_NUMBER_NOT_10_DIGITS);
	assert_string_equal(out, "");
	memset(out, 'x', sizeof out);
	assert_int_equal(nhs_number_normalise("943476591x", out), NHS_NUMBER_NOT_10_DIGITS);
	assert_string_equal(out, "");
}

static void test_format_groups_three_three_four(void **state)
{
	(void)state;
	char out[13];
	nhs_number_format("9434765919", out);
	assert_string_equal(out, "943 476 5919");
	nhs_number_format("0000000000", out);
	assert_string_equal(out, "000 000 0000");
}

static void test_format_of_a_wrong_length_is_empty(void **state)
{
	(void)state;
	char out[13] = "junk";
	nhs_number_format("943476591", out);
	assert_string_equal(out, "");
	memcpy(out, "junk", 5);
	nhs_number_format("94347659190", out);
	assert_string_equal(out, "");
	memcpy(out, "junk", 5);
	nhs_number_format(NULL, out);
	assert_string_equal(out, "");
	memcpy(out, "junk", 5);
	nhs_number_format("", out);
	assert_string_equal(out, "");
}

static void test_normalise_then_format_round_trips(void **state)
{
	(void)state;
	char digits[11], shown[13], again[11];
	assert_int_equal(nhs_number_normalise(" 94 34 76 59 19 ", digits), NHS_NUMBER_OK);
	nhs_number_format(digits, shown);
	assert_string_equal(shown, "943 476 5919");
	assert_int_equal(nhs_number_normalise(shown, again), NHS_NUMBER_OK);
	assert_string_equal(again, digits);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_the_domain_example_is_valid),
		cmocka_unit_test(test_a_wrong_check_digit_is_invalid),
		cmocka_unit_test(test_every_other_last_digit_fails),
		cmocka_unit_test(test_a_check_digit_of_ten_makes_every_number_invalid),
		cmocka_unit_test(test_a_remainder_of_zero_gives_check_digit_zero),
		cmocka_unit_test(test_check_digit_refuses_non_digits),
		cmocka_unit_test(test_spaces_anywhere_are_removed),
		cmocka_unit_test(test_nine_or_eleven_digits_are_refused),
		cmocka_unit_test(test_letters_and_other_characters_are_refused),
		cmocka_unit_test(test_null_empty_and_only_spaces_are_refused),
		cmocka_unit_test(test_a_refused_number_leaves_out_terminated),
		cmocka_unit_test(test_format_groups_three_three_four),
		cmocka_unit_test(test_format_of_a_wrong_length_is_empty),
		cmocka_unit_test(test_normalise_then_format_round_trips),
	};
	return cmocka_run_group_tests_name("nhs_number", tests, NULL, NULL);
}
